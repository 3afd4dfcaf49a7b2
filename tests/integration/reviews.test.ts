// Verified reviews (issue 10): who may review, editing for 30 days, one provider answer, reports
// and an official's hide in scope (audited), hidden reviews not counted, and the `rated` match reason.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { findMatches } from '../../app/models/matches.server';
import {
  answerReview,
  createReview,
  hideReview,
  keepReview,
  listReportedReviews,
  listVisibleReviews,
  ratingSummary,
  reportReview,
  updateReview,
} from '../../app/models/reviews.server';
import { indexOfferingInTx } from '../../app/models/search.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { insertOrder, orderParties, type Parties } from './orders-fixtures';

const db = useTestDatabase();
const BODY = '部署很顺利，客服响应及时。';

async function confirmedReview(p: Parties, stars = 5) {
  const orderId = insertOrder(db(), p, { status: 'confirmed' });
  const r = createReview(db(), { userId: p.smeUser.id, enterpriseId: p.enterprise.id, orderId, stars, body: BODY });
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

describe('who may review', () => {
  it('refuses an order that is not yet confirmed', async () => {
    const p = await orderParties(db());
    for (const status of ['pending_payment', 'paid', 'delivered', 'disputed'] as const) {
      const orderId = insertOrder(db(), p, { status });
      const r = createReview(db(), { userId: p.smeUser.id, enterpriseId: p.enterprise.id, orderId, stars: 5, body: BODY });
      expect(r).toMatchObject({ ok: false, code: 'conflict' });
    }
  });

  it('refuses another enterprise as if the order did not exist', async () => {
    const p = await orderParties(db());
    const other = await orderParties(db());
    const orderId = insertOrder(db(), p, { status: 'confirmed' });
    const r = createReview(db(), { userId: other.smeUser.id, enterpriseId: other.enterprise.id, orderId, stars: 5, body: BODY });
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('accepts one review per confirmed order, 1–5 stars and 5–1000 characters', async () => {
    const p = await orderParties(db());
    const orderId = insertOrder(db(), p, { status: 'confirmed' });
    const base = { userId: p.smeUser.id, enterpriseId: p.enterprise.id, orderId };
    expect(createReview(db(), { ...base, stars: 0, body: BODY })).toMatchObject({ ok: false, code: 'invalid' });
    expect(createReview(db(), { ...base, stars: 6, body: BODY })).toMatchObject({ ok: false, code: 'invalid' });
    expect(createReview(db(), { ...base, stars: 4, body: '好' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(createReview(db(), { ...base, stars: 4, body: '好'.repeat(1001) })).toMatchObject({ ok: false, code: 'invalid' });
    expect(createReview(db(), { ...base, stars: 4, body: BODY })).toMatchObject({ ok: true });
    expect(createReview(db(), { ...base, stars: 5, body: BODY })).toMatchObject({ ok: false, code: 'conflict' });
    expect(ratingSummary(db(), p.offeringId)).toEqual({ average: 4, count: 1 });
  });
});

describe('editing', () => {
  it('lets the author enterprise edit within 30 days, not after, and no one else', async () => {
    const p = await orderParties(db());
    const orderId = insertOrder(db(), p, { status: 'confirmed' });
    const written = new Date('2026-11-01T08:00:00Z');
    const r = createReview(db(), { userId: p.smeUser.id, enterpriseId: p.enterprise.id, orderId, stars: 2, body: BODY, now: written });
    if (!r.ok) throw new Error(r.reason);
    const day = 24 * 60 * 60 * 1000;
    const edit = (enterpriseId: string, at: Date) =>
      updateReview(db(), { enterpriseId, reviewId: r.id, stars: 4, body: '后来问题都解决了。', now: at });
    expect(edit(p.enterprise.id, new Date(written.getTime() + 29 * day))).toMatchObject({ ok: true });
    expect(listVisibleReviews(db(), p.offeringId)[0]).toMatchObject({ stars: 4, body: '后来问题都解决了。' });
    const other = await orderParties(db());
    expect(edit(other.enterprise.id, new Date(written.getTime() + day))).toMatchObject({ ok: false, code: 'not_found' });
    expect(edit(p.enterprise.id, new Date(written.getTime() + 31 * day))).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('provider answers', () => {
  it('lets the offering provider owner answer once, and no other provider', async () => {
    const p = await orderParties(db());
    const other = await orderParties(db());
    const reviewId = await confirmedReview(p);
    expect(answerReview(db(), { userId: other.providerUser.id, reviewId, answer: '谢谢' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(answerReview(db(), { userId: p.providerUser.id, reviewId, answer: '感谢您的评价！' })).toMatchObject({ ok: true });
    expect(answerReview(db(), { userId: p.providerUser.id, reviewId, answer: '再次感谢' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(listVisibleReviews(db(), p.offeringId)[0]!.providerAnswer).toBe('感谢您的评价！');
  });
});

describe('reports and hiding', () => {
  it('lists a reported review for officials in scope; an out-of-scope prefecture official cannot hide it', async () => {
    const p = await orderParties(db(), { prefecture: '5101' });
    const reviewId = await confirmedReview(p, 1);
    const reporter = await createTestUser(db(), { role: 'sme' });
    expect(reportReview(db(), { userId: reporter.id, reviewId, reason: '含有广告内容' })).toMatchObject({ ok: true });

    const mianyang = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    expect(listReportedReviews(db(), '5107').map((r) => r.id)).not.toContain(reviewId);
    expect(hideReview(db(), { userId: mianyang.id, scopePrefecture: '5107', reviewId, reason: '广告' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    expect(listReportedReviews(db(), '5101').find((r) => r.id === reviewId)).toMatchObject({ reports: 1 });
    expect(ratingSummary(db(), p.offeringId)).toEqual({ average: 1, count: 1 });
    expect(hideReview(db(), { userId: chengdu.id, scopePrefecture: '5101', reviewId, reason: '广告内容' })).toMatchObject({ ok: true });

    expect(listVisibleReviews(db(), p.offeringId)).toEqual([]);
    expect(ratingSummary(db(), p.offeringId)).toBeNull();
    expect(listReportedReviews(db(), null).map((r) => r.id)).not.toContain(reviewId);
    const audit = db()
      .select({ actor: auditLog.actorUserId, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'review'), eq(auditLog.targetId, reviewId)))
      .all();
    expect(audit).toEqual([{ actor: chengdu.id, reason: '广告内容' }]);
  });

  it('lets a provincial official hide any review; a hidden review cannot be reported or edited', async () => {
    const p = await orderParties(db(), { prefecture: '5106' });
    const reviewId = await confirmedReview(p);
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    expect(hideReview(db(), { userId: province.id, scopePrefecture: null, reviewId, reason: '不实评价' })).toMatchObject({ ok: true });
    expect(reportReview(db(), { userId: province.id, reviewId, reason: '再次举报' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(updateReview(db(), { enterpriseId: p.enterprise.id, reviewId, stars: 5, body: BODY })).toMatchObject({ ok: false });
  });
});

describe('report queue', () => {
  it('counts one report per reporter; keeping the review declines the reports (audited) and a new report reopens it', async () => {
    const p = await orderParties(db(), { prefecture: '5101' });
    const reviewId = await confirmedReview(p, 2);
    const reporter = await createTestUser(db(), { role: 'sme' });
    const other = await createTestUser(db(), { role: 'provider' });
    reportReview(db(), { userId: reporter.id, reviewId, reason: '不实内容' });
    expect(reportReview(db(), { userId: reporter.id, reviewId, reason: '再报一次' })).toMatchObject({ ok: true });
    reportReview(db(), { userId: other.id, reviewId, reason: '广告' });
    expect(listReportedReviews(db(), null).find((r) => r.id === reviewId)).toMatchObject({ reports: 2 });

    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const mianyang = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    expect(keepReview(db(), { userId: mianyang.id, scopePrefecture: '5107', reviewId, reason: '内容属实' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(keepReview(db(), { userId: chengdu.id, scopePrefecture: '5101', reviewId, reason: '内容属实' })).toMatchObject({ ok: true });
    expect(listReportedReviews(db(), null).map((r) => r.id)).not.toContain(reviewId);
    expect(listVisibleReviews(db(), p.offeringId).map((r) => r.id)).toEqual([reviewId]);
    expect(keepReview(db(), { userId: chengdu.id, scopePrefecture: '5101', reviewId, reason: '内容属实' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const audit = db()
      .select({ action: auditLog.action, reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'review'), eq(auditLog.targetId, reviewId)))
      .all();
    expect(audit).toEqual([{ action: 'review.keep', reason: '内容属实' }]);

    const third = await createTestUser(db(), { role: 'sme' });
    reportReview(db(), { userId: third.id, reviewId, reason: '仍然不实' });
    expect(listReportedReviews(db(), '5101').find((r) => r.id === reviewId)).toMatchObject({ reports: 1, reasons: '仍然不实' });
  });
});

describe('the rated match reason', () => {
  it('is given for 3 reviews averaging at least 4.0, not for 2 reviews, and hidden reviews do not count', async () => {
    const rated = await orderParties(db());
    const few = await orderParties(db());
    db().transaction((tx) => {
      indexOfferingInTx(tx, rated.offeringId);
      indexOfferingInTx(tx, few.offeringId);
    });
    // 5 + 4 + 3 = 12 / 3 = 4.0: the contract's threshold, inclusive.
    for (const stars of [5, 4, 3]) await confirmedReview(rated, stars);
    for (const stars of [5, 5]) await confirmedReview(few, stars);

    const resultOf = (offeringId: string) => {
      const answer = findMatches(
        db(),
        { profile: { industry: '34', size: 'small', prefecture: '5101', levels: [] }, limit: 50 },
        'zh-CN',
      );
      const result = answer.results.find((r) => r.offeringId === offeringId);
      expect(result).toBeDefined();
      return result!;
    };
    const reasonsOf = (offeringId: string) => resultOf(offeringId).reasons.map((r) => r.code);
    expect(resultOf(rated.offeringId).rating).toEqual({ average: 4, count: 3 });
    expect(resultOf(few.offeringId).rating).toEqual({ average: 5, count: 2 });
    expect(reasonsOf(rated.offeringId)).toContain('rated');
    expect(reasonsOf(few.offeringId)).not.toContain('rated');

    // Hiding one of the three leaves 2 counted reviews: no longer `rated`.
    const [first] = listVisibleReviews(db(), rated.offeringId);
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    hideReview(db(), { userId: province.id, scopePrefecture: null, reviewId: first!.id, reason: '测试隐藏' });
    expect(ratingSummary(db(), rated.offeringId)!.count).toBe(2);
    expect(reasonsOf(rated.offeringId)).not.toContain('rated');
  });
});
