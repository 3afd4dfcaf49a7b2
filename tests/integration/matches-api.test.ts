import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { offeringPlans, providers } from '../../db/schema';
import { appendAction, ledgerTransaction } from '../../app/models/adoption-ledger.server';
import { markFraud } from '../../app/models/adoption-fraud.server';
import { localeCookie } from '../../app/utils/locale.server';
import { expectCounterConsistent } from './adoption-fixtures';
import { getMatches as get, matchFixtures } from './matches-fixtures';
import { createTestUser, useTestDatabase } from '../setup/test-db';

// GET /api/matches against formats/marketplace-api.md ("Matches"), on a fresh database of its own.
// Parameter errors (422) are in matches-api-errors.test.ts.
const db = useTestDatabase();
const { insertProvider, insertOffering, insertEnterprise, adopt, now } = matchFixtures(db);

const ids = (body: any): string[] => body.results.map((r: any) => r.offeringId);
const PROFILE = 'industry=34&size=small&prefecture=5106&levels=iaas';

const o: Record<string, string> = {};
const ev: Record<string, string[]> = {};
let firstPeer = '';
let pending = '';
let smeCookie = '';
let letterCookie = '';
let providerCookie = '';

beforeAll(async () => {
  const plain = insertProvider();
  const certified = insertProvider({ certifications: ['mlps3', 'iso27001'] });
  o.connect = insertOffering(plain, {
    titleZh: '设备联网云平台',
    titleEn: 'Device connectivity cloud',
    level: 'saas',
    regions: ['5106'],
    plans: [{ priceFen: 98_000, billing: 'month' }],
  });
  o.mes = insertOffering(plain, {
    titleZh: '通用设备 MES',
    titleEn: 'MES for machinery makers',
    level: 'paas',
    industries: ['34'],
    sizes: ['small'],
  });
  o.food = insertOffering(plain, { titleZh: '食品追溯系统', level: 'saas', industries: ['13'] });
  o.large = insertOffering(plain, { titleZh: '集团财务共享', level: 'saas', sizes: ['large'] });
  o.host = insertOffering(certified, {
    titleZh: '云主机',
    level: 'iaas',
    plans: [
      { priceFen: 120_000, billing: 'year' },
      { priceFen: null, billing: 'quote' },
    ],
  });
  o.peers = insertOffering(plain, { titleZh: '协同办公套件', level: 'saas' });
  o.peersFood = insertOffering(plain, { titleZh: '食品车间看板', level: 'saas', industries: ['13'] });
  o.draft = insertOffering(plain, { titleZh: '设备联网草稿', status: 'draft' });
  o.unvetted = insertOffering(insertProvider({ status: 'applied' }), { titleZh: '设备联网待审' });
  o.suspended = insertOffering(insertProvider({ status: 'suspended' }), { titleZh: '设备联网暂停' });
  o.flagged = insertOffering(insertProvider({ flagged: true }), { titleZh: '设备联网欺诈' });

  // Peers of 5106 × equipment (divisions 34–38, 43): three enterprises adopted o.peers (and the
  // food-only o.peersFood), only two o.connect; the rest must not count.
  const peers = ['34', '35', '36'].map((industry) => insertEnterprise({ prefecture: '5106', industry }));
  for (const e of peers) {
    ev[e] = [adopt(e, o.peers!), adopt(e, o.peers!)]; // twice: enterprises are counted, not events
    adopt(e, o.peersFood!);
  }
  firstPeer = peers[0]!;
  adopt(peers[0]!, o.connect!);
  adopt(peers[1]!, o.connect!);
  adopt(insertEnterprise({ prefecture: '5106', industry: '13' }), o.connect!); // another cluster
  adopt(insertEnterprise({ prefecture: '5101', industry: '34' }), o.connect!); // another prefecture
  pending = adopt(insertEnterprise({ prefecture: '5106', industry: '34' }), o.connect!, { verified: false });
  const revoked = adopt(insertEnterprise({ prefecture: '5106', industry: '37' }), o.connect!);
  ledgerTransaction(db(), () =>
    appendAction(db(), { eventId: revoked, kind: 'revoke', reason: '测试撤销' }, now()),
  );

  const sme = await createTestUser(db(), { role: 'sme' });
  smeCookie = sme.cookie;
  const own = insertEnterprise({
    prefecture: '5106',
    industry: '35',
    ownerUserId: sme.id,
    sizeClass: 'medium',
  });
  adopt(own, null, { level: 'iaas' });
  adopt(own, null, { level: 'paas' });
  adopt(own, null, { level: 'saas', verified: false });
  const letter = await createTestUser(db(), { role: 'sme' });
  letterCookie = letter.cookie;
  insertEnterprise({ prefecture: '5101', industry: 'C', ownerUserId: letter.id });
  providerCookie = (await createTestUser(db(), { role: 'provider' })).cookie;
});

describe('GET /api/matches: the answer', () => {
  it('answers 200 in the contract shape, uncached', async () => {
    const { status, headers, body } = await get(PROFILE);
    expect(status).toBe(200);
    expect(headers.get('Cache-Control')).toBe('no-store');
    expect(Object.keys(body)).toEqual(['profile', 'total', 'results', 'peers']);
    expect(body.profile).toEqual({
      division: '34',
      sizeClass: 'small',
      prefecture: '5106',
      cluster: { taxonomy: '2023', id: 'equipment' },
      levels: ['iaas'],
    });
    for (const r of body.results) {
      expect(Object.keys(r)).toEqual([
        'offeringId',
        'title',
        'providerName',
        'level',
        'planFromFen',
        'rating',
        'score',
        'reasons',
      ]);
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.reasons.length).toBeGreaterThan(0);
    }
    const mes = body.results.find((r: any) => r.offeringId === o.mes);
    expect(mes).toMatchObject({ title: '通用设备 MES', level: 'paas', planFromFen: null });
    expect(mes.reasons).toContainEqual({ code: 'industry', text: '适合通用设备制造业' });
    expect(body.results.find((r: any) => r.offeringId === o.host).planFromFen).toBe(120_000);
  });

  it('ranks the offering for the division first and orders equal scores by id', async () => {
    const { body } = await get(PROFILE);
    expect(ids(body)[0]).toBe(o.mes);
    for (let i = 1; i < body.results.length; i++) {
      const [a, b] = [body.results[i - 1], body.results[i]];
      expect(a.score > b.score || (a.score === b.score && a.offeringId < b.offeringId)).toBe(true);
    }
  });

  it('speaks English when Accept-Language or the language switch asks for it', async () => {
    for (const headers of [
      { 'Accept-Language': 'en-GB,en;q=0.9,zh;q=0.5' } as Record<string, string>,
      { Cookie: await localeCookie.serialize('en') },
    ]) {
      const { body } = await get(PROFILE, headers);
      const mes = body.results.find((r: any) => r.offeringId === o.mes);
      expect(mes.title).toBe('MES for machinery makers');
      expect(mes.providerName).toMatch(/^Match Test Provider/);
      expect(mes.reasons).toContainEqual({
        code: 'industry',
        text: 'Made for Manufacture of General-purpose Machinery',
      });
    }
  });

  it('limits results to 10 by default, or to limit, with total counting them all', async () => {
    const all = await get(PROFILE);
    const one = await get(`${PROFILE}&limit=1`);
    expect(one.body.results).toHaveLength(1);
    expect(one.body.total).toBe(all.body.total);
    expect(all.body.results.length).toBe(Math.min(10, all.body.total));
  });

  it('gives budget, certified and onsite reasons only where true', async () => {
    const { body } = await get(`${PROFILE}&budgetFen=10000`);
    const reasons = (id: string) =>
      body.results.find((r: any) => r.offeringId === id).reasons.map((r: any) => r.code);
    expect(reasons(o.host!)).toEqual(expect.arrayContaining(['budget', 'certified']));
    expect(reasons(o.connect!)).toContain('onsite');
    expect(reasons(o.connect!)).not.toContain('budget'); // ¥980 a month is over a ¥100 budget
  });

  it('follows a billing change the search index does not see (the budget reason stays true)', async () => {
    db().update(offeringPlans).set({ billing: 'month' }).where(eq(offeringPlans.offeringId, o.host!)).run();
    const { body } = await get(`${PROFILE}&budgetFen=10000`);
    expect(
      body.results.find((r: any) => r.offeringId === o.host).reasons.map((r: any) => r.code),
    ).not.toContain('budget');
    db().update(offeringPlans).set({ billing: 'year' }).where(eq(offeringPlans.priceFen, 120_000)).run();
  });
});

describe('GET /api/matches: hard rules', () => {
  it('shows only published offerings of approved, unflagged providers', async () => {
    const shown = ids((await get(`industry=34&prefecture=5106&limit=50`)).body);
    for (const hidden of [o.draft, o.unvetted, o.suspended, o.flagged]) expect(shown).not.toContain(hidden);
  });

  it('applies industries and sizes lists; an unknown size excludes nothing by size', async () => {
    const small = ids((await get(`${PROFILE}&limit=50`)).body);
    expect(small).not.toContain(o.food);
    expect(small).not.toContain(o.large);
    expect(ids((await get('industry=34&prefecture=5106&limit=50')).body)).toContain(o.large);
    expect(ids((await get('industry=34&size=large&prefecture=5106&limit=50')).body)).toContain(o.large);
    const food = ids((await get('industry=1310&size=small&prefecture=5106&limit=50')).body);
    expect(food).toContain(o.food);
    expect(food).not.toContain(o.mes);
  });

  it('hides a provider marked fraudulent from the next answer', async () => {
    const provider = insertProvider();
    const gone = insertOffering(provider, { titleZh: '即将下架的服务' });
    expect(ids((await get('industry=34&prefecture=5106&limit=50')).body)).toContain(gone);
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const code = db()
      .select({ uscc: providers.uscc })
      .from(providers)
      .where(eq(providers.id, provider))
      .get()!.uscc;
    expect(
      markFraud(db(), {
        targetType: 'provider',
        uscc: code,
        reason: '测试',
        official: { id: official.id, role: 'official', scopePrefecture: null },
      }).ok,
    ).toBe(true);
    expect(ids((await get('industry=34&prefecture=5106&limit=50')).body)).not.toContain(gone);
  });
});

describe('GET /api/matches: q ranks and never filters', () => {
  it('puts offerings matching q first, keeps the others lower, and total unchanged', async () => {
    const without = await get(`${PROFILE}&limit=50`);
    const withQ = await get(`${PROFILE}&limit=50&q=${encodeURIComponent('设备联网')}`);
    expect(ids(withQ.body)[0]).toBe(o.connect);
    expect(withQ.body.results[0].reasons).toContainEqual({ code: 'query', text: '符合您的需求“设备联网”' });
    expect(withQ.body.total).toBe(without.body.total);
    expect([...ids(withQ.body)].sort()).toEqual([...ids(without.body)].sort());
    expect(
      withQ.body.results
        .filter((r: any) => r.reasons.some((x: any) => x.code === 'query'))
        .map((r: any) => r.offeringId),
    ).toEqual([o.connect]);
  });

  it('never shows an offering the hard rules exclude, however well it matches q', async () => {
    const { body } = await get(`${PROFILE}&limit=50&q=${encodeURIComponent('食品追溯')}`);
    expect(ids(body)).not.toContain(o.food);
  });
});

describe('GET /api/matches: peers', () => {
  it('lists offerings 3+ verified enterprises of the cluster and prefecture chose, allowed by the hard rules', async () => {
    const { body } = await get(PROFILE);
    expect(body.peers).toEqual([{ offeringId: o.peers, title: '协同办公套件', enterprises: 3 }]);
    expect(body.results.find((r: any) => r.offeringId === o.peers).reasons.map((r: any) => r.code)).toContain(
      'peers',
    );
    // A longer industry code is the same division, so the same cluster and peers.
    expect((await get('industry=3599&prefecture=5106')).body.peers).toEqual(body.peers);
  });

  it('shows a group once it reaches 3 enterprises (the answer follows the ledger)', async () => {
    expect((await get(PROFILE)).body.peers.map((p: any) => p.offeringId)).not.toContain(o.connect);
    adopt(insertEnterprise({ prefecture: '5106', industry: '43' }), o.connect!);
    const { body } = await get(PROFILE);
    expect(body.peers).toContainEqual({ offeringId: o.connect, title: '设备联网云平台', enterprises: 3 });
    expectCounterConsistent(db());
  });

  it('follows verifications and revocations of counted cells, counting enterprises not events', async () => {
    const act = (eventId: string, kind: 'verify' | 'revoke') =>
      ledgerTransaction(db(), () => appendAction(db(), { eventId, kind, reason: '测试' }, now()));
    const peersOf = async () =>
      Object.fromEntries((await get(PROFILE)).body.peers.map((p: any) => [p.offeringId, p.enterprises]));
    expect(await peersOf()).toEqual({ [o.peers!]: 3, [o.connect!]: 3 });
    act(ev[firstPeer]![0]!, 'revoke'); // its other event of the offering still counts
    expect(await peersOf()).toEqual({ [o.peers!]: 3, [o.connect!]: 3 });
    act(ev[firstPeer]![1]!, 'revoke');
    act(pending, 'verify');
    expect(await peersOf()).toEqual({ [o.connect!]: 4 });
    expectCounterConsistent(db());
  });
});

describe('GET /api/matches: whose profile', () => {
  it('matches a signed-in SME without profile parameters to its own enterprise', async () => {
    const { status, body } = await get('limit=3&budgetFen=100000', { Cookie: smeCookie });
    expect(status).toBe(200);
    expect(body.profile).toEqual({
      division: '35',
      sizeClass: 'medium',
      prefecture: '5106',
      cluster: { taxonomy: '2023', id: 'equipment' },
      levels: ['iaas', 'paas'],
    });
    expect(body.results).toHaveLength(3);
  });

  it('uses the parameters when an SME gives them', async () => {
    expect((await get(PROFILE, { Cookie: smeCookie })).body.profile.division).toBe('34');
  });

  it.each([
    ['anonymous', ''],
    ['a provider', 'provider'],
  ])('answers 422 to %s without a profile', async (_who, kind) => {
    const { status, body } = await get('limit=5', kind ? { Cookie: providerCookie } : {});
    expect(status).toBe(422);
    expect(body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['industry', 'required'],
      ['prefecture', 'required'],
    ]);
  });

  it('answers 422 to an SME whose enterprise has no industry division', async () => {
    const { status, body } = await get('', { Cookie: letterCookie });
    expect(status).toBe(422);
    expect(body.errors.map((e: any) => [e.path, e.code])).toEqual([['industry', 'required']]);
  });
});
