import { describe, expect, it } from 'vitest';
import * as offeringPage from '../../app/routes/catalog.$offeringId';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { orderRow } from './orders-fixtures';
import { insertEnterprise, insertOffering, insertProvider } from './requests-fixtures';

// 立即订购 on the offering page: an SME orders one billing period of a priced plan (the use case of
// POST /api/orders) and lands on its new order; plans on quote, other roles and SMEs without an
// enterprise are refused in plain words.

const db = useTestDatabase();

async function world() {
  const providerUser = await createTestUser(db(), { role: 'provider' });
  const offering = insertOffering(db(), insertProvider(db(), providerUser.id));
  const sme = await createTestUser(db(), { role: 'sme' });
  insertEnterprise(db(), sme.id, '5101');
  return { offering, sme, providerUser };
}

const order = (offeringId: string, planId: string, cookie: string) =>
  call(() => offeringPage.action(routeArgs(formRequest(`/catalog/${offeringId}`, { intent: 'order', planId }, cookie), { offeringId })));

describe('ordering a priced plan from the offering page', () => {
  it('makes an order for the plan’s price and redirects to it', async () => {
    const { offering, sme } = await world();
    const page = payloadOf(await call(() => offeringPage.loader(routeArgs(getRequest(`/catalog/${offering.id}`, sme.cookie), { offeringId: offering.id }))));
    expect(page).toMatchObject({ viewerRole: 'sme', hasEnterprise: true });
    const answer = (await order(offering.id, offering.pricedPlanId, sme.cookie)) as Response;
    expect(answer.status).toBe(302);
    const orderId = /^\/enterprise\/orders\/([^/]+)$/.exec(answer.headers.get('Location') ?? '')?.[1];
    expect(orderId).toBeTruthy();
    expect(orderRow(db(), orderId!)).toMatchObject({ status: 'pending_payment', amount_fen: 98_000, payable_fen: 98_000, plan_id: offering.pricedPlanId });
  });

  it('refuses a plan on quote (409 with the reason), an unknown plan, another role, and an SME without an enterprise', async () => {
    const { offering, providerUser } = await world();
    const sme = await createTestUser(db(), { role: 'sme' });
    insertEnterprise(db(), sme.id);
    const onQuote = await order(offering.id, offering.quotePlanId, sme.cookie);
    expect(statusOf(onQuote)).toBe(409);
    expect(JSON.stringify(payloadOf(onQuote))).toContain('requests.errors.planNotPriced');
    expect(statusOf(await order(offering.id, 'no-such-plan', sme.cookie))).toBe(409);
    expect(statusOf(await order(offering.id, '', sme.cookie))).toBe(400);
    expect(statusOf(await order(offering.id, offering.pricedPlanId, providerUser.cookie))).toBe(403);
    const lonely = await createTestUser(db(), { role: 'sme' });
    expect(statusOf(await order(offering.id, offering.pricedPlanId, lonely.cookie))).toBe(409);
    const count = db().$client.prepare('SELECT count(*) AS n FROM orders WHERE offering_id = ?').get(offering.id) as { n: number };
    expect(count.n).toBe(0);
  });
});
