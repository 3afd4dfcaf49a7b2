// The review pages (issue 10): the SME's form on a confirmed order, the offering page's average and
// list with a report form, the provider's answer page and the officials' hide action.
import { describe, expect, it } from 'vitest';
import * as enterpriseOrder from '../../app/routes/enterprise.orders.$orderId';
import * as catalogOffering from '../../app/routes/catalog.$offeringId';
import * as catalogList from '../../app/routes/catalog._index';
import { createReview } from '../../app/models/reviews.server';
import { indexOfferingInTx } from '../../app/models/search.server';
import * as providerReviews from '../../app/routes/provider.reviews';
import * as officialReviews from '../../app/routes/official.reviews';
import { listReportedReviews, listVisibleReviews } from '../../app/models/reviews.server';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { insertOrder, orderParties } from './orders-fixtures';

const db = useTestDatabase();

async function postReview(orderId: string, cookie: string, fields: Record<string, string>) {
  const url = `/enterprise/orders/${orderId}`;
  return call(() => enterpriseOrder.action(routeArgs(formRequest(url, { intent: 'review', ...fields }, cookie), { orderId })));
}

describe('review pages', () => {
  it('takes a review on a confirmed order, shows it on the offering page, then lets the provider answer and an official hide it', async () => {
    const p = await orderParties(db(), { prefecture: '5101' });
    const pending = insertOrder(db(), p, { status: 'delivered' });
    expect(statusOf(await postReview(pending, p.smeUser.cookie, { stars: '5', body: '很好用的系统' }))).toBe(409);

    const orderId = insertOrder(db(), p, { status: 'confirmed' });
    const page = payloadOf(
      await call(() => enterpriseOrder.loader(routeArgs(getRequest(`/enterprise/orders/${orderId}`, p.smeUser.cookie), { orderId }))),
    );
    expect(page.review).toBeNull();

    // Field errors in the user's words (message keys, rendered by the form).
    const invalid = await postReview(orderId, p.smeUser.cookie, { stars: '9', body: '好' });
    expect(statusOf(invalid)).toBe(400);
    const errors = payloadOf(invalid).result.error;
    expect(errors.stars).toEqual(['reviews.errors.stars']);
    expect(errors.body[0]).toMatch(/^errors\.tooShort/);

    const done = await postReview(orderId, p.smeUser.cookie, { stars: '4', body: '上线很快，服务周到。' });
    expect(statusOf(done)).toBe(302);
    expect((done as Response).headers.get('Location')).toBe(`/enterprise/orders/${orderId}`);
    // Posting again edits (within 30 days).
    expect(statusOf(await postReview(orderId, p.smeUser.cookie, { stars: '5', body: '用了一个月，依然满意。' }))).toBe(302);
    const again = payloadOf(
      await call(() => enterpriseOrder.loader(routeArgs(getRequest(`/enterprise/orders/${orderId}`, p.smeUser.cookie), { orderId }))),
    );
    expect(again.review).toMatchObject({ stars: 5, body: '用了一个月，依然满意。', editable: true });

    // Another SME cannot review this order: 404.
    const other = await orderParties(db());
    expect(statusOf(await postReview(orderId, other.smeUser.cookie, { stars: '1', body: '随便写写的评价' }))).toBe(404);

    const offeringPage = payloadOf(
      await call(() => catalogOffering.loader(routeArgs(getRequest(`/catalog/${p.offeringId}`), { offeringId: p.offeringId }))),
    );
    expect(offeringPage.rating).toEqual({ average: 5, count: 1 });
    expect(offeringPage.reviews).toHaveLength(1);
    expect(offeringPage.reviews[0]).not.toHaveProperty('enterpriseName');
    const [review] = listVisibleReviews(db(), p.offeringId);

    // The provider answers once from /provider/reviews.
    const answer = (text: string, cookie: string) =>
      call(() => providerReviews.action(routeArgs(formRequest('/provider/reviews', { reviewId: review!.id, answer: text }, cookie))));
    expect(statusOf(await answer('感谢支持！', p.providerUser.cookie))).toBe(302);
    expect(statusOf(await answer('再次感谢', p.providerUser.cookie))).toBe(409);
    expect(statusOf(await answer('不是我的', other.providerUser.cookie))).toBe(404);

    // Anyone signed in reports from the offering page; a visitor is sent to sign in.
    const report = (cookie?: string) =>
      call(() =>
        catalogOffering.action(
          routeArgs(formRequest(`/catalog/${p.offeringId}`, { intent: 'report', reviewId: review!.id, reason: '内容不实' }, cookie), {
            offeringId: p.offeringId,
          }),
        ),
      );
    expect(statusOf(await report(other.providerUser.cookie))).toBe(302);
    expect(statusOf(await report())).toBe(302);
    expect(listReportedReviews(db(), null).find((r) => r.id === review!.id)?.reports).toBe(1);

    // An official of another prefecture neither sees nor hides it; Chengdu's does.
    const hide = (cookie: string) =>
      call(() => officialReviews.action(routeArgs(formRequest('/official/reviews', { reviewId: review!.id, reason: '内容不实' }, cookie))));
    const mianyang = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const listed = payloadOf(await call(() => officialReviews.loader(routeArgs(getRequest('/official/reviews', mianyang.cookie)))));
    expect(listed.reviews).toEqual([]);
    expect(statusOf(await hide(mianyang.cookie))).toBe(404);
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    expect(statusOf(await hide(chengdu.cookie))).toBe(302);

    const after = payloadOf(
      await call(() => catalogOffering.loader(routeArgs(getRequest(`/catalog/${p.offeringId}`), { offeringId: p.offeringId }))),
    );
    expect(after.rating).toBeNull();
    expect(after.reviews).toEqual([]);
  });

  it('shows the average and count of visible reviews on the catalog cards', async () => {
    const p = await orderParties(db());
    db().transaction((tx) => indexOfferingInTx(tx, p.offeringId));
    for (const stars of [5, 4]) {
      const orderId = insertOrder(db(), p, { status: 'confirmed' });
      createReview(db(), { userId: p.smeUser.id, enterpriseId: p.enterprise.id, orderId, stars, body: '部署顺利，推荐使用。' });
    }
    const list = payloadOf(await call(() => catalogList.loader(routeArgs(getRequest('/catalog?pageSize=50')))));
    expect(list.result.hits.map((h: { id: string }) => h.id)).toContain(p.offeringId);
    expect(list.ratings[p.offeringId]).toEqual({ average: 4.5, count: 2 });
  });
});
