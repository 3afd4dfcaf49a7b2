// Provider analytics (issue 10): offering page views counted per China-time day for people only
// (bots, prefetches and the provider itself excluded, nothing personal stored), the console page
// per offering and month with its chart and table, the CSV export of the same rows, and who may
// see what.
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { offerings } from '../../db/schema';
import { flushBufferedCounts } from '../../db/write-behind';
import { todayInChina } from '../../app/domain/adoption-dates';
import { analyticsWindow } from '../../app/domain/provider-analytics';
import type { MarketplaceActor } from '../../app/models/marketplace-history.server';
import { recordOfferingView } from '../../app/models/offering-views.server';
import { createQuote } from '../../app/models/quotes.server';
import { createRequest } from '../../app/models/requests.server';
import * as offeringPage from '../../app/routes/catalog.$offeringId';
import * as analyticsPage from '../../app/routes/provider.analytics';
import * as analyticsCsv from '../../app/routes/provider.analytics[.]csv';
import {
  call,
  createTestUser,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import {
  ensureCurrentCampaign,
  insertOrder,
  orderParties,
  post,
  today,
  type Parties,
} from './orders-fixtures';

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));
beforeAll(() => ensureCurrentCampaign(db()));

const HUMAN =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const BAIDUSPIDER = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';

function view(offeringId: string, headers: Record<string, string> = {}, cookie?: string) {
  const request = new Request(`http://localhost/catalog/${offeringId}`, {
    headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) },
  });
  return call(() => offeringPage.loader(routeArgs(request, { offeringId })));
}

/** The stored counts, after writing what is buffered (views are written behind: db/write-behind.ts). */
function viewsOf(offeringId: string) {
  flushBufferedCounts();
  return db()
    .$client.prepare('SELECT day, views FROM offering_views WHERE offering_id = ? ORDER BY day')
    .all(offeringId) as { day: string; views: number }[];
}

describe('offering page views', () => {
  it('counts people per China-time day, not bots, prefetches, scripts without a user agent, or the provider itself', async () => {
    const p = await orderParties(db());
    const other = await orderParties(db());
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    expect(statusOf(await view(p.offeringId, { 'User-Agent': HUMAN }))).toBe(200);
    await view(p.offeringId, { 'User-Agent': HUMAN }, p.smeUser.cookie);
    await view(p.offeringId, { 'User-Agent': HUMAN }, other.providerUser.cookie); // a competitor is a visitor
    await view(p.offeringId, { 'User-Agent': HUMAN }, official.cookie);
    // Not counted, though every one of them gets the page:
    expect(statusOf(await view(p.offeringId, { 'User-Agent': GOOGLEBOT }))).toBe(200);
    await view(p.offeringId, { 'User-Agent': BAIDUSPIDER });
    await view(p.offeringId);
    await view(p.offeringId, { 'User-Agent': HUMAN, 'Sec-Purpose': 'prefetch' });
    await view(p.offeringId, { 'User-Agent': HUMAN }, p.providerUser.cookie);
    expect(viewsOf(p.offeringId)).toEqual([{ day: today(), views: 4 }]);
    expect(viewsOf(other.offeringId)).toEqual([]);
  });

  it('keeps one counter per offering and China-time day, and nothing about the visitor', async () => {
    const p = await orderParties(db());
    recordOfferingView(db(), p.offeringId, new Date('2026-11-30T15:59:00.000Z')); // 23:59 in Chengdu
    recordOfferingView(db(), p.offeringId, new Date('2026-11-30T16:01:00.000Z')); // 00:01 on 1 December
    recordOfferingView(db(), p.offeringId, new Date('2026-12-01T09:00:00.000Z'));
    expect(viewsOf(p.offeringId)).toEqual([
      { day: '2026-11-30', views: 1 },
      { day: '2026-12-01', views: 2 },
    ]);
    const columns = (
      db().$client.prepare('PRAGMA table_info(offering_views)').all() as { name: string }[]
    ).map((c) => c.name);
    expect(columns.sort()).toEqual(['day', 'offering_id', 'views']);
  });

  it('writes nothing while the page is read, so caches that last until the database changes survive a view', async () => {
    const p = await orderParties(db());
    flushBufferedCounts();
    // What the anonymous page cache and the counter cache watch: another connection's
    // data_version, and this connection's total_changes().
    const watcher = new Database(process.env.DATABASE_PATH!, { readonly: true });
    const dataVersion = () => watcher.pragma('data_version', { simple: true });
    const changes = () => db().$client.prepare('SELECT total_changes() AS n').get() as { n: number };
    try {
      const [version, before] = [dataVersion(), changes().n];
      for (let i = 0; i < 3; i++)
        expect(statusOf(await view(p.offeringId, { 'User-Agent': HUMAN }))).toBe(200);
      expect([dataVersion(), changes().n]).toEqual([version, before]);
      // Written together, in one transaction, at the next flush.
      expect(viewsOf(p.offeringId)).toEqual([{ day: today(), views: 3 }]);
      expect(dataVersion()).not.toBe(version);
    } finally {
      watcher.close();
    }
  });

  it('never fails the page when the views cannot be written, and says so in the log', async () => {
    const p = await orderParties(db());
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    db().$client.exec('ALTER TABLE offering_views RENAME TO offering_views_away');
    try {
      expect(statusOf(await view(p.offeringId, { 'User-Agent': HUMAN }))).toBe(200);
      flushBufferedCounts();
      expect(logged).toHaveBeenCalled();
    } finally {
      db().$client.exec('ALTER TABLE offering_views_away RENAME TO offering_views');
      logged.mockRestore();
    }
  });
});

describe('the analytics page and its CSV', () => {
  const smeActor = (p: Parties): MarketplaceActor => ({ role: 'sme', userId: p.smeUser.id, apiKeyId: null });
  const providerViewer = (p: Parties) => ({ role: 'provider' as const, providerId: p.provider.id });
  const providerActor = (p: Parties): MarketplaceActor => ({
    role: 'provider',
    userId: p.providerUser.id,
    apiKeyId: null,
  });

  function requestAt(p: Parties, offeringId: string, now: Date) {
    const made = createRequest(db(), {
      enterpriseId: p.enterprise.id,
      actor: smeActor(p),
      input: { offeringId, message: '想了解一下价格和部署方式。', contact: 'in-app' },
      now,
    });
    if (!made.ok) throw new Error('request refused');
    return made.id;
  }

  const page = (query: string, cookie: string) =>
    call(() => analyticsPage.loader(routeArgs(getRequest(`/provider/analytics${query}`, cookie))));
  const csv = (query: string, cookie: string) =>
    call(() => analyticsCsv.loader(routeArgs(getRequest(`/provider/analytics.csv${query}`, cookie))));

  let p: Parties;
  let other: Parties;
  let lastMonth: string;
  let thisMonth: string;
  beforeAll(async () => {
    p = await orderParties(db());
    other = await orderParties(db());
    [lastMonth, thisMonth] = analyticsWindow(todayInChina(new Date()), 2).months as [string, string];
    const midLastMonth = new Date(`${lastMonth}-15T04:00:00.000Z`);
    // Last month: 3 views, 2 requests, 1 quote, 1 order (confirmed this month).
    for (let i = 0; i < 3; i++) recordOfferingView(db(), p.offeringId, midLastMonth);
    const asked = requestAt(p, p.offeringId, midLastMonth);
    requestAt(p, p.offeringId, midLastMonth);
    const quoted = createQuote(db(), {
      requestId: asked,
      viewer: providerViewer(p),
      actor: providerActor(p),
      input: { priceFen: 50_000, billing: 'year', terms: '', validUntil: '2099-12-31' },
      now: midLastMonth,
    });
    expect(quoted.ok).toBe(true);
    const orderId = insertOrder(db(), p, { createdAt: midLastMonth.toISOString() });
    expect(
      (
        await post(
          'payment-received',
          orderId,
          { cookie: p.providerUser.cookie },
          { transferReference: 'TR-A-1' },
        )
      ).status,
    ).toBe(200);
    expect(
      (await post('delivered', orderId, { cookie: p.providerUser.cookie }, { deployedOn: today() })).status,
    ).toBe(200);
    expect((await post('confirm', orderId, { cookie: p.smeUser.cookie })).status).toBe(200);
    // 16:30 UTC on the last day of last month is already this month in China.
    requestAt(p, p.offeringId, new Date(Date.parse(`${thisMonth}-01T00:00:00.000Z`) - 7.5 * 3600_000));
    // Eight months ago: outside the default 6 months, inside 12.
    const [eightAgo] = analyticsWindow(todayInChina(new Date()), 9).months;
    requestAt(p, p.offeringId, new Date(`${eightAgo}-10T04:00:00.000Z`));
    // This month: 2 views by people; the other provider's offering has its own.
    await view(p.offeringId, { 'User-Agent': HUMAN });
    await view(p.offeringId, { 'User-Agent': HUMAN });
    await view(other.offeringId, { 'User-Agent': HUMAN });
    flushBufferedCounts();
  });

  it('shows per offering and month the views, requests, quotes, orders and confirmations, with monthly totals and a chart', async () => {
    const data = payloadOf(await page('', p.providerUser.cookie));
    expect(data.filters).toEqual({ months: 6, offering: null });
    expect(data.totals).toHaveLength(6);
    const rows = data.rows.filter((r: { offeringId: string }) => r.offeringId === p.offeringId);
    expect(rows.map((r: { month: string }) => r.month)).toEqual(
      data.totals.map((t: { month: string }) => t.month),
    );
    const row = (month: string) => rows.find((r: { month: string }) => r.month === month);
    expect(row(lastMonth)).toMatchObject({ views: 3, requests: 2, quotes: 1, orders: 1, confirmations: 0 });
    expect(row(thisMonth)).toMatchObject({ views: 2, requests: 1, quotes: 0, orders: 0, confirmations: 1 });
    expect(data.totals.at(-1)).toEqual({
      month: thisMonth,
      views: 2,
      requests: 1,
      quotes: 0,
      orders: 0,
      confirmations: 1,
    });
    // Only its own offerings, never the other provider's.
    expect(data.offerings.map((o: { id: string }) => o.id)).toEqual([p.offeringId]);
    expect(data.rows.every((r: { offeringId: string }) => r.offeringId === p.offeringId)).toBe(true);
    expect(data.chart.svg).toMatch(/^<svg/);
    expect(data.chart.label).toContain('浏览 5');
    expect(data.csvHref).toBe('/provider/analytics.csv?months=6');
  });

  it('takes a 12-month range and an offering from the query string; bad values fall back to the default', async () => {
    const twelve = payloadOf(await page(`?months=12&offering=${p.offeringId}`, p.providerUser.cookie));
    expect(twelve.filters).toEqual({ months: 12, offering: p.offeringId });
    expect(twelve.totals.reduce((sum: number, t: { requests: number }) => sum + t.requests, 0)).toBe(4);
    const bogus = payloadOf(await page('?months=7&offering=../../etc', p.providerUser.cookie));
    expect(bogus.filters).toEqual({ months: 6, offering: null });
  });

  it('exports exactly the rows of the page’s table as UTF-8 CSV with a BOM', async () => {
    for (const query of ['', `?months=12&offering=${p.offeringId}`]) {
      const data = payloadOf(await page(query, p.providerUser.cookie));
      const response = (await csv(query, p.providerUser.cookie)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('Content-Disposition')).toMatch(
        /^attachment; filename="yunqiao-analytics-/,
      );
      // Response.text() would drop the BOM: decode the bytes as Excel reads them.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...records] = parse(text.slice(1)) as string[][];
      expect(header).toEqual(['产品编号', '产品', '月份', '浏览量', '询价', '报价', '订单', '确认交付']);
      expect(records).toEqual(
        data.rows.map((r: Record<string, string | number>) =>
          [r.offeringId, r.title, r.month, r.views, r.requests, r.quotes, r.orders, r.confirmations].map(
            String,
          ),
        ),
      );
      expect(records.length).toBeGreaterThan(0);
    }
  });

  it('refuses another provider’s offering (404), other roles (403) and strangers (to the login)', async () => {
    expect(statusOf(await page(`?offering=${p.offeringId}`, other.providerUser.cookie))).toBe(404);
    expect(statusOf(await csv(`?offering=${p.offeringId}`, other.providerUser.cookie))).toBe(404);
    // Its own page never shows the first provider's figures.
    const own = payloadOf(await page('', other.providerUser.cookie));
    expect(own.rows.some((r: { offeringId: string }) => r.offeringId === p.offeringId)).toBe(false);
    const ownCsv = await ((await csv('', other.providerUser.cookie)) as Response).text();
    expect(ownCsv).not.toContain(p.offeringId);
    expect(statusOf(await page('', p.smeUser.cookie))).toBe(403);
    expect(statusOf(await csv('', p.smeUser.cookie))).toBe(403);
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    expect(statusOf(await csv('', official.cookie))).toBe(403);
    const stranger = (await call(() =>
      analyticsCsv.loader(routeArgs(getRequest('/provider/analytics.csv'))),
    )) as Response;
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get('Location')).toMatch(/^\/login/);
  });

  it('shows an empty state for a provider with nothing in the period', async () => {
    const quiet = await orderParties(db());
    db().update(offerings).set({ status: 'archived' }).where(eq(offerings.id, quiet.offeringId)).run();
    const data = payloadOf(await page('', quiet.providerUser.cookie));
    expect(data.rows).toEqual([]);
    expect(
      data.totals.every((t: { views: number; requests: number }) => t.views === 0 && t.requests === 0),
    ).toBe(true);
  });
});
