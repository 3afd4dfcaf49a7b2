import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { Outlet, type RouteObject } from 'react-router-dom';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { counterSearch } from '../../app/charts/counter-rows';
import { DEFAULT_LOCALE } from '../../app/i18n/locale';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { getCounterSnapshot } from '../../app/models/counter.server';
import { localeCookie } from '../../app/utils/locale.server';
import * as dashboard from '../../app/routes/official.dashboard';
import * as drillDown from '../../app/routes/official.dashboard_.enterprises';
import * as exportTable from '../../app/routes/official.dashboard_.export.$table';
import * as report from '../../app/routes/official.report';
import * as progress from '../../app/routes/progress';
import {
  call,
  createTestUser,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import { createEnterprise, expectCounterConsistent } from './adoption-fixtures';

// The two drill-downs added to the dashboard — the month table's cumulative column and the
// headline's deepening figure — list exactly the enterprises of the number clicked; the monthly
// report and the public page link to no drill-down.

const db = useTestDatabase();

type User = Awaited<ReturnType<typeof createTestUser>>;
let province: User;
let chengdu: User;
const DRILL = '/official/dashboard/enterprises';

function enterpriseWithEvent(
  prefecture: string,
  occurredOn: string,
  opts: { deepening?: boolean; verified?: boolean } = {},
) {
  const enterprise = createEnterprise(db(), {
    prefecture,
    industry: '39',
    onCloudBeforeCampaign: opts.deepening ?? false,
  });
  db().$client.transaction(() => {
    appendEvent(
      db(),
      {
        enterpriseId: enterprise.id,
        level: 'saas',
        occurredOn,
        source: 'prefecture-report',
        verified: opts.verified ?? true,
      },
      new Date().toISOString(),
    );
  })();
  return enterprise;
}

beforeAll(async () => {
  province = await createTestUser(db(), { role: 'official', prefecture: null });
  chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  // New: Chengdu 2020-03, 2021-04, 2021-05 ×2; Garzê 2022-01. Deepening: Chengdu 2020-02 and
  // 2021-05, Garzê 2021-05. One pending event and one outside the window count nowhere.
  for (const on of ['2020-03-09', '2021-04-12', '2021-05-02', '2021-05-20']) enterpriseWithEvent('5101', on);
  enterpriseWithEvent('5133', '2022-01-15');
  enterpriseWithEvent('5101', '2020-02-03', { deepening: true });
  enterpriseWithEvent('5101', '2021-05-08', { deepening: true });
  enterpriseWithEvent('5133', '2021-05-30', { deepening: true });
  enterpriseWithEvent('5101', '2021-04-01', { verified: false });
  enterpriseWithEvent('5101', '2023-02-01');
});

afterEach(() => expectCounterConsistent(db()));

async function drill(search: string, user: User) {
  return call(() => drillDown.loader(routeArgs(getRequest(`${DRILL}${search}`, user.cookie))));
}

async function drillData(search: string, user: User) {
  const result = await drill(search, user);
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

/** Server-renders a route component with its loader's payload, as the page's first HTML. */
async function render(component: ComponentType, payload: unknown): Promise<string> {
  const routes: RouteObject[] = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ locale: DEFAULT_LOCALE }),
      element: createElement(Outlet),
      children: [
        {
          id: 'page',
          index: true,
          loader: () => payload as Record<string, unknown>,
          element: createElement(component),
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request('http://localhost/'));
  if (context instanceof Response) throw new Error('unexpected response');
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

/** Every link of the HTML to a drill-down, with the number it shows. */
function drillLinks(html: string) {
  const links: { search: string; params: URLSearchParams; shown: number }[] = [];
  for (const m of html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)) {
    const href = (m[1] ?? '').replaceAll('&amp;', '&');
    if (!href.startsWith(`${DRILL}?`)) continue;
    const search = href.slice(DRILL.length);
    links.push({
      search,
      params: new URLSearchParams(search),
      shown: Number((m[2] ?? '').replaceAll(',', '')),
    });
  }
  return links;
}

describe('cumulative drill-down (?through=YYYY-MM)', () => {
  it('lists, for every month, as many enterprises as the cumulative column shows', async () => {
    for (const user of [province, chengdu]) {
      const data = payloadOf(
        await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard', user.cookie)))),
      );
      expect(data.months.length).toBeGreaterThan(0);
      for (const row of data.months as { month: string; cumulative: number }[]) {
        const list = await drillData(counterSearch(data.filters, { through: row.month }), user);
        expect(list.total, `${row.month} for ${user.email}`).toBe(row.cumulative);
        expect(list.cell.through).toBe(row.month);
        expect(list.rows.every((r: { month: string }) => r.month <= row.month)).toBe(true);
      }
    }
  });

  it('keeps to the prefecture official’s prefecture and refuses another', async () => {
    const own = await drillData('?through=2022-12', chengdu);
    expect(own.total).toBe(4);
    expect(
      own.rows.every((r: { prefecture: string; name: string | null }) => r.prefecture === '5101' && r.name),
    ).toBe(true);
    expect(statusOf(await drill('?through=2022-12&prefecture=5133', chengdu))).toBe(403);
  });

  it('names the cumulative month in the caption', async () => {
    const data = await drillData('?through=2021-05', province);
    expect(data.total).toBe(4);
    const html = await render(drillDown.default, data);
    expect(html).toContain('截至 2021-05 累计');
    expect(html).toContain('新增上云企业明细');
  });

  it('ignores a bad through value instead of failing', async () => {
    const all = (await drillData('', province)).total;
    expect(all).toBe(5);
    for (const bad of ['2021-13', '2021-5', 'abc', '', '2021-05-01', '2021-05&through=x']) {
      const data = await drillData(`?through=${bad}`, province);
      expect(data.total).toBe(all);
      expect(data.cell.through).toBeUndefined();
    }
  });

  it('lets month win over through when both are given', async () => {
    const data = await drillData('?month=2021-05&through=2021-12', province);
    expect(data.total).toBe(2);
    expect(data.cell).toMatchObject({ month: '2021-05', through: undefined });
  });
});

describe('deepening drill-down (?kind=deepening)', () => {
  it('lists as many enterprises as the headline’s deepening figure, and only those', async () => {
    for (const [user, prefecture, expected] of [
      [province, null, 3],
      [chengdu, '5101', 2],
    ] as const) {
      const snapshot = getCounterSnapshot(db(), { prefecture })!;
      expect(snapshot.deepening).toBe(expected);
      const shown = payloadOf(
        await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard', user.cookie)))),
      );
      expect(shown.deepening).toBe(snapshot.deepening);
      const data = await drillData(counterSearch(shown.filters, { kind: 'deepening' }), user);
      expect(data.total).toBe(snapshot.deepening);
      expect(data.cell.kind).toBe('deepening');
      const deepeningIds = db()
        .$client.prepare("SELECT enterprise_id FROM adoption_counted WHERE kind = 'deepening'")
        .pluck()
        .all() as string[];
      expect(data.rows.every((r: { enterpriseId: string }) => deepeningIds.includes(r.enterpriseId))).toBe(
        true,
      );
    }
  });

  it('combines with the other dimensions of a cell', async () => {
    expect((await drillData('?kind=deepening&month=2021-05', province)).total).toBe(2);
    expect((await drillData('?kind=deepening&through=2020-12', province)).total).toBe(1);
    expect((await drillData('?kind=new&through=2020-12', province)).total).toBe(1);
  });

  it('says in the title which set it shows, in both languages', async () => {
    const data = await drillData('?kind=deepening', province);
    expect(data.heading).toBe('深化应用企业明细');
    expect(data.title).toMatch(/^深化应用企业明细 · /);
    const html = await render(drillDown.default, data);
    expect(html).toContain('深化应用企业明细');
    expect(html).toContain('data-testid="drill-kind-note"');
    const lang = (await localeCookie.serialize('en')).split(';')[0];
    const en = await call(() =>
      drillDown.loader(
        routeArgs(
          new Request(`http://localhost${DRILL}?kind=deepening`, {
            headers: { Cookie: `${province.cookie}; ${lang}` },
          }),
        ),
      ),
    );
    expect(payloadOf(en).heading).toBe('Deepening enterprises');
    expect((await drillData('', province)).heading).toBe('新增上云企业明细');
  });

  it('falls back to new enterprises for a bad kind instead of failing', async () => {
    const newTotal = (await drillData('', province)).total;
    for (const bad of ['bogus', 'DEEPENING', '', 'new,deepening']) {
      const data = await drillData(`?kind=${encodeURIComponent(bad)}`, province);
      expect(data.total).toBe(newTotal);
      expect(data.cell.kind).toBe('new');
    }
  });

  it('refuses a prefecture official another prefecture’s deepening enterprises', async () => {
    expect(statusOf(await drill('?kind=deepening&prefecture=5133', chengdu))).toBe(403);
  });
});

describe('links on the rendered pages', () => {
  it('dashboard: every drill link leads to as many enterprises as the number it shows', async () => {
    const views = [
      [province, '/official/dashboard'],
      [province, '/official/dashboard?prefecture=5101'],
      [chengdu, '/official/dashboard'],
    ] as const;
    for (const [user, url] of views) {
      const data = payloadOf(await call(() => dashboard.loader(routeArgs(getRequest(url, user.cookie)))));
      const html = await render(dashboard.default, data);
      const links = drillLinks(html);
      const cumulative = links.filter((l) => l.params.has('through'));
      expect(cumulative.map((l) => l.params.get('through'))).toEqual(
        data.months.map((r: { month: string }) => r.month),
      );
      const deepening = links.filter((l) => l.params.get('kind') === 'deepening');
      expect(deepening).toHaveLength(1);
      expect(deepening[0]?.shown).toBe(data.deepening);
      for (const link of links)
        expect((await drillData(link.search, user)).total, `${url} → ${link.search}`).toBe(link.shown);
      // The straight-line target is a plan, not enterprises: its cells hold no link.
      for (const row of html.matchAll(/<tr data-row="\d{4}-\d{2}">(.*?)<\/tr>/g)) {
        const cells = (row[1] ?? '').split('<td').slice(1);
        expect(cells).toHaveLength(3);
        expect(cells[2]).not.toContain('<a ');
      }
    }
  });

  it('public progress page and monthly report: no drill-down links', async () => {
    const publicHtml = await render(
      progress.default,
      payloadOf(await call(() => progress.loader(routeArgs(getRequest('/progress'))))),
    );
    expect(publicHtml).toContain('data-testid="counter-deepening"');
    expect(publicHtml).not.toContain(DRILL);
    expect(publicHtml).not.toMatch(/[?&;](through|kind)=/);
    const reportData = payloadOf(
      await call(() =>
        report.loader(routeArgs(getRequest('/official/report?month=2021-05', province.cookie))),
      ),
    );
    const reportHtml = await render(report.default, reportData);
    expect(reportHtml).not.toContain(DRILL);
    expect(reportHtml).not.toMatch(/[?&;](through|kind)=/);
  });
});

describe('CSV export of a drill-down', () => {
  it('lists the same enterprises as the page for through= and kind=deepening', async () => {
    for (const extra of [{ through: '2021-04' }, { kind: 'deepening' }, { kind: 'deepening', through: '2021-05' }]) {
      const search = counterSearch(
        { campaign: 'sc-2020-2022', taxonomy: '2023', prefecture: null },
        extra,
      );
      const data = await drillData(search, province);
      const response = await call(() =>
        exportTable.loader(
          routeArgs(getRequest(`/official/dashboard/export/enterprises${search}`, province.cookie), {
            table: 'enterprises',
          }),
        ),
      );
      expect(statusOf(response)).toBe(200);
      const lines = (await (response as Response).text()).trim().split(/\r?\n/);
      expect(lines.length - 1).toBe(data.total);
      expect(data.total).toBeGreaterThan(0);
    }
  });
});
