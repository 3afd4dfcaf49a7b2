import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, offeringPlans, offeringRevisions, offerings, providers } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import { makeQuery, searchOfferings } from '../../app/models/search.server';
import * as create from '../../app/routes/provider.offerings.new';
import * as providerOffering from '../../app/routes/provider.offerings.$offeringId';
import * as providerList from '../../app/routes/provider.offerings._index';
import * as officialOffering from '../../app/routes/official.offerings.$offeringId';
import * as officialProvider from '../../app/routes/official.providers.$providerId';
import * as revisionPage from '../../app/routes/official.revisions.$revisionId';
import * as catalogDetail from '../../app/routes/catalog.$offeringId';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

// The SQLite engine answers (MEILI_HOST unset), in the transaction of each catalog change.
delete process.env.MEILI_HOST;
const db = useTestDatabase();

type Account = { id: string; cookie: string; providerId: string };
let serial = 0;

async function providerAccount(prefecture = '5101'): Promise<Account> {
  const user = await createTestUser(db(), { role: 'provider' });
  const providerId = newId();
  serial += 1;
  db()
    .insert(providers)
    .values({
      id: providerId,
      uscc: makeUscc('91', `${prefecture}00`, `MA7R${String(serial).padStart(5, '0')}`),
      nameZh: `修订测试云科技有限公司${serial}`,
      prefecture,
      status: 'approved',
      ownerUserId: user.id,
    })
    .run();
  return { id: user.id, cookie: user.cookie, providerId };
}

const form = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  externalId: 'kestrel-mes',
  title: 'Kestrel 排产云',
  summary: '面向中小制造企业的生产排产 SaaS',
  level: 'saas',
  categories: ['生产管理'],
  'plans[0].name': '基础版',
  'plans[0].price': '980',
  'plans[0].billing': 'month',
  'plans[1].name': '集团定制',
  'plans[1].billing': 'quote',
  ...overrides,
});

const providerAction = (account: { cookie: string }, offeringId: string, fields: Record<string, string | string[]>) =>
  call(() => providerOffering.action(routeArgs(formRequest(`/provider/offerings/${offeringId}`, fields, account.cookie), { offeringId })));
const providerView = async (account: { cookie: string }, offeringId: string) =>
  call(() => providerOffering.loader(routeArgs(getRequest(`/provider/offerings/${offeringId}`, account.cookie), { offeringId })));
const revisionView = (cookie: string, revisionId: string) =>
  call(() => revisionPage.loader(routeArgs(getRequest(`/official/revisions/${revisionId}`, cookie), { revisionId })));
const decideRevision = (cookie: string, revisionId: string, fields: Record<string, string>) =>
  call(() => revisionPage.action(routeArgs(formRequest(`/official/revisions/${revisionId}`, fields, cookie), { revisionId })));

/** Draft → submitted → published, through the same routes people use. */
async function publishedOffering(account: Account, officialCookie: string, fields = form()) {
  const created = await call(() => create.action(routeArgs(formRequest('/provider/offerings/new', fields, account.cookie))));
  const id = (created as Response).headers.get('Location')!.split('/').pop()!.split('?')[0]!;
  expect(statusOf(await providerAction(account, id, { _action: 'submit' }))).toBe(302);
  const approved = await call(() =>
    officialOffering.action(routeArgs(formRequest(`/official/offerings/${id}`, { intent: 'approve' }, officialCookie), { offeringId: id })),
  );
  expect(statusOf(approved)).toBe(302);
  return id;
}

const searchIds = async (q: string) => (await searchOfferings(db(), makeQuery({ q }))).hits.map((h) => h.id);
const offeringRow = (id: string) => db().select().from(offerings).where(eq(offerings.id, id)).get()!;
const plansOf = (id: string) => db().select().from(offeringPlans).where(eq(offeringPlans.offeringId, id)).orderBy(offeringPlans.position).all();
const revisionsOf = (id: string) => db().select().from(offeringRevisions).where(eq(offeringRevisions.offeringId, id)).all();
const auditActions = (id: string) =>
  db().select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(and(eq(auditLog.targetType, 'offering'), eq(auditLog.targetId, id))).all();
const catalogTitle = async (id: string) => {
  const result = await call(() => catalogDetail.loader(routeArgs(getRequest(`/catalog/${id}`), { offeringId: id })));
  return statusOf(result) === 200 ? payloadOf(result).offering.titleZh : statusOf(result);
};

let a: Account;
let b: Account;
let official: { id: string; cookie: string };
let elsewhere: { id: string; cookie: string };
let offeringId: string;

beforeAll(async () => {
  a = await providerAccount();
  b = await providerAccount();
  official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  elsewhere = await createTestUser(db(), { role: 'official', prefecture: '5107' });
  offeringId = await publishedOffering(a, official.cookie);
});

describe('editing a published offering', () => {
  it('creates a pending revision while the catalog and search keep the published version', async () => {
    expect(await searchIds('Kestrel')).toEqual([offeringId]);
    const result = await providerAction(a, offeringId, form({ title: 'Osprey 巡检云' }));
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe(`/provider/offerings/${offeringId}`);
    expect((result as Response).headers.get('Set-Cookie')).toMatch(/^__yq_flash=/);

    expect(offeringRow(offeringId)).toMatchObject({ status: 'published', titleZh: 'Kestrel 排产云' });
    expect(revisionsOf(offeringId)).toMatchObject([{ status: 'pending', snapshot: { titleZh: 'Osprey 巡检云' } }]);
    expect(await catalogTitle(offeringId)).toBe('Kestrel 排产云');
    expect(await searchIds('Kestrel')).toEqual([offeringId]);
    expect(await searchIds('Osprey')).toEqual([]);

    const view = payloadOf(await providerView(a, offeringId));
    expect(view.revisionView.revision.status).toBe('pending');
    expect(view.revisionView.diff.fields).toEqual([{ kind: 'text', field: 'titleZh', before: 'Kestrel 排产云', after: 'Osprey 巡检云' }]);
    expect(view.formValue.title).toBe('Osprey 巡检云');
    expect(view.can).toMatchObject({ revise: true, withdraw: true, edit: false });
  });

  it('updates the pending revision on a second edit, keeping its place in the queue', async () => {
    const [before] = revisionsOf(offeringId);
    const plans = { 'plans[0].price': '880', 'plans[1].name': '旗舰版', 'plans[1].price': '50000', 'plans[1].billing': 'year' };
    expect(statusOf(await providerAction(a, offeringId, form({ title: 'Osprey 巡检云', ...plans })))).toBe(302);
    const after = revisionsOf(offeringId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before!.id, submittedAt: before!.submittedAt, status: 'pending' });
    expect(after[0]!.updatedAt > before!.updatedAt).toBe(true);
    expect(auditActions(offeringId).map((r) => r.action)).toEqual(
      expect.arrayContaining(['offering.revision.submit', 'offering.revision.update']),
    );
  });

  it('refuses a form that changes nothing, and a new offering code', async () => {
    const other = await publishedOffering(a, official.cookie, form({ externalId: 'static-one', title: 'Static 静态云' }));
    const same = await providerAction(a, other, form({ externalId: 'static-one', title: 'Static 静态云' }));
    expect(statusOf(same)).toBe(400);
    expect(payloadOf(same).error['']).toEqual(['provider.error.noChanges']);
    const renamed = await providerAction(a, other, form({ externalId: 'static-two', title: 'Static 新名称' }));
    expect(statusOf(renamed)).toBe(400);
    expect(payloadOf(renamed).error.externalId).toEqual(['provider.externalIdLocked']);
    expect(revisionsOf(other)).toEqual([]);
  });

  it('answers 404 when provider B opens, edits or withdraws provider A’s revision', async () => {
    const snapshot = revisionsOf(offeringId);
    expect(statusOf(await providerView(b, offeringId))).toBe(404);
    expect(statusOf(await providerAction(b, offeringId, form({ title: 'B 的标题' })))).toBe(404);
    expect(statusOf(await providerAction(b, offeringId, { _action: 'withdraw' }))).toBe(404);
    expect(revisionsOf(offeringId)).toEqual(snapshot);
  });

  it('shows the pending change in the provider’s list', async () => {
    const list = payloadOf(await call(() => providerList.loader(routeArgs(getRequest('/provider/offerings', a.cookie)))));
    expect(list.rows.find((r: { id: string }) => r.id === offeringId)).toMatchObject({ status: 'published', revisionStatus: 'pending' });
  });
});

describe('an official deciding a revision', () => {
  it('shows the diff: changed fields and plans added, removed and changed', async () => {
    const [revision] = revisionsOf(offeringId);
    const page = payloadOf(await revisionView(official.cookie, revision!.id));
    expect(page.diff.fields.map((f: { field: string }) => f.field)).toEqual(['titleZh']);
    expect(page.diff.plans).toEqual([
      { kind: 'removed', before: { name: '集团定制', priceFen: null, billing: 'quote', trialDays: null } },
      {
        kind: 'changed',
        before: { name: '基础版', priceFen: 98_000, billing: 'month', trialDays: null },
        after: { name: '基础版', priceFen: 88_000, billing: 'month', trialDays: null },
        fields: ['priceFen'],
      },
      { kind: 'added', after: { name: '旗舰版', priceFen: 5_000_000, billing: 'year', trialDays: null } },
    ]);
    expect(statusOf(await revisionView(elsewhere.cookie, revision!.id))).toBe(404);
    expect(statusOf(await decideRevision(elsewhere.cookie, revision!.id, { intent: 'approve', version: revision!.updatedAt }))).toBe(404);
  });

  it('refuses a decision on a version the official did not see', async () => {
    const [revision] = revisionsOf(offeringId);
    const stale = await decideRevision(official.cookie, revision!.id, { intent: 'approve', version: '2000-01-01T00:00:00.000Z' });
    expect(statusOf(stale)).toBe(409);
    expect(payloadOf(stale).error['']).toEqual(['official.revisionChanged']);
    expect(offeringRow(offeringId).titleZh).toBe('Kestrel 排产云');
  });

  it('applies an approved revision to the offering and its plans, and to search, at once', async () => {
    const [revision] = revisionsOf(offeringId);
    const keptPlanId = plansOf(offeringId).find((p) => p.name === '基础版')!.id;
    const result = await decideRevision(official.cookie, revision!.id, { intent: 'approve', version: revision!.updatedAt });
    expect(statusOf(result)).toBe(302);

    expect(offeringRow(offeringId)).toMatchObject({ status: 'published', titleZh: 'Osprey 巡检云' });
    expect(plansOf(offeringId).map((p) => [p.position, p.name, p.priceFen, p.billing])).toEqual([
      [0, '基础版', 88_000, 'month'],
      [1, '旗舰版', 5_000_000, 'year'],
    ]);
    expect(plansOf(offeringId)[0]!.id).toBe(keptPlanId);
    expect(revisionsOf(offeringId)[0]).toMatchObject({ status: 'approved', decidedByUserId: official.id });
    expect(auditActions(offeringId).map((r) => r.action)).toContain('offering.revision.approve');

    expect(await catalogTitle(offeringId)).toBe('Osprey 巡检云');
    expect(await searchIds('Osprey')).toEqual([offeringId]);
    expect(await searchIds('Kestrel')).toEqual([]);
    const view = payloadOf(await providerView(a, offeringId));
    expect(view.revisionView).toBeNull();
    expect(statusOf(await decideRevision(official.cookie, revision!.id, { intent: 'approve', version: revision!.updatedAt }))).toBe(409);
  });

  it('keeps the offering unchanged on rejection and shows the reason to the provider, who may resubmit', async () => {
    expect(statusOf(await providerAction(a, offeringId, form({ title: 'Osprey 巡检云', summary: '夸大的宣传语' })))).toBe(302);
    const revision = revisionsOf(offeringId).find((r) => r.status === 'pending')!;
    expect(statusOf(await decideRevision(official.cookie, revision.id, { intent: 'reject', version: revision.updatedAt }))).toBe(400);
    const rejected = await decideRevision(official.cookie, revision.id, { intent: 'reject', version: revision.updatedAt, reason: '简介不得含夸大宣传' });
    expect(statusOf(rejected)).toBe(302);

    expect(offeringRow(offeringId).summary).toBe('面向中小制造企业的生产排产 SaaS');
    expect(auditActions(offeringId)).toContainEqual({ action: 'offering.revision.reject', reason: '简介不得含夸大宣传' });
    const view = payloadOf(await providerView(a, offeringId));
    expect(view.revisionView.revision).toMatchObject({ status: 'rejected', reviewReason: '简介不得含夸大宣传' });
    expect(view.formValue.summary).toBe('夸大的宣传语');
    expect(view.can.withdraw).toBe(false);

    expect(statusOf(await providerAction(a, offeringId, form({ title: 'Osprey 巡检云', summary: '如实的简介' })))).toBe(302);
    const statuses = revisionsOf(offeringId).map((r) => r.status).sort();
    expect(statuses).toEqual(['approved', 'pending', 'rejected']);
  });

  it('lets the provider withdraw a pending revision, and archiving withdraws one too', async () => {
    expect(statusOf(await providerAction(a, offeringId, { _action: 'withdraw' }))).toBe(302);
    expect(revisionsOf(offeringId).filter((r) => r.status === 'pending')).toEqual([]);
    expect(statusOf(await providerAction(a, offeringId, { _action: 'withdraw' }))).toBe(409);

    expect(statusOf(await providerAction(a, offeringId, form({ title: 'Osprey 巡检云 2' })))).toBe(302);
    expect(statusOf(await providerAction(a, offeringId, { _action: 'archive' }))).toBe(302);
    expect(offeringRow(offeringId).status).toBe('archived');
    expect(revisionsOf(offeringId).filter((r) => r.status === 'pending')).toEqual([]);
    expect(await searchIds('Osprey')).toEqual([]);
    expect(await catalogTitle(offeringId)).toBe(404);
    expect(auditActions(offeringId).map((r) => r.action)).toEqual(expect.arrayContaining(['offering.revision.withdraw', 'offering.archive']));
  });
});

describe('suspending a provider', () => {
  it('removes all its offerings from search at once, and reinstating brings them back', async () => {
    const c = await providerAccount();
    const first = await publishedOffering(c, official.cookie, form({ externalId: 'heron-one', title: 'Heron 能耗云' }));
    const second = await publishedOffering(c, official.cookie, form({ externalId: 'heron-two', title: 'Heron 质检云' }));
    expect((await searchIds('Heron')).sort()).toEqual([first, second].sort());

    const decide = (fields: Record<string, string>) =>
      call(() =>
        officialProvider.action(routeArgs(formRequest(`/official/providers/${c.providerId}`, fields, official.cookie), { providerId: c.providerId })),
      );
    expect(statusOf(await decide({ intent: 'suspend', reason: '资质过期' }))).toBe(302);
    expect(await searchIds('Heron')).toEqual([]);
    expect(await catalogTitle(first)).toBe(404);

    expect(statusOf(await decide({ intent: 'reinstate' }))).toBe(302);
    expect((await searchIds('Heron')).sort()).toEqual([first, second].sort());
    expect(await catalogTitle(second)).toBe('Heron 质检云');
  });
});
