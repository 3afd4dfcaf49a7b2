import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, offeringPlans, offerings, providers } from '../../db/schema';
import * as layout from '../../app/routes/official';
import * as overview from '../../app/routes/official._index';
import * as providerList from '../../app/routes/official.providers._index';
import * as providerDetail from '../../app/routes/official.providers.$providerId';
import * as offeringList from '../../app/routes/official.offerings._index';
import * as offeringDetail from '../../app/routes/official.offerings.$offeringId';
import * as enterpriseList from '../../app/routes/official.enterprises';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
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

const db = useTestDatabase();
let serial = 0;

function insertProvider(
  prefecture: string,
  status: 'applied' | 'approved' | 'rejected' | 'suspended' = 'applied',
) {
  const id = newId();
  const region = prefecture === 'out-of-province' ? '110000' : `${prefecture}00`;
  db()
    .insert(providers)
    .values({
      id,
      uscc: makeUscc('91', region, `MA${String(++serial).padStart(7, '0')}`),
      nameZh: `测试服务商${serial}`,
      prefecture,
      certifications: ['mlps3'],
      status,
      createdAt: new Date(Date.UTC(2024, 0, serial)).toISOString(),
    })
    .run();
  return id;
}

function insertOffering(providerId: string, status: 'draft' | 'submitted' = 'submitted') {
  const id = newId();
  db()
    .insert(offerings)
    .values({
      id,
      providerId,
      externalId: `P-${++serial}`,
      titleZh: `设备管理云${serial}`,
      summary: '设备联网与预测性维护',
      level: 'saas',
      categories: ['设备管理'],
      industries: ['34'],
      regions: ['5101'],
      status,
      submittedAt: status === 'submitted' ? new Date(Date.UTC(2024, 1, serial)).toISOString() : null,
    })
    .run();
  db()
    .insert(offeringPlans)
    .values({ id: newId(), offeringId: id, name: '标准版', priceFen: 1_280_000, billing: 'year' })
    .run();
  return id;
}

function insertEnterprise(prefecture: string, name: string) {
  const uscc = makeUscc('91', `${prefecture}00`, `MA${String(++serial).padStart(7, '0')}`);
  db()
    .insert(enterprises)
    .values({ id: newId(), uscc, name, prefecture, industry: '34', sizeClass: 'small' })
    .run();
  return uscc;
}

const providerRow = (id: string) => db().select().from(providers).where(eq(providers.id, id)).get()!;
const auditRows = (targetId: string) =>
  db().select().from(auditLog).where(eq(auditLog.targetId, targetId)).all();

let chengdu: { id: string; cookie: string };
let province: { id: string; cookie: string };
let chengduProvider: string;
let mianyangProvider: string;
let outsideProvider: string;

beforeAll(async () => {
  chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  province = await createTestUser(db(), { role: 'official', prefecture: null });
  chengduProvider = insertProvider('5101');
  mianyangProvider = insertProvider('5107');
  outsideProvider = insertProvider('out-of-province');
});

const detailArgs = (url: string, cookie: string, providerId: string) =>
  routeArgs(getRequest(url, cookie), { providerId });
const decide = (providerId: string, cookie: string, fields: Record<string, string>) =>
  call(() =>
    providerDetail.action(
      routeArgs(formRequest(`/official/providers/${providerId}`, fields, cookie), { providerId }),
    ),
  );

describe('officials console: who may enter', () => {
  it('answers 403 to an SME, a provider and an admin, and sends a visitor to log in', async () => {
    for (const role of ['sme', 'provider', 'admin'] as const) {
      const user = await createTestUser(db(), { role });
      expect(statusOf(await call(() => layout.loader(routeArgs(getRequest('/official', user.cookie)))))).toBe(
        403,
      );
      expect(
        statusOf(await call(() => overview.loader(routeArgs(getRequest('/official', user.cookie))))),
      ).toBe(403);
      expect(statusOf(await decide(chengduProvider, user.cookie, { intent: 'approve' }))).toBe(403);
    }
    const anonymous = await call(() => overview.loader(routeArgs(getRequest('/official'))));
    expect(statusOf(anonymous)).toBe(302);
    expect(providerRow(chengduProvider).status).toBe('applied');
  });

  it('shows each official the counts of their own scope', async () => {
    const mine = payloadOf(
      await call(() => overview.loader(routeArgs(getRequest('/official', chengdu.cookie)))),
    );
    expect(mine.pendingProviders).toBe(1);
    const all = payloadOf(
      await call(() => overview.loader(routeArgs(getRequest('/official', province.cookie)))),
    );
    expect(all.pendingProviders).toBe(3);
    expect(
      payloadOf(await call(() => layout.loader(routeArgs(getRequest('/official', chengdu.cookie))))),
    ).toEqual({ scopePrefecture: '5101' });
  });
});

describe('provider vetting', () => {
  it('hides another prefecture\u2019s provider from a prefecture official: list, detail and action', async () => {
    const list = payloadOf(
      await call(() => providerList.loader(routeArgs(getRequest('/official/providers', chengdu.cookie)))),
    );
    expect(list.rows.map((r: { id: string }) => r.id)).toEqual([chengduProvider]);
    const detail = await call(() =>
      providerDetail.loader(
        detailArgs(`/official/providers/${mianyangProvider}`, chengdu.cookie, mianyangProvider),
      ),
    );
    expect(statusOf(detail)).toBe(404);
    const approve = await decide(mianyangProvider, chengdu.cookie, { intent: 'approve' });
    expect(statusOf(approve)).toBe(404);
    expect(providerRow(mianyangProvider).status).toBe('applied');
    expect(auditRows(mianyangProvider)).toHaveLength(0);
  });

  it('lets a provincial official see every provider, oldest application first, including out-of-province', async () => {
    const list = payloadOf(
      await call(() =>
        providerList.loader(
          routeArgs(getRequest('/official/providers?status=applied&page=x', province.cookie)),
        ),
      ),
    );
    expect(list.rows.map((r: { id: string }) => r.id)).toEqual([
      chengduProvider,
      mianyangProvider,
      outsideProvider,
    ]);
    expect(list.page).toBe(1);
    const detail = payloadOf(
      await call(() => providerDetail.loader(detailArgs('/', province.cookie, mianyangProvider))),
    );
    expect(detail.provider.id).toBe(mianyangProvider);
    expect(detail.decisions).toEqual(['approve', 'reject']);
  });

  it('refuses a rejection without a reason and changes nothing', async () => {
    const result = await decide(chengduProvider, chengdu.cookie, { intent: 'reject', reason: ' ' });
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.reason).toEqual(['official.reasonRequired']);
    expect(providerRow(chengduProvider).status).toBe('applied');
    expect(auditRows(chengduProvider)).toHaveLength(0);
  });

  it('approves in one step with an audit row naming the official', async () => {
    const result = await decide(chengduProvider, chengdu.cookie, { intent: 'approve' });
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe(`/official/providers/${chengduProvider}`);
    expect((result as Response).headers.get('Set-Cookie')).toMatch(/^__yq_flash=/);
    expect(providerRow(chengduProvider).status).toBe('approved');
    const [audit] = auditRows(chengduProvider);
    expect(audit).toMatchObject({
      action: 'provider.approve',
      actorUserId: chengdu.id,
      targetType: 'provider',
    });
    const detail = payloadOf(
      await call(() => providerDetail.loader(detailArgs('/', chengdu.cookie, chengduProvider))),
    );
    expect(detail.history[0].action).toBe('provider.approve');
  });

  it('answers an impossible decision with 409 and a plain message, not a 500', async () => {
    const again = await decide(chengduProvider, chengdu.cookie, { intent: 'approve' });
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again).error['']).toEqual(['official.invalidTransition']);
    const unknown = await decide(chengduProvider, chengdu.cookie, { intent: 'delete' });
    expect(statusOf(unknown)).toBe(400);
  });

  it('rejects with the reason stored and audited', async () => {
    const reason = '资质证明材料不全，请补充等保三级证书。';
    const result = await decide(mianyangProvider, province.cookie, { intent: 'reject', reason });
    expect(statusOf(result)).toBe(302);
    expect(providerRow(mianyangProvider)).toMatchObject({ status: 'rejected', statusReason: reason });
    const [audit] = auditRows(mianyangProvider);
    expect(audit).toMatchObject({ action: 'provider.reject', actorUserId: province.id, reason });
  });

  it('suspends with a reason and reinstates', async () => {
    expect(statusOf(await decide(chengduProvider, chengdu.cookie, { intent: 'suspend' }))).toBe(400);
    expect(
      statusOf(await decide(chengduProvider, chengdu.cookie, { intent: 'suspend', reason: '多次投诉' })),
    ).toBe(302);
    expect(providerRow(chengduProvider)).toMatchObject({ status: 'suspended', statusReason: '多次投诉' });
    expect(statusOf(await decide(chengduProvider, chengdu.cookie, { intent: 'reinstate' }))).toBe(302);
    expect(providerRow(chengduProvider)).toMatchObject({ status: 'approved', statusReason: null });
    expect(auditRows(chengduProvider).map((a) => a.action)).toEqual([
      'provider.approve',
      'provider.suspend',
      'provider.reinstate',
    ]);
  });
});

describe('offering vetting', () => {
  const decideOffering = (offeringId: string, cookie: string, fields: Record<string, string>) =>
    call(() =>
      offeringDetail.action(
        routeArgs(formRequest(`/official/offerings/${offeringId}`, fields, cookie), { offeringId }),
      ),
    );
  const offeringRow = (id: string) => db().select().from(offerings).where(eq(offerings.id, id)).get()!;

  it('lists submitted offerings in scope and shows one with its plans and provider', async () => {
    const mine = insertOffering(chengduProvider);
    insertOffering(chengduProvider, 'draft');
    const other = insertOffering(mianyangProvider);
    const list = payloadOf(
      await call(() => offeringList.loader(routeArgs(getRequest('/official/offerings', chengdu.cookie)))),
    );
    expect(list.rows.map((r: { id: string }) => r.id)).toEqual([mine]);
    const all = payloadOf(
      await call(() => offeringList.loader(routeArgs(getRequest('/official/offerings', province.cookie)))),
    );
    expect(all.rows.map((r: { id: string }) => r.id)).toEqual([mine, other]);
    const detail = payloadOf(
      await call(() =>
        offeringDetail.loader(routeArgs(getRequest('/', chengdu.cookie), { offeringId: mine })),
      ),
    );
    expect(detail.plans[0]).toMatchObject({ name: '标准版', priceFen: 1_280_000 });
    expect(detail.provider.id).toBe(chengduProvider);
    const hidden = await call(() =>
      offeringDetail.loader(routeArgs(getRequest('/', chengdu.cookie), { offeringId: other })),
    );
    expect(statusOf(hidden)).toBe(404);
    expect(statusOf(await decideOffering(other, chengdu.cookie, { intent: 'approve' }))).toBe(404);
  });

  it('publishes an approved provider\u2019s offering and audits it', async () => {
    const id = insertOffering(chengduProvider);
    const result = await decideOffering(id, chengdu.cookie, { intent: 'approve' });
    expect(statusOf(result)).toBe(302);
    const row = offeringRow(id);
    expect(row.status).toBe('published');
    expect(row.publishedAt).toBeTruthy();
    expect(auditRows(id)).toMatchObject([
      { action: 'offering.approve', actorUserId: chengdu.id, targetType: 'offering' },
    ]);
    expect(statusOf(await decideOffering(id, chengdu.cookie, { intent: 'approve' }))).toBe(409);
  });

  it('will not publish for a provider that is not approved, but may reject with a reason', async () => {
    const id = insertOffering(mianyangProvider); // rejected provider
    const refused = await decideOffering(id, province.cookie, { intent: 'approve' });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error['']).toEqual(['official.providerNotApproved']);
    expect(offeringRow(id).status).toBe('submitted');
    expect(statusOf(await decideOffering(id, province.cookie, { intent: 'reject' }))).toBe(400);
    expect(
      statusOf(await decideOffering(id, province.cookie, { intent: 'reject', reason: '价格信息不完整' })),
    ).toBe(302);
    expect(offeringRow(id)).toMatchObject({ status: 'rejected', reviewReason: '价格信息不完整' });
    expect(auditRows(id)).toMatchObject([{ action: 'offering.reject', reason: '价格信息不完整' }]);
  });
});

describe('enterprise register', () => {
  const list = (url: string, cookie: string) =>
    call(() => enterpriseList.loader(routeArgs(getRequest(url, cookie))));

  it('shows a prefecture official only their prefecture, and refuses another one with 403', async () => {
    insertEnterprise('5101', '成都精密机械有限公司');
    const mianyang = insertEnterprise('5107', '绵阳电子科技有限公司');
    const mine = payloadOf(await list('/official/enterprises', chengdu.cookie));
    expect(mine.rows.map((r: { name: string }) => r.name)).toEqual(['成都精密机械有限公司']);
    expect(statusOf(await list('/official/enterprises?prefecture=5107', chengdu.cookie))).toBe(403);
    expect(statusOf(await list('/official/enterprises?prefecture=5101', chengdu.cookie))).toBe(200);
    const byCode = payloadOf(await list(`/official/enterprises?q=${mianyang}`, chengdu.cookie));
    expect(byCode.rows).toHaveLength(0);
  });

  it('lets a provincial official see all, filter by prefecture and search by name or code', async () => {
    expect(payloadOf(await list('/official/enterprises', province.cookie)).total).toBe(2);
    const filtered = payloadOf(await list('/official/enterprises?prefecture=5107&page=0', province.cookie));
    expect(filtered.rows.map((r: { name: string }) => r.name)).toEqual(['绵阳电子科技有限公司']);
    expect(payloadOf(await list('/official/enterprises?q=精密', province.cookie)).total).toBe(1);
    expect(payloadOf(await list('/official/enterprises?q=%25', province.cookie)).total).toBe(0);
  });
});
