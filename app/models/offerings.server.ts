import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offeringPlans, offeringRevisions, offerings, providers } from '../../db/schema';
import { removeOfferingInTx } from './search.server';
import type { OfferingStatus } from '~/domain/catalog-vocabulary';
import {
  canArchiveOffering,
  canDeleteOffering,
  canEditOffering,
  canSubmitOffering,
  offeringProblems,
  providerCanPrepare,
  providerCanSubmit,
  type OfferingInput,
} from '~/schemas/offerings';
import { newId } from '~/utils/ids';
import type { FieldErrors } from './accounts.server';
import { writeAudit } from './audit.server';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const OFFERINGS_PAGE_SIZE = 20;

export type OfferingWriteResult =
  | { ok: true; offeringId: string }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | { ok: false; reason: 'notFound' | 'providerSuspended' | 'locked' };

export type OfferingActionResult =
  | { ok: true }
  | { ok: false; reason: 'notFound' | 'providerNotApproved' | 'wrongStatus' | 'incomplete' | 'inUse'; problems?: string[] };

const offeringColumns = {
  id: offerings.id,
  providerId: offerings.providerId,
  externalId: offerings.externalId,
  titleZh: offerings.titleZh,
  titleEn: offerings.titleEn,
  summary: offerings.summary,
  description: offerings.description,
  level: offerings.level,
  categories: offerings.categories,
  stages: offerings.stages,
  industries: offerings.industries,
  sizes: offerings.sizes,
  regions: offerings.regions,
  tags: offerings.tags,
  status: offerings.status,
  reviewReason: offerings.reviewReason,
  submittedAt: offerings.submittedAt,
  publishedAt: offerings.publishedAt,
  createdAt: offerings.createdAt,
  updatedAt: offerings.updatedAt,
};

const planColumns = {
  id: offeringPlans.id,
  position: offeringPlans.position,
  name: offeringPlans.name,
  priceFen: offeringPlans.priceFen,
  billing: offeringPlans.billing,
  trialDays: offeringPlans.trialDays,
};

export type OfferingWithPlans = NonNullable<ReturnType<typeof getOfferingWithPlans>>;

/** One offering with its plans in display order, whoever owns it (callers check access). */
export function getOfferingWithPlans(db: Pick<Db, 'select'>, offeringId: string) {
  const offering = db.select(offeringColumns).from(offerings).where(eq(offerings.id, offeringId)).get();
  if (!offering) return null;
  const plans = db.select(planColumns).from(offeringPlans).where(eq(offeringPlans.offeringId, offeringId)).orderBy(asc(offeringPlans.position)).all();
  return { ...offering, plans };
}

/** The offering only if `providerId` owns it: another provider's id reads as not found. */
export function getOwnOffering(db: Pick<Db, 'select'>, opts: { providerId: string; offeringId: string }) {
  const offering = getOfferingWithPlans(db, opts.offeringId);
  return offering && offering.providerId === opts.providerId ? offering : null;
}

export function listProviderOfferings(db: Db, opts: { providerId: string; status?: OfferingStatus; page: number }) {
  const where = and(eq(offerings.providerId, opts.providerId), opts.status ? eq(offerings.status, opts.status) : undefined);
  const total = db.select({ n: count() }).from(offerings).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / OFFERINGS_PAGE_SIZE));
  const page = Math.min(opts.page, pages);
  const rows = db
    .select({
      id: offerings.id,
      externalId: offerings.externalId,
      titleZh: offerings.titleZh,
      titleEn: offerings.titleEn,
      level: offerings.level,
      status: offerings.status,
      updatedAt: offerings.updatedAt,
      // The cheapest priced plan; null when every plan is 面议 (price on request). Spelled out
      // with table names: drizzle drops them from columns in a single-table select.
      minPriceFen: sql<number | null>`(select min(p.price_fen) from offering_plans p where p.offering_id = "offerings"."id")`,
      // The latest revision's status, so the list can say "修改待审核" / "修改被驳回".
      revisionStatus: sql<'pending' | 'approved' | 'rejected' | 'withdrawn' | null>`(select r.status from offering_revisions r where r.offering_id = "offerings"."id" order by r.created_at desc, r.rowid desc limit 1)`,
    })
    .from(offerings)
    .where(where)
    .orderBy(desc(offerings.updatedAt), asc(offerings.id))
    .limit(OFFERINGS_PAGE_SIZE)
    .offset((page - 1) * OFFERINGS_PAGE_SIZE)
    .all();
  return { rows, total, page, pages, pageSize: OFFERINGS_PAGE_SIZE };
}

export function countOfferingsByStatus(db: Db, providerId: string): Record<OfferingStatus, number> {
  const counts: Record<OfferingStatus, number> = { draft: 0, submitted: 0, published: 0, rejected: 0, archived: 0 };
  const rows = db
    .select({ status: offerings.status, n: count() })
    .from(offerings)
    .where(eq(offerings.providerId, providerId))
    .groupBy(offerings.status)
    .all();
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

function externalIdTaken(db: Pick<Db, 'select'>, providerId: string, externalId: string, exceptId?: string) {
  const conditions = [eq(offerings.providerId, providerId), eq(offerings.externalId, externalId)];
  if (exceptId) conditions.push(ne(offerings.id, exceptId));
  return Boolean(db.select({ id: offerings.id }).from(offerings).where(and(...conditions)).get());
}

function providerStatus(db: Pick<Db, 'select'>, providerId: string) {
  return db.select({ status: providers.status }).from(providers).where(eq(providers.id, providerId)).get()?.status ?? null;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Error && 'code' in error && String(error.code) === 'SQLITE_CONSTRAINT_UNIQUE';
}

const TAKEN: OfferingWriteResult = { ok: false, reason: 'invalid', fieldErrors: { externalId: ['provider.externalIdTaken'] } };

function offeringValues(input: OfferingInput) {
  return {
    externalId: input.externalId,
    titleZh: input.title,
    titleEn: input.titleEn || null,
    summary: input.summary,
    description: input.description ?? '',
    level: input.level,
    categories: input.categories,
    stages: input.stages,
    industries: input.industries,
    sizes: input.sizes,
    regions: input.regions,
    tags: input.tags,
  };
}

function insertPlans(tx: Tx, offeringId: string, plans: OfferingInput['plans']) {
  tx.insert(offeringPlans)
    .values(plans.map((p, position) => ({ id: newId(), offeringId, position, name: p.name, priceFen: p.priceFen, billing: p.billing, trialDays: p.trialDays })))
    .run();
}

/** A new draft with its plans, in one transaction. A duplicate externalId stores nothing and answers a field error. */
export function createOffering(db: Db, opts: { providerId: string; actorUserId: string; input: OfferingInput }): OfferingWriteResult {
  const status = providerStatus(db, opts.providerId);
  if (!status) return { ok: false, reason: 'notFound' };
  if (!providerCanPrepare(status)) return { ok: false, reason: 'providerSuspended' };
  if (externalIdTaken(db, opts.providerId, opts.input.externalId)) return TAKEN;
  const offeringId = newId();
  try {
    db.transaction((tx) => {
      tx.insert(offerings).values({ id: offeringId, providerId: opts.providerId, status: 'draft', ...offeringValues(opts.input) }).run();
      insertPlans(tx, offeringId, opts.input.plans);
      writeAudit(tx, { actorUserId: opts.actorUserId, action: 'offering.create', targetType: 'offering', targetId: offeringId });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return TAKEN;
    throw error;
  }
  return { ok: true, offeringId };
}

/**
 * Saves a draft or rejected offering (a rejected one returns to draft: the official's
 * decision answered the old version). Plans are replaced as a whole, in the same transaction.
 */
export function updateOffering(
  db: Db,
  opts: { providerId: string; offeringId: string; actorUserId: string; input: OfferingInput },
): OfferingWriteResult {
  const status = providerStatus(db, opts.providerId);
  if (!status) return { ok: false, reason: 'notFound' };
  if (!providerCanPrepare(status)) return { ok: false, reason: 'providerSuspended' };
  if (externalIdTaken(db, opts.providerId, opts.input.externalId, opts.offeringId)) return TAKEN;
  try {
    return db.transaction((tx): OfferingWriteResult => {
      // Re-read inside the transaction: an official may have picked it up since the page loaded.
      const current = getOwnOffering(tx, opts);
      if (!current) return { ok: false, reason: 'notFound' };
      if (!canEditOffering(current.status)) return { ok: false, reason: 'locked' };
      tx.update(offerings)
        .set({ ...offeringValues(opts.input), status: 'draft', updatedAt: new Date().toISOString() })
        .where(eq(offerings.id, opts.offeringId))
        .run();
      tx.delete(offeringPlans).where(eq(offeringPlans.offeringId, opts.offeringId)).run();
      insertPlans(tx, opts.offeringId, opts.input.plans);
      writeAudit(tx, {
        actorUserId: opts.actorUserId,
        action: 'offering.update',
        targetType: 'offering',
        targetId: opts.offeringId,
        detail: current.status === 'rejected' ? { from: 'rejected', to: 'draft' } : undefined,
      });
      return { ok: true, offeringId: opts.offeringId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return TAKEN;
    throw error;
  }
}

type ActionOpts = { providerId: string; offeringId: string; actorUserId: string };

/** draft/rejected → submitted, for an approved provider and a complete offering. */
export function submitOffering(db: Db, opts: ActionOpts): OfferingActionResult {
  return db.transaction((tx): OfferingActionResult => {
    const current = getOwnOffering(tx, opts);
    if (!current) return { ok: false, reason: 'notFound' };
    const status = providerStatus(tx, opts.providerId);
    if (!status || !providerCanSubmit(status)) return { ok: false, reason: 'providerNotApproved' };
    if (!canSubmitOffering(current.status)) return { ok: false, reason: 'wrongStatus' };
    const problems = offeringProblems(current);
    if (problems.length) return { ok: false, reason: 'incomplete', problems };
    const now = new Date().toISOString();
    tx.update(offerings)
      // The previous review answered an earlier version; the audit log keeps it.
      .set({ status: 'submitted', submittedAt: now, reviewReason: null, updatedAt: now })
      .where(eq(offerings.id, opts.offeringId))
      .run();
    writeAudit(tx, { actorUserId: opts.actorUserId, action: 'offering.submit', targetType: 'offering', targetId: opts.offeringId });
    return { ok: true };
  });
}

/** Deletes a draft or rejected offering (never one officials have published). */
export function deleteOffering(db: Db, opts: ActionOpts): OfferingActionResult {
  try {
    return db.transaction((tx): OfferingActionResult => {
      const current = getOwnOffering(tx, opts);
      if (!current) return { ok: false, reason: 'notFound' };
      if (!canDeleteOffering(current.status)) return { ok: false, reason: 'wrongStatus' };
      // Never indexed (only published offerings are), but the outbox row is cheap insurance
      // that Meilisearch holds nothing of an offering that no longer exists.
      removeOfferingInTx(tx, opts.offeringId);
      tx.delete(offerings).where(eq(offerings.id, opts.offeringId)).run();
      writeAudit(tx, {
        actorUserId: opts.actorUserId,
        action: 'offering.delete',
        targetType: 'offering',
        targetId: opts.offeringId,
        detail: { externalId: current.externalId, title: current.titleZh, status: current.status },
      });
      return { ok: true };
    });
  } catch (error) {
    // Adoption events may cite the offering (no cascade on that ledger): keep it, explain.
    if (error instanceof Error && 'code' in error && String(error.code) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return { ok: false, reason: 'inUse' };
    }
    throw error;
  }
}

/**
 * A pending revision of an offering that is leaving the catalog no longer proposes anything:
 * it is withdrawn in the caller's transaction (and audited), so it leaves the officials' queue.
 */
export function withdrawPendingRevisionInTx(tx: Tx, opts: { offeringId: string; actorUserId: string; why: string }) {
  const now = new Date().toISOString();
  const withdrawn = tx
    .update(offeringRevisions)
    .set({ status: 'withdrawn', decidedAt: now, updatedAt: now })
    .where(and(eq(offeringRevisions.offeringId, opts.offeringId), eq(offeringRevisions.status, 'pending')))
    .returning({ id: offeringRevisions.id })
    .all();
  for (const { id } of withdrawn) {
    writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'offering.revision.withdraw',
      targetType: 'offering',
      targetId: opts.offeringId,
      detail: { revisionId: id, why: opts.why },
    });
  }
}

/** published → archived: withdrawn from the catalog and from search at once, kept for the record. */
export function archiveOffering(db: Db, opts: ActionOpts): OfferingActionResult {
  return db.transaction((tx): OfferingActionResult => {
    const current = getOwnOffering(tx, opts);
    if (!current) return { ok: false, reason: 'notFound' };
    if (!canArchiveOffering(current.status)) return { ok: false, reason: 'wrongStatus' };
    tx.update(offerings).set({ status: 'archived', updatedAt: new Date().toISOString() }).where(eq(offerings.id, opts.offeringId)).run();
    withdrawPendingRevisionInTx(tx, { offeringId: opts.offeringId, actorUserId: opts.actorUserId, why: 'archive' });
    writeAudit(tx, { actorUserId: opts.actorUserId, action: 'offering.archive', targetType: 'offering', targetId: opts.offeringId });
    removeOfferingInTx(tx, opts.offeringId);
    return { ok: true };
  });
}
