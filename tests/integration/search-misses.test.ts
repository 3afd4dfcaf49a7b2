import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { offeringViews, offerings, searchMisses } from '../../db/schema';
import * as apiSearch from '../../app/routes/api.search';
import * as catalogPage from '../../app/routes/catalog._index';
import * as missesPage from '../../app/routes/official.search-misses';
import * as synonymsPage from '../../app/routes/official.synonyms';
import {
  didYouMean,
  indexOfferingInTx,
  makeQuery,
  mostViewedOfferings,
} from '../../app/models/search.server';
import { listSearchMisses, missCount, recordSearchMiss } from '../../search/misses';
import { chinaMonthOf } from '../../app/domain/provider-analytics';
import { flushBufferedCounts } from '../../db/write-behind';
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
const month = () => chinaMonthOf(new Date().toISOString());
/** Misses are written behind (db/write-behind.ts): what a reader sees after the next flush. */
const missesOf = (q: string, m = month()) => {
  flushBufferedCounts();
  return missCount(db(), m, q);
};

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

  it('reuses its answer for 10 minutes of one China day, but never past a change to the index', () => {
    db().delete(offeringViews).run();
    const viewed = (key: string, day: string, views: number) =>
      db().insert(offeringViews).values({ offeringId: ids.offering[key]!, day, views }).run();
    viewed('energy', '2026-09-05', 9);
    viewed('smart-mes', '2026-09-06', 8);
    const now = new Date('2026-09-06T04:00:00.000Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const top = (when: Date) => mostViewedOfferings(db(), { now: when, limit: 4 }).map((p) => p.id);
    expect(top(now)).toEqual([ids.offering.energy, ids.offering['smart-mes']]);
    viewed('weld-title', '2026-09-06', 40);
    expect(top(at(9))).toEqual([ids.offering.energy, ids.offering['smart-mes']]);
    expect(top(at(10))).toEqual([ids.offering['weld-title'], ids.offering.energy, ids.offering['smart-mes']]);
    // Archived (and so dropped from the index) a minute later: gone at once, not after 10 minutes.
    const setStatus = (status: 'archived' | 'published') =>
      db().transaction((tx) => {
        tx.update(offerings).set({ status }).where(eq(offerings.id, ids.offering['weld-title']!)).run();
        indexOfferingInTx(tx, ids.offering['weld-title']!);
      });
    setStatus('archived');
    try {
      expect(top(at(11))).toEqual([ids.offering.energy, ids.offering['smart-mes']]);
    } finally {
      setStatus('published');
    }
    // A new China day starts a new answer (16:00 UTC is midnight in Chengdu).
    expect(top(new Date('2026-09-06T15:58:00.000Z'))[0]).toBe(ids.offering['weld-title']);
    viewed('mes-lite', '2026-09-06', 100);
    expect(top(new Date('2026-09-06T15:59:00.000Z'))[0]).toBe(ids.offering['weld-title']);
    expect(top(new Date('2026-09-06T16:00:00.000Z'))[0]).toBe(ids.offering['mes-lite']);
  });
});

describe('zero-result searches are counted per month and query, without personal data', () => {
  it('counts a submitted search, normalised, and not the prefixes typed into the live results', async () => {
    const before = missesOf('区块链 溯源');
    await catalog(`?q=${encodeURIComponent('区块链　溯源！')}`);
    await catalog(`?q=${encodeURIComponent('区块链 溯源')}`);
    await catalog(`?index&q=${encodeURIComponent('区块链 溯源')}`);
    expect(missesOf('区块链 溯源')).toBe(before + 2);
    const row = db()
      .select()
      .from(searchMisses)
      .all()
      .find((r) => r.query === '区块链 溯源');
    expect(Object.keys(row!).sort()).toEqual(['count', 'lastAt', 'month', 'query']);
  });

  it('writes nothing while the empty page is read: counted at the next flush, all in one transaction', async () => {
    flushBufferedCounts();
    const watcher = new Database(process.env.DATABASE_PATH!, { readonly: true });
    const dataVersion = () => watcher.pragma('data_version', { simple: true });
    try {
      const version = dataVersion();
      await catalog(`?q=${encodeURIComponent('全息投影')}`);
      await catalog(`?q=${encodeURIComponent('全息投影')}`);
      await apiSearch.loader(routeArgs(getRequest(`/api/search?q=${encodeURIComponent('全息投影')}`)));
      expect(dataVersion()).toBe(version);
      expect(missCount(db(), month(), '全息投影')).toBe(0);
      expect(missesOf('全息投影')).toBe(3);
      expect(dataVersion()).not.toBe(version);
    } finally {
      watcher.close();
    }
  });

  it('keeps at most MAX_MISS_QUERIES_PER_FLUSH distinct new queries per flush, and repeats of kept ones', () => {
    flushBufferedCounts();
    const logged = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const at = new Date('2026-07-10T02:00:00.000Z');
      for (let i = 0; i < 250; i++) recordSearchMiss(db(), `乱码${i}`, at);
      recordSearchMiss(db(), '乱码0', at);
      flushBufferedCounts();
      // Written out here rather than read from the constant: 200 is the documented cap.
      expect(listSearchMisses(db(), { month: '2026-07', page: 1, perPage: 50 })).toMatchObject({
        total: 200,
        searches: 201,
      });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('50 new keys dropped'));
      // The next flush window takes new queries again.
      recordSearchMiss(db(), '乱码249', at);
      expect(missesOf('乱码249', '2026-07')).toBe(1);
    } finally {
      logged.mockRestore();
    }
  });

  it('does not count a search whose words find something but whose filters do not', async () => {
    const page = await catalog(`?q=${encodeURIComponent('焊缝')}&level=iaas`);
    expect(page.result.total).toBe(0);
    expect(missesOf('焊缝')).toBe(0);
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
    expect(missesOf('量子计算')).toBe(1);
  });

  it('counts by one rule in the catalog and /api/search: under filters, only when the words alone find nothing', async () => {
    const api = async (search: string) => {
      const res = (await apiSearch.loader(routeArgs(getRequest(`/api/search?${search}`)))) as Response;
      expect((await res.json()).total).toBe(0);
      // The route does not wait for the count (the answer never does): let it finish.
      await new Promise((resolve) => setImmediate(resolve));
    };
    const nothing = encodeURIComponent('量子纠缠');
    await catalog(`?q=${nothing}&level=iaas`);
    await api(`q=${nothing}&level=iaas`);
    await api(`q=${nothing}&page=2`);
    expect(missesOf('量子纠缠')).toBe(3);
    // The words find something; the filter does not: the filter's doing, not a miss.
    const weld = encodeURIComponent('焊缝');
    await catalog(`?q=${weld}&level=iaas`);
    await api(`q=${weld}&level=iaas`);
    expect(missesOf('焊缝')).toBe(0);
  });

  it('files a miss under the China-time month', () => {
    recordSearchMiss(db(), 'Blockchain', new Date('2026-11-30T17:00:00.000Z'));
    expect(missesOf('blockchain', '2026-12')).toBe(1);
    expect(missesOf('blockchain', '2026-11')).toBe(0);
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
    flushBufferedCounts();
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
