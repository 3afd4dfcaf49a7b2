import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { marketplaceHistory, notifications, orders, quotes, serviceRequests } from '../../db/schema';
import { useTestDatabase } from '../setup/test-db';
import { api, daysFromToday, market, quoteBody, requestBody } from './requests-fixtures';

// formats/marketplace-api.md, "Requests (询价) and quotes" and the first bullet of "Orders":
// quoting, accepting (an order is made), declining, and POST /api/orders for a priced plan.

const db = useTestDatabase();
let m: Awaited<ReturnType<typeof market>>;
beforeAll(async () => {
  m = await market(db());
});

async function newRequest() {
  const res = await api.createRequest({
    cookie: m.sme.cookie,
    body: requestBody(m.offering.id, { planId: m.offering.quotePlanId }),
  });
  return res.body.id as string;
}
async function newQuote(requestId: string, overrides: Record<string, unknown> = {}) {
  const res = await api.quote(requestId, { bearer: m.providerKey, body: quoteBody(overrides) });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const requestStatus = (id: string) =>
  db().select({ s: serviceRequests.status }).from(serviceRequests).where(eq(serviceRequests.id, id)).get()?.s;
const quoteStatus = (id: string) =>
  db().select({ s: quotes.status }).from(quotes).where(eq(quotes.id, id)).get()?.s;

describe('POST /api/requests/:id/quotes', () => {
  it('quotes a new request (201 open; request quoted) by session or key, and tells the SME', async () => {
    const id = await newRequest();
    const res = await api.quote(id, { cookie: m.provider.cookie, body: quoteBody() });
    expect(res).toMatchObject({ status: 201, body: { id: expect.any(String), status: 'open' } });
    expect(requestStatus(id)).toBe('quoted');
    await newQuote(id); // a second quote while quoted
    const kinds = db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, m.sme.id))
      .all();
    expect(kinds.filter((k) => k.kind === 'quote.new').length).toBeGreaterThanOrEqual(2);
    const history = db()
      .select()
      .from(marketplaceHistory)
      .where(and(eq(marketplaceHistory.subjectType, 'quote'), eq(marketplaceHistory.subjectId, res.body.id)))
      .all();
    expect(history).toMatchObject([
      { action: 'create', toStatus: 'open', actorUserId: m.provider.id, actorRole: 'provider' },
    ]);
  });

  it('answers 422 with codes for a negative price, an unknown billing, long terms and a past validity', async () => {
    const id = await newRequest();
    const res = await api.quote(id, {
      bearer: m.providerKey,
      body: { priceFen: -1, billing: 'quote', terms: 'x'.repeat(2001), validUntil: daysFromToday(-1) },
    });
    expect(res.status).toBe(422);
    expect(Object.fromEntries(res.body.errors.map((e: any) => [e.path, e.code]))).toEqual({
      priceFen: 'too_small',
      billing: 'invalid_value',
      terms: 'too_big',
      validUntil: 'date_in_past',
    });
    const fraction = await api.quote(id, { bearer: m.providerKey, body: quoteBody({ priceFen: 10.5 }) });
    expect(fraction.body.errors[0]).toMatchObject({ path: 'priceFen' });
    const missing = await api.quote(id, { bearer: m.providerKey, body: {} });
    expect(Object.fromEntries(missing.body.errors.map((e: any) => [e.path, e.code]))).toMatchObject({
      priceFen: 'required',
      billing: 'required',
      validUntil: 'required',
    });
  });

  it('accepts a validity of today (China time) and a price of 0', async () => {
    expect(
      (
        await api.quote(await newRequest(), {
          bearer: m.providerKey,
          body: quoteBody({ validUntil: daysFromToday(0), priceFen: 0 }),
        })
      ).status,
    ).toBe(201);
  });

  it('refuses another provider (404), the SME and officials (403), and a won or lost request (409)', async () => {
    const id = await newRequest();
    expect((await api.quote(id, { bearer: m.otherProviderKey, body: quoteBody() })).status).toBe(404);
    expect((await api.quote(id, { cookie: m.otherProvider.cookie, body: quoteBody() })).status).toBe(404);
    expect((await api.quote(id, { cookie: m.sme.cookie, body: quoteBody() })).status).toBe(403);
    expect((await api.quote(id, { cookie: m.provincial.cookie, body: quoteBody() })).status).toBe(403);
    expect((await api.quote(id, { bearer: m.prefectureKey, body: quoteBody() })).status).toBe(403);
    await api.withdraw(id, { cookie: m.sme.cookie });
    expect(await api.quote(id, { bearer: m.providerKey, body: quoteBody() })).toMatchObject({
      status: 409,
      body: { status: 'lost' },
    });
    const won = await newRequest();
    await api.accept(await newQuote(won), { cookie: m.sme.cookie });
    expect(await api.quote(won, { bearer: m.providerKey, body: quoteBody() })).toMatchObject({
      status: 409,
      body: { status: 'won' },
    });
  });
});

describe('POST /api/quotes/:id/accept', () => {
  it('makes the order (one billing period, bank transfer, account copied), declines the other open quotes, wins the request', async () => {
    const id = await newRequest();
    const chosen = await newQuote(id, { priceFen: 1_200_000, billing: 'year' });
    const other = await newQuote(id);
    const res = await api.accept(chosen, { cookie: m.sme.cookie });
    expect(res).toMatchObject({ status: 201, body: { orderId: expect.any(String) } });
    expect(Object.keys(res.body)).toEqual(['orderId']);
    expect(quoteStatus(chosen)).toBe('accepted');
    expect(quoteStatus(other)).toBe('declined');
    expect(requestStatus(id)).toBe('won');
    const order = db().select().from(orders).where(eq(orders.id, res.body.orderId)).get()!;
    expect(order).toMatchObject({
      enterpriseId: m.enterpriseId,
      providerId: m.providerId,
      offeringId: m.offering.id,
      quoteId: chosen,
      requestId: id,
      billing: 'year',
      amountFen: 1_200_000,
      subsidyFen: 0,
      payableFen: 1_200_000,
      paymentMethod: 'bank_transfer',
      status: 'pending_payment',
      accountName: '成都云测科技有限公司',
      bankName: '中国工商银行成都高新支行',
      accountNo: '4402 0000 1234 5678',
    });
    expect(order.paymentReference).toMatch(/^YQ[2-9A-HJ-NP-Z]{8}$/);
    const thread = await api.getRequest(id, { cookie: m.sme.cookie });
    expect(thread.body.orderId).toBe(res.body.orderId);
    const providerNotices = db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, m.provider.id))
      .all()
      .map((n) => n.kind);
    expect(providerNotices).toContain('quote.accepted');
    const orderHistory = db()
      .select()
      .from(marketplaceHistory)
      .where(and(eq(marketplaceHistory.subjectType, 'order'), eq(marketplaceHistory.subjectId, order.id)))
      .all();
    expect(orderHistory).toMatchObject([{ action: 'create', toStatus: 'pending_payment', actorRole: 'sme' }]);
  });

  it('answers 409 with the status for an accepted, a declined and an expired quote', async () => {
    const id = await newRequest();
    const accepted = await newQuote(id);
    const declined = await newQuote(id);
    await api.accept(accepted, { cookie: m.sme.cookie });
    expect(await api.accept(accepted, { cookie: m.sme.cookie })).toMatchObject({
      status: 409,
      body: { status: 'accepted' },
    });
    expect(await api.accept(declined, { cookie: m.sme.cookie })).toMatchObject({
      status: 409,
      body: { status: 'declined' },
    });
    const other = await newRequest();
    const expired = await newQuote(other);
    db()
      .update(quotes)
      .set({ validUntil: daysFromToday(-1) })
      .where(eq(quotes.id, expired))
      .run();
    expect(await api.accept(expired, { cookie: m.sme.cookie })).toMatchObject({
      status: 409,
      body: { status: 'expired' },
    });
    expect(await api.decline(expired, { cookie: m.sme.cookie })).toMatchObject({
      status: 409,
      body: { status: 'expired' },
    });
    expect(db().select().from(orders).where(eq(orders.quoteId, expired)).all()).toEqual([]);
  });

  it('refuses another SME (404), the provider and officials (403), a cross-site write (403)', async () => {
    const quoteId = await newQuote(await newRequest());
    expect((await api.accept(quoteId, { cookie: m.otherSme.cookie })).status).toBe(404);
    expect((await api.accept('no-such-quote', { cookie: m.sme.cookie })).status).toBe(404);
    expect((await api.accept(quoteId, { cookie: m.provider.cookie })).status).toBe(403);
    expect((await api.accept(quoteId, { bearer: m.providerKey })).status).toBe(403);
    expect((await api.accept(quoteId, { cookie: m.official.cookie })).status).toBe(403);
    expect((await api.accept(quoteId, { cookie: m.sme.cookie, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect(quoteStatus(quoteId)).toBe('open');
  });
});

describe('POST /api/quotes/:id/decline', () => {
  it('declines (200); declining the last open quote returns the request to replied', async () => {
    const id = await newRequest();
    const first = await newQuote(id);
    const second = await newQuote(id);
    const res = await api.decline(first, { cookie: m.sme.cookie, body: { reason: '价格超出预算' } });
    expect(res).toMatchObject({
      status: 200,
      body: { id: first, status: 'declined', requestStatus: 'quoted' },
    });
    expect(requestStatus(id)).toBe('quoted');
    expect((await api.decline(second, { cookie: m.sme.cookie })).body.requestStatus).toBe('replied');
    expect(requestStatus(id)).toBe('replied');
    expect(await api.decline(second, { cookie: m.sme.cookie })).toMatchObject({
      status: 409,
      body: { status: 'declined' },
    });
    const kinds = db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, m.provider.id))
      .all();
    expect(kinds.map((k) => k.kind)).toContain('quote.declined');
  });

  it('refuses a reason over 2000 characters (422) and the provider (403)', async () => {
    const quoteId = await newQuote(await newRequest());
    expect(
      (await api.decline(quoteId, { cookie: m.sme.cookie, body: { reason: 'x'.repeat(2001) } })).body
        .errors[0],
    ).toMatchObject({ path: 'reason', code: 'too_big' });
    expect((await api.decline(quoteId, { bearer: m.providerKey })).status).toBe(403);
  });
});

describe('POST /api/orders', () => {
  it('orders one billing period of a priced plan (201, as GET /api/orders/:id would show it)', async () => {
    const res = await api.createOrder({
      cookie: m.sme.cookie,
      body: { offeringId: m.offering.id, planId: m.offering.pricedPlanId, voucherProgrammeId: null },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'pending_payment',
      amountFen: 98000,
      subsidyFen: 0,
      payableFen: 98000,
    });
    expect(res.body.payment).toMatchObject({
      method: 'bank_transfer',
      reference: expect.stringMatching(/^YQ[2-9A-HJ-NP-Z]{8}$/),
    });
    const notices = db()
      .select({ kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.userId, m.provider.id))
      .all();
    expect(notices).toContainEqual({ kind: 'order.created', link: `/provider/orders/${res.body.id}` });
  });

  it('refuses a 面议 plan and another offering’s plan (422), a hidden offering (404), an SME without profile (409), other roles (403)', async () => {
    const quotePlan = await api.createOrder({
      cookie: m.sme.cookie,
      body: { offeringId: m.offering.id, planId: m.offering.quotePlanId },
    });
    expect(quotePlan.status).toBe(422);
    expect(quotePlan.body.errors[0]).toMatchObject({ path: 'planId', code: 'not_priced' });
    const otherPlan = await api.createOrder({
      cookie: m.sme.cookie,
      body: { offeringId: m.offering.id, planId: m.otherOffering.pricedPlanId },
    });
    expect(otherPlan.body.errors[0]).toMatchObject({ path: 'planId', code: 'invalid_value' });
    expect(
      (
        await api.createOrder({
          cookie: m.sme.cookie,
          body: { offeringId: 'gone', planId: m.offering.pricedPlanId },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.createOrder({
          cookie: m.bareSme.cookie,
          body: { offeringId: m.offering.id, planId: m.offering.pricedPlanId },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.createOrder({
          cookie: m.provider.cookie,
          body: { offeringId: m.offering.id, planId: m.offering.pricedPlanId },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.createOrder({
          bearer: m.providerKey,
          body: { offeringId: m.offering.id, planId: m.offering.pricedPlanId },
        })
      ).status,
    ).toBe(403);
    const missing = await api.createOrder({ cookie: m.sme.cookie, body: {} });
    expect(Object.fromEntries(missing.body.errors.map((e: any) => [e.path, e.code]))).toEqual({
      offeringId: 'required',
      planId: 'required',
    });
  });
});
