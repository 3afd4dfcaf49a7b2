import { describe, expect, it } from 'vitest';
import {
  admissionOf,
  fraudRefusals,
  markingCovers,
  moveGate,
  recordingOf,
  REPORTERS,
  type Parties,
} from './adoption-admission';
import type { EventStatus } from './adoption-counting';

const CLEAN: Parties = { enterprise: { fraudFlaggedAt: null }, provider: { fraudFlaggedAt: null } };
const FLAGGED = { fraudFlaggedAt: '2026-12-01T00:00:00Z' };

describe('which events verify on arrival (formats/adoption-events.md, "verified when …")', () => {
  it('trusts an online payment, a prefecture office (key or report) and an official', () => {
    expect(recordingOf('payment')).toEqual({ source: 'payment', verified: true });
    expect(recordingOf('prefecture-key')).toEqual({ source: 'api', verified: true });
    expect(recordingOf('prefecture-report')).toEqual({ source: 'prefecture-report', verified: true });
    expect(recordingOf('official')).toEqual({ source: 'official', verified: true });
  });

  it('keeps a provider’s word pending, by key or by deployment report', () => {
    expect(recordingOf('provider-key')).toEqual({ source: 'api', verified: false });
    expect(recordingOf('provider-report')).toEqual({ source: 'provider-report', verified: false });
  });

  it('admits a new enterprise (not yet known) and an event naming no registered provider', () => {
    expect(admissionOf('prefecture-report', { enterprise: null, provider: null })).toEqual({
      ok: true,
      source: 'prefecture-report',
      verified: true,
    });
  });
});

describe('the fraud gate (Jiangsu rule: both the enterprise and its provider)', () => {
  it('refuses every reporter while the enterprise is flagged', () => {
    for (const reporter of REPORTERS)
      expect(admissionOf(reporter, { ...CLEAN, enterprise: FLAGGED })).toMatchObject({
        ok: false,
        refusal: 'enterprise-flagged',
      });
  });

  it('refuses every reporter while the provider is flagged', () => {
    for (const reporter of REPORTERS)
      expect(admissionOf(reporter, { ...CLEAN, provider: FLAGGED })).toMatchObject({
        ok: false,
        refusal: 'provider-flagged',
      });
  });

  it('names both refusals, the enterprise first, when both are flagged', () => {
    expect(fraudRefusals({ enterprise: FLAGGED, provider: FLAGGED })).toEqual([
      'enterprise-flagged',
      'provider-flagged',
    ]);
    expect(fraudRefusals(CLEAN)).toEqual([]);
  });
});

describe('moves on an event already in the ledger', () => {
  const at = (status: EventStatus, parties: Parties = CLEAN) => ({ status, ...parties });

  it('lets the enterprise confirm or dispute only a pending event', () => {
    expect(moveGate('confirm', at('pending'))).toEqual({ ok: true, action: 'confirm' });
    expect(moveGate('dispute', at('pending'))).toEqual({ ok: true, action: 'dispute' });
    for (const status of ['verified', 'disputed', 'revoked'] as const) {
      expect(moveGate('confirm', at(status))).toEqual({ ok: false, refusal: 'not-pending' });
      expect(moveGate('dispute', at(status))).toEqual({ ok: false, refusal: 'not-pending' });
    }
  });

  it('refuses a confirmation or a verification while a party is flagged, but not a dispute', () => {
    expect(moveGate('confirm', at('pending', { ...CLEAN, provider: FLAGGED }))).toEqual({
      ok: false,
      refusal: 'provider-flagged',
    });
    expect(moveGate('verify', at('disputed', { ...CLEAN, enterprise: FLAGGED }))).toEqual({
      ok: false,
      refusal: 'enterprise-flagged',
    });
    expect(moveGate('dispute', at('pending', { enterprise: FLAGGED, provider: FLAGGED }))).toEqual({
      ok: true,
      action: 'dispute',
    });
  });

  it('lets an official verify pending or disputed events; a verified one is left as it is; a revoked one is final', () => {
    expect(moveGate('verify', at('pending'))).toEqual({ ok: true, action: 'verify' });
    expect(moveGate('verify', at('disputed'))).toEqual({ ok: true, action: 'verify' });
    expect(moveGate('verify', at('verified'))).toEqual({ ok: true, action: null });
    expect(moveGate('verify', at('revoked'))).toEqual({ ok: false, refusal: 'already-revoked' });
    expect(moveGate('revoke', at('verified'))).toEqual({ ok: true, action: 'revoke' });
    expect(moveGate('revoke', at('revoked'))).toEqual({ ok: false, refusal: 'already-revoked' });
  });

  it('withdraws an event on a refund or a fraud marking, leaving an already revoked one alone', () => {
    for (const move of ['refund', 'fraud-revoke'] as const) {
      expect(moveGate(move, { status: 'verified' })).toEqual({ ok: true, action: 'revoke' });
      expect(moveGate(move, { status: 'pending' })).toEqual({ ok: true, action: 'revoke' });
      expect(moveGate(move, { status: 'revoked' })).toEqual({ ok: true, action: null });
    }
  });

  it('reinstates a revoked event only when neither side is still flagged', () => {
    expect(moveGate('reinstate', at('revoked'))).toEqual({ ok: true, action: 'reinstate' });
    expect(moveGate('reinstate', at('revoked', { ...CLEAN, provider: FLAGGED }))).toEqual({
      ok: false,
      refusal: 'provider-flagged',
    });
    expect(moveGate('reinstate', at('verified'))).toEqual({ ok: true, action: null });
  });
});

describe('what a fraud marking covers', () => {
  const event = { enterpriseId: 'e1', providerId: null, providerUscc: '91510100MA0000001X' };

  it('covers the enterprise’s events, and the provider’s by id or by the USCC a report named', () => {
    expect(markingCovers({ type: 'enterprise', id: 'e1', uscc: 'x' }, event)).toBe(true);
    expect(markingCovers({ type: 'enterprise', id: 'e2', uscc: 'x' }, event)).toBe(false);
    expect(markingCovers({ type: 'provider', id: 'p1', uscc: '91510100MA0000001X' }, event)).toBe(true);
    expect(markingCovers({ type: 'provider', id: 'p1', uscc: 'other' }, { ...event, providerId: 'p1' })).toBe(
      true,
    );
    expect(markingCovers({ type: 'provider', id: 'p1', uscc: 'other' }, event)).toBe(false);
  });
});
