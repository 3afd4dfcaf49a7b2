import { and, avg, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, orders, providers, reviewReports, reviews } from '../../db/schema';
import { scopeCovers } from '~/domain/access-policy';
import { newId } from '~/utils/ids';
import { prefectureInScope } from './access-sql.server';
import { writeAudit } from './audit.server';

// Verified reviews (issue 10, "Reviews"): only the buyer of a confirmed order reviews that order's
// offering, once per order, editable for 30 days; the offering's provider answers once; anyone signed
// in reports; an official in scope (provincial, or the buyer's prefecture — the same scope rule as
// orders, formats/marketplace-api.md "Who may see what") hides with a reason, audited. Hidden
// reviews neither show nor count in the rating.

export const REVIEW_EDIT_DAYS = 30;
export const REVIEW_BODY_MIN = 5;
export const REVIEW_BODY_MAX = 1000;

export type ReviewRefusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid';
export type ReviewResult<T = { id: string }> = ({ ok: true } & T) | { ok: false; code: ReviewRefusal; reason: string };

const refuse = (code: ReviewRefusal, reason: string) => ({ ok: false as const, code, reason });

function validContent(stars: number, body: string) {
  const text = body.trim();
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) return refuse('invalid', 'stars must be 1–5');
  if (text.length < REVIEW_BODY_MIN || text.length > REVIEW_BODY_MAX)
    return refuse('invalid', `body must be ${REVIEW_BODY_MIN}–${REVIEW_BODY_MAX} characters`);
  return null;
}

/** Whether a review written at `createdAt` may still be edited at `now` (30 days from writing). */
export function isEditable(createdAt: string, now: Date = new Date()) {
  return now.getTime() - new Date(createdAt).getTime() <= REVIEW_EDIT_DAYS * 24 * 60 * 60 * 1000;
}

/** The review of an order, whatever its visibility (for the buyer's order page). */
export function reviewForOrder(db: Db, orderId: string) {
  return (
    db
      .select({
        id: reviews.id,
        stars: reviews.stars,
        body: reviews.body,
        providerAnswer: reviews.providerAnswer,
        hiddenAt: reviews.hiddenAt,
        hiddenReason: reviews.hiddenReason,
        createdAt: reviews.createdAt,
        updatedAt: reviews.updatedAt,
      })
      .from(reviews)
      .where(eq(reviews.orderId, orderId))
      .get() ?? null
  );
}

/** The buyer's enterprise reviews a confirmed order's offering (one review per order). */
export function createReview(
  db: Db,
  input: { userId: string; enterpriseId: string; orderId: string; stars: number; body: string; now?: Date },
): ReviewResult {
  const invalid = validContent(input.stars, input.body);
  if (invalid) return invalid;
  return db.transaction((tx) => {
    const order = tx
      .select({ id: orders.id, enterpriseId: orders.enterpriseId, offeringId: orders.offeringId, status: orders.status })
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .get();
    // Another enterprise's order is not revealed (404, as every order page answers).
    if (!order || order.enterpriseId !== input.enterpriseId) return refuse('not_found', 'no such order');
    if (order.status !== 'confirmed') return refuse('conflict', `order is ${order.status}, not confirmed`);
    if (tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.orderId, order.id)).get())
      return refuse('conflict', 'this order has already been reviewed');
    const id = newId();
    const at = (input.now ?? new Date()).toISOString();
    tx.insert(reviews)
      .values({
        id,
        orderId: order.id,
        offeringId: order.offeringId,
        enterpriseId: order.enterpriseId,
        authorUserId: input.userId,
        stars: input.stars,
        body: input.body.trim(),
        createdAt: at,
        updatedAt: at,
      })
      .run();
    return { ok: true as const, id };
  });
}

/** The author's enterprise edits its review within 30 days of writing it. */
export function updateReview(
  db: Db,
  input: { enterpriseId: string; reviewId: string; stars: number; body: string; now?: Date },
): ReviewResult {
  const invalid = validContent(input.stars, input.body);
  if (invalid) return invalid;
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const review = tx
      .select({ id: reviews.id, enterpriseId: reviews.enterpriseId, createdAt: reviews.createdAt, hiddenAt: reviews.hiddenAt })
      .from(reviews)
      .where(eq(reviews.id, input.reviewId))
      .get();
    if (!review || review.enterpriseId !== input.enterpriseId) return refuse('not_found', 'no such review');
    if (!isEditable(review.createdAt, now)) return refuse('conflict', `reviews can be edited for ${REVIEW_EDIT_DAYS} days`);
    // A hidden review stays as the official left it.
    if (review.hiddenAt) return refuse('conflict', 'this review has been hidden');
    tx.update(reviews)
      .set({ stars: input.stars, body: input.body.trim(), updatedAt: now.toISOString() })
      .where(eq(reviews.id, review.id))
      .run();
    return { ok: true as const, id: review.id };
  });
}

/** The owner of the offering's provider answers a review, once. */
export function answerReview(
  db: Db,
  input: { userId: string; reviewId: string; answer: string; now?: Date },
): ReviewResult {
  const answer = input.answer.trim();
  if (answer.length < 1 || answer.length > REVIEW_BODY_MAX)
    return refuse('invalid', `answer must be 1–${REVIEW_BODY_MAX} characters`);
  return db.transaction((tx) => {
    const row = tx
      .select({ id: reviews.id, answeredAt: reviews.answeredAt, ownerUserId: providers.ownerUserId })
      .from(reviews)
      .innerJoin(offerings, eq(offerings.id, reviews.offeringId))
      .innerJoin(providers, eq(providers.id, offerings.providerId))
      .where(eq(reviews.id, input.reviewId))
      .get();
    if (!row || row.ownerUserId !== input.userId) return refuse('not_found', 'no such review');
    if (row.answeredAt) return refuse('conflict', 'this review has already been answered');
    tx.update(reviews)
      .set({ providerAnswer: answer, answeredAt: (input.now ?? new Date()).toISOString() })
      .where(and(eq(reviews.id, row.id), isNull(reviews.answeredAt)))
      .run();
    return { ok: true as const, id: row.id };
  });
}

/** Anyone signed in reports a visible review, with a reason, for an official to look at. */
export function reportReview(db: Db, input: { userId: string; reviewId: string; reason: string }): ReviewResult {
  const reason = input.reason.trim();
  if (reason.length < 2 || reason.length > 500) return refuse('invalid', 'reason must be 2–500 characters');
  const review = db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.id, input.reviewId), isNull(reviews.hiddenAt)))
    .get();
  if (!review) return refuse('not_found', 'no such review');
  // One report per person and review (unique index): a second one is accepted and adds nothing.
  db.insert(reviewReports)
    .values({ reviewId: review.id, reporterUserId: input.userId, reason })
    .onConflictDoNothing()
    .run();
  return { ok: true as const, id: review.id };
}

type ModerationInput = { userId: string; scopePrefecture: string | null; reviewId: string; reason: string; now?: Date };
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * An official's decision on a visible review of an enterprise in its scope (null = provincial):
 * the reason checked, the review found (404 out of scope, 409 when already hidden), then `decide`
 * in one transaction.
 */
function moderateReview(
  db: Db,
  input: ModerationInput,
  decide: (tx: Tx, reviewId: string, reason: string, at: string) => ReviewResult,
): ReviewResult {
  const reason = input.reason.trim();
  if (reason.length < 2 || reason.length > 500) return refuse('invalid', 'reason must be 2–500 characters');
  return db.transaction((tx) => {
    const row = tx
      .select({ id: reviews.id, hiddenAt: reviews.hiddenAt, prefecture: enterprises.prefecture })
      .from(reviews)
      .innerJoin(enterprises, eq(enterprises.id, reviews.enterpriseId))
      .where(eq(reviews.id, input.reviewId))
      .get();
    if (!row || !scopeCovers(input.scopePrefecture, row.prefecture)) return refuse('not_found', 'no such review');
    if (row.hiddenAt) return refuse('conflict', 'this review is already hidden');
    return decide(tx, row.id, reason, (input.now ?? new Date()).toISOString());
  });
}

/** An official hides a review in its scope, with a reason; its open reports are closed; audited. */
export function hideReview(db: Db, input: ModerationInput): ReviewResult {
  return moderateReview(db, input, (tx, id, reason, at) => {
    tx.update(reviews).set({ hiddenAt: at, hiddenReason: reason, hiddenByUserId: input.userId }).where(eq(reviews.id, id)).run();
    resolveReports(tx, id, 'hidden', input.userId, at);
    writeAudit(tx, { actorUserId: input.userId, action: 'review.hide', targetType: 'review', targetId: id, reason });
    return { ok: true as const, id };
  });
}

/**
 * An official keeps a reported review (the reports were unfounded), with a reason; audited. The
 * open reports are closed as 'declined' and the review leaves the queue until someone reports it again.
 */
export function keepReview(db: Db, input: ModerationInput): ReviewResult {
  return moderateReview(db, input, (tx, id, reason, at) => {
    if (resolveReports(tx, id, 'declined', input.userId, at) === 0) return refuse('conflict', 'this review has no open reports');
    writeAudit(tx, { actorUserId: input.userId, action: 'review.keep', targetType: 'review', targetId: id, reason });
    return { ok: true as const, id };
  });
}

function resolveReports(db: Pick<Db, 'update'>, reviewId: string, resolution: 'hidden' | 'declined', userId: string, at: string) {
  return db
    .update(reviewReports)
    .set({ resolution, resolvedAt: at, resolvedByUserId: userId })
    .where(and(eq(reviewReports.reviewId, reviewId), isNull(reviewReports.resolution)))
    .run().changes;
}

/** Visible reviews of an offering, newest first, with the provider's answers. */
export function listVisibleReviews(db: Db, offeringId: string, limit = 50) {
  return db
    .select({
      id: reviews.id,
      stars: reviews.stars,
      body: reviews.body,
      providerAnswer: reviews.providerAnswer,
      answeredAt: reviews.answeredAt,
      enterpriseName: enterprises.name,
      createdAt: reviews.createdAt,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .innerJoin(enterprises, eq(enterprises.id, reviews.enterpriseId))
    .where(and(eq(reviews.offeringId, offeringId), isNull(reviews.hiddenAt)))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit)
    .all();
}

export interface RatingSummary {
  average: number;
  count: number;
}

/** Average stars and number of visible reviews of one offering; null when it has none. */
export function ratingSummary(db: Db, offeringId: string): RatingSummary | null {
  return ratingsByOffering(db, [offeringId]).get(offeringId) ?? null;
}

/**
 * Average and count of visible reviews per offering: one aggregate query (for all offerings when
 * `offeringIds` is omitted — matching scores the whole catalog). Offerings without reviews are absent.
 */
export function ratingsByOffering(db: Db, offeringIds?: readonly string[]): Map<string, RatingSummary> {
  if (offeringIds && offeringIds.length === 0) return new Map();
  const where = offeringIds
    ? and(isNull(reviews.hiddenAt), inArray(reviews.offeringId, [...offeringIds]))
    : isNull(reviews.hiddenAt);
  const rows = db
    .select({ offeringId: reviews.offeringId, average: avg(reviews.stars).mapWith(Number), count: count() })
    .from(reviews)
    .where(where)
    .groupBy(reviews.offeringId)
    .all();
  return new Map(rows.map((r) => [r.offeringId, { average: r.average, count: r.count }]));
}

/**
 * Reviews with open reports (not hidden, not yet answered by an official) of enterprises in the
 * official's scope, most reported first. Declined reports are kept (audit) but leave the queue.
 */
export function listReportedReviews(db: Db, scopePrefecture: string | null, limit = 50) {
  const where = and(isNull(reviews.hiddenAt), prefectureInScope(enterprises.prefecture, scopePrefecture));
  return db
    .select({
      id: reviews.id,
      stars: reviews.stars,
      body: reviews.body,
      offeringTitle: offerings.titleZh,
      enterpriseName: enterprises.name,
      prefecture: enterprises.prefecture,
      createdAt: reviews.createdAt,
      reports: count(reviewReports.id),
      reasons: sql<string>`group_concat(${reviewReports.reason}, ' / ')`,
    })
    .from(reviews)
    .innerJoin(reviewReports, and(eq(reviewReports.reviewId, reviews.id), isNull(reviewReports.resolution)))
    .innerJoin(enterprises, eq(enterprises.id, reviews.enterpriseId))
    .innerJoin(offerings, eq(offerings.id, reviews.offeringId))
    .where(where)
    .groupBy(reviews.id)
    .orderBy(desc(count(reviewReports.id)), desc(reviews.id))
    .limit(limit)
    .all();
}

/** Reviews of the offerings a provider owner's provider sells, newest first (the answer page). */
export function listProviderReviews(db: Db, ownerUserId: string, limit = 100) {
  return db
    .select({
      id: reviews.id,
      stars: reviews.stars,
      body: reviews.body,
      providerAnswer: reviews.providerAnswer,
      offeringTitle: offerings.titleZh,
      enterpriseName: enterprises.name,
      hiddenAt: reviews.hiddenAt,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .innerJoin(offerings, eq(offerings.id, reviews.offeringId))
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .innerJoin(enterprises, eq(enterprises.id, reviews.enterpriseId))
    .where(eq(providers.ownerUserId, ownerUserId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit)
    .all();
}
