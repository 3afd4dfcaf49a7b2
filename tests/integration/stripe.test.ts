import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as checkout from '../../app/routes/api.orders.$orderId.checkout';
import * as webhook from '../../app/routes/webhooks.stripe';
import * as orderPage from '../../app/routes/enterprise.orders.$orderId';
import { applyVoucherApi, makeProgramme } from './vouchers-fixtures';
import { isMessageKey, translator, type MessageKey } from '../../app/i18n';
import { server } from '../setup/msw';
import { call, createTestUser, formRequest, getRequest, routeArgs, useTestDatabase } from '../setup/test-db';
import { countRows, expectCounterConsistent } from './adoption-fixtures';
import {
  countedNow,
  ensureCurrentCampaign,
  eventStatusOf,
  insertOrder,
  jsonRequest,
  orderParties,
  orderRow,
  post,
  today,
  type Parties,
} from './orders-fixtures';
import {
  fakeStripe,
  paidSession,
  refundedCharge,
  STRIPE_TEST_KEY,
  STRIPE_TEST_WEBHOOK_SECRET,
  stripeEvent,
  type FakeStripe,
} from '../mocks/stripe';

// formats/marketplace-api.md, "Orders" (the Stripe paragraph) and adoption-events.md ("an online
// payment … succeeded" verifies): checkout against msw handlers shaped like Stripe's API, webhook
// deliveries signed as Stripe signs them.

const db = useTestDatabase();
const signer = new Stripe(STRIPE_TEST_KEY, { maxNetworkRetries: 0 });
let fake: FakeStripe;
let p: Parties;

beforeAll(async () => {
  process.env.STRIPE_SECRET_KEY = STRIPE_TEST_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET;
  process.env.PUBLIC_URL = 'https://yunqiao.example.cn';
  await ensureCurrentCampaign(db());
  p = await orderParties(db());
});
afterAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.PUBLIC_URL;
});
afterEach(() => expectCounterConsistent(db()));


function useFake() {
  fake = fakeStripe();
  server.use(...fake.handlers);
  return fake;
}

async function startCheckout(orderId: string, cookie = p.smeUser.cookie) {
  const response = (await checkout.action(
    routeArgs(jsonRequest('POST', `/api/orders/${orderId}/checkout`, { cookie }, {}), { orderId }),
  )) as Response;
  return { status: response.status, body: (await response.json()) as any };
}

async function deliver(event: unknown, opts: { secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const header =
    opts.signature === undefined
      ? signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_TEST_WEBHOOK_SECRET })
      : opts.signature;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (header !== null) headers['Stripe-Signature'] = header;
  const response = (await webhook.action(
    routeArgs(new Request('http://localhost/webhooks/stripe', { method: 'POST', headers, body: payload })),
  )) as Response;
  return { status: response.status, body: (await response.json()) as any };
}

/** An order with a Checkout Session made through the endpoint; answers its id and the session id. */
async function orderWithSession(parties = p, amountFen = 98_000) {
  useFake();
  const id = insertOrder(db(), parties);
  if (amountFen !== 98_000)
    db().$client.prepare('UPDATE orders SET amount_fen = ?, payable_fen = ? WHERE id = ?').run(amountFen, amountFen, id);
  const cookie = parties.smeUser.cookie;
  const answer = await startCheckout(id, cookie);
  expect(answer.status).toBe(200);
  const sessionId = [...fake.sessions.keys()].at(-1)!;
  return { id, sessionId };
}

function paymentRow(orderId: string) {
  return db().$client.prepare('SELECT * FROM order_payments WHERE order_id = ?').get(orderId) as Record<string, any> | undefined;
}

describe('POST /api/orders/:id/checkout', () => {
  it('creates a Checkout Session in CNY with exactly the documented parameters and answers its url', async () => {
    useFake();
    const id = insertOrder(db(), p);
    const { status, body } = await startCheckout(id);
    expect(status).toBe(200);
    const created = fake.requests.filter((r) => r.path === '/v1/checkout/sessions');
    expect(created).toHaveLength(1);
    const sent = Object.fromEntries(created[0]!.form);
    expect(sent).toEqual({
      mode: 'payment',
      'payment_method_types[0]': 'card',
      'payment_method_types[1]': 'alipay',
      'payment_method_types[2]': 'wechat_pay',
      'payment_method_options[wechat_pay][client]': 'web',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'cny',
      'line_items[0][price_data][unit_amount]': '98000',
      'line_items[0][price_data][product_data][name]': expect.any(String),
      client_reference_id: id,
      'metadata[orderId]': id,
      'payment_intent_data[metadata][orderId]': id,
      success_url: `https://yunqiao.example.cn/enterprise/orders/${id}?paid=1`,
      cancel_url: `https://yunqiao.example.cn/enterprise/orders/${id}?cancelled=1`,
    });
    expect(created[0]!.idempotencyKey).toBe(`yq-checkout:${id}:98000`);
    const session = [...fake.sessions.values()][0]!;
    expect(body).toEqual({ url: session.url });
    expect(paymentRow(id)).toMatchObject({ session_id: session.id, session_url: session.url, amount_fen: 98_000 });
    expect(orderRow(db(), id).payment_method).toBe('stripe');
    // Asking again reuses the open session.
    const again = await startCheckout(id);
    expect(again.body).toEqual({ url: session.url });
    expect(fake.requests.filter((r) => r.path === '/v1/checkout/sessions')).toHaveLength(1);
  });

  it('expires the open session and makes a new one when the payable amount changed', async () => {
    const { id, sessionId } = await orderWithSession();
    db().$client.prepare('UPDATE orders SET subsidy_fen = 30000, payable_fen = 68000 WHERE id = ?').run(id);
    const { status, body } = await startCheckout(id);
    expect(status).toBe(200);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/checkout/sessions',
      `GET /v1/checkout/sessions/${sessionId}`,
      `POST /v1/checkout/sessions/${sessionId}/expire`,
      'POST /v1/checkout/sessions',
    ]);
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');
    const second = fake.requests.at(-1)!;
    expect(second.form.get('line_items[0][price_data][unit_amount]')).toBe('68000');
    expect(second.idempotencyKey).toMatch(new RegExp(`^yq-checkout:${id}:68000`));
    const newSession = [...fake.sessions.values()].at(-1)!;
    expect(body).toEqual({ url: newSession.url });
    expect(paymentRow(id)).toMatchObject({ session_id: newSession.id, amount_fen: 68_000 });
  });

  it('makes no session for an order with nothing to pay, or one not awaiting payment, or someone else’s', async () => {
    useFake();
    const free = insertOrder(db(), p);
    db().$client.prepare('UPDATE orders SET subsidy_fen = amount_fen, payable_fen = 0 WHERE id = ?').run(free);
    expect(await startCheckout(free)).toMatchObject({ status: 409, body: { status: 'pending_payment', errors: [{ code: 'nothing_to_pay' }] } });
    const paid = insertOrder(db(), p, { status: 'paid' });
    expect((await startCheckout(paid)).status).toBe(409);
    const other = await orderParties(db());
    const theirs = insertOrder(db(), other);
    expect((await startCheckout(theirs)).status).toBe(404);
    expect(fake.requests).toEqual([]);
    expect(orderRow(db(), free).payment_method).toBe('bank_transfer');
  });
});

describe('the SME order page', () => {
  it('offers 在线支付 and sends the browser to the Checkout Session', async () => {
    useFake();
    const id = insertOrder(db(), p);
    const page = (await call(() => orderPage.loader(routeArgs(getRequest(`/enterprise/orders/${id}`, p.smeUser.cookie), { orderId: id })))) as any;
    expect(page.data?.onlinePayment ?? page.onlinePayment).toBe(true);
    const answer = await call(() =>
      orderPage.action(routeArgs(formRequest(`/enterprise/orders/${id}`, { intent: 'pay' }, p.smeUser.cookie), { orderId: id })),
    );
    expect(answer).toBeInstanceOf(Response);
    const session = [...fake.sessions.values()].at(-1)!;
    expect((answer as Response).status).toBe(302);
    expect((answer as Response).headers.get('Location')).toBe(session.url);
    expect(orderRow(db(), id).payment_method).toBe('stripe');
  });
});

describe('who may pay online, and going back to bank transfer', () => {
  it('refuses online payment for a fraud-flagged provider’s order (409, no session)', async () => {
    useFake();
    const q = await orderParties(db());
    const id = insertOrder(db(), q);
    db().$client.prepare(`UPDATE providers SET fraud_flagged_at = '2026-12-01T00:00:00Z' WHERE id = ?`).run(q.provider.id);
    expect(await startCheckout(id, q.smeUser.cookie)).toMatchObject({
      status: 409,
      body: { status: 'pending_payment', errors: [{ code: 'provider_flagged' }] },
    });
    expect(fake.requests).toEqual([]);
  });

  it('lets the SME go back to bank transfer: the open session is expired, then the provider may record the transfer', async () => {
    const { id, sessionId } = await orderWithSession();
    const before = await post('payment-received', id, { cookie: p.providerUser.cookie }, { transferReference: 'HX20261206' });
    expect(before.status).toBe(409);
    const answer = await call(() =>
      orderPage.action(routeArgs(formRequest(`/enterprise/orders/${id}`, { intent: 'bank-transfer' }, p.smeUser.cookie), { orderId: id })),
    );
    expect((answer as Response).status).toBe(302);
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');
    expect(orderRow(db(), id).payment_method).toBe('bank_transfer');
    expect(paymentRow(id)).toBeUndefined();
    const after = await post('payment-received', id, { cookie: p.providerUser.cookie }, { transferReference: 'HX20261206' });
    expect(after.status).toBe(200);
    expect(orderRow(db(), id).status).toBe('paid');
  });

  it('expires the open session at once when a voucher lowers the payable amount; a late payment of the old amount is flagged', async () => {
    const { id, sessionId } = await orderWithSession();
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const programmeId = makeProgramme(db(), { userId: official.id, scopePrefecture: null }, { amountFen: 30_000, capPerOrderFen: 30_000 });
    const applied = await applyVoucherApi(id, { cookie: p.smeUser.cookie }, programmeId);
    expect(applied.status).toBe(200);
    expect(orderRow(db(), id).payable_fen).toBe(68_000);
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');
    const { status, body } = await deliver(
      stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })),
    );
    expect(status).toBe(200);
    expect(body.outcome).toMatch(/^flagged: amount mismatch/);
    expect(orderRow(db(), id).status).toBe('pending_payment');
  });

  it('flags money for an order a voucher already paid in full', async () => {
    const { id, sessionId } = await orderWithSession();
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const programmeId = makeProgramme(db(), { userId: official.id, scopePrefecture: null }, { amountFen: 98_000, capPerOrderFen: 98_000 });
    expect((await applyVoucherApi(id, { cookie: p.smeUser.cookie }, programmeId)).status).toBe(200);
    expect(orderRow(db(), id).status).toBe('paid');
    // Stripe could not expire it in time (already being paid): the payment arrives anyway.
    const { body } = await deliver(stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })));
    expect(body.outcome).toBe('flagged: paid while the order was already paid');
    expect(paymentRow(id)!.flagged_reason).toBe('paid while the order was already paid');
  });

  it('does not switch away from a session already paid (409) and leaves the order to the webhook', async () => {
    const { id, sessionId } = await orderWithSession();
    fake.sessions.get(sessionId)!.status = 'complete';
    const answer = await call(() =>
      orderPage.action(routeArgs(formRequest(`/enterprise/orders/${id}`, { intent: 'bank-transfer' }, p.smeUser.cookie), { orderId: id })),
    );
    expect((answer as { init?: { status?: number } }).init?.status ?? (answer as Response).status).toBe(409);
    expect(orderRow(db(), id).payment_method).toBe('stripe');
  });
});

describe('POST /webhooks/stripe', () => {
  it('refuses a forged or missing signature with 400 and changes nothing', async () => {
    const { id, sessionId } = await orderWithSession();
    const event = stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 }));
    const before = countRows(db(), 'stripe_events');
    expect((await deliver(event, { secret: 'whsec_forged' })).status).toBe(400);
    expect((await deliver(event, { signature: null })).status).toBe(400);
    expect((await deliver(event, { signature: 't=1,v1=deadbeef' })).status).toBe(400);
    expect(countRows(db(), 'stripe_events')).toBe(before);
    expect(orderRow(db(), id).status).toBe('pending_payment');
  });

  it('marks the order paid on checkout.session.completed and records the verified payment event; the counter moves', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    expect(countedNow(db(), q.enterprise.id)).toBe(false);
    // Paid at 01:30 on 2 December in China (still 1 December in UTC): dated the payment day in China.
    const created = Date.parse('2026-12-01T17:30:00Z') / 1000;
    const event = stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 }), { created });
    expect(await deliver(event)).toMatchObject({ status: 200, body: { outcome: 'paid' } });
    const order = orderRow(db(), id);
    expect(order.status).toBe('paid');
    expect(order.adoption_event_id).toBeTruthy();
    expect(eventStatusOf(db(), order.adoption_event_id)).toBe('verified');
    const ev = db().$client.prepare('SELECT source, occurred_at FROM adoption_events WHERE id = ?').get(order.adoption_event_id) as any;
    expect(ev).toEqual({ source: 'payment', occurred_at: '2026-12-02' });
    expect(countedNow(db(), q.enterprise.id)).toBe(true);
    expect(paymentRow(id)!.payment_intent_id).toBe(`pi_test_${id}`);

    // Delivery and confirmation later add no second event.
    expect((await post('delivered', id, { cookie: q.providerUser.cookie }, { deployedOn: today() })).status).toBe(200);
    expect((await post('confirm', id, { cookie: q.smeUser.cookie })).status).toBe(200);
    const after = orderRow(db(), id);
    expect(after.status).toBe('confirmed');
    expect(after.adoption_event_id).toBe(order.adoption_event_id);
    const events = db().$client.prepare('SELECT count(*) AS n FROM adoption_events WHERE enterprise_id = ?').get(q.enterprise.id) as any;
    expect(events.n).toBe(1);
  });

  it('has one effect for the same event delivered twice, and ten times concurrently', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    const event = stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.outcome === 'paid')).toHaveLength(1);
    expect((await deliver(event)).body).toEqual({ received: true, duplicate: true });
    const n = (sql: string) => (db().$client.prepare(sql).get(id) as any).n;
    expect(n("SELECT count(*) AS n FROM marketplace_history WHERE subject_id = ? AND action = 'payment-received'")).toBe(1);
    expect(n('SELECT count(*) AS n FROM adoption_events e JOIN orders o ON o.enterprise_id = e.enterprise_id WHERE o.id = ?')).toBe(1);
    expect(n('SELECT count(*) AS n FROM stripe_events WHERE order_id = ?')).toBe(1);
  });

  it('flags an amount or currency mismatch for an official and leaves the order unpaid (200)', async () => {
    const { id, sessionId } = await orderWithSession();
    const wrongAmount = stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 100 }));
    expect(await deliver(wrongAmount)).toMatchObject({ status: 200, body: { outcome: expect.stringMatching(/^flagged: amount mismatch/) } });
    expect(orderRow(db(), id).status).toBe('pending_payment');
    expect(paymentRow(id)!.flagged_reason).toMatch(/amount mismatch/);
    const wrongCurrency = stripeEvent('checkout.session.async_payment_succeeded', paidSession({ id: sessionId, orderId: id, amount: 98_000, currency: 'usd' }));
    expect((await deliver(wrongCurrency)).status).toBe(200);
    expect(orderRow(db(), id).status).toBe('pending_payment');
    expect(orderRow(db(), id).adoption_event_id).toBeNull();
  });

  it('marks paid on async_payment_succeeded, not on a completed session still unpaid; records a failure', async () => {
    const { id, sessionId } = await orderWithSession();
    const unpaid = { ...paidSession({ id: sessionId, orderId: id, amount: 98_000 }), payment_status: 'unpaid' };
    expect((await deliver(stripeEvent('checkout.session.completed', unpaid))).status).toBe(200);
    expect(orderRow(db(), id).status).toBe('pending_payment');
    expect(await deliver(stripeEvent('checkout.session.async_payment_failed', unpaid))).toMatchObject({ status: 200, body: { outcome: 'payment failed' } });
    expect(orderRow(db(), id).status).toBe('pending_payment');
    expect((await deliver(stripeEvent('checkout.session.async_payment_succeeded', paidSession({ id: sessionId, orderId: id, amount: 98_000 })))).body.outcome).toBe('paid');
    expect(orderRow(db(), id).status).toBe('paid');
  });

  it('refunds in full: order refunded, event revoked (audited), counter back; a partial refund is recorded', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    await deliver(stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })));
    expect(countedNow(db(), q.enterprise.id)).toBe(true);
    expect(await deliver(stripeEvent('charge.refunded', refundedCharge({ orderId: id, amount: 98_000, refunded: 10_000 })))).toMatchObject({ status: 200 });
    expect(orderRow(db(), id).status).toBe('paid');
    expect(paymentRow(id)!.refunded_fen).toBe(10_000);
    expect(await deliver(stripeEvent('charge.refunded', refundedCharge({ orderId: id, amount: 98_000, refunded: 98_000 })))).toMatchObject({ status: 200, body: { outcome: 'refunded' } });
    const order = orderRow(db(), id);
    expect(order.status).toBe('refunded');
    expect(eventStatusOf(db(), order.adoption_event_id)).toBe('revoked');
    expect(countedNow(db(), q.enterprise.id)).toBe(false);
    const audit = db().$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'adoption.revokeRefund' AND target_id = ?").get(order.adoption_event_id) as any;
    expect(audit.n).toBe(1);
  });

  it('refunds a Stripe-paid order through Stripe when its provider refunds it', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    await deliver(stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })));
    const eventId = orderRow(db(), id).adoption_event_id;
    const { status, body } = await post('refund', id, { cookie: q.providerUser.cookie }, {});
    expect(status).toBe(200);
    expect(body.status).toBe('refunded');
    const refunds = fake.requests.filter((r) => r.path === '/v1/refunds');
    expect(refunds).toHaveLength(1);
    expect(Object.fromEntries(refunds[0]!.form)).toEqual({
      payment_intent: `pi_test_${id}`,
      amount: '98000',
      reason: 'requested_by_customer',
      'metadata[orderId]': id,
    });
    expect(refunds[0]!.idempotencyKey).toBe(`yq-refund:${id}:pi_test_${id}`);
    expect(orderRow(db(), id).refund_reference).toBe(fake.refunds[0]!.id);
    expect(paymentRow(id)!.refunded_fen).toBe(98_000);
    expect(eventStatusOf(db(), eventId)).toBe('revoked');
    expect(countedNow(db(), q.enterprise.id)).toBe(false);
    // Stripe's charge.refunded that follows changes nothing more.
    expect(await deliver(stripeEvent('charge.refunded', refundedCharge({ orderId: id, amount: 98_000, refunded: 98_000 })))).toMatchObject({ status: 200, body: { outcome: 'ignored: already refunded' } });
  });

  it('refunds through Stripe when an official decides a dispute for the buyer', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    await deliver(stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })));
    expect((await post('delivered', id, { cookie: q.providerUser.cookie }, { deployedOn: today() })).status).toBe(200);
    expect((await post('dispute', id, { cookie: q.smeUser.cookie }, { reason: '系统从未上线，无法使用' })).status).toBe(200);
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const { status, body } = await post('dispute-decision', id, { cookie: official.cookie }, { for: 'buyer', reason: '服务商未能交付，退款给企业' });
    expect(status).toBe(200);
    expect(body.status).toBe('refunded');
    const refunds = fake.requests.filter((r) => r.path === '/v1/refunds');
    expect(refunds.map((r) => [r.form.get('payment_intent'), r.form.get('amount')])).toEqual([[`pi_test_${id}`, '98000']]);
    expect(paymentRow(id)!.refunded_fen).toBe(98_000);
    expect(eventStatusOf(db(), orderRow(db(), id).adoption_event_id)).toBe('revoked');
    expect(countedNow(db(), q.enterprise.id)).toBe(false);
  });

  it('does not resurrect an order when completed arrives after refunded (200)', async () => {
    const q = await orderParties(db());
    const { id, sessionId } = await orderWithSession(q);
    const completed = stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 }));
    // Refunded first (delivered out of order), then the completion.
    expect((await deliver(stripeEvent('charge.refunded', refundedCharge({ orderId: id, amount: 98_000, refunded: 98_000 })))).status).toBe(200);
    expect(await deliver(completed)).toMatchObject({ status: 200, body: { outcome: 'ignored: already refunded' } });
    expect(orderRow(db(), id).status).toBe('pending_payment');
    expect(orderRow(db(), id).adoption_event_id).toBeNull();
    expect(countedNow(db(), q.enterprise.id)).toBe(false);

    // Paid, refunded, then a late repeat of another completion: stays refunded.
    const r = await orderParties(db());
    const second = await orderWithSession(r);
    await deliver(stripeEvent('checkout.session.completed', paidSession({ id: second.sessionId, orderId: second.id, amount: 98_000 })));
    await deliver(stripeEvent('charge.refunded', refundedCharge({ orderId: second.id, amount: 98_000, refunded: 98_000 })));
    expect((await deliver(stripeEvent('checkout.session.async_payment_succeeded', paidSession({ id: second.sessionId, orderId: second.id, amount: 98_000 })))).status).toBe(200);
    expect(orderRow(db(), second.id).status).toBe('refunded');
  });

  it('does not count a fraud-flagged enterprise or provider: the order is paid, no event recorded', async () => {
    for (const table of ['enterprises', 'providers'] as const) {
      const q = await orderParties(db());
      const { id, sessionId } = await orderWithSession(q);
      db().$client.prepare(`UPDATE ${table} SET fraud_flagged_at = '2026-12-01T00:00:00Z' WHERE id = ?`).run(table === 'enterprises' ? q.enterprise.id : q.provider.id);
      const { status, body } = await deliver(stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId: id, amount: 98_000 })));
      expect(status).toBe(200);
      expect(body.outcome).toMatch(/fraud/);
      expect(orderRow(db(), id).status).toBe('paid');
      expect(orderRow(db(), id).adoption_event_id).toBeNull();
      expect(countedNow(db(), q.enterprise.id)).toBe(false);
    }
  });

  it('answers 200 to a signed event it does not act on', async () => {
    expect(await deliver(stripeEvent('customer.created', { id: 'cus_test_1', object: 'customer' }))).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
  });
});

describe('the order history of online payments', () => {
  it('has a label in both languages for every action these tests wrote', () => {
    const actions = (
      db().$client.prepare("SELECT DISTINCT action FROM marketplace_history WHERE subject_type = 'order'").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['checkout', 'payment-flagged', 'payment-method', 'partial-refund']));
    const missing = actions.filter((a) => !isMessageKey(`orders.action.${a}`));
    expect(missing).toEqual([]);
    expect(translator('en')(`orders.action.checkout` as MessageKey)).toBe('Online payment started');
  });
});

