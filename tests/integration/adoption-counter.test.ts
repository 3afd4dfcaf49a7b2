import { afterEach, describe, expect, it } from 'vitest';
import * as single from '../../app/routes/api.adoption-events';
import { campaigns } from '../../db/schema';
import {
  getCampaignProgress,
  getCounterSnapshot,
  getOpenDataCells,
  listCampaigns,
  listCountedEnterprises,
  listEnterpriseLedger,
} from '../../app/models/counter.server';
import { verifyCounter } from '../../scripts/counter-verify';
import { routeArgs, useTestDatabase } from '../setup/test-db';
import {
  apiRequest,
  createEnterprise,
  eventBody,
  expectCounterConsistent,
  prefectureKey,
  uscc,
} from './adoption-fixtures';

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

async function report(key: string, idempotencyKey: string, body: Record<string, unknown>) {
  const response = await single.action(
    routeArgs(
      apiRequest('/api/adoption-events', {
        key,
        idempotencyKey,
        body: { ...body, offeringExternalId: undefined },
      }),
    ),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe('counter snapshot', () => {
  it('lists every prefecture, cluster, level and month, each adding up to the total', async () => {
    const chengdu = prefectureKey(db(), '5101');
    const liangshan = prefectureKey(db(), '5134');
    await report(chengdu, 's-1', eventBody({ industry: '39', level: 'saas', occurredAt: '2020-02-03' }));
    await report(chengdu, 's-2', eventBody({ industry: '27', level: 'paas', occurredAt: '2021-02-03' }));
    await report(
      liangshan,
      's-3',
      eventBody({
        prefecture: '5134',
        uscc: uscc('513400'),
        industry: 'F',
        level: 'iaas',
        occurredAt: '2022-12-31',
      }),
    );
    const s = getCounterSnapshot(db(), { taxonomy: '2018' })!;
    expect(s.campaign).toMatchObject({
      id: 'sc-2020-2022',
      target: 150000,
      start: '2020-01-01',
      end: '2022-12-31',
    });
    expect(s.total).toBe(3);
    expect(s.byPrefecture).toHaveLength(21);
    expect(s.byMonth).toHaveLength(36);
    expect(s.byMonth.at(-1)!.cumulative).toBe(3);
    expect(s.byCluster.map((c) => c.id)).toEqual([
      'electronics',
      'equipment',
      'food',
      'materials',
      'energy-chemical',
      'digital',
      'other',
    ]);
    for (const list of [s.byPrefecture, s.byCluster, s.byLevel, s.byMonth])
      expect(list.reduce((n, x) => n + x.count, 0)).toBe(3);
    // 27 (医药) sits with 能源化工 in 2018 and in 医药健康 in 2023: the taxonomy is chosen at read time.
    expect(s.byCluster.find((c) => c.id === 'energy-chemical')!.count).toBe(1);
    expect(
      getCounterSnapshot(db(), { taxonomy: '2023' })!.byCluster.find((c) => c.id === 'pharma-health')!.count,
    ).toBe(1);
    expect(s.byCluster.find((c) => c.id === 'other')!.count).toBe(1);

    const filtered = getCounterSnapshot(db(), { prefecture: '5134' })!;
    expect(filtered.total).toBe(1);
    expect(filtered.byPrefecture.find((p) => p.code === '5101')!.count).toBe(0);
    expect(getCounterSnapshot(db(), { prefecture: '9999' })).toBeNull();
    expect(getCounterSnapshot(db(), { campaignId: 'nope' })).toBeNull();
    expect(getCampaignProgress(db())!.total).toBe(3);
  });

  it('drills down to the enterprises counted and the events behind each', async () => {
    const key = prefectureKey(db(), '5104');
    const code = uscc('510400');
    await report(
      key,
      'd-1',
      eventBody({
        prefecture: '5104',
        uscc: code,
        industry: '32',
        level: 'platform',
        occurredAt: '2021-08-08',
      }),
    );
    await report(
      key,
      'd-2',
      eventBody({ prefecture: '5104', uscc: code, industry: '32', level: 'saas', occurredAt: '2022-01-01' }),
    );
    const page = listCountedEnterprises(db(), {
      campaignId: 'sc-2020-2022',
      taxonomy: '2023',
      prefecture: '5104',
      cluster: 'materials',
      level: 'platform',
      month: '2021-08',
      page: 1,
      pageSize: 10,
    });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      uscc: code,
      prefecture: '5104',
      industry: '32',
      cluster: 'materials',
      level: 'platform',
      month: '2021-08',
    });
    expect(
      listCountedEnterprises(db(), {
        campaignId: 'sc-2020-2022',
        taxonomy: '2023',
        cluster: 'other',
        page: 1,
        pageSize: 10,
      }).rows.every((r) => r.cluster === 'other'),
    ).toBe(true);
    const ledger = listEnterpriseLedger(db(), page.rows[0]!.enterpriseId) as {
      id: string;
      occurredOn: string;
      status: string;
      actions: { kind: string }[];
    }[];
    expect(ledger.map((e) => e.occurredOn)).toEqual(['2021-08-08', '2022-01-01']);
    expect(ledger[0]!.id).toBe(page.rows[0]!.firstEventId);
    expect(ledger[0]!.actions.map((a) => a.kind)).toEqual(['verify']);

    const cells = getOpenDataCells(db(), { campaignId: 'sc-2020-2022', taxonomy: '2023' });
    expect(cells).toContainEqual({ prefecture: '5104', cluster: 'materials', month: '2021-08', count: 1 });
    expect(cells.every((c) => c.count > 0)).toBe(true);
  });

  it('counts each campaign on its own window', async () => {
    db()
      .insert(campaigns)
      .values({
        id: 'sc-2023-2025',
        name: '第二轮',
        target: 100000,
        startsOn: '2023-01-01',
        endsOn: '2025-12-31',
      })
      .run();
    const enterprise = createEnterprise(db(), { prefecture: '5120' });
    const key = prefectureKey(db(), '5120');
    await report(
      key,
      'c-1',
      eventBody({ prefecture: '5120', uscc: enterprise.uscc, occurredAt: '2022-05-05' }),
    );
    await report(
      key,
      'c-2',
      eventBody({ prefecture: '5120', uscc: enterprise.uscc, occurredAt: '2024-05-05', level: 'iaas' }),
    );
    expect(listCampaigns(db()).map((c) => c.id)).toEqual(['sc-2020-2022', 'sc-2023-2025']);
    expect(
      getCounterSnapshot(db(), { campaignId: 'sc-2020-2022', prefecture: '5120' })!.byMonth.find(
        (m) => m.month === '2022-05',
      )!.count,
    ).toBe(1);
    // Its verified 2022 event predates the second campaign: deepening there, never new
    // (formats/adoption-events.md, "Several campaigns").
    const second = getCounterSnapshot(db(), { campaignId: 'sc-2023-2025', prefecture: '5120' })!;
    expect(second.total).toBe(0);
    expect(second.deepening).toBe(1);
    expect(second.byMonth).toHaveLength(36);
    // Today (after 2023) the latest started campaign is the current one.
    expect(getCampaignProgress(db())!.campaign.id).toBe('sc-2023-2025');
    db().$client.prepare("DELETE FROM adoption_counted WHERE campaign_id = 'sc-2023-2025'").run();
    db().$client.prepare("DELETE FROM counter_cells WHERE campaign_id = 'sc-2023-2025'").run();
    db().$client.prepare("DELETE FROM campaigns WHERE id = 'sc-2023-2025'").run();
  });
});

describe('counter:verify', () => {
  it('reports a readable difference when the live counter drifts from the ledger', async () => {
    const enterprise = createEnterprise(db(), { prefecture: '5118' });
    await report(
      prefectureKey(db(), '5118'),
      'v-1',
      eventBody({ prefecture: '5118', uscc: enterprise.uscc }),
    );
    const sqlite = db().$client;
    const row = sqlite
      .prepare('SELECT * FROM adoption_counted WHERE enterprise_id = ?')
      .get(enterprise.id) as Record<string, unknown>;
    sqlite
      .prepare(
        "UPDATE counter_cells SET count = count + 5 WHERE scope = '*' AND dim = 'total' AND kind = 'new'",
      )
      .run();
    sqlite.prepare('DELETE FROM adoption_counted WHERE enterprise_id = ?').run(enterprise.id);
    const drift = verifyCounter(db());
    expect(drift.ok).toBe(false);
    expect(
      drift.differences.some((d) => d.startsWith(`counted sc-2020-2022|${enterprise.id}: missing`)),
    ).toBe(true);
    expect(
      drift.differences.some((d) =>
        /^cell sc-2020-2022\|new\|\*\|total\|: should be \d+, stored \d+$/.test(d),
      ),
    ).toBe(true);
    // Undo the tampering (raw SQL, as it was done) so the suite's invariant check passes.
    sqlite
      .prepare(
        "UPDATE counter_cells SET count = count - 5 WHERE scope = '*' AND dim = 'total' AND kind = 'new'",
      )
      .run();
    const columns = Object.keys(row);
    sqlite
      .prepare(
        `INSERT INTO adoption_counted (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(row));
    expect(verifyCounter(db()).ok).toBe(true);
  });
});
