import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as single from '../../app/routes/api.adoption-events';
import * as campaignsPage from '../../app/routes/official.campaigns._index';
import * as newCampaignPage from '../../app/routes/official.campaigns.new';
import * as editCampaignPage from '../../app/routes/official.campaigns.$campaignId';
import * as dashboard from '../../app/routes/official.dashboard';
import { decideEvent } from '../../app/models/adoption.server';
import {
  buildCampaignCounts,
  createCampaign,
  getCampaignRow,
  startCampaignBuild,
  updateCampaign,
} from '../../app/models/campaigns.server';
import { getCampaignProgress, getCounterSnapshot } from '../../app/models/counter.server';
import { closeDb } from '../../db/client.server';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import {
  apiRequest,
  createEnterprise,
  eventBody,
  expectCounterConsistent,
  prefectureKey,
} from './adoption-fixtures';

// Several campaigns (formats/adoption-events.md): one ledger, counted in every campaign whose
// window holds an event; an enterprise already on the cloud at a campaign's start is deepening there.

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

const NEXT = {
  id: 'sc-2025-2027',
  name: '四川省中小企业数字化转型行动（2025—2027年）',
  nameEn: 'Sichuan SME Digital Transformation 2025–2027',
  target: 50000,
  startsOn: '2025-01-01',
  endsOn: '2027-12-31',
};

async function report(key: string, idempotencyKey: string, body: Record<string, unknown>) {
  const response = await single.action(
    routeArgs(apiRequest('/api/adoption-events', { key, idempotencyKey, body: { ...body, offeringExternalId: undefined } })),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; counted: boolean; countedIn: string[] };
}

function kindIn(campaignId: string, enterpriseId: string) {
  const row = db()
    .$client.prepare('SELECT kind FROM adoption_counted WHERE campaign_id = ? AND enterprise_id = ?')
    .get(campaignId, enterpriseId) as { kind: string } | undefined;
  return row?.kind ?? null;
}

describe('one ledger across two campaigns', () => {
  it('counts an enterprise new in the first campaign and deepening in the next, from the console', async () => {
    const key = prefectureKey(db(), '5101');
    const veteran = createEnterprise(db());
    const newcomer = createEnterprise(db());
    await report(key, 'v-2021', eventBody({ uscc: veteran.uscc, occurredAt: '2021-03-01', level: 'iaas' }));
    await report(key, 'v-2025', eventBody({ uscc: veteran.uscc, occurredAt: '2025-06-01', level: 'saas' }));
    await report(key, 'n-2025', eventBody({ uscc: newcomer.uscc, occurredAt: '2025-09-09', level: 'paas' }));
    expect(kindIn('sc-2020-2022', veteran.id)).toBe('new');

    const official = await createTestUser(db(), { role: 'official' });
    const created = await call(() =>
      newCampaignPage.action(
        routeArgs(formRequest('/official/campaigns/new', { ...NEXT, target: String(NEXT.target) }, official.cookie)),
      ),
    );
    expect(statusOf(created)).toBe(302);
    // Created 计算中; the build started by the action runs between requests.
    expect(getCampaignRow(db(), NEXT.id)!.countsStatus).toBe('building');
    await startCampaignBuild(db(), NEXT.id);
    expect(getCampaignRow(db(), NEXT.id)!.countsStatus).toBe('ready');

    expect(kindIn(NEXT.id, veteran.id)).toBe('deepening');
    expect(kindIn(NEXT.id, newcomer.id)).toBe('new');
    const snapshot = getCounterSnapshot(db(), { campaignId: NEXT.id })!;
    expect(snapshot.total).toBe(1);
    expect(snapshot.deepening).toBe(1);
    expect(snapshot.byLevel.find((l) => l.level === 'paas')!.count).toBe(1);
    expect(getCounterSnapshot(db(), { campaignId: 'sc-2020-2022' })!.total).toBeGreaterThanOrEqual(1);
    // Today (2026 or later) the latest started campaign is the current one.
    expect(getCampaignProgress(db())!.campaign.id).toBe(NEXT.id);

    // The dashboard offers it, and shows it by default.
    const page = payloadOf(await dashboard.loader(routeArgs(getRequest('/official/dashboard', official.cookie))));
    expect(page.campaigns.map((c: { id: string }) => c.id)).toContain(NEXT.id);
    expect(page.filters.campaign).toBe(NEXT.id);
  });

  it('answers countedIn with every campaign that counts the enterprise as new', async () => {
    const key = prefectureKey(db(), '5101');
    const fresh = await report(key, 'fresh-2026', eventBody({ occurredAt: '2026-02-02' }));
    expect(fresh).toMatchObject({ counted: true, countedIn: [NEXT.id] });
    const old = await report(key, 'old-2021', eventBody({ occurredAt: '2021-02-02' }));
    expect(old).toMatchObject({ counted: false, countedIn: ['sc-2020-2022'] });
  });

  it('an earlier verified event turns new into deepening incrementally, and its revocation turns it back', async () => {
    const key = prefectureKey(db(), '5101');
    const enterprise = createEnterprise(db());
    await report(key, 'late', eventBody({ uscc: enterprise.uscc, occurredAt: '2026-05-05' }));
    expect(kindIn(NEXT.id, enterprise.id)).toBe('new');
    const early = await report(key, 'early', eventBody({ uscc: enterprise.uscc, occurredAt: '2022-01-10' }));
    expect(early.countedIn).toEqual(['sc-2020-2022']);
    expect(kindIn(NEXT.id, enterprise.id)).toBe('deepening');
    expectCounterConsistent(db());

    const official = await createTestUser(db(), { role: 'official' });
    const revoked = decideEvent(db(), {
      eventId: early.id,
      official: { id: official.id, role: 'official', scopePrefecture: null },
      decision: 'revoke',
      reason: '重复报送',
    });
    expect(revoked.ok).toBe(true);
    expect(kindIn(NEXT.id, enterprise.id)).toBe('new');
    expect(kindIn('sc-2020-2022', enterprise.id)).toBeNull();
  });

  it('the baseline flag cleared on an enterprise with an earlier verified event keeps it deepening', async () => {
    const key = prefectureKey(db(), '5101');
    const enterprise = createEnterprise(db(), { onCloudBeforeCampaign: true });
    await report(key, 'flag-2021', eventBody({ uscc: enterprise.uscc, occurredAt: '2021-01-01' }));
    await report(key, 'flag-2025', eventBody({ uscc: enterprise.uscc, occurredAt: '2025-01-01' }));
    db().$client.prepare('UPDATE enterprises SET on_cloud_before_campaign = 0 WHERE id = ?').run(enterprise.id);
    expect(kindIn('sc-2020-2022', enterprise.id)).toBe('new');
    expect(kindIn(NEXT.id, enterprise.id)).toBe('deepening');
  });
});

describe('building and rebuilding a campaign', () => {
  it('a new window rebuilds the counts; names and target alone do not', async () => {
    const key = prefectureKey(db(), '5101');
    const enterprise = createEnterprise(db());
    await report(key, 'w-2025', eventBody({ uscc: enterprise.uscc, occurredAt: '2025-03-03' }));
    await report(key, 'w-2026', eventBody({ uscc: enterprise.uscc, occurredAt: '2026-03-03', level: 'iaas' }));
    expect(kindIn(NEXT.id, enterprise.id)).toBe('new');

    const renamed = updateCampaign(db(), NEXT.id, { ...NEXT, target: 60000 }, null);
    expect(renamed).toMatchObject({ ok: true, rebuild: false });
    expect(getCampaignRow(db(), NEXT.id)!.countsStatus).toBe('ready');

    const official = await createTestUser(db(), { role: 'official' });
    const moved = await call(() =>
      editCampaignPage.action(
        routeArgs(
          formRequest(
            `/official/campaigns/${NEXT.id}`,
            { ...NEXT, target: '60000', startsOn: '2026-01-01' },
            official.cookie,
          ),
          { campaignId: NEXT.id },
        ),
      ),
    );
    expect(statusOf(moved)).toBe(302);
    expect((moved as Response).headers.get('Location')).toBe('/official/campaigns');
    // "counts are being rebuilt" waits for the list page in the flash cookie.
    const listed = payloadOf(
      await call(() =>
        campaignsPage.loader(
          routeArgs(getRequest('/official/campaigns', `${official.cookie}; ${(moved as Response).headers.get('Set-Cookie')!.split(';')[0]}`)),
        ),
      ),
    );
    expect(listed.flash).toBe('campaigns.updatedRebuild');
    const list = payloadOf(await campaignsPage.loader(routeArgs(getRequest('/official/campaigns', official.cookie))));
    expect(list.campaigns.find((c: { id: string }) => c.id === NEXT.id).countsStatus).toBe('building');
    await startCampaignBuild(db(), NEXT.id);
    // Its 2025 event now predates the start: deepening, attributed to the 2026 event.
    const row = db()
      .$client.prepare('SELECT kind, level, month FROM adoption_counted WHERE campaign_id = ? AND enterprise_id = ?')
      .get(NEXT.id, enterprise.id);
    expect(row).toEqual({ kind: 'deepening', level: 'iaas', month: '2026-03' });
    updateCampaign(db(), NEXT.id, NEXT, null);
    await startCampaignBuild(db(), NEXT.id);
  });

  it('stays exact when events arrive between the chunks of a build', async () => {
    const key = prefectureKey(db(), '5103');
    for (let i = 0; i < 12; i++)
      await report(key, `pre-${i}`, eventBody({ prefecture: '5103', occurredAt: `2025-0${1 + (i % 9)}-15` }));
    const created = createCampaign(
      db(),
      { id: 'sc-2025-h2', name: '二〇二五年下半年专项', nameEn: null, target: 100, startsOn: '2025-07-01', endsOn: '2025-12-31' },
      null,
    );
    expect(created.ok).toBe(true);
    let chunk = 0;
    let progress: [number, number] = [0, 0];
    await buildCampaignCounts(db(), 'sc-2025-h2', {
      chunkSize: 3,
      onProgress: (done, total) => (progress = [done, total]),
      pause: async () => {
        chunk += 1;
        await report(key, `during-${chunk}`, eventBody({ prefecture: '5103', occurredAt: '2025-08-0' + (1 + (chunk % 9)) }));
      },
    });
    expect(chunk).toBeGreaterThan(2);
    expect(progress[0]).toBe(progress[1]);
    expect(getCampaignRow(db(), 'sc-2025-h2')!.countsStatus).toBe('ready');
  });
});

describe('who may change campaigns, and bad input', () => {
  it('a prefecture official sees the list but may not create or edit', async () => {
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const list = payloadOf(await campaignsPage.loader(routeArgs(getRequest('/official/campaigns', chengdu.cookie))));
    expect(list.canEdit).toBe(false);
    const refused = await call(() =>
      newCampaignPage.action(routeArgs(formRequest('/official/campaigns/new', { ...NEXT, id: 'x-2030', target: '5' }, chengdu.cookie))),
    );
    expect(statusOf(refused)).toBe(403);
    const sme = await createTestUser(db(), { role: 'sme' });
    expect(statusOf(await call(() => campaignsPage.loader(routeArgs(getRequest('/official/campaigns', sme.cookie)))))).toBe(403);
  });

  it('answers field errors in plain words and writes nothing', async () => {
    const official = await createTestUser(db(), { role: 'official' });
    const before = db().$client.prepare('SELECT count(*) AS n FROM campaigns').get();
    const bad = await call(() =>
      newCampaignPage.action(
        routeArgs(
          formRequest(
            '/official/campaigns/new',
            { id: 'Bad Id', name: '新活动名称', target: '-3', startsOn: '2027-01-01', endsOn: '2026-01-01' },
            official.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(bad)).toBe(400);
    const errors = payloadOf(bad).error;
    expect(errors.id).toEqual(['campaigns.errorId']);
    expect(errors.target).toEqual(['errors.tooSmall|min=1']);
    expect(errors.endsOn).toEqual(['campaigns.errorEndBeforeStart']);
    const duplicate = await call(() =>
      newCampaignPage.action(
        routeArgs(formRequest('/official/campaigns/new', { ...NEXT, target: '1' }, official.cookie)),
      ),
    );
    expect(statusOf(duplicate)).toBe(400);
    expect(payloadOf(duplicate).error.id).toEqual(['campaigns.errorDuplicate']);
    expect(db().$client.prepare('SELECT count(*) AS n FROM campaigns').get()).toEqual(before);
    const missing = await call(() =>
      editCampaignPage.loader(routeArgs(getRequest('/official/campaigns/nope', official.cookie), { campaignId: 'nope' })),
    );
    expect(statusOf(missing)).toBe(404);
  });
});

describe('npm run campaign:create', () => {
  it('creates and counts a campaign from the command line, and refuses bad flags', () => {
    const file = process.env.DATABASE_PATH!;
    closeDb();
    const tsx = path.resolve('node_modules/.bin/tsx');
    const out = execFileSync(
      tsx,
      ['scripts/campaign-create.ts', '--id', 'sc-2028-2030', '--name-zh', '第三轮企业上云行动', '--target', '30000', '--start', '2028-01-01', '--end', '2030-12-31'],
      { env: { ...process.env, DATABASE_PATH: file }, encoding: 'utf8' },
    );
    expect(out).toContain('Created campaign sc-2028-2030');
    expect(out).toMatch(/Counted in [\d.]+ s: 0 new/);
    expect(getCampaignRow(db(), 'sc-2028-2030')).toMatchObject({ countsStatus: 'ready', target: 30000 });
    let failure = '';
    try {
      execFileSync(tsx, ['scripts/campaign-create.ts', '--id', 'sc-2031', '--name-zh', '第四轮', '--target', 'x', '--start', '2031-02-30', '--end', '2031-01-01'], {
        env: { ...process.env, DATABASE_PATH: file },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      failure = String((e as { stderr: string }).stderr);
    }
    expect(failure).toContain('--target');
    expect(failure).toContain('--start: Enter a valid date');
    expect(getCampaignRow(db(), 'sc-2031')).toBeNull();
  });
});
