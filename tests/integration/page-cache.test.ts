import { renderToString } from 'react-dom/server';
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.server';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { Chart } from '../../app/charts/chart';
import type { ChartSpec } from '../../app/charts/chart-spec';
import { chartKey, chartRenderCount } from '../../app/charts/chart-cache.server';
import {
  CHART_WIDTH,
  MAP_HEIGHT,
  MONTH_CHART_HEIGHT,
  countsChartHeight,
  countsOption,
  monthOption,
  prefectureOption,
  type MonthRow,
  type NamedCount,
} from '../../app/charts/counter-options';
import { translator } from '../../app/i18n';
import { databaseVersion, untilDatabaseChanges } from '../../app/charts/counter-cache.server';
import { publicProgress } from '../../app/charts/public-progress.server';
import { localeCookie } from '../../app/utils/locale.server';
import * as progress from '../../app/routes/progress';
import * as chartImage from '../../app/routes/charts.counter.$chart';
import * as openData from '../../app/routes/open-data.counter[.]csv';
import { call, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { createEnterprise, expectCounterConsistent } from './adoption-fixtures';

// Issue 14, pages as fast as their data: the public counter is computed and drawn once per
// database change (and day, and language), each chart SVG travels once — as an image with an
// ETag — and a verified event that moves the counter shows at once, in the numbers and the charts.

const db = useTestDatabase();
const CHARTS = ['cluster', 'prefecture', 'level', 'month'] as const;

type ProgressData = {
  total: number;
  asOf: string;
  campaign: { target: number; start: string; end: string };
  clusters: NamedCount[];
  levels: NamedCount[];
  prefectures: NamedCount[];
  months: MonthRow[];
  charts: Record<(typeof CHARTS)[number], ChartSpec>;
};

/** A verified prefecture-report event, written as the ledger writes it (one transaction). */
function countedEvent(on: Db, prefecture: string, industry: string, occurredOn: string, verified = true) {
  const enterprise = createEnterprise(on, { prefecture, industry });
  on.$client.transaction(() => {
    appendEvent(
      on,
      { enterpriseId: enterprise.id, level: 'saas', occurredOn, source: 'prefecture-report', verified },
      new Date().toISOString(),
    );
  })();
}

async function progressPage(url = '/progress', cookie?: string): Promise<ProgressData> {
  const result = await call(() => progress.loader(routeArgs(getRequest(url, cookie))));
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

async function image(src: string, headers: Record<string, string> = {}) {
  const url = new URL(src, 'http://localhost');
  const chart = url.pathname.split('/').at(-1)!;
  const result = await call(() =>
    chartImage.loader(routeArgs(new Request(url.href, { headers }), { chart })),
  );
  expect(result).toBeInstanceOf(Response);
  return result as Response;
}

const versionOf = (spec: ChartSpec) => new URL(spec.src!, 'http://localhost').searchParams.get('v');

beforeAll(() => {
  countedEvent(db(), '5101', '39', '2021-04-12');
  countedEvent(db(), '5107', '34', '2021-06-02');
});

describe('public progress page', () => {
  it('sends each chart once: an image address in the loader data, no SVG in it', async () => {
    const data = await progressPage();
    expect(data.total).toBe(2);
    for (const name of CHARTS) {
      const spec = data.charts[name];
      expect(spec.svg).toBeNull();
      expect(spec.src).toMatch(
        new RegExp(`^/charts/counter/${name}\\?campaign=sc-2020-2022&taxonomy=2023&lang=zh-CN&v=[\\w-]+$`),
      );
    }
    expect(JSON.stringify(data)).not.toContain('<svg');

    // The page renders the image with its text alternative, not the SVG.
    const html = renderToString(
      createElement(Chart, {
        spec: data.charts.prefecture,
        title: '按市州',
        describedBy: 'by-prefecture-table',
      }),
    );
    expect(html).toContain(`src="${data.charts.prefecture.src!.replaceAll('&', '&amp;')}"`);
    expect(html).toContain(`alt="${data.charts.prefecture.label}"`);
    expect(html).not.toContain('<svg');
  });

  it('lets the browser build the very options the server drew, from the rows it already has', async () => {
    const data = await progressPage('/progress?sort=count&dir=desc');
    const t = translator('zh-CN');
    const window = { target: data.campaign.target, start: data.campaign.start, end: data.campaign.end };
    const built = {
      cluster: chartKey(countsOption(data.clusters, t), CHART_WIDTH, countsChartHeight(data.clusters)),
      level: chartKey(countsOption(data.levels, t), CHART_WIDTH, countsChartHeight(data.levels)),
      // The table's order (here by count) does not change the map.
      prefecture: chartKey(prefectureOption(data.prefectures, t), CHART_WIDTH, MAP_HEIGHT),
      month: chartKey(monthOption(window, data.months, t), CHART_WIDTH, MONTH_CHART_HEIGHT),
    };
    for (const name of CHARTS) expect(built[name], name).toBe(versionOf(data.charts[name]));
    for (const name of CHARTS) expect(data.charts[name].option).toBeNull();
  });

  it('serves the chart image with an ETag, 304 for a browser that has it, a year for a current URL', async () => {
    const { charts } = await progressPage();
    const first = await image(charts.prefecture.src!);
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const svg = await first.text();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('成都');
    const etag = first.headers.get('ETag')!;
    expect(etag).toBe(`"${versionOf(charts.prefecture)}"`);

    const again = await image(charts.prefecture.src!, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await image(charts.prefecture.src!, { 'If-None-Match': `W/${etag}, "other"` })).status).toBe(304);

    // Without v= (or with an old one) the image is still the current one, revalidated each time.
    const bare = await image('/charts/counter/prefecture?lang=zh-CN');
    expect(bare.status).toBe(200);
    expect(bare.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(bare.headers.get('ETag')).toBe(etag);
  });

  it('draws nothing again while the database has not changed', async () => {
    await progressPage();
    const drawn = chartRenderCount();
    const before = await progressPage();
    const after = await progressPage();
    expect(chartRenderCount()).toBe(drawn);
    expect(after.charts).toEqual(before.charts);
    // The English page has its own labels, so its own drawings — once.
    const english = await progressPage('/progress', await localeCookie.serialize('en'));
    expect(chartRenderCount()).toBe(drawn + CHARTS.length);
    expect(english.charts.cluster.src).toContain('lang=en');
    await progressPage('/progress', await localeCookie.serialize('en'));
    expect(chartRenderCount()).toBe(drawn + CHARTS.length);
  });

  it('shows a new verified event at once: new total, charts drawn again, new image versions', async () => {
    const before = await progressPage();
    const oldImage = await image(before.charts.cluster.src!);
    const oldEtag = oldImage.headers.get('ETag')!;
    const drawn = chartRenderCount();

    countedEvent(db(), '5133', '27', '2022-01-15');

    const after = await progressPage();
    expect(after.total).toBe(before.total + 1);
    // Another prefecture, cluster and month: every chart is new, drawn once.
    for (const name of CHARTS) expect(versionOf(after.charts[name])).not.toBe(versionOf(before.charts[name]));
    expect(chartRenderCount()).toBe(drawn + CHARTS.length);

    // A browser holding the old drawing gets the new one, not a 304.
    const stale = await image(before.charts.cluster.src!, { 'If-None-Match': oldEtag });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('ETag')).not.toBe(oldEtag);
    expect(stale.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(stale.headers.get('ETag')).toBe(`"${versionOf(after.charts.cluster)}"`);
    expectCounterConsistent(db());
  });

  it('sees an event committed by another connection (an import, another process)', async () => {
    const before = await progressPage();
    const other = openDatabase(process.env.DATABASE_PATH!);
    try {
      countedEvent(other, '5101', '39', '2022-03-01');
    } finally {
      other.$client.close();
    }
    const after = await progressPage();
    expect(after.total).toBe(before.total + 1);
    expect(versionOf(after.charts.month)).not.toBe(versionOf(before.charts.month));
  });

  it('keeps the drawings when a write does not move the counter (a pending event)', async () => {
    const before = await progressPage();
    const drawn = chartRenderCount();
    const version = databaseVersion(db());
    countedEvent(db(), '5101', '39', '2022-04-01', false);
    expect(databaseVersion(db())).not.toBe(version);
    const after = await progressPage();
    expect(after.total).toBe(before.total);
    expect(after.charts).toEqual(before.charts);
    expect(chartRenderCount()).toBe(drawn);
  });

  it('gives the time of asking, with the numbers of the last change', () => {
    const query = { campaign: undefined, taxonomy: '2023' as const };
    const first = publicProgress(db(), query, 'zh-CN', new Date('2026-12-06T02:00:00Z'))!;
    const later = publicProgress(db(), query, 'zh-CN', new Date('2026-12-06T03:30:00Z'))!;
    expect(later.view.asOf).toBe('2026-12-06T03:30:00.000Z');
    expect(later.view.asOfText).not.toBe(first.view.asOfText);
    expect(later.view.total).toBe(first.view.total);
  });

  it('answers 404 for an unknown chart or campaign', async () => {
    expect(
      statusOf(
        await call(() => chartImage.loader(routeArgs(getRequest('/charts/counter/pie'), { chart: 'pie' }))),
      ),
    ).toBe(404);
    expect(
      statusOf(
        await call(() =>
          chartImage.loader(
            routeArgs(getRequest('/charts/counter/month?campaign=no-such'), { chart: 'month' }),
          ),
        ),
      ),
    ).toBe(404);
  });
});

describe('untilDatabaseChanges', () => {
  it('computes once per database version and key', () => {
    let computed = 0;
    const compute = () => ++computed;
    expect(untilDatabaseChanges(db(), 'test|a', compute)).toBe(1);
    expect(untilDatabaseChanges(db(), 'test|a', compute)).toBe(1);
    expect(untilDatabaseChanges(db(), 'test|b', compute)).toBe(2);
    db().$client.prepare("UPDATE campaigns SET target = target WHERE id = 'sc-2020-2022'").run();
    expect(untilDatabaseChanges(db(), 'test|a', compute)).toBe(3);
  });
});

describe('open-data CSV', () => {
  const csvRequest = (headers: Record<string, string> = {}) =>
    new Request('http://localhost/open-data/counter.csv', { headers });

  it('has an ETag and answers 304 to a browser that has this file', async () => {
    const first = (await call(() => openData.loader(routeArgs(csvRequest())))) as Response;
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=300');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = (await call(() =>
      openData.loader(routeArgs(csvRequest({ 'If-None-Match': etag }))),
    )) as Response;
    expect(again.status).toBe(304);
  });

  it('changes its ETag when a cell crosses the suppression threshold', async () => {
    const first = (await call(() => openData.loader(routeArgs(csvRequest())))) as Response;
    const etag = first.headers.get('ETag')!;
    const before = await first.text();
    // Mianyang, equipment (34), 2021-06: one enterprise so far ('<3'); three make it public.
    expect(before).toContain('5107,绵阳市,equipment,装备制造,2021-06,<3');
    countedEvent(db(), '5107', '34', '2021-06-10');
    countedEvent(db(), '5107', '34', '2021-06-20');
    const after = (await call(() =>
      openData.loader(routeArgs(csvRequest({ 'If-None-Match': etag }))),
    )) as Response;
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(await after.text()).toContain('5107,绵阳市,equipment,装备制造,2021-06,3');
  });
});
