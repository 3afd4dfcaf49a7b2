import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, offeringPlans, offerings, providers } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import * as layout from '../../app/routes/provider';
import * as overview from '../../app/routes/provider._index';
import * as organisation from '../../app/routes/provider.organisation';
import * as list from '../../app/routes/provider.offerings._index';
import * as create from '../../app/routes/provider.offerings.new';
import * as detail from '../../app/routes/provider.offerings.$offeringId';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

type Account = { id: string; cookie: string; providerId: string };
let usccSerial = 0;

async function providerAccount(status: 'applied' | 'approved' | 'rejected' | 'suspended', statusReason: string | null = null): Promise<Account> {
  const user = await createTestUser(db(), { role: 'provider' });
  const providerId = newId();
  usccSerial += 1;
  db()
    .insert(providers)
    .values({
      id: providerId,
      uscc: makeUscc('91', '510100', `MA61P${String(usccSerial).padStart(4, '0')}`),
      nameZh: `四川测试云科技有限公司${usccSerial}`,
      prefecture: '5101',
      contactName: '李工',
      contactEmail: user.email,
      contactPhone: '028-12345678',
      status,
      statusReason,
      ownerUserId: user.id,
    })
    .run();
  return { id: user.id, cookie: user.cookie, providerId };
}

const offeringForm = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  externalId: 'mes-basic',
  title: '轻量 MES 云服务',
  summary: '面向中小制造企业的生产管理 SaaS',
  description: '第一行\n第二行',
  level: 'saas',
  categories: ['生产管理', '质量管理'],
  industries: ['34', '38'],
  sizes: ['small', 'micro'],
  tags: 'MES，排产、设备',
  'plans[0].name': '基础版',
  'plans[0].price': '980.50',
  'plans[0].billing': 'month',
  'plans[0].trialDays': '14',
  'plans[1].name': '集团定制',
  'plans[1].billing': 'quote',
  ...overrides,
});

function createVia(account: Account, fields: Record<string, string | string[]>) {
  return call(() => create.action(routeArgs(formRequest('/provider/offerings/new', fields, account.cookie))));
}

/** Creates a draft through the route and returns its id. */
async function draftOf(account: Account, externalId: string) {
  const result = await createVia(account, offeringForm({ externalId }));
  expect(statusOf(result)).toBe(302);
  const location = (result as Response).headers.get('Location')!;
  return location.split('/').pop()!.split('?')[0]!;
}

function detailAction(account: { cookie: string }, offeringId: string, fields: Record<string, string | string[]>) {
  return call(() => detail.action(routeArgs(formRequest(`/provider/offerings/${offeringId}`, fields, account.cookie), { offeringId })));
}

function snapshot(offeringId: string) {
  return {
    offering: db().select().from(offerings).where(eq(offerings.id, offeringId)).get(),
    plans: db().select().from(offeringPlans).where(eq(offeringPlans.offeringId, offeringId)).all(),
  };
}

function rowCounts() {
  return {
    offerings: db().select({ n: count() }).from(offerings).get()!.n,
    plans: db().select({ n: count() }).from(offeringPlans).get()!.n,
  };
}

function auditActions(targetId: string) {
  return db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, targetId)).all().map((r) => r.action);
}

let a: Account;
let b: Account;
let applied: Account;

beforeAll(async () => {
  a = await providerAccount('approved');
  b = await providerAccount('approved');
  applied = await providerAccount('applied');
});

describe('creating an offering', () => {
  it('stores the draft with its plans, prices converted to integer fen', async () => {
    const id = await draftOf(a, 'mes-basic');
    const { offering, plans } = snapshot(id);
    expect(offering).toMatchObject({
      providerId: a.providerId,
      status: 'draft',
      titleZh: '轻量 MES 云服务',
      description: '第一行\n第二行',
      categories: ['生产管理', '质量管理'],
      industries: ['34', '38'],
      sizes: ['small', 'micro'],
      regions: [],
      tags: ['MES', '排产', '设备'],
    });
    const ordered = [...plans].sort((x, y) => x.position - y.position);
    expect(ordered.map((p) => [p.position, p.name, p.priceFen, p.billing, p.trialDays])).toEqual([
      [0, '基础版', 98050, 'month', 14],
      [1, '集团定制', null, 'quote', null],
    ]);
    expect(auditActions(id)).toContain('offering.create');
  });

  it('stores nothing for a bad form and answers field errors', async () => {
    const before = rowCounts();
    const noPlans = offeringForm({ externalId: 'no-plans' });
    for (const key of Object.keys(noPlans)) if (key.startsWith('plans[')) delete noPlans[key];
    const r1 = await createVia(a, noPlans);
    expect(statusOf(r1)).toBe(400);
    expect(payloadOf(r1).error.plans).toEqual(['provider.plansRange']);

    const r2 = await createVia(a, offeringForm({ externalId: 'three-decimals', 'plans[0].price': '980.505' }));
    expect(statusOf(r2)).toBe(400);
    expect(payloadOf(r2).error['plans[0].price']).toEqual(['provider.priceDecimals']);

    const r3 = await createVia(a, offeringForm({ externalId: 'mes-basic' }));
    expect(statusOf(r3)).toBe(400);
    expect(payloadOf(r3).error.externalId).toEqual(['provider.externalIdTaken']);

    const r4 = await createVia(a, offeringForm({ externalId: 'no-price', 'plans[0].price': '' }));
    expect(payloadOf(r4).error['plans[0].price']).toEqual(['provider.priceRequired']);
    expect(rowCounts()).toEqual(before);
  });

  it('lets another provider reuse the same externalId (unique within a provider only)', async () => {
    await draftOf(b, 'mes-basic');
  });

  it('answers an "add plan" button pressed without JavaScript with the longer list, storing nothing', async () => {
    const before = rowCounts();
    const result = await createVia(a, { ...offeringForm({ externalId: 'intent' }), __intent__: JSON.stringify({ type: 'insert', payload: { name: 'plans' } }) });
    expect(statusOf(result)).toBe(200);
    expect(payloadOf(result).initialValue.plans).toHaveLength(3);
    expect(rowCounts()).toEqual(before);
  });
});

describe('isolation between providers', () => {
  it('answers 404 when provider A opens or acts on provider B’s offering, and leaves it unchanged', async () => {
    const bOffering = await draftOf(b, 'b-private');
    const before = snapshot(bOffering);
    const read = await call(() => detail.loader(routeArgs(getRequest(`/provider/offerings/${bOffering}`, a.cookie), { offeringId: bOffering })));
    expect(statusOf(read)).toBe(404);
    for (const fields of [offeringForm({ externalId: 'hijack', title: '被篡改' }), { _action: 'delete' }, { _action: 'submit' }, { _action: 'archive' }]) {
      expect(statusOf(await detailAction(a, bOffering, fields))).toBe(404);
    }
    expect(snapshot(bOffering)).toEqual(before);
    expect(auditActions(bOffering)).toEqual(['offering.create']);
  });

  it('lists only the provider’s own offerings', async () => {
    const result = await call(() => list.loader(routeArgs(getRequest('/provider/offerings', a.cookie))));
    const rows = payloadOf(result).rows as { id: string }[];
    const ids = new Set(db().select({ id: offerings.id }).from(offerings).where(eq(offerings.providerId, a.providerId)).all().map((r) => r.id));
    expect(rows.length).toBe(ids.size);
    expect(rows.every((r) => ids.has(r.id))).toBe(true);
  });

  it('answers 404 for an unknown offering id', async () => {
    const read = await call(() => detail.loader(routeArgs(getRequest('/provider/offerings/nope', a.cookie), { offeringId: 'nope' })));
    expect(statusOf(read)).toBe(404);
  });
});

describe('the offering lifecycle', () => {
  it('submits only for an approved provider', async () => {
    const id = await draftOf(applied, 'waiting');
    const denied = await detailAction(applied, id, { _action: 'submit' });
    expect(statusOf(denied)).toBe(409);
    expect(payloadOf(denied).actionErrors).toEqual(['provider.error.providerNotApproved']);
    expect(snapshot(id).offering?.status).toBe('draft');

    const own = await draftOf(a, 'to-submit');
    const ok = await detailAction(a, own, { _action: 'submit' });
    expect(statusOf(ok)).toBe(302);
    const after = snapshot(own).offering!;
    expect(after.status).toBe('submitted');
    expect(after.submittedAt).toBeTruthy();
    expect(auditActions(own)).toContain('offering.submit');

    // A submitted offering is locked until reviewed.
    const edit = await detailAction(a, own, offeringForm({ externalId: 'to-submit', title: '改名' }));
    expect(statusOf(edit)).toBe(409);
    expect(snapshot(own).offering?.titleZh).toBe('轻量 MES 云服务');
    expect(statusOf(await detailAction(a, own, { _action: 'delete' }))).toBe(409);
  });

  it('returns a rejected offering to draft when edited, replacing its plans in one go', async () => {
    const id = await draftOf(a, 'was-rejected');
    db().update(offerings).set({ status: 'rejected', reviewReason: '价格说明不清' }).where(eq(offerings.id, id)).run();
    const before = snapshot(id).offering!;
    const result = await detailAction(a, id, {
      ...offeringForm({ externalId: 'was-rejected', 'plans[0].price': '1,200' }),
      'plans[1].name': '年付',
      'plans[1].billing': 'year',
      'plans[1].price': '12000',
    });
    expect(statusOf(result)).toBe(302);
    const { offering, plans } = snapshot(id);
    expect(offering?.status).toBe('draft');
    expect(offering!.updatedAt >= before.updatedAt).toBe(true);
    expect(plans.map((p) => p.priceFen).sort((x, y) => x! - y!)).toEqual([120000, 1200000]);
  });

  it('deletes a draft with its plans and writes an audit row', async () => {
    const id = await draftOf(a, 'to-delete');
    const result = await detailAction(a, id, { _action: 'delete' });
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/provider/offerings');
    expect(snapshot(id)).toEqual({ offering: undefined, plans: [] });
    expect(auditActions(id)).toContain('offering.delete');
  });

  it('archives only a published offering', async () => {
    const id = await draftOf(a, 'to-archive');
    expect(statusOf(await detailAction(a, id, { _action: 'archive' }))).toBe(409);
    db().update(offerings).set({ status: 'published', publishedAt: new Date().toISOString() }).where(eq(offerings.id, id)).run();
    expect(statusOf(await detailAction(a, id, { _action: 'archive' }))).toBe(302);
    expect(snapshot(id).offering?.status).toBe('archived');
    expect(auditActions(id)).toContain('offering.archive');
  });

  it('stops a suspended provider from creating offerings', async () => {
    const suspended = await providerAccount('suspended', '资质过期');
    const before = rowCounts();
    const result = await createVia(suspended, offeringForm({ externalId: 'frozen' }));
    expect(statusOf(result)).toBe(409);
    expect(payloadOf(result).error['']).toEqual(['provider.error.providerSuspended']);
    expect(rowCounts()).toEqual(before);
  });
});

describe('the offerings list', () => {
  it('filters by status and falls back to the first page for a bad query', async () => {
    const drafts = await call(() => list.loader(routeArgs(getRequest('/provider/offerings?status=draft&page=abc', a.cookie))));
    const data = payloadOf(drafts);
    expect(data.page).toBe(1);
    expect(data.status).toBe('draft');
    expect((data.rows as { status: string }[]).every((r) => r.status === 'draft')).toBe(true);
    const beyond = payloadOf(await call(() => list.loader(routeArgs(getRequest('/provider/offerings?page=999', a.cookie)))));
    expect(beyond.page).toBe(beyond.pages);
    const mes = (payloadOf(await call(() => list.loader(routeArgs(getRequest('/provider/offerings', b.cookie))))).rows as { externalId: string; minPriceFen: number | null }[]).find(
      (r) => r.externalId === 'mes-basic',
    );
    expect(mes?.minPriceFen).toBe(98050);
  });
});

describe('the organisation', () => {
  it('saves the profile with an audit row, keeping the USCC', async () => {
    const before = db().select().from(providers).where(eq(providers.id, a.providerId)).get()!;
    const result = await call(() =>
      organisation.action(
        routeArgs(
          formRequest(
            '/provider/organisation',
            { nameZh: '四川新名云科技有限公司', prefecture: '5107', certifications: ['mlps3'], contactName: '王工', contactEmail: 'WANG@example.com', contactPhone: '0816-1234567', uscc: 'changed' },
            a.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(result)).toBe(302);
    const after = db().select().from(providers).where(eq(providers.id, a.providerId)).get()!;
    expect(after).toMatchObject({ nameZh: '四川新名云科技有限公司', prefecture: '5107', certifications: ['mlps3'], contactEmail: 'wang@example.com', uscc: before.uscc });
    expect(auditActions(a.providerId)).toContain('provider.update');
  });

  it('lets a rejected provider apply again, and nobody else', async () => {
    const rejected = await providerAccount('rejected', '资质材料不全');
    const page = payloadOf(await call(() => overview.loader(routeArgs(getRequest('/provider', rejected.cookie)))));
    expect(page.provider.statusReason).toBe('资质材料不全');
    const result = await call(() => organisation.action(routeArgs(formRequest('/provider/organisation', { _action: 'reapply' }, rejected.cookie))));
    expect((result as Response).headers.get('Location')).toBe('/provider');
    expect(db().select().from(providers).where(eq(providers.id, rejected.providerId)).get()?.status).toBe('applied');
    expect(auditActions(rejected.providerId)).toContain('provider.reapply');

    await call(() => organisation.action(routeArgs(formRequest('/provider/organisation', { _action: 'reapply' }, a.cookie))));
    expect(db().select().from(providers).where(eq(providers.id, a.providerId)).get()?.status).toBe('approved');
  });
});

describe('who may enter', () => {
  it('answers 403 to an SME, an official and an admin anywhere under /provider', async () => {
    for (const role of ['sme', 'official', 'admin'] as const) {
      const user = await createTestUser(db(), { role });
      const someOffering = db().select({ id: offerings.id }).from(offerings).where(and(eq(offerings.providerId, a.providerId))).get()!.id;
      const results = [
        await call(() => layout.loader(routeArgs(getRequest('/provider', user.cookie)))),
        await call(() => overview.loader(routeArgs(getRequest('/provider', user.cookie)))),
        await call(() => list.loader(routeArgs(getRequest('/provider/offerings', user.cookie)))),
        await call(() => create.action(routeArgs(formRequest('/provider/offerings/new', offeringForm({ externalId: 'x-role' }), user.cookie)))),
        await call(() => detail.loader(routeArgs(getRequest(`/provider/offerings/${someOffering}`, user.cookie), { offeringId: someOffering }))),
        await detailAction(user, someOffering, { _action: 'delete' }),
        await call(() => organisation.action(routeArgs(formRequest('/provider/organisation', { _action: 'reapply' }, user.cookie)))),
      ];
      expect(results.map(statusOf)).toEqual(results.map(() => 403));
    }
  });

  it('sends an anonymous visitor to the login page', async () => {
    const result = await call(() => list.loader(routeArgs(getRequest('/provider/offerings'))));
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
  });

  it('explains, rather than fails, when a provider account has no organisation', async () => {
    const orphan = await createTestUser(db(), { role: 'provider' });
    const page = await call(() => overview.loader(routeArgs(getRequest('/provider', orphan.cookie))));
    expect(statusOf(page)).toBe(200);
    expect(payloadOf(page).provider).toBeNull();
    const sub = await call(() => list.loader(routeArgs(getRequest('/provider/offerings', orphan.cookie))));
    expect(statusOf(sub)).toBe(302);
    expect((sub as Response).headers.get('Location')).toBe('/provider');
  });
});
