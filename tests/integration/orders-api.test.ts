import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_TRANSITIONS, type OrderAction, type OrderStatus, ORDER_STATUSES } from '../../app/domain/marketplace-states';
import { marketplaceSide, type Principal } from '../../app/domain/access-policy';
import { getOrderRow, listOrdersFor } from '../../app/models/orders.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent, prefectureKey, providerKey } from './adoption-fixtures';
import {
  BANK,
  ensureCurrentCampaign,
  getOrder,
  insertOrder,
  listOrders,
  orderParties,
  orderRow,
  post,
  today,
  type OrderEndpointName,
  type Parties,
} from './orders-fixtures';

// formats/marketplace-api.md, "Common rules" and "Orders": who may read and call what, refused
// transitions, cross-site writes and retries. The flows through the ledger are orders-flows.test.ts.

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

let p: Parties;
beforeAll(async () => {
  await ensureCurrentCampaign(db());
  p = await orderParties(db());
});

describe('reading orders', () => {
  it('answers the order in the contract’s shape to its SME, its provider (session or key) and an official in scope', async () => {
    const id = insertOrder(db(), p);
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    for (const caller of [{ cookie: p.smeUser.cookie }, { cookie: p.providerUser.cookie }, { key: providerKey(db(), p.provider.id) }, { cookie: official.cookie }]) {
      const { status, body } = await getOrder(id, caller);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id,
        status: 'pending_payment',
        offeringId: p.offeringId,
        amountFen: 98_000,
        subsidyFen: 0,
        payableFen: 98_000,
        payment: { method: 'bank_transfer', reference: expect.stringMatching(/^YQ/), account: { name: BANK.name, bank: BANK.bank, number: BANK.number } },
        history: [{ action: 'create', from: null, to: 'pending_payment', by: 'sme' }],
      });
      expect(body).not.toHaveProperty('adoptionEventId');
    }
  });

  it('lists each caller’s own orders only, newest first, with paging and a status filter', async () => {
    const other = await orderParties(db(), { prefecture: '5107' });
    const mine = [insertOrder(db(), p, { createdAt: '2026-12-01T01:00:00.000Z' }), insertOrder(db(), p, { status: 'paid', createdAt: '2026-12-02T01:00:00.000Z' })];
    const theirs = insertOrder(db(), other);
    const sme = await listOrders({ cookie: p.smeUser.cookie }, '?pageSize=100');
    expect(sme.status).toBe(200);
    const ids = sme.body.orders.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining(mine));
    expect(ids).not.toContain(theirs);
    expect(ids.indexOf(mine[1])).toBeLessThan(ids.indexOf(mine[0]));
    const byKey = await listOrders({ key: providerKey(db(), other.provider.id) });
    expect(byKey.body.orders.map((o: { id: string }) => o.id)).toEqual([theirs]);
    const paid = await listOrders({ cookie: p.providerUser.cookie }, '?status=paid');
    expect(paid.body.orders.every((o: { status: string }) => o.status === 'paid')).toBe(true);
    expect((await listOrders({ cookie: p.smeUser.cookie }, '?pageSize=1')).body).toMatchObject({ page: 1, pageSize: 1, orders: [{ id: expect.any(String) }] });
    // A prefecture official reads its prefecture's enterprises' orders only.
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const official = await listOrders({ cookie: chengdu.cookie }, '?pageSize=100');
    expect(official.body.orders.map((o: { id: string }) => o.id)).not.toContain(theirs);
    expect(official.body.orders.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining(mine));
  });

  it('hides other parties’ orders as 404, shows admins none, and refuses bad queries and prefecture keys', async () => {
    const other = await orderParties(db(), { prefecture: '5107' });
    const theirs = insertOrder(db(), other);
    expect((await getOrder(theirs, { cookie: p.smeUser.cookie })).status).toBe(404);
    expect((await getOrder(theirs, { cookie: p.providerUser.cookie })).status).toBe(404);
    expect((await getOrder(theirs, { key: providerKey(db(), p.provider.id) })).status).toBe(404);
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    expect((await getOrder(theirs, { cookie: chengdu.cookie })).status).toBe(404);
    expect((await getOrder('no-such-order', { cookie: p.smeUser.cookie })).status).toBe(404);
    const admin = await createTestUser(db(), { role: 'admin' });
    expect((await getOrder(theirs, { cookie: admin.cookie })).status).toBe(404);
    expect((await listOrders({ cookie: admin.cookie })).body.orders).toEqual([]);
    expect((await getOrder(theirs, {})).status).toBe(401);
    const prefecture = await getOrder(theirs, { key: prefectureKey(db(), '5107') });
    expect(prefecture.status).toBe(403);
    const bad = await listOrders({ cookie: p.smeUser.cookie }, '?status=shipped');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'status' });
  });
});

describe('one access rule', () => {
  it('lists exactly the orders marketplaceSide lets each viewer see (the SQL restates the rule)', async () => {
    const others = [await orderParties(db(), { prefecture: '5107' }), await orderParties(db(), { prefecture: '5101' })];
    for (const party of [p, ...others]) insertOrder(db(), party);
    const all = (db().$client.prepare('SELECT id FROM orders').all() as { id: string }[]).map((r) => getOrderRow(db(), r.id)!);
    const viewers: Principal[] = [
      ...[p, ...others].flatMap((x) => [
        { role: 'sme' as const, enterpriseId: x.enterprise.id },
        { role: 'provider' as const, providerId: x.provider.id },
      ]),
      { role: 'sme', enterpriseId: null },
      { role: 'provider', providerId: null },
      { role: 'official', scopePrefecture: '5101' },
      { role: 'official', scopePrefecture: '5107' },
      { role: 'official', scopePrefecture: '5120' },
      { role: 'official', scopePrefecture: null },
      { role: 'admin' },
    ];
    for (const viewer of viewers) {
      const listed = listOrdersFor(db(), viewer, { page: 1, pageSize: 10_000 }).rows.map((r) => r.id).sort();
      const allowed = all.filter((o) => marketplaceSide(viewer, o) !== null).map((o) => o.id).sort();
      expect(listed, JSON.stringify(viewer)).toEqual(allowed);
    }
  });
});

describe('who may call each endpoint', () => {
  const bodies: Record<OrderEndpointName, unknown> = {
    cancel: {},
    'payment-received': { transferReference: 'ICBC-20261206-0001' },
    delivered: { deployedOn: today() },
    confirm: {},
    dispute: { reason: '服务没有上线' },
    'dispute-decision': { for: 'provider', reason: '双方记录一致，已上线' },
    refund: { reference: 'RF-0001' },
  };
  const allowed: Record<OrderEndpointName, string[]> = {
    cancel: ['sme', 'provider'],
    'payment-received': ['provider'],
    delivered: ['provider'],
    confirm: ['sme'],
    dispute: ['sme'],
    'dispute-decision': ['official'],
    refund: ['provider'],
  };

  it('answers 403 to a role that never may (and to prefecture keys), and changes nothing', async () => {
    const official = await createTestUser(db(), { role: 'official' });
    const admin = await createTestUser(db(), { role: 'admin' });
    const callers = {
      sme: { cookie: p.smeUser.cookie },
      provider: { cookie: p.providerUser.cookie },
      official: { cookie: official.cookie },
      admin: { cookie: admin.cookie },
    } as const;
    const id = insertOrder(db(), p);
    for (const endpoint of Object.keys(bodies) as OrderEndpointName[]) {
      for (const [role, caller] of Object.entries(callers)) {
        if (allowed[endpoint].includes(role)) continue;
        const answer = await post(endpoint, id, caller, bodies[endpoint]);
        expect(answer.status, `${role} on ${endpoint}`).toBe(403);
        expect(answer.body.errors[0].code).toBe('forbidden');
      }
      const byPrefectureKey = await post(endpoint, id, { key: prefectureKey(db()) }, bodies[endpoint]);
      expect(byPrefectureKey.status).toBe(403);
      expect((await post(endpoint, id, {}, bodies[endpoint])).status).toBe(401);
    }
    expect(orderRow(db(), id).status).toBe('pending_payment');
  });

  it('answers 404 for another SME’s or provider’s order', async () => {
    const other = await orderParties(db());
    const theirs = insertOrder(db(), other);
    expect((await post('cancel', theirs, { cookie: p.smeUser.cookie })).status).toBe(404);
    expect((await post('cancel', theirs, { cookie: p.providerUser.cookie })).status).toBe(404);
    expect((await post('payment-received', theirs, { key: providerKey(db(), p.provider.id) }, bodies['payment-received'])).status).toBe(404);
    const paid = insertOrder(db(), other, { status: 'delivered' });
    expect((await post('confirm', paid, { cookie: p.smeUser.cookie })).status).toBe(404);
    expect((await post('dispute', paid, { cookie: p.smeUser.cookie }, bodies.dispute)).status).toBe(404);
    expect(orderRow(db(), theirs).status).toBe('pending_payment');
    expect(orderRow(db(), paid).status).toBe('delivered');
  });

  it('answers 403 to a cookie write from another site or not sent as JSON, and changes nothing', async () => {
    const id = insertOrder(db(), p);
    for (const caller of [
      { cookie: p.smeUser.cookie, origin: 'https://evil.example' },
      { cookie: p.smeUser.cookie, origin: null },
      { cookie: p.smeUser.cookie, contentType: 'application/x-www-form-urlencoded' },
      { cookie: p.smeUser.cookie, contentType: 'text/plain' },
    ]) {
      const answer = await post('cancel', id, caller);
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].code).toBe('cross_site');
    }
    expect(orderRow(db(), id).status).toBe('pending_payment');
    // A Bearer key is not cookie-bound: no Origin needed.
    const byKey = await post('cancel', id, { key: providerKey(db(), p.provider.id), origin: null });
    expect(byKey.status).toBe(200);
  });
});

describe('refused transitions', () => {
  const cases: { endpoint: OrderEndpointName; action: OrderAction; caller: () => { cookie: string }; body: unknown }[] = [
    { endpoint: 'cancel', action: 'cancel', caller: () => ({ cookie: p.smeUser.cookie }), body: {} },
    { endpoint: 'cancel', action: 'cancel', caller: () => ({ cookie: p.providerUser.cookie }), body: {} },
    { endpoint: 'payment-received', action: 'payment-received', caller: () => ({ cookie: p.providerUser.cookie }), body: { transferReference: 'TR-0001' } },
    { endpoint: 'delivered', action: 'deliver', caller: () => ({ cookie: p.providerUser.cookie }), body: { deployedOn: today() } },
    { endpoint: 'confirm', action: 'confirm', caller: () => ({ cookie: p.smeUser.cookie }), body: {} },
    { endpoint: 'dispute', action: 'dispute', caller: () => ({ cookie: p.smeUser.cookie }), body: { reason: '没有交付服务' } },
    { endpoint: 'refund', action: 'refund', caller: () => ({ cookie: p.providerUser.cookie }), body: {} },
  ];

  for (const c of cases) {
    it(`${c.endpoint} answers 409 with the current status wherever the state machine refuses it`, async () => {
      const refused = ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[c.action][s] === undefined);
      expect(refused.length).toBeGreaterThan(0);
      for (const status of refused) {
        const id = insertOrder(db(), p, { status });
        const answer = await post(c.endpoint, id, c.caller(), c.body);
        expect(answer.status, `${c.endpoint} from ${status}`).toBe(409);
        expect(answer.body.status).toBe(status);
        expect(answer.body.errors[0].code).toBe('invalid_state');
        expect(orderRow(db(), id).status).toBe(status);
      }
    });
  }

  it('dispute-decision answers 409 unless the order is disputed', async () => {
    const official = await createTestUser(db(), { role: 'official' });
    for (const status of ORDER_STATUSES.filter((s) => s !== 'disputed') as OrderStatus[]) {
      for (const side of ['provider', 'buyer']) {
        const id = insertOrder(db(), p, { status });
        const answer = await post('dispute-decision', id, { cookie: official.cookie }, { for: side, reason: '核实后裁定' });
        expect(answer.status).toBe(409);
        expect(answer.body.status).toBe(status);
      }
    }
  });
});

describe('cancel, payment and validation', () => {
  it('lets either side cancel before payment, with history and a notice to the other side', async () => {
    const bySme = insertOrder(db(), p);
    const a = await post('cancel', bySme, { cookie: p.smeUser.cookie });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ id: bySme, status: 'cancelled' });
    expect(a.body.history.at(-1)).toMatchObject({ action: 'cancel', from: 'pending_payment', to: 'cancelled', by: 'sme' });
    const notices = db().$client.prepare("SELECT user_id, link FROM notifications WHERE kind = 'order.cancelled'").all() as { user_id: string; link: string }[];
    expect(notices).toContainEqual({ user_id: p.providerUser.id, link: `/provider/orders/${bySme}` });
    const byProvider = insertOrder(db(), p);
    expect((await post('cancel', byProvider, { cookie: p.providerUser.cookie })).body.status).toBe('cancelled');
  });

  it('records the transfer reference when the provider marks the payment received', async () => {
    const id = insertOrder(db(), p);
    const answer = await post('payment-received', id, { key: providerKey(db(), p.provider.id) }, { transferReference: ' ICBC-20261206-0001 ' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'paid', payment: { transferReference: 'ICBC-20261206-0001' } });
    expect(answer.body.history.at(-1)).toMatchObject({ action: 'payment-received', by: 'provider' });
    const history = db().$client.prepare("SELECT actor_api_key_id FROM marketplace_history WHERE subject_id = ? AND action = 'payment-received'").get(id) as { actor_api_key_id: string | null };
    expect(history.actor_api_key_id).not.toBeNull();
    const notice = db().$client.prepare("SELECT user_id FROM notifications WHERE kind = 'order.paid' AND link = ?").get(`/enterprise/orders/${id}`) as { user_id: string };
    expect(notice.user_id).toBe(p.smeUser.id);
  });

  it('answers 422 with stable codes for invalid bodies, and 409 for a Stripe order marked paid by hand', async () => {
    const id = insertOrder(db(), p);
    const provider = { cookie: p.providerUser.cookie };
    const short = await post('payment-received', id, provider, { transferReference: 'abc' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toMatchObject({ path: 'transferReference', code: 'too_small' });
    expect((await post('payment-received', id, provider, { transferReference: 'x'.repeat(65) })).body.errors[0].code).toBe('too_big');
    expect((await post('payment-received', id, provider, {})).body.errors[0].code).toBe('required');
    const stripe = insertOrder(db(), p, { paymentMethod: 'stripe' });
    const refused = await post('payment-received', stripe, provider, { transferReference: 'TR-0001' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('not_bank_transfer');

    const paid = insertOrder(db(), p, { status: 'paid', createdAt: '2026-12-01T20:00:00.000Z' });
    const future = await post('delivered', paid, provider, { deployedOn: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].path).toBe('deployedOn');
    // Created 2026-12-02 in China (20:00 UTC is 04:00 the next day there): the 1st is too early.
    const early = await post('delivered', paid, provider, { deployedOn: '2026-12-01' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0]).toMatchObject({ path: 'deployedOn', code: 'before_order' });
    expect((await post('delivered', paid, provider, { deployedOn: '2026-02-30' })).status).toBe(422);
    const delivered = insertOrder(db(), p, { status: 'delivered' });
    const reason = await post('dispute', delivered, { cookie: p.smeUser.cookie }, { reason: '太短' });
    expect(reason.status).toBe(422);
    expect(reason.body.errors[0]).toMatchObject({ path: 'reason', code: 'too_small' });
    expect(orderRow(db(), paid).status).toBe('paid');
    expect(orderRow(db(), delivered).status).toBe('delivered');
  });
});

describe('retries with an Idempotency-Key', () => {
  it('replays the first answer for the same body and refuses another body with 409', async () => {
    const id = insertOrder(db(), p);
    const caller = { cookie: p.providerUser.cookie, idempotencyKey: 'pay-once-1' };
    const first = await post('payment-received', id, caller, { transferReference: 'TR-2026-1' });
    expect(first.status).toBe(200);
    const again = await post('payment-received', id, caller, { transferReference: 'TR-2026-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const history = db().$client.prepare("SELECT count(*) AS n FROM marketplace_history WHERE subject_id = ? AND action = 'payment-received'").get(id) as { n: number };
    expect(history.n).toBe(1);
    const other = await post('payment-received', id, caller, { transferReference: 'TR-2026-2' });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].code).toBe('idempotency_conflict');
    // Without the key the retry is a refused transition.
    const plain = await post('payment-received', id, { cookie: p.providerUser.cookie }, { transferReference: 'TR-2026-1' });
    expect(plain.status).toBe(409);
    expect(plain.body.status).toBe('paid');
  });

  it('keeps only successes: a refused call may be corrected and sent again with its key', async () => {
    const id = insertOrder(db(), p, { status: 'delivered' });
    const caller = { cookie: p.smeUser.cookie, idempotencyKey: 'dispute-1' };
    expect((await post('dispute', id, caller, { reason: '短' })).status).toBe(422);
    const fixed = await post('dispute', id, caller, { reason: '服务没有按约定上线' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'disputed', disputeReason: '服务没有按约定上线' });
  });
});
