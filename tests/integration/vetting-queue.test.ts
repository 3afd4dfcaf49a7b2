import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, offeringRevisions, offerings, providers, type OfferingRevisionSnapshot } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import * as queue from '../../app/routes/official.queue';
import * as overview from '../../app/routes/official._index';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();
let serial = 0;
const day = (d: string) => `${d}T02:00:00.000Z`;

function insertProvider(prefecture: string, status: 'applied' | 'approved', createdAt: string) {
  const id = newId();
  serial += 1;
  db()
    .insert(providers)
    .values({
      id,
      uscc: makeUscc('91', `${prefecture}00`, `MA8Q${String(serial).padStart(5, '0')}`),
      nameZh: `队列测试服务商${serial}`,
      prefecture,
      status,
      createdAt,
    })
    .run();
  return id;
}

function insertOffering(providerId: string, status: 'submitted' | 'published', submittedAt: string) {
  const id = newId();
  db()
    .insert(offerings)
    .values({ id, providerId, externalId: `q-${id}`, titleZh: `队列产品${++serial}`, summary: '简介', level: 'saas', categories: ['生产管理'], status, submittedAt })
    .run();
  return id;
}

const snapshot: OfferingRevisionSnapshot = {
  titleZh: '新标题',
  titleEn: null,
  summary: '简介',
  description: '',
  level: 'saas',
  categories: ['生产管理'],
  stages: [],
  industries: [],
  sizes: [],
  regions: [],
  tags: [],
  plans: [{ name: '基础版', priceFen: 100, billing: 'month', trialDays: null }],
};

const queueOf = async (cookie: string, search = '') =>
  payloadOf(await call(() => queue.loader(routeArgs(getRequest(`/official/queue${search}`, cookie)))));
const keys = (page: { rows: { kind: string; id: string }[] }) => page.rows.map((r) => `${r.kind}:${r.id}`);

let ids: Record<string, string> = {};

beforeAll(() => {
  const chengdu = insertProvider('5101', 'applied', day('2023-06-01'));
  const applied = insertProvider('5107', 'applied', day('2024-01-03'));
  const vetted = insertProvider('5107', 'approved', day('2024-01-01'));
  const submitted = insertOffering(vetted, 'submitted', day('2024-01-02'));
  const published = insertOffering(vetted, 'published', day('2023-12-01'));
  const revision = newId();
  db()
    .insert(offeringRevisions)
    .values({ id: revision, offeringId: published, providerId: vetted, snapshot, baseSnapshot: snapshot, status: 'pending', submittedAt: day('2024-01-04') })
    .run();
  // Applied first in 2023, rejected, applied again on 5 January: it waits from the re-application.
  const reapplied = insertProvider('5107', 'applied', day('2023-11-01'));
  db().insert(auditLog).values({ actorUserId: null, action: 'provider.reapply', targetType: 'provider', targetId: reapplied, createdAt: day('2024-01-05') }).run();
  for (let i = 0; i < 21; i++) insertProvider('5111', 'applied', day(`2024-02-${String(i + 1).padStart(2, '0')}`));
  ids = { chengdu, applied, submitted, revision, reapplied };
});

describe('the vetting queue', () => {
  it('lists applications, submissions and revisions together, oldest first, within the official’s scope', async () => {
    const mianyang = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const page = await queueOf(mianyang.cookie);
    expect(keys(page)).toEqual([`offering:${ids.submitted}`, `provider:${ids.applied}`, `revision:${ids.revision}`, `provider:${ids.reapplied}`]);
    expect(page.rows[2]).toMatchObject({ prefecture: '5107', submittedAt: day('2024-01-04'), providerNameZh: expect.stringContaining('队列测试服务商') });
    expect(page.total).toBe(4);

    const revisionsOnly = await queueOf(mianyang.cookie, '?type=revision');
    expect(keys(revisionsOnly)).toEqual([`revision:${ids.revision}`]);
    const unknownType = await queueOf(mianyang.cookie, '?type=nonsense');
    expect(unknownType.total).toBe(4);

    const counts = payloadOf(await call(() => overview.loader(routeArgs(getRequest('/official', mianyang.cookie)))));
    expect(counts).toMatchObject({ pendingProviders: 2, pendingOfferings: 1, pendingRevisions: 1 });
  });

  it('shows a provincial official everything, starting with the oldest', async () => {
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    const page = await queueOf(province.cookie);
    expect(page.total).toBe(26);
    expect(keys(page).slice(0, 2)).toEqual([`provider:${ids.chengdu}`, `offering:${ids.submitted}`]);
  });

  it('pages, and reads a bad or past-the-end page as a page that exists', async () => {
    const leshan = await createTestUser(db(), { role: 'official', prefecture: '5111' });
    const first = await queueOf(leshan.cookie);
    expect([first.rows.length, first.total, first.page]).toEqual([20, 21, 1]);
    const second = await queueOf(leshan.cookie, '?page=2');
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0].submittedAt).toBe(day('2024-02-21'));
    expect((await queueOf(leshan.cookie, '?page=abc')).page).toBe(1);
    expect((await queueOf(leshan.cookie, '?page=99')).page).toBe(2);
  });

  it('is empty for a prefecture with nothing waiting, and closed to everyone but officials', async () => {
    const ziyang = await createTestUser(db(), { role: 'official', prefecture: '5120' });
    expect(await queueOf(ziyang.cookie)).toMatchObject({ rows: [], total: 0, page: 1 });
    for (const role of ['sme', 'provider', 'admin'] as const) {
      const user = await createTestUser(db(), { role });
      expect(statusOf(await call(() => queue.loader(routeArgs(getRequest('/official/queue', user.cookie)))))).toBe(403);
    }
  });
});
