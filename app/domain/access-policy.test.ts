import { describe, expect, it } from 'vitest';
import {
  CONSOLES,
  coversPrefecture,
  homeFor,
  isProvincialOfficial,
  marketplaceSide,
  mayCallOrderEndpoint,
  mayCallRequestEndpoint,
  mayDeleteOwnAccount,
  mayEnterConsole,
  mayManageAccounts,
  mayManageApiKey,
  maySideWrite,
  programmeAccess,
  scopeCovers,
  type Console,
  type OrderEndpoint,
  type Principal,
  type RequestEndpoint,
  type Role,
  viewPrefecture,
} from './access-policy';

// Every role × every question, with the answers written out from README "Access policy" and
// formats/marketplace-api.md ("Common rules", "Orders"), not read from the tables under test.

const sme: Principal = { role: 'sme', enterpriseId: 'ent-1' };
const smeWithoutProfile: Principal = { role: 'sme', enterpriseId: null };
const provider: Principal = { role: 'provider', providerId: 'prov-1' };
const chengdu: Principal = { role: 'official', scopePrefecture: '5101' };
const mianyang: Principal = { role: 'official', scopePrefecture: '5107' };
const province: Principal = { role: 'official', scopePrefecture: null };
const admin: Principal = { role: 'admin' };
const everyone = { sme, provider, chengdu, mianyang, province, admin };

describe('consoles', () => {
  it('each role enters exactly its own console, and lands there after signing in', () => {
    const expected: Record<Role, Console> = {
      sme: 'enterprise',
      provider: 'provider',
      official: 'official',
      admin: 'admin',
    };
    for (const role of ['sme', 'provider', 'official', 'admin'] as const) {
      for (const console of Object.keys(CONSOLES) as Console[])
        expect(mayEnterConsole(role, console), `${role} → ${console}`).toBe(expected[role] === console);
    }
    expect(['sme', 'provider', 'official', 'admin'].map((r) => homeFor(r as Role))).toEqual([
      '/enterprise',
      '/provider',
      '/official',
      '/admin',
    ]);
  });

  it('only admins manage accounts', () => {
    expect(mayManageAccounts('admin')).toBe(true);
    for (const role of ['sme', 'provider', 'official'] as const) expect(mayManageAccounts(role)).toBe(false);
  });

  it('SME and provider accounts delete themselves; staff accounts do not (README "Privacy")', () => {
    expect(mayDeleteOwnAccount('sme')).toBe(true);
    expect(mayDeleteOwnAccount('provider')).toBe(true);
    expect(mayDeleteOwnAccount('official')).toBe(false);
    expect(mayDeleteOwnAccount('admin')).toBe(false);
  });
});

describe('prefecture scope', () => {
  it('a prefecture scope covers its own prefecture; the provincial scope every one', () => {
    expect(scopeCovers('5101', '5101')).toBe(true);
    expect(scopeCovers('5101', '5107')).toBe(false);
    expect(scopeCovers(null, '5101')).toBe(true);
    expect(scopeCovers(null, '5134')).toBe(true);
  });

  it('only officials reach records by prefecture: never an SME, a provider or an admin', () => {
    const answers = Object.fromEntries(
      Object.entries(everyone).map(([name, who]) => [
        name,
        [coversPrefecture(who, '5101'), coversPrefecture(who, '5107')],
      ]),
    );
    expect(answers).toEqual({
      sme: [false, false],
      provider: [false, false],
      chengdu: [true, false],
      mianyang: [false, true],
      province: [true, true],
      admin: [false, false],
    });
  });

  it('a signed-in user row answers as its role does (an admin row with no scope is not provincial)', () => {
    expect(coversPrefecture({ role: 'admin' }, '5101')).toBe(false);
    expect(isProvincialOfficial({ role: 'admin' })).toBe(false);
  });

  it('only provincial officials change province-wide settings', () => {
    const answers = Object.fromEntries(
      Object.entries(everyone).map(([name, who]) => [name, isProvincialOfficial(who)]),
    );
    expect(answers).toEqual({
      sme: false,
      provider: false,
      chengdu: false,
      mianyang: false,
      province: true,
      admin: false,
    });
  });

  it('a view by prefecture (counter, enterprise list): the province or any prefecture for a provincial official, only its own for a prefecture official', () => {
    expect(viewPrefecture(null, undefined)).toEqual({ ok: true, prefecture: null });
    expect(viewPrefecture(null, '5107')).toEqual({ ok: true, prefecture: '5107' });
    expect(viewPrefecture('5101', undefined)).toEqual({ ok: true, prefecture: '5101' });
    expect(viewPrefecture('5101', '5101')).toEqual({ ok: true, prefecture: '5101' });
    expect(viewPrefecture('5101', '5107')).toEqual({ ok: false });
  });

  it('voucher programmes: provincial ones read by prefecture officials, another prefecture’s unseen', () => {
    expect(programmeAccess(null, null)).toBe('manage');
    expect(programmeAccess(null, '5101')).toBe('manage');
    expect(programmeAccess('5101', '5101')).toBe('manage');
    expect(programmeAccess('5101', null)).toBe('read');
    expect(programmeAccess('5101', '5107')).toBe('none');
  });
});

describe('API keys', () => {
  it('a provider manages its own keys only', () => {
    const me = { kind: 'provider' as const, providerId: 'prov-1' };
    expect(mayManageApiKey(me, { kind: 'provider', providerId: 'prov-1' })).toBe(true);
    expect(mayManageApiKey(me, { kind: 'provider', providerId: 'prov-2' })).toBe(false);
    expect(mayManageApiKey(me, { kind: 'prefecture', prefecture: '5101' })).toBe(false);
  });

  it('an official manages the prefecture-office keys of its scope, never a provider’s', () => {
    const chengduOffice = { kind: 'official' as const, scope: '5101' };
    const provincial = { kind: 'official' as const, scope: null };
    expect(mayManageApiKey(chengduOffice, { kind: 'prefecture', prefecture: '5101' })).toBe(true);
    expect(mayManageApiKey(chengduOffice, { kind: 'prefecture', prefecture: '5107' })).toBe(false);
    expect(mayManageApiKey(provincial, { kind: 'prefecture', prefecture: '5107' })).toBe(true);
    expect(mayManageApiKey(provincial, { kind: 'provider', providerId: 'prov-1' })).toBe(false);
  });
});

describe('marketplace records', () => {
  const record = { enterpriseId: 'ent-1', providerId: 'prov-1', prefecture: '5101' };

  it('the buyer, the seller and officials in scope see a record; nobody else knows it exists', () => {
    const sides = Object.fromEntries(
      Object.entries(everyone).map(([name, who]) => [name, marketplaceSide(who, record)]),
    );
    expect(sides).toEqual({
      sme: 'sme',
      provider: 'provider',
      chengdu: 'official',
      mianyang: null,
      province: 'official',
      admin: null,
    });
    expect(marketplaceSide({ role: 'sme', enterpriseId: 'ent-2' }, record)).toBeNull();
    expect(marketplaceSide(smeWithoutProfile, record)).toBeNull();
    expect(marketplaceSide({ role: 'provider', providerId: 'prov-2' }, record)).toBeNull();
    expect(marketplaceSide({ role: 'provider', providerId: null }, record)).toBeNull();
  });

  it('officials read; only the two parties write', () => {
    expect(maySideWrite('sme')).toBe(true);
    expect(maySideWrite('provider')).toBe(true);
    expect(maySideWrite('official')).toBe(false);
    expect(maySideWrite(null)).toBe(false);
  });

  it('order endpoints: each role calls exactly the contract’s', () => {
    const expected: Record<OrderEndpoint, Role[]> = {
      read: ['sme', 'provider', 'official', 'admin'],
      create: ['sme'],
      voucher: ['sme'],
      cancel: ['sme', 'provider'],
      'payment-received': ['provider'],
      delivered: ['provider'],
      confirm: ['sme'],
      dispute: ['sme'],
      'dispute-decision': ['official'],
      refund: ['provider'],
      checkout: ['sme'],
    };
    for (const [endpoint, roles] of Object.entries(expected) as [OrderEndpoint, Role[]][]) {
      for (const role of ['sme', 'provider', 'official', 'admin'] as const)
        expect(mayCallOrderEndpoint(role, endpoint), `${role} → ${endpoint}`).toBe(roles.includes(role));
    }
  });

  it('request and quote endpoints: each role calls exactly the contract’s', () => {
    const expected: Record<RequestEndpoint, Role[]> = {
      read: ['sme', 'provider', 'official', 'admin'],
      create: ['sme'],
      message: ['sme', 'provider'],
      withdraw: ['sme'],
      quote: ['provider'],
      'quote-accept': ['sme'],
      'quote-decline': ['sme'],
      leads: ['provider'],
    };
    for (const [endpoint, roles] of Object.entries(expected) as [RequestEndpoint, Role[]][]) {
      for (const role of ['sme', 'provider', 'official', 'admin'] as const)
        expect(mayCallRequestEndpoint(role, endpoint), `${role} → ${endpoint}`).toBe(roles.includes(role));
    }
  });
});
