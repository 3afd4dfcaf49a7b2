import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { PREFECTURES } from '../../app/domain/prefectures';
import { listClusters } from '../../app/domain/clusters';
import * as apiCounter from '../../app/routes/api.counter';
import * as openData from '../../app/routes/open-data.counter[.]csv';
import * as mapJson from '../../app/routes/charts.sichuan[.]json';
import * as dashboard from '../../app/routes/official.dashboard';
import * as drillDown from '../../app/routes/official.dashboard_.enterprises';
import * as exportCsv from '../../app/routes/official.dashboard_.export.$table';
import * as report from '../../app/routes/official.report';
import * as progress from '../../app/routes/progress';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { createEnterprise, expectCounterConsistent } from './adoption-fixtures';

const db = useTestDatabase();

type User = Awaited<ReturnType<typeof createTestUser>>;
let province: User;
let chengdu: User;
let sme: User;
const names: Record<string, string> = {};

/** A verified prefecture-report event, written as the ledger writes it (one transaction). */
function countedEnterprise(prefecture: string, industry: string, occurredOn: string, level: 'saas' | 'iaas' = 'saas') {
  const enterprise = createEnterprise(db(), { prefecture, industry });
  db().$client.transaction(() => {
    appendEvent(db(), { enterpriseId: enterprise.id, level, occurredOn, source: 'prefecture-report', verified: true }, new Date().toISOString());
  })();
  return enterprise;
}

beforeAll(async () => {
  province = await createTestUser(db(), { role: 'official', prefecture: null });
  chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  sme = await createTestUser(db(), { role: 'sme' });
  // Chengdu: two electronics (39) and one equipment (34); Garzê (5133): one pharma (27), 2023 taxonomy.
  countedEnterprise('5101', '39', '2021-04-12');
  countedEnterprise('5101', '39', '2021-05-02', 'iaas');
  countedEnterprise('5101', '34', '2021-05-20');
  const garze = countedEnterprise('5133', '27', '2022-01-15');
  names.garze = db().$client.prepare('SELECT name FROM enterprises WHERE id = ?').pluck().get(garze.id) as string;
});

afterEach(() => expectCounterConsistent(db()));

async function json(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).json();
}

describe('GET /api/counter', () => {
  it('answers the contract’s shape, with every prefecture and cluster listed', async () => {
    const result = await call(() => apiCounter.loader(routeArgs(getRequest('/api/counter'))));
    expect(statusOf(result)).toBe(200);
    const body = await json(result);
    expect(Object.keys(body).sort()).toEqual(['asOf', 'byCluster', 'byLevel', 'byMonth', 'byPrefecture', 'campaign', 'total']);
    expect(body.campaign).toEqual({ id: 'sc-2020-2022', name: expect.any(String), target: 150000, start: '2020-01-01', end: '2022-12-31' });
    expect(body.total).toBe(4);
    expect(body.byPrefecture).toHaveLength(21);
    expect(body.byPrefecture.map((p: { code: string }) => p.code)).toEqual(PREFECTURES.map((p) => p.code));
    expect(body.byPrefecture.find((p: { code: string }) => p.code === '5101')).toEqual({ code: '5101', name: '成都市', count: 3 });
    expect(body.byPrefecture.find((p: { code: string }) => p.code === '5134')).toEqual({ code: '5134', name: '凉山彝族自治州', count: 0 });
    expect(body.byCluster.map((c: { id: string }) => c.id)).toEqual(listClusters('2023').map((c) => c.id));
    expect(body.byCluster.find((c: { id: string }) => c.id === 'electronics')).toEqual({ id: 'electronics', name: '电子信息', count: 2 });
    expect(body.byLevel).toContainEqual({ level: 'iaas', count: 1 });
    expect(body.byLevel).toHaveLength(5);
    expect(body.byMonth).toHaveLength(36);
    expect(body.byMonth.find((m: { month: string }) => m.month === '2021-05')).toEqual({ month: '2021-05', count: 2, cumulative: 3 });
    for (const list of [body.byCluster, body.byPrefecture, body.byLevel]) {
      expect(list.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(4);
    }
    expect(JSON.stringify(body)).not.toContain(names.garze);
  });

  it('takes the taxonomy version', async () => {
    const body = await json(await call(() => apiCounter.loader(routeArgs(getRequest('/api/counter?taxonomy=2018&campaign=sc-2020-2022')))));
    expect(body.byCluster.map((c: { id: string }) => c.id)).toEqual(listClusters('2018').map((c) => c.id));
    // 2018 keeps pharmaceuticals (27) in 能源化工.
    expect(body.byCluster.find((c: { id: string }) => c.id === 'energy-chemical').count).toBe(1);
  });

  it('answers 400 with the errors for a bad taxonomy or an unknown campaign', async () => {
    const bad = await call(() => apiCounter.loader(routeArgs(getRequest('/api/counter?taxonomy=2019'))));
    expect(statusOf(bad)).toBe(400);
    expect((await json(bad)).errors).toEqual([{ path: 'taxonomy', message: expect.any(String) }]);
    const unknown = await call(() => apiCounter.loader(routeArgs(getRequest('/api/counter?campaign=no-such-campaign'))));
    expect(statusOf(unknown)).toBe(400);
    expect((await json(unknown)).errors[0].path).toBe('campaign');
  });
});

describe('open data', () => {
  it('is a CSV with a BOM, every prefecture × cluster × month, and no cell below 3', async () => {
    const result = await call(() => openData.loader(routeArgs(getRequest('/open-data/counter.csv'))));
    expect(statusOf(result)).toBe(200);
    const response = result as Response;
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('prefecture_code,prefecture_name,cluster_id,cluster_name,month,count');
    expect(lines).toHaveLength(1 + 21 * listClusters('2023').length * 36);
    const counts = lines.slice(1).map((l) => l.split(',').at(-1));
    expect(counts.every((c) => c === '<3' || c === 'x' || Number(c) >= 3)).toBe(true);
    expect(lines).toContain('5101,成都市,electronics,电子信息,2021-04,<3');
    expect(text).not.toContain(names.garze);
  });
});

describe('officials’ dashboard', () => {
  it('is refused to an SME', async () => {
    const result = await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard', sme.cookie))));
    expect(statusOf(result)).toBe(403);
  });

  it('shows a provincial official the province with progress, pace and rendered charts', async () => {
    const data = payloadOf(await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard?sort=count&dir=desc', province.cookie)))));
    expect(data.total).toBe(4);
    expect(data.filters).toEqual({ campaign: 'sc-2020-2022', taxonomy: '2023', prefecture: null });
    expect(data.pace.phase).toBe('ended');
    expect(data.prefectures[0]).toMatchObject({ id: '5101', count: 3 });
    for (const chart of Object.values(data.charts) as { svg: string }[]) expect(chart.svg.startsWith('<svg')).toBe(true);
  });

  it('fixes a prefecture official to their prefecture and refuses another', async () => {
    const own = payloadOf(await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard', chengdu.cookie)))));
    expect(own.filters.prefecture).toBe('5101');
    expect(own.total).toBe(3);
    const other = await call(() => dashboard.loader(routeArgs(getRequest('/official/dashboard?prefecture=5133', chengdu.cookie))));
    expect(statusOf(other)).toBe(403);
  });
});

describe('drill-down', () => {
  it('lists the enterprises of a cell with the events behind each', async () => {
    const data = payloadOf(
      await call(() => drillDown.loader(routeArgs(getRequest('/official/dashboard/enterprises?cluster=pharma-health', province.cookie)))),
    );
    expect(data.total).toBe(1);
    const [row] = data.rows;
    expect(row.name).toBe(names.garze);
    expect(row.events).toHaveLength(1);
    expect(row.events[0]).toMatchObject({ id: row.firstEventId, status: 'verified' });
    expect(row.events[0].actions.map((a: { kind: string }) => a.kind)).toEqual(['verify']);
  });

  it('refuses a prefecture official another prefecture’s enterprises, and narrows theirs to it', async () => {
    const other = await call(() => drillDown.loader(routeArgs(getRequest('/official/dashboard/enterprises?prefecture=5133', chengdu.cookie))));
    expect(statusOf(other)).toBe(403);
    const own = payloadOf(await call(() => drillDown.loader(routeArgs(getRequest('/official/dashboard/enterprises', chengdu.cookie)))));
    expect(own.total).toBe(3);
    expect(own.rows.every((r: { prefecture: string }) => r.prefecture === '5101')).toBe(true);
  });

  it('is refused to an SME', async () => {
    const result = await call(() => drillDown.loader(routeArgs(getRequest('/official/dashboard/enterprises', sme.cookie))));
    expect(statusOf(result)).toBe(403);
  });
});

describe('CSV exports', () => {
  async function csv(url: string, cookie: string, table: string) {
    const result = await call(() => exportCsv.loader(routeArgs(getRequest(url, cookie), { table })));
    expect(statusOf(result)).toBe(200);
    const response = result as Response;
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="yunqiao-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return new TextDecoder().decode(bytes).split('\r\n');
  }

  it('exports the prefecture table with a BOM and the right header', async () => {
    const lines = await csv('/official/dashboard/export/prefecture', province.cookie, 'prefecture');
    expect(lines[0]).toBe('代码,市州,企业数');
    expect(lines[1]).toBe('5101,成都市,3');
    expect(lines.filter(Boolean)).toHaveLength(22);
  });

  it('exports every table of the dashboard', async () => {
    expect((await csv('/official/dashboard/export/cluster', province.cookie, 'cluster'))[0]).toBe('代码,产业集群,企业数');
    expect((await csv('/official/dashboard/export/level', province.cookie, 'level'))[0]).toBe('代码,上云层级,企业数');
    expect((await csv('/official/dashboard/export/month', province.cookie, 'month'))[0]).toBe('月份,当月新增,累计,直线目标');
    const matrix = await csv('/official/dashboard/export/prefecture-cluster', province.cookie, 'prefecture-cluster');
    expect(matrix[0]).toBe('代码,市州,电子信息,装备制造,食品轻纺,能源化工,先进材料,医药健康,其他,合计');
    expect(matrix).toContain('5101,成都市,2,1,0,0,0,0,0,3');
    const enterprises = await csv('/official/dashboard/export/enterprises?cluster=pharma-health', province.cookie, 'enterprises');
    expect(enterprises).toHaveLength(3); // header, one enterprise, trailing line end
    expect(enterprises[1]).toContain(names.garze);
  });

  it('keeps a prefecture official to their prefecture and refuses SMEs', async () => {
    const other = await call(() => exportCsv.loader(routeArgs(getRequest('/official/dashboard/export/enterprises?prefecture=5133', chengdu.cookie), { table: 'enterprises' })));
    expect(statusOf(other)).toBe(403);
    const own = await csv('/official/dashboard/export/enterprises', chengdu.cookie, 'enterprises');
    expect(own.join('\n')).not.toContain(names.garze);
    const refused = await call(() => exportCsv.loader(routeArgs(getRequest('/official/dashboard/export/prefecture', sme.cookie), { table: 'prefecture' })));
    expect(statusOf(refused)).toBe(403);
    const unknown = await call(() => exportCsv.loader(routeArgs(getRequest('/official/dashboard/export/secrets', province.cookie), { table: 'secrets' })));
    expect(statusOf(unknown)).toBe(404);
  });
});

describe('monthly report', () => {
  it('gives the figures as of the end of the month asked for', async () => {
    const data = payloadOf(await call(() => report.loader(routeArgs(getRequest('/official/report?month=2021-05', province.cookie)))));
    expect(data.month).toBe('2021-05');
    expect(data.figures.cumulative).toBe(3);
    expect(data.figures.newInMonth).toBe(2);
    expect(data.figures.matrix.total).toBe(3); // Garzê's enterprise came later (2022-01)
    expect(data.figures.pace.monthsLeft).toBe(19);
  });

  it('is refused to an SME', async () => {
    expect(statusOf(await call(() => report.loader(routeArgs(getRequest('/official/report', sme.cookie)))))).toBe(403);
  });
});

describe('public progress page', () => {
  it('needs no login and names no enterprise', async () => {
    const result = await call(() => progress.loader(routeArgs(getRequest('/progress'))));
    expect(statusOf(result)).toBe(200);
    const data = payloadOf(result);
    expect(data.total).toBe(4);
    expect(JSON.stringify(data)).not.toContain(names.garze);
  });
});

describe('map for the browser', () => {
  it('serves the Sichuan outlines with a validator for caches', async () => {
    const first = (await call(() => mapJson.loader(routeArgs(getRequest('/charts/sichuan.json'))))) as Response;
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toContain('public');
    expect((await first.json()).features).toHaveLength(21);
    const etag = first.headers.get('ETag')!;
    const again = (await call(() =>
      mapJson.loader(routeArgs(new Request('http://localhost/charts/sichuan.json', { headers: { 'If-None-Match': etag } }))),
    )) as Response;
    expect(again.status).toBe(304);
  });
});
