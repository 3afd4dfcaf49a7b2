import { beforeAll, describe, expect, it } from 'vitest';
import { orderPayments } from '../../db/schema';
import * as flagsPage from '../../app/routes/official.payments';
import { listAuditFor } from '../../app/models/audit.server';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { insertOrder, orderParties, orderRow, type Parties } from './orders-fixtures';

// /official/payments: online payments the webhook flagged instead of marking paid are listed for
// officials in scope, who record what they found (audited; the flag leaves the open list).

const db = useTestDatabase();

let chengdu: Parties;
let mianyang: Parties;
beforeAll(async () => {
  chengdu = await orderParties(db(), { prefecture: '5101' });
  mianyang = await orderParties(db(), { prefecture: '5107' });
});

function flaggedOrder(p: Parties, reason = 'amount mismatch: expected 120000 cny') {
  const orderId = insertOrder(db(), p);
  db()
    .insert(orderPayments)
    .values({ orderId, sessionId: `cs_test_${orderId}`, sessionUrl: 'https://checkout.stripe.com/c/pay/x', amountFen: 120000, flaggedReason: reason })
    .run();
  return orderId;
}

const load = (url: string, cookie: string) => call(() => flagsPage.loader(routeArgs(getRequest(url, cookie))));
const resolve = (fields: Record<string, string>, cookie: string) =>
  call(() => flagsPage.action(routeArgs(formRequest('/official/payments', fields, cookie))));

describe('flagged online payments', () => {
  it('lists flags in the official’s scope only; a provincial official sees all', async () => {
    const a = flaggedOrder(chengdu);
    const b = flaggedOrder(mianyang, 'paid after the order was cancelled');
    const cd = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    const ids = (payload: { rows: { orderId: string }[] }) => payload.rows.map((r) => r.orderId);
    expect(ids(payloadOf(await load('/official/payments', cd.cookie)))).toContain(a);
    expect(ids(payloadOf(await load('/official/payments', cd.cookie)))).not.toContain(b);
    expect(ids(payloadOf(await load('/official/payments', province.cookie)))).toEqual(expect.arrayContaining([a, b]));
    const sme = await createTestUser(db(), { role: 'sme' });
    expect(statusOf(await load('/official/payments', sme.cookie))).toBe(403);
  });

  it('records a resolution (audited, in the order history); the flag moves to the resolved list; twice is 409', async () => {
    const orderId = flaggedOrder(chengdu);
    const cd = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const tooShort = await resolve({ orderId, resolution: '好' }, cd.cookie);
    expect(statusOf(tooShort)).toBe(400);
    const done = await resolve({ orderId, resolution: '已与企业核实，差额已原路退回' }, cd.cookie);
    expect(statusOf(done)).toBe(302);
    const open = payloadOf(await load('/official/payments', cd.cookie));
    expect(open.rows.map((r: { orderId: string }) => r.orderId)).not.toContain(orderId);
    const resolved = payloadOf(await load('/official/payments?view=resolved', cd.cookie));
    expect(resolved.rows.find((r: { orderId: string }) => r.orderId === orderId)).toMatchObject({
      resolution: '已与企业核实，差额已原路退回',
    });
    expect(listAuditFor(db(), 'order', orderId).map((a) => a.action)).toContain('payment.flag-resolved');
    expect(orderRow(db(), orderId).status).toBe('pending_payment');
    expect(statusOf(await resolve({ orderId, resolution: '再次记录处理结果' }, cd.cookie))).toBe(409);
  });

  it('refuses an official outside the scope and an order without a flag with 404', async () => {
    const orderId = flaggedOrder(chengdu);
    const my = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    expect(statusOf(await resolve({ orderId, resolution: '越权处理测试内容' }, my.cookie))).toBe(404);
    const plain = insertOrder(db(), chengdu);
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    expect(statusOf(await resolve({ orderId: plain, resolution: '没有异常的订单' }, province.cookie))).toBe(404);
  });
});
