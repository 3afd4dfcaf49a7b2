import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as enterpriseDeployments from '../../app/routes/enterprise.deployments';
import * as eventPage from '../../app/routes/official.adoption.events.$eventId';
import { listAuditFor } from '../../app/models/audit.server';
import { appendEvent, ledgerTransaction } from '../../app/models/adoption-ledger.server';
import { call, createTestUser, formRequest, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent, providerKey } from './adoption-fixtures';
import {
  countedNow,
  ensureCurrentCampaign,
  eventStatusOf,
  insertOrder,
  orderParties,
  orderRow,
  post,
  today,
  type Parties,
} from './orders-fixtures';

// formats/marketplace-api.md, "Orders", through the adoption ledger (formats/adoption-events.md):
// delivery records a pending event, the enterprise's confirmation verifies it and the counter moves
// in the same transaction, disputes are decided by officials both ways, refunds revoke the event.

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

beforeAll(() => ensureCurrentCampaign(db()));

const sme = (p: Parties) => ({ cookie: p.smeUser.cookie });
const provider = (p: Parties) => ({ cookie: p.providerUser.cookie });

/** A fresh SME and provider with an order taken to `delivered` through the API; answers its event id. */
async function deliveredOrder(prefecture = '5101') {
  const p = await orderParties(db(), { prefecture });
  const id = insertOrder(db(), p);
  expect((await post('payment-received', id, provider(p), { transferReference: 'TR-20261206-01' })).status).toBe(200);
  const delivered = await post('delivered', id, provider(p), { deployedOn: today(), note: '已开通 10 个账号' });
  expect(delivered.status).toBe(200);
  expect(delivered.body.status).toBe('delivered');
  return { p, id, eventId: delivered.body.adoptionEventId as string };
}

function notices(kind: string, orderId: string) {
  return (db().$client.prepare('SELECT user_id FROM notifications WHERE kind = ? AND link LIKE ?').all(kind, `%/orders/${orderId}`) as { user_id: string }[]).map((n) => n.user_id);
}

describe('delivery and confirmation', () => {
  it('records the delivery as the provider’s pending deployment report of the order’s offering and enterprise', async () => {
    const { p, id, eventId } = await deliveredOrder();
    const event = db().$client.prepare('SELECT enterprise_id, offering_id, provider_id, source, occurred_at, note FROM adoption_events WHERE id = ?').get(eventId);
    expect(event).toEqual({ enterprise_id: p.enterprise.id, offering_id: p.offeringId, provider_id: p.provider.id, source: 'provider-report', occurred_at: today(), note: '已开通 10 个账号' });
    expect(eventStatusOf(db(), eventId)).toBe('pending');
    expect(orderRow(db(), id).adoption_event_id).toBe(eventId);
    expect(countedNow(db(), p.enterprise.id)).toBe(false);
    expect(listAuditFor(db(), 'adoption_event', eventId).map((a) => a.action)).toEqual(['adoption.report']);
    expect(notices('order.delivered', id)).toEqual([p.smeUser.id]);
  });

  it('confirming verifies the event and counts the enterprise in the current campaign, in one step', async () => {
    const { p, id, eventId } = await deliveredOrder();
    const answer = await post('confirm', id, sme(p));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'confirmed', adoptionEventId: eventId });
    expect(answer.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'payment-received', 'deliver', 'confirm']);
    expect(eventStatusOf(db(), eventId)).toBe('verified');
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    expect(notices('order.confirmed', id)).toEqual([p.providerUser.id]);
    // Once: a retry is a refused transition and changes nothing.
    const again = await post('confirm', id, sme(p));
    expect(again.status).toBe(409);
    expect(again.body.status).toBe('confirmed');
  });

  it('a refund after confirmation revokes the event (audited) and the enterprise stops counting', async () => {
    const { p, id, eventId } = await deliveredOrder();
    await post('confirm', id, sme(p));
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    const refund = await post('refund', id, provider(p), { reference: 'RF-20261206-9' });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ status: 'refunded', payment: { refundReference: 'RF-20261206-9' } });
    expect(eventStatusOf(db(), eventId)).toBe('revoked');
    expect(countedNow(db(), p.enterprise.id)).toBe(false);
    const audit = listAuditFor(db(), 'adoption_event', eventId).find((a) => a.action === 'adoption.revokeRefund');
    expect(audit).toMatchObject({ actorUserId: p.providerUser.id });
    expect(audit!.reason).toContain('RF-20261206-9');
    expect(notices('order.refunded', id)).toEqual([p.smeUser.id]);
  });

  it('a refund keeps the enterprise counted when it has another verified event', async () => {
    const { p, id } = await deliveredOrder();
    ledgerTransaction(db(), () =>
      appendEvent(db(), { enterpriseId: p.enterprise.id, level: 'iaas', occurredOn: '2026-03-01', source: 'official', verified: true }, new Date().toISOString()),
    );
    await post('confirm', id, sme(p));
    expect((await post('refund', id, { key: providerKey(db(), p.provider.id) }, {})).status).toBe(200);
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    expect(orderRow(db(), id).refund_reference).toBeNull();
  });

  it('works with the provider’s Bearer key from payment to delivery, and a retried delivery records one event', async () => {
    const p = await orderParties(db());
    const key = providerKey(db(), p.provider.id);
    const id = insertOrder(db(), p);
    expect((await post('payment-received', id, { key }, { transferReference: 'TR-KEY-001' })).status).toBe(200);
    const first = await post('delivered', id, { key, idempotencyKey: 'deliver-1' }, { deployedOn: today() });
    const retry = await post('delivered', id, { key, idempotencyKey: 'deliver-1' }, { deployedOn: today() });
    expect(first.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const events = db().$client.prepare('SELECT id, api_key_id FROM adoption_events WHERE enterprise_id = ?').all(p.enterprise.id) as { api_key_id: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.api_key_id).not.toBeNull();
  });

  it('refuses delivery for a provider flagged for fraud, and confirmation for a flagged enterprise, changing nothing', async () => {
    const p = await orderParties(db());
    const paid = insertOrder(db(), p, { status: 'paid' });
    db().$client.prepare("UPDATE providers SET fraud_flagged_at = '2026-12-01T00:00:00Z' WHERE id = ?").run(p.provider.id);
    const refused = await post('delivered', paid, provider(p), { deployedOn: today() });
    expect(refused).toMatchObject({ status: 409, body: { status: 'paid', errors: [{ code: 'provider_flagged' }] } });
    expect(orderRow(db(), paid).adoption_event_id).toBeNull();

    const { p: q, id, eventId } = await deliveredOrder();
    db().$client.prepare("UPDATE enterprises SET fraud_flagged_at = '2026-12-01T00:00:00Z' WHERE id = ?").run(q.enterprise.id);
    const confirm = await post('confirm', id, sme(q));
    expect(confirm).toMatchObject({ status: 409, body: { status: 'delivered', errors: [{ code: 'enterprise_flagged' }] } });
    expect(eventStatusOf(db(), eventId)).toBe('pending');
    db().$client.prepare('UPDATE enterprises SET fraud_flagged_at = NULL WHERE id = ?').run(q.enterprise.id);
  });
});

describe('disputes', () => {
  it('decided for the provider: the order is confirmed, the event verified by the official, the enterprise counted', async () => {
    const { p, id, eventId } = await deliveredOrder('5107');
    const disputed = await post('dispute', id, sme(p), { reason: '只开通了一半的账号，与合同不符' });
    expect(disputed.body).toMatchObject({ status: 'disputed', disputeReason: '只开通了一半的账号，与合同不符' });
    expect(eventStatusOf(db(), eventId)).toBe('disputed');
    expect(notices('order.disputed', id)).toEqual([p.providerUser.id]);
    expect(countedNow(db(), p.enterprise.id)).toBe(false);

    const elsewhere = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const out = await post('dispute-decision', id, { cookie: elsewhere.cookie }, { for: 'provider', reason: '核实合同，已按约定交付' });
    expect(out.status).toBe(404);
    const local = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const decided = await post('dispute-decision', id, { cookie: local.cookie }, { for: 'provider', reason: '核实合同，已按约定交付' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('confirmed');
    expect(decided.body.history.at(-1)).toMatchObject({ action: 'decide-for-provider', by: 'official', detail: { reason: '核实合同，已按约定交付' } });
    expect(eventStatusOf(db(), eventId)).toBe('verified');
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    expect(listAuditFor(db(), 'adoption_event', eventId).find((a) => a.action === 'adoption.verifyDisputed')).toMatchObject({ actorUserId: local.id });
    expect(notices('order.decided', id).sort()).toEqual([p.smeUser.id, p.providerUser.id].sort());
    expect((await post('dispute-decision', id, { cookie: local.cookie }, { for: 'buyer', reason: '再次裁定不允许' })).status).toBe(409);
  });

  it('decided for the buyer: the order is refunded and the event revoked (audited), nothing counted', async () => {
    const { p, id, eventId } = await deliveredOrder();
    await post('dispute', id, sme(p), { reason: '服务从未上线，账号无法登录' });
    const official = await createTestUser(db(), { role: 'official' });
    const decided = await post('dispute-decision', id, { cookie: official.cookie }, { for: 'buyer', reason: '服务商无法提供上线证明' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('refunded');
    expect(eventStatusOf(db(), eventId)).toBe('revoked');
    expect(countedNow(db(), p.enterprise.id)).toBe(false);
    expect(listAuditFor(db(), 'adoption_event', eventId).find((a) => a.action === 'adoption.revoke')).toMatchObject({ actorUserId: official.id, reason: '服务商无法提供上线证明' });
  });

  it('a provider may refund a disputed order itself, which revokes the event', async () => {
    const { p, id, eventId } = await deliveredOrder();
    await post('dispute', id, sme(p), { reason: '服务从未上线，账号无法登录' });
    expect((await post('refund', id, provider(p), { reference: 'RF-DISPUTE-1' })).body.status).toBe('refunded');
    expect(eventStatusOf(db(), eventId)).toBe('revoked');
  });
});

describe('one function: the deployments page and the officials’ event page move the order', () => {
  it('confirming the deployment on /enterprise/deployments confirms the order and counts the enterprise', async () => {
    const { p, id, eventId } = await deliveredOrder();
    const result = await call(() => enterpriseDeployments.action(routeArgs(formRequest('/enterprise/deployments', { intent: 'confirm', eventId }, p.smeUser.cookie))));
    expect(statusOf(result)).toBe(302);
    expect(orderRow(db(), id).status).toBe('confirmed');
    expect(eventStatusOf(db(), eventId)).toBe('verified');
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    const history = db().$client.prepare("SELECT actor_role, actor_user_id FROM marketplace_history WHERE subject_id = ? AND action = 'confirm'").get(id);
    expect(history).toEqual({ actor_role: 'sme', actor_user_id: p.smeUser.id });
    expect(notices('order.confirmed', id)).toEqual([p.providerUser.id]);
  });

  it('disputing it there disputes the order, with the reason', async () => {
    const { p, id, eventId } = await deliveredOrder();
    const result = await call(() =>
      enterpriseDeployments.action(routeArgs(formRequest('/enterprise/deployments', { intent: 'dispute', eventId, reason: '没有开通服务' }, p.smeUser.cookie))),
    );
    expect(statusOf(result)).toBe(302);
    expect(orderRow(db(), id)).toMatchObject({ status: 'disputed', dispute_reason: '没有开通服务' });
    expect(eventStatusOf(db(), eventId)).toBe('disputed');
  });

  it('an official verifying the disputed event on its ledger page decides the order for the provider', async () => {
    const { p, id, eventId } = await deliveredOrder();
    await post('dispute', id, sme(p), { reason: '服务从未上线，账号无法登录' });
    const official = await createTestUser(db(), { role: 'official' });
    const result = await call(() =>
      eventPage.action(routeArgs(formRequest(`/official/adoption/events/${eventId}`, { intent: 'verify', reason: '核实已上线' }, official.cookie), { eventId })),
    );
    expect(statusOf(result)).toBe(302);
    expect(orderRow(db(), id).status).toBe('confirmed');
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
  });

  it('an official verifying a delivered order’s pending event stands for the confirmation', async () => {
    const { p, id, eventId } = await deliveredOrder();
    const official = await createTestUser(db(), { role: 'official' });
    await call(() =>
      eventPage.action(routeArgs(formRequest(`/official/adoption/events/${eventId}`, { intent: 'verify' }, official.cookie), { eventId })),
    );
    expect(eventStatusOf(db(), eventId)).toBe('verified');
    expect(orderRow(db(), id).status).toBe('confirmed');
    expect(countedNow(db(), p.enterprise.id)).toBe(true);
    expect((await post('confirm', id, sme(p))).body.status).toBe('confirmed');
  });

  it('an official revoking a confirmed order’s event corrects the ledger only: no money moves by itself', async () => {
    const { p, id, eventId } = await deliveredOrder();
    await post('confirm', id, sme(p));
    const official = await createTestUser(db(), { role: 'official' });
    await call(() =>
      eventPage.action(routeArgs(formRequest(`/official/adoption/events/${eventId}`, { intent: 'revoke', reason: '重复报送' }, official.cookie), { eventId })),
    );
    expect(eventStatusOf(db(), eventId)).toBe('revoked');
    expect(orderRow(db(), id).status).toBe('confirmed');
  });
});
