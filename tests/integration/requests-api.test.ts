import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { marketplaceHistory, notifications, serviceRequests } from '../../db/schema';
import { useTestDatabase } from '../setup/test-db';
import {
  api,
  backdate,
  daysFromToday,
  insertOffering,
  insertProvider,
  market,
  requestBody,
} from './requests-fixtures';

// formats/marketplace-api.md, "Common rules" and "Requests (询价) and quotes", through the routes:
// creating, reading, messaging and withdrawing requests, and the provider's lead inbox.

const db = useTestDatabase();
let m: Awaited<ReturnType<typeof market>>;
beforeAll(async () => {
  m = await market(db());
});

async function newRequest(overrides: Record<string, unknown> = {}) {
  const res = await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id, overrides) });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('POST /api/requests', () => {
  it('creates a new request for the SME, with its first message, history and the provider’s notice', async () => {
    const res = await api.createRequest({
      cookie: m.sme.cookie,
      body: requestBody(m.offering.id, {
        planId: m.offering.pricedPlanId,
        budgetFen: 100000,
        wantedBy: daysFromToday(30),
        contact: 'email',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'new' });
    const row = db().select().from(serviceRequests).where(eq(serviceRequests.id, res.body.id)).get()!;
    expect(row).toMatchObject({
      enterpriseId: m.enterpriseId,
      providerId: m.providerId,
      planId: m.offering.pricedPlanId,
      budgetFen: 100000,
      contact: 'email',
    });
    const history = db()
      .select()
      .from(marketplaceHistory)
      .where(eq(marketplaceHistory.subjectId, res.body.id))
      .all();
    expect(history).toMatchObject([
      { subjectType: 'request', action: 'create', toStatus: 'new', actorUserId: m.sme.id, actorRole: 'sme' },
    ]);
    const notice = db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, m.provider.id), eq(notifications.kind, 'request.new')))
      .all();
    expect(notice.map((n) => n.link)).toContain(`/provider/leads/${res.body.id}`);
  });

  it('answers 422 with stable codes for each invalid field', async () => {
    const res = await api.createRequest({
      cookie: m.sme.cookie,
      body: {
        offeringId: m.offering.id,
        message: '太短',
        budgetFen: -1,
        wantedBy: '2020-01-01',
        contact: 'fax',
      },
    });
    expect(res.status).toBe(422);
    const codes = Object.fromEntries(res.body.errors.map((e: any) => [e.path, e.code]));
    expect(codes).toEqual({
      message: 'too_small',
      budgetFen: 'too_small',
      wantedBy: 'date_in_past',
      contact: 'invalid_value',
    });
    expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/); // zh-CN by default
  });

  it('answers 422 for a missing field, a non-date and a body that is not JSON', async () => {
    const missing = await api.createRequest({
      cookie: m.sme.cookie,
      body: { offeringId: m.offering.id, wantedBy: '2026-02-30' },
    });
    expect(missing.status).toBe(422);
    const codes = Object.fromEntries(missing.body.errors.map((e: any) => [e.path, e.code]));
    expect(codes).toMatchObject({ message: 'required', contact: 'required', wantedBy: 'invalid_date' });
    const notJson = await api.createRequest({ cookie: m.sme.cookie, raw: '{"offeringId":' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.errors[0].code).toBe('invalid_json');
  });

  it('answers 422 for a plan of another offering', async () => {
    const res = await api.createRequest({
      cookie: m.sme.cookie,
      body: requestBody(m.offering.id, { planId: m.otherOffering.pricedPlanId }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'planId', code: 'invalid_value' });
  });

  it('answers 404 for an offering the public cannot see (draft, suspended or flagged provider, unknown)', async () => {
    const draft = insertOffering(db(), m.providerId, { status: 'draft' }).id;
    const suspended = insertOffering(db(), insertProvider(db(), null, { status: 'suspended' })).id;
    const flagged = insertOffering(db(), insertProvider(db(), null, { flagged: true })).id;
    for (const offeringId of [draft, suspended, flagged, 'no-such-offering']) {
      const res = await api.createRequest({ cookie: m.sme.cookie, body: requestBody(offeringId) });
      expect(res.status, offeringId).toBe(404);
    }
  });

  it('answers 409 to an SME without an enterprise profile', async () => {
    const res = await api.createRequest({ cookie: m.bareSme.cookie, body: requestBody(m.offering.id) });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('no_enterprise_profile');
  });

  it('answers 401 anonymously and 403 to other roles and to API keys', async () => {
    expect((await api.createRequest({ body: requestBody(m.offering.id) })).status).toBe(401);
    for (const cookie of [m.provider.cookie, m.official.cookie, m.admin.cookie])
      expect((await api.createRequest({ cookie, body: requestBody(m.offering.id) })).status).toBe(403);
    expect(
      (await api.createRequest({ bearer: m.providerKey, body: requestBody(m.offering.id) })).status,
    ).toBe(403);
  });

  it('refuses a cross-site cookie write with 403 and changes nothing', async () => {
    const before = db().select().from(serviceRequests).all().length;
    const noOrigin = await api.createRequest({
      cookie: m.sme.cookie,
      origin: null,
      body: requestBody(m.offering.id),
    });
    const otherSite = await api.createRequest({
      cookie: m.sme.cookie,
      origin: 'https://evil.example',
      body: requestBody(m.offering.id),
    });
    const form = await api.createRequest({
      cookie: m.sme.cookie,
      contentType: 'application/x-www-form-urlencoded',
      raw: `offeringId=${m.offering.id}&message=0123456789&contact=in-app`,
    });
    for (const res of [noOrigin, otherSite, form]) {
      expect(res.status).toBe(403);
      expect(res.body.errors[0].code).toBe('cross_site');
    }
    expect(db().select().from(serviceRequests).all().length).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key once: same body → 200 with the first answer, other body → 409', async () => {
    const body = requestBody(m.offering.id, { message: '重试测试：需要设备联网方案，十台机床。' });
    const first = await api.createRequest({ cookie: m.sme.cookie, body, idempotencyKey: 'retry-1' });
    expect(first.status).toBe(201);
    const count = db().select().from(serviceRequests).all().length;
    const again = await api.createRequest({ cookie: m.sme.cookie, body, idempotencyKey: 'retry-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await api.createRequest({
      cookie: m.sme.cookie,
      body: { ...body, contact: 'phone' },
      idempotencyKey: 'retry-1',
    });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].code).toBe('idempotency_conflict');
    expect(db().select().from(serviceRequests).all().length).toBe(count);
  });
});

describe('GET /api/requests/:id and who may see it', () => {
  it('gives the SME, the provider (session and key) and officials in scope exactly the contract’s fields', async () => {
    const id = await newRequest();
    for (const who of [
      { cookie: m.sme.cookie },
      { cookie: m.provider.cookie },
      { bearer: m.providerKey },
      { cookie: m.official.cookie },
      { cookie: m.provincial.cookie },
    ]) {
      const res = await api.getRequest(id, who);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual([
        'enterprise',
        'history',
        'id',
        'messages',
        'offeringId',
        'quotes',
        'status',
      ]);
      expect(res.body.enterprise).toEqual({
        name: expect.any(String),
        prefecture: '5106',
        sizeClass: 'small',
      });
      expect(res.body.messages).toEqual([
        { from: 'sme', body: requestBody('').message, at: expect.any(String) },
      ]);
      expect(res.body.history).toMatchObject([{ action: 'create', from: null, to: 'new', by: 'sme' }]);
    }
  });

  it('answers 404 to another SME, another provider, an official out of scope and an admin; 403 to a prefecture key', async () => {
    const id = await newRequest();
    for (const who of [
      { cookie: m.otherSme.cookie },
      { cookie: m.otherProvider.cookie },
      { bearer: m.otherProviderKey },
      { cookie: m.otherOfficial.cookie },
      { cookie: m.admin.cookie },
    ])
      expect((await api.getRequest(id, who)).status).toBe(404);
    expect((await api.getRequest('no-such-request', { cookie: m.sme.cookie })).status).toBe(404);
    expect((await api.getRequest(id, { bearer: m.prefectureKey })).status).toBe(403);
    expect((await api.getRequest(id, {})).status).toBe(401);
  });

  it('lists the SME’s own requests, the provider’s leads, an official’s scope, nothing for an admin', async () => {
    const id = await newRequest();
    const mine = await api.listRequests('', { cookie: m.sme.cookie });
    expect(mine.body.requests.map((r: any) => r.id)).toContain(id);
    expect((await api.listRequests('', { cookie: m.otherSme.cookie })).body.requests).toEqual([]);
    expect(
      (await api.listRequests('?status=new', { bearer: m.providerKey })).body.requests.map((r: any) => r.id),
    ).toContain(id);
    expect((await api.listRequests('', { cookie: m.otherProvider.cookie })).body.requests).toEqual([]);
    expect(
      (await api.listRequests('', { cookie: m.official.cookie })).body.requests.map((r: any) => r.id),
    ).toContain(id);
    expect((await api.listRequests('', { cookie: m.otherOfficial.cookie })).body.requests).toEqual([]);
    expect((await api.listRequests('', { cookie: m.admin.cookie })).body.requests).toEqual([]);
    expect((await api.listRequests('?status=open', { cookie: m.sme.cookie })).status).toBe(422);
  });
});

describe('messages and withdrawal', () => {
  it('moves new → replied on the first provider message and tells the other side', async () => {
    const id = await newRequest();
    const sme = await api.message(id, { cookie: m.sme.cookie, body: { body: '补充：需要支持移动端。' } });
    expect(sme.status).toBe(201);
    expect(sme.body).toMatchObject({ from: 'sme', requestStatus: 'new' });
    const provider = await api.message(id, { bearer: m.providerKey, body: { body: '您好，可以安排演示。' } });
    expect(provider.status).toBe(201);
    expect(provider.body).toMatchObject({ from: 'provider', requestStatus: 'replied' });
    const thread = await api.getRequest(id, { cookie: m.sme.cookie });
    expect(thread.body.status).toBe('replied');
    expect(thread.body.messages.map((x: any) => x.from)).toEqual(['sme', 'sme', 'provider']);
    expect(thread.body.history.map((h: any) => [h.action, h.to, h.by])).toEqual([
      ['create', 'new', 'sme'],
      ['provider-message', 'replied', 'provider'],
    ]);
    const notices = db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, m.sme.id))
      .all();
    expect(notices.map((n) => n.kind)).toContain('request.message');
  });

  it('refuses an empty or too long message (422), outsiders (404), officials (403)', async () => {
    const id = await newRequest();
    expect(
      (await api.message(id, { cookie: m.sme.cookie, body: { body: '   ' } })).body.errors[0],
    ).toMatchObject({ path: 'body', code: 'too_small' });
    expect(
      (await api.message(id, { cookie: m.sme.cookie, body: { body: 'x'.repeat(2001) } })).body.errors[0].code,
    ).toBe('too_big');
    expect((await api.message(id, { cookie: m.otherSme.cookie, body: { body: '你好' } })).status).toBe(404);
    expect((await api.message(id, { cookie: m.otherProvider.cookie, body: { body: '你好' } })).status).toBe(
      404,
    );
    expect((await api.message(id, { cookie: m.official.cookie, body: { body: '你好' } })).status).toBe(403);
    expect((await api.message(id, { bearer: m.prefectureKey, body: { body: '你好' } })).status).toBe(403);
  });

  it('withdraws (200, lost) and then refuses messages, quotes and a second withdrawal with 409 and the status', async () => {
    const id = await newRequest();
    expect((await api.withdraw(id, { cookie: m.provider.cookie })).status).toBe(403);
    expect((await api.withdraw(id, { cookie: m.otherSme.cookie })).status).toBe(404);
    const res = await api.withdraw(id, { cookie: m.sme.cookie });
    expect(res).toMatchObject({ status: 200, body: { id, status: 'lost' } });
    const again = await api.withdraw(id, { cookie: m.sme.cookie });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'lost', errors: [{ code: 'invalid_state' }] });
    const message = await api.message(id, { cookie: m.provider.cookie, body: { body: '还需要吗？' } });
    expect(message).toMatchObject({ status: 409, body: { status: 'lost' } });
    const row = db()
      .select({ lostReason: serviceRequests.lostReason })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, id))
      .get();
    expect(row?.lostReason).toBe('withdrawn');
  });
});

describe('GET /api/leads', () => {
  it('lists the provider’s leads, unanswered first and oldest first, with their age in hours', async () => {
    const older = await newRequest();
    const newer = await newRequest();
    const answered = await newRequest();
    await api.message(answered, { cookie: m.provider.cookie, body: { body: '已收到' } });
    backdate(db(), older, new Date(Date.now() - 50 * 3600_000));
    backdate(db(), newer, new Date(Date.now() - 2 * 3600_000));
    backdate(db(), answered, new Date(Date.now() - 100 * 3600_000));
    const res = await api.leads('', { bearer: m.providerKey });
    expect(res.status).toBe(200);
    const ids = res.body.leads.map((l: any) => l.id);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(answered));
    expect(res.body.leads.find((l: any) => l.id === older)).toEqual({
      id: older,
      status: 'new',
      offeringId: m.offering.id,
      createdAt: expect.any(String),
      ageHours: 50,
    });
    const replied = await api.leads('?status=replied', { cookie: m.provider.cookie });
    const repliedIds = replied.body.leads.map((l: any) => l.id);
    expect(repliedIds).toContain(answered);
    expect(repliedIds).not.toContain(older);
    expect(replied.body.leads.every((l: any) => l.status === 'replied')).toBe(true);
  });

  it('shows another provider none of them, refuses other roles and prefecture keys (403), bad status (422)', async () => {
    expect((await api.leads('', { cookie: m.otherProvider.cookie })).body.leads).toEqual([]);
    for (const who of [
      { cookie: m.sme.cookie },
      { cookie: m.official.cookie },
      { cookie: m.admin.cookie },
      { bearer: m.prefectureKey },
    ])
      expect((await api.leads('', who)).status).toBe(403);
    const bad = await api.leads('?status=open', { cookie: m.provider.cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'status', code: 'invalid_value' });
  });
});
