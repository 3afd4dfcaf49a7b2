import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { providers, requestMessages, serviceRequests } from '../../db/schema';
import * as smeList from '../../app/routes/enterprise.orders._index';
import * as smeOrder from '../../app/routes/enterprise.orders.$orderId';
import * as providerList from '../../app/routes/provider.orders._index';
import * as providerOrder from '../../app/routes/provider.orders.$orderId';
import * as organisation from '../../app/routes/provider.organisation';
import * as disputes from '../../app/routes/official.disputes._index';
import * as dispute from '../../app/routes/official.disputes.$orderId';
import { listAuditFor } from '../../app/models/audit.server';
import { newId } from '../../app/utils/ids';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import { ensureCurrentCampaign, insertOrder, orderParties, orderRow, post, today, type Parties } from './orders-fixtures';

// The order pages (forms without JavaScript, field errors, success after a redirect, paging and
// empty states) call the same models as the API.

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

let p: Parties;
beforeAll(async () => {
  await ensureCurrentCampaign(db());
  p = await orderParties(db());
});

/** The cookie a browser sends after a redirect that set the flash cookie. */
function withFlash(cookie: string, redirect: unknown) {
  const setCookie = (redirect as Response).headers.get('Set-Cookie') ?? '';
  return `${cookie}; ${setCookie.split(';')[0]}`;
}

const page = async (route: { loader: (args: any) => Promise<unknown> }, url: string, cookie: string, params: Record<string, string> = {}) =>
  call(() => route.loader(routeArgs(getRequest(url, cookie), params)));
const submit = async (route: { action: (args: any) => Promise<unknown> }, url: string, fields: Record<string, string>, cookie: string, params: Record<string, string> = {}) =>
  call(() => route.action(routeArgs(formRequest(url, fields, cookie), params)));

describe('the SME’s order pages', () => {
  it('lists its own orders with paging, a status filter and an empty state', async () => {
    const fresh = await orderParties(db());
    const empty = payloadOf(await page(smeList, '/enterprise/orders', fresh.smeUser.cookie));
    expect(empty).toMatchObject({ orders: [], total: 0 });
    const ids = Array.from({ length: 21 }, (_, i) => insertOrder(db(), fresh, { createdAt: `2026-11-${String(i + 1).padStart(2, '0')}T02:00:00.000Z` }));
    insertOrder(db(), p);
    const first = payloadOf(await page(smeList, '/enterprise/orders', fresh.smeUser.cookie));
    expect(first.total).toBe(21);
    expect(first.orders).toHaveLength(20);
    expect(first.orders[0].id).toBe(ids[20]);
    const second = payloadOf(await page(smeList, '/enterprise/orders?page=2', fresh.smeUser.cookie));
    expect(second.orders.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    const none = payloadOf(await page(smeList, '/enterprise/orders?status=refunded', fresh.smeUser.cookie));
    expect(none).toMatchObject({ orders: [], status: 'refunded' });
    const bogus = payloadOf(await page(smeList, '/enterprise/orders?status=nope&page=x', fresh.smeUser.cookie));
    expect(bogus).toMatchObject({ status: null, page: 1 });
  });

  it('shows the copied account and the reference to quote; another SME’s order is 404, other roles 403', async () => {
    const id = insertOrder(db(), p);
    const data = payloadOf(await page(smeOrder, `/enterprise/orders/${id}`, p.smeUser.cookie, { orderId: id }));
    expect(data.order).toMatchObject({ status: 'pending_payment', accountNo: '4402 2345 6789 0123', paymentReference: expect.stringMatching(/^YQ/) });
    expect(data.order).not.toHaveProperty('enterpriseOwnerUserId');
    const other = await orderParties(db());
    expect(statusOf(await page(smeOrder, `/enterprise/orders/${id}`, other.smeUser.cookie, { orderId: id }))).toBe(404);
    expect(statusOf(await page(smeOrder, `/enterprise/orders/${id}`, p.providerUser.cookie, { orderId: id }))).toBe(403);
  });

  it('cancels with a success message after the redirect', async () => {
    const id = insertOrder(db(), p);
    const url = `/enterprise/orders/${id}`;
    const done = await submit(smeOrder, url, { intent: 'cancel' }, p.smeUser.cookie, { orderId: id });
    expect(statusOf(done)).toBe(302);
    expect((done as Response).headers.get('Location')).toBe(url);
    expect(orderRow(db(), id).status).toBe('cancelled');
    const after = payloadOf(await page(smeOrder, url, withFlash(p.smeUser.cookie, done), { orderId: id }));
    expect(after.flash).toBe('orders.done.cancel');
    const again = payloadOf(await page(smeOrder, url, p.smeUser.cookie, { orderId: id }));
    expect(again.flash).toBeNull();
  });

  it('shows field errors for a short dispute reason, and a stale-state error, changing nothing', async () => {
    const delivered = insertOrder(db(), p, { status: 'delivered' });
    const url = `/enterprise/orders/${delivered}`;
    const short = await submit(smeOrder, url, { intent: 'dispute', reason: '差' }, p.smeUser.cookie, { orderId: delivered });
    expect(statusOf(short)).toBe(400);
    expect(payloadOf(short)).toMatchObject({ intent: 'dispute', result: { error: { reason: [expect.stringContaining('errors.tooShort')] } } });
    const pending = insertOrder(db(), p);
    const stale = await submit(smeOrder, `/enterprise/orders/${pending}`, { intent: 'confirm' }, p.smeUser.cookie, { orderId: pending });
    expect(statusOf(stale)).toBe(409);
    expect(payloadOf(stale).result.error['']).toEqual(['orders.errors.stale']);
    const disputed = await submit(smeOrder, url, { intent: 'dispute', reason: '服务没有按合同开通' }, p.smeUser.cookie, { orderId: delivered });
    expect(statusOf(disputed)).toBe(302);
    expect(orderRow(db(), delivered)).toMatchObject({ status: 'disputed', dispute_reason: '服务没有按合同开通' });
  });
});

describe('the provider’s order pages', () => {
  it('lists its offerings’ orders only and shows 404 for others’', async () => {
    const other = await orderParties(db());
    const theirs = insertOrder(db(), other);
    const mine = insertOrder(db(), p);
    const list = payloadOf(await page(providerList, '/provider/orders', p.providerUser.cookie));
    const ids = list.orders.map((o: { id: string }) => o.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(statusOf(await page(providerOrder, `/provider/orders/${theirs}`, p.providerUser.cookie, { orderId: theirs }))).toBe(404);
    expect(statusOf(await page(providerOrder, `/provider/orders/${mine}`, p.smeUser.cookie, { orderId: mine }))).toBe(403);
  });

  it('marks the payment received, reports the delivery and refunds, with field errors first', async () => {
    const id = insertOrder(db(), p);
    const url = `/provider/orders/${id}`;
    const bad = await submit(providerOrder, url, { intent: 'payment-received', transferReference: 'ab' }, p.providerUser.cookie, { orderId: id });
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad).result.error.transferReference).toBeTruthy();
    const paid = await submit(providerOrder, url, { intent: 'payment-received', transferReference: 'ICBC-0001' }, p.providerUser.cookie, { orderId: id });
    expect(statusOf(paid)).toBe(302);
    const loaded = payloadOf(await page(providerOrder, url, withFlash(p.providerUser.cookie, paid), { orderId: id }));
    expect(loaded).toMatchObject({ flash: 'orders.done.payment-received', order: { status: 'paid', transferReference: 'ICBC-0001' }, today: today() });

    const early = await submit(providerOrder, url, { intent: 'delivered', deployedOn: '2020-01-01' }, p.providerUser.cookie, { orderId: id });
    expect(statusOf(early)).toBe(400);
    expect(payloadOf(early).result.error.deployedOn).toEqual(['orders.errors.deployedBeforeOrder']);
    const delivered = await submit(providerOrder, url, { intent: 'delivered', deployedOn: today(), note: '' }, p.providerUser.cookie, { orderId: id });
    expect(statusOf(delivered)).toBe(302);
    expect(orderRow(db(), id).adoption_event_id).toBeTruthy();

    const refunded = await submit(providerOrder, url, { intent: 'refund', reference: '' }, p.providerUser.cookie, { orderId: id });
    expect(statusOf(refunded)).toBe(302);
    expect(orderRow(db(), id)).toMatchObject({ status: 'refunded', refund_reference: null });
  });
});

describe('the receiving account on /provider/organisation', () => {
  it('saves a valid account (audited) and refuses a bad account number with field errors', async () => {
    const owner = await createTestUser(db(), { role: 'provider' });
    const fresh = await orderParties(db());
    db().update(providers).set({ ownerUserId: owner.id, bankAccountName: null, bankName: null, bankAccountNo: null }).where(eq(providers.id, fresh.provider.id)).run();
    expect(payloadOf(await page(organisation, '/provider/organisation', owner.cookie)).bankAccount).toBeNull();
    const fields = { _action: 'bank', bankAccountName: '成都新云科技有限公司', bankName: '中国建设银行成都分行', bankAccountNo: '5100 1234 5678 9012 3456' };
    const bad = await submit(organisation, '/provider/organisation', { ...fields, bankAccountNo: '1234-5678' }, owner.cookie);
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad).bank.error.bankAccountNo).toEqual(['orders.errors.accountNo']);
    const tooShort = await submit(organisation, '/provider/organisation', { ...fields, bankAccountNo: '1234 567', bankName: '银' }, owner.cookie);
    expect(Object.keys(payloadOf(tooShort).bank.error).sort()).toEqual(['bankAccountNo', 'bankName']);
    const saved = await submit(organisation, '/provider/organisation', { ...fields, bankAccountNo: ' 5100  1234 5678 9012 3456 ' }, owner.cookie);
    expect(statusOf(saved)).toBe(302);
    const after = payloadOf(await page(organisation, '/provider/organisation', withFlash(owner.cookie, saved)));
    expect(after.flash).toBe('orders.bank.saved');
    expect(after.bankAccount).toEqual({ bankAccountName: fields.bankAccountName, bankName: fields.bankName, bankAccountNo: '5100 1234 5678 9012 3456' });
    expect(listAuditFor(db(), 'provider', fresh.provider.id).map((a) => a.action)).toContain('provider.bankAccount');
  });
});

describe('the officials’ dispute queue', () => {
  async function disputedOrder(prefecture: string, withThread = false) {
    const q = await orderParties(db(), { prefecture });
    let requestId: string | undefined;
    if (withThread) {
      requestId = newId();
      const at = new Date().toISOString();
      db().insert(serviceRequests).values({ id: requestId, enterpriseId: q.enterprise.id, offeringId: q.offeringId, providerId: q.provider.id, status: 'won', needs: '需要 ERP 上云', contact: 'in-app', lastMessageAt: at }).run();
      db().insert(requestMessages).values([{ requestId, from: 'sme', body: '需要 ERP 上云' }, { requestId, from: 'provider', body: '可以，两周内上线' }]).run();
    }
    const id = insertOrder(db(), q, { requestId });
    await post('payment-received', id, { cookie: q.providerUser.cookie }, { transferReference: 'TR-Q-0001' });
    await post('delivered', id, { cookie: q.providerUser.cookie }, { deployedOn: today(), note: '已开通' });
    await post('dispute', id, { cookie: q.smeUser.cookie }, { reason: '账号无法登录，服务未上线' });
    return { q, id };
  }

  it('lists only disputes in the official’s scope, with both sides, and hides others as 404', async () => {
    const chengdu = await disputedOrder('5101', true);
    const mianyang = await disputedOrder('5107');
    const local = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const list = payloadOf(await page(disputes, '/official/disputes', local.cookie));
    const ids = list.rows.map((r: { id: string }) => r.id);
    expect(ids).toContain(chengdu.id);
    expect(ids).not.toContain(mianyang.id);
    expect(list.rows.find((r: { id: string }) => r.id === chengdu.id)).toMatchObject({ disputeReason: '账号无法登录，服务未上线', providerName: expect.any(String), enterpriseName: expect.any(String) });
    expect(statusOf(await page(dispute, `/official/disputes/${mianyang.id}`, local.cookie, { orderId: mianyang.id }))).toBe(404);
    const detail = payloadOf(await page(dispute, `/official/disputes/${chengdu.id}`, local.cookie, { orderId: chengdu.id }));
    expect(detail.thread.map((m: { from: string }) => m.from)).toEqual(['sme', 'provider']);
    expect(detail.delivery).toMatchObject({ deployedOn: today(), note: '已开通' });
    const provincial = await createTestUser(db(), { role: 'official' });
    const all = payloadOf(await page(disputes, '/official/disputes', provincial.cookie));
    expect(all.rows.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([chengdu.id, mianyang.id]));
    expect(statusOf(await page(disputes, '/official/disputes', chengdu.q.smeUser.cookie))).toBe(403);
  });

  it('decides from the form, closing the order and leaving the queue', async () => {
    const { id } = await disputedOrder('5101');
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const url = `/official/disputes/${id}`;
    const missing = await submit(dispute, url, { reason: '核实后裁定' }, official.cookie, { orderId: id });
    expect(statusOf(missing)).toBe(400);
    expect(payloadOf(missing).result.error.for).toBeTruthy();
    const decided = await submit(dispute, url, { for: 'buyer', reason: '服务商未能证明已上线' }, official.cookie, { orderId: id });
    expect(statusOf(decided)).toBe(302);
    expect((decided as Response).headers.get('Location')).toBe('/official/disputes');
    expect(orderRow(db(), id).status).toBe('refunded');
    const list = payloadOf(await page(disputes, '/official/disputes', withFlash(official.cookie, decided)));
    expect(list.flash).toBe('orders.done.decision');
    expect(list.rows.map((r: { id: string }) => r.id)).not.toContain(id);
    const again = await submit(dispute, url, { for: 'provider', reason: '再次提交的裁定' }, official.cookie, { orderId: id });
    expect(statusOf(again)).toBe(409);
  });
});
