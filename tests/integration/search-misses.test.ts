import { beforeAll, describe, expect, it } from 'vitest';
import { offeringViews, searchMisses } from '../../db/schema';
import * as apiSearch from '../../app/routes/api.search';
import * as catalogPage from '../../app/routes/catalog._index';
import * as missesPage from '../../app/routes/official.search-misses';
import * as synonymsPage from '../../app/routes/official.synonyms';
import { didYouMean, makeQuery, mostViewedOfferings } from '../../app/models/search.server';
import { chinaMonth, missCount, recordSearchMiss } from '../../search/misses';
import { insertSearchFixture, type SearchFixtureIds } from '../fixtures/search-catalog';
import {
  call,
  createTestUser,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

const db = useTestDatabase();
let ids: SearchFixtureIds;
const month = () => chinaMonth(new Date());

beforeAll(() => {
  ids = insertSearchFixture(db());
});

const catalog = async (search: string) =>
  payloadOf(await call(() => catalogPage.loader(routeArgs(getRequest(`/catalog${search}`)))));

describe('您是不是要找: a nearby query that finds something, by the same rules as search', () => {
  it.each([
    ['two typos in a long word (eqipmnet)', 'eqipmnet', 'equipment'],
    ['a Chinese word typed with the wrong characters of the same sound (设被 → 设备)', '设被', '设备'],
    ['a typo in a synonym, which then finds its group (mse → mes)', 'mse', 'mes'],
    ['a word nothing matches is left out (MES 区块链)', 'MES 区块链', 'mes'],
  ])('%s', async (_name, q, expected) => {
    expect((await catalog(`?q=${encodeURIComponent(q)}`)).result.total).toBe(0);
    const suggestion = await didYouMean(db(), makeQuery({ q }));
    expect(suggestion).toMatchObject({ q: expected, total: expect.any(Number) });
    expect(suggestion!.total).toBeGreaterThan(0);
    const followed = await catalog(`?${suggestion!.search}`);
    expect(followed.result.total).toBe(suggestion!.total);
  });

  it('offers nothing when nothing near finds anything', async () => {
    expect(await didYouMean(db(), makeQuery({ q: '区块链' }))).toBeNull();
  });

  it('shows the suggestion and the most viewed offerings on the empty catalog page', async () => {
    const page = await catalog(`?q=${encodeURIComponent('设被')}`);
    expect(page.zeroHelp.didYouMean).toMatchObject({ q: '设备' });
    expect(Array.isArray(page.zeroHelp.popular)).toBe(true);
  });
});

describe('most viewed offerings', () => {
  it('ranks visible offerings by their views over the last 30 China days', () => {
    const now = new Date('2026-12-06T04:00:00.000Z');
    db()
      .insert(offeringViews)
      .values([
        { offeringId: ids.offering.energy!, day: '2026-12-05', views: 7 },
        { offeringId: ids.offering.energy!, day: '2026-12-01', views: 2 },
        { offeringId: ids.offering['smart-mes']!, day: '2026-12-06', views: 8 },
        { offeringId: ids.offering['smart-mes']!, day: '2026-10-01', views: 500 }, // too old
        { offeringId: ids.offering.draft!, day: '2026-12-06', views: 900 }, // not visible
      ])
      .run();
    const popular = mostViewedOfferings(db(), { now, limit: 4 });
    expect(popular.map((p) => [p.id, p.views])).toEqual([
      [ids.offering.energy, 9],
      [ids.offering['smart-mes'], 8],
    ]);
    expect(popular[0]).toMatchObject({ title: '能耗监测平台', minPriceFen: 50_000 });
  });
});

describe('zero-result searches are counted per month and query, without personal data', () => {
  it('counts a submitted search, normalised, and not the prefixes typed into the live results', async () => {
    const before = missCount(db(), month(), '区块链 溯源');
    await catalog(`?q=${encodeURIComponent('区块链　溯源！')}`);
    await catalog(`?q=${encodeURIComponent('区块链 溯源')}`);
    await catalog(`?index&q=${encodeURIComponent('区块链 溯源')}`);
    expect(missCount(db(), month(), '区块链 溯源')).toBe(before + 2);
    const row = db()
      .select()
      .from(searchMisses)
      .all()
      .find((r) => r.query === '区块链 溯源');
    expect(Object.keys(row!).sort()).toEqual(['count', 'lastAt', 'month', 'query']);
  });

  it('does not count a search whose words find something but whose filters do not', async () => {
    const page = await catalog(`?q=${encodeURIComponent('焊缝')}&level=iaas`);
    expect(page.result.total).toBe(0);
    expect(missCount(db(), month(), '焊缝')).toBe(0);
  });

  it('counts /api/search misses too, and keeps the answer in the contract’s shape', async () => {
    const res = (await apiSearch.loader(
      routeArgs(getRequest(`/api/search?q=${encodeURIComponent('量子计算')}`)),
    )) as Response;
    const body = await res.json();
    expect(body.total).toBe(0);
    expect(Object.keys(body)).toEqual([
      'engine',
      'query',
      'total',
      'page',
      'perPage',
      'tookMs',
      'hits',
      'facets',
    ]);
    expect(missCount(db(), month(), '量子计算')).toBe(1);
  });

  it('files a miss under the China-time month', () => {
    recordSearchMiss(db(), 'Blockchain', new Date('2026-11-30T17:00:00.000Z'));
    expect(missCount(db(), '2026-12', 'blockchain')).toBe(1);
    expect(missCount(db(), '2026-11', 'blockchain')).toBe(0);
  });
});

describe('/official/search-misses', () => {
  const page = (cookie: string, search = '') =>
    call(() => missesPage.loader(routeArgs(getRequest(`/official/search-misses${search}`, cookie))));

  it('shows provincial officials a month’s misses, most frequent first, linked to the synonyms page', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const at = new Date('2026-08-10T02:00:00.000Z');
    for (const [q, n] of [
      ['erp 云', 1],
      ['数字孪生', 3],
      ['agv', 2],
    ] as const)
      for (let i = 0; i < n; i++) recordSearchMiss(db(), q, at);
    const report = payloadOf(await page(official.cookie, '?month=2026-08'));
    expect(report.rows.map((r: { query: string; count: number }) => [r.query, r.count])).toEqual([
      ['数字孪生', 3],
      ['agv', 2],
      ['erp 云', 1],
    ]);
    expect(report).toMatchObject({ month: '2026-08', total: 3, searches: 6 });
    expect(report.months).toEqual(expect.arrayContaining(['2026-08', month()]));
    // A bad month falls back to the current one instead of failing.
    expect(payloadOf(await page(official.cookie, '?month=2026-13&page=x')).month).toBe(month());
    const synonyms = payloadOf(
      await call(() =>
        synonymsPage.loader(
          routeArgs(
            getRequest(`/official/synonyms?terms=${encodeURIComponent('数字孪生')}`, official.cookie),
          ),
        ),
      ),
    );
    expect(synonyms.prefill).toBe('数字孪生');
  });

  it('is closed to prefecture officials and everyone else', async () => {
    const prefecture = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const sme = await createTestUser(db(), { role: 'sme' });
    for (const user of [prefecture, sme]) expect(statusOf(await page(user.cookie))).toBe(403);
    expect(statusOf(await page(''))).toBe(302);
  });
});
