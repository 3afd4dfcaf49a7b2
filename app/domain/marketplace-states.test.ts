import { describe, expect, it } from 'vitest';
import {
  ORDER_ACTIONS,
  ORDER_STATUSES,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  effectiveQuoteStatus,
  isUnansweredTooLong,
  orderAmount,
  orderTransition,
  quoteTransition,
  requestTransition,
} from './marketplace-states';

// Expected answers written from formats/marketplace-api.md, not from the tables under test:
// every pair not listed here must be refused with the current status.

const REQUEST_ALLOWED: Record<string, string> = {
  'new|provider-message': 'replied',
  'replied|provider-message': 'replied',
  'quoted|provider-message': 'quoted',
  'won|provider-message': 'won',
  'new|sme-message': 'new',
  'replied|sme-message': 'replied',
  'quoted|sme-message': 'quoted',
  'won|sme-message': 'won',
  'new|quote': 'quoted',
  'replied|quote': 'quoted',
  'quoted|quote': 'quoted',
  'quoted|accept-quote': 'won',
  'quoted|decline-last-quote': 'replied',
  'new|withdraw': 'lost',
  'replied|withdraw': 'lost',
  'quoted|withdraw': 'lost',
  'new|no-reply-30-days': 'lost',
};

const ORDER_ALLOWED: Record<string, string> = {
  'pending_payment|cancel': 'cancelled',
  'pending_payment|payment-received': 'paid',
  'paid|deliver': 'delivered',
  'delivered|confirm': 'confirmed',
  'delivered|dispute': 'disputed',
  'disputed|decide-for-provider': 'confirmed',
  'disputed|decide-for-buyer': 'refunded',
  'paid|refund': 'refunded',
  'delivered|refund': 'refunded',
  'disputed|refund': 'refunded',
  'confirmed|refund': 'refunded',
};

describe('request states', () => {
  for (const status of REQUEST_STATUSES)
    for (const action of REQUEST_ACTIONS) {
      const expected = REQUEST_ALLOWED[`${status}|${action}`];
      it(`${status} + ${action} → ${expected ?? 'refused'}`, () => {
        expect(requestTransition(status, action)).toEqual(
          expected ? { ok: true, from: status, to: expected } : { ok: false, status },
        );
      });
    }

  it('the 30-day rule counts from creation, 30 whole days', () => {
    expect(isUnansweredTooLong('2026-01-01T00:00:00Z', new Date('2026-01-30T23:59:59Z'))).toBe(false);
    expect(isUnansweredTooLong('2026-01-01T00:00:00Z', new Date('2026-01-31T00:00:00Z'))).toBe(true);
  });
});

describe('quote states', () => {
  it('an open quote may be accepted or declined until its last valid day, inclusive', () => {
    expect(quoteTransition('open', '2026-12-06', '2026-12-06', 'accept')).toEqual({
      ok: true,
      from: 'open',
      to: 'accepted',
    });
    expect(quoteTransition('open', '2026-12-06', '2026-12-06', 'decline')).toEqual({
      ok: true,
      from: 'open',
      to: 'declined',
    });
    expect(quoteTransition('open', '2026-12-06', '2026-12-06', 'expire')).toEqual({
      ok: true,
      from: 'open',
      to: 'expired',
    });
  });

  it('an open quote past its validity is expired: accepting or declining it is refused as expired', () => {
    expect(effectiveQuoteStatus('open', '2026-12-05', '2026-12-06')).toBe('expired');
    expect(quoteTransition('open', '2026-12-05', '2026-12-06', 'accept')).toEqual({
      ok: false,
      status: 'expired',
    });
    expect(quoteTransition('open', '2026-12-05', '2026-12-06', 'decline')).toEqual({
      ok: false,
      status: 'expired',
    });
  });

  for (const status of ['accepted', 'declined', 'expired'] as const)
    for (const action of ['accept', 'decline', 'expire'] as const)
      it(`${status} + ${action} → refused`, () => {
        expect(quoteTransition(status, '2099-01-01', '2026-12-06', action)).toEqual({ ok: false, status });
      });
});

describe('order states', () => {
  for (const status of ORDER_STATUSES)
    for (const action of ORDER_ACTIONS) {
      const expected = ORDER_ALLOWED[`${status}|${action}`];
      it(`${status} + ${action} → ${expected ?? 'refused'}`, () => {
        expect(orderTransition(status, action)).toEqual(
          expected ? { ok: true, from: status, to: expected } : { ok: false, status },
        );
      });
    }

  it('an order is one billing period: payable is the amount less a subsidy, never below 0', () => {
    expect(orderAmount(98000)).toEqual({ amountFen: 98000, subsidyFen: 0, payableFen: 98000 });
    expect(orderAmount(98000, 30000)).toEqual({ amountFen: 98000, subsidyFen: 30000, payableFen: 68000 });
    expect(orderAmount(10000, 50000)).toEqual({ amountFen: 10000, subsidyFen: 10000, payableFen: 0 });
  });
});
