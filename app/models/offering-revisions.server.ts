/**
 * 修改待审核: changes to a PUBLISHED offering go through a revision. The offerings row (and so
 * the catalog and search) keeps the published version until an official approves the revision;
 * approval copies the snapshot onto the offering and its plans, audits it and re-indexes the
 * offering, all in one transaction.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offeringPlans, offeringRevisions, offerings, providers, type OfferingRevisionSnapshot } from '../../db/schema';
import { indexOfferingInTx } from './search.server';
import { changedFieldNames, diffOfferings, matchPlans } from '~/domain/offering-diff';
import type { OfferingInput } from '~/schemas/offerings';
import type { RevisionDecision } from '~/schemas/vetting';
import { newId } from '~/utils/ids';
import type { FieldErrors } from './accounts.server';
import { writeAudit } from './audit.server';
import { getOfferingWithPlans, getOwnOffering, withdrawPendingRevisionInTx, type OfferingWithPlans } from './offerings.server';
import { auditHistory, providerInScope, type ScopePrefecture } from './vetting.server';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Reader = Pick<Db, 'select'>;

export function snapshotOfOffering(o: Omit<OfferingWithPlans, 'plans'> & { plans: OfferingRevisionSnapshot['plans'] }): OfferingRevisionSnapshot {
  return {
    titleZh: o.titleZh,
    titleEn: o.titleEn,
    summary: o.summary,
    description: o.description,
    level: o.level,
    categories: o.categories,
    stages: o.stages,
    industries: o.industries,
    sizes: o.sizes,
    regions: o.regions,
    tags: o.tags,
    plans: o.plans.map((p) => ({ name: p.name, priceFen: p.priceFen, billing: p.billing, trialDays: p.trialDays })),
  };
}

function snapshotOfInput(input: OfferingInput): OfferingRevisionSnapshot {
  return {
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
    plans: input.plans.map((p) => ({ name: p.name, priceFen: p.priceFen, billing: p.billing, trialDays: p.trialDays })),
  };
}

/** A timestamp strictly after `previous`: the revision's updatedAt is the version officials decide on. */
function nextStamp(previous: string | null): string {
  const now = Date.now();
  const floor = previous ? Date.parse(previous) + 1 : now;
  return new Date(Math.max(now, floor)).toISOString();
}

const revisionColumns = {
  id: offeringRevisions.id,
  offeringId: offeringRevisions.offeringId,
  providerId: offeringRevisions.providerId,
  snapshot: offeringRevisions.snapshot,
  baseSnapshot: offeringRevisions.baseSnapshot,
  status: offeringRevisions.status,
  reviewReason: offeringRevisions.reviewReason,
  createdAt: offeringRevisions.createdAt,
  updatedAt: offeringRevisions.updatedAt,
  submittedAt: offeringRevisions.submittedAt,
  decidedAt: offeringRevisions.decidedAt,
};

/** The revision the provider is working on: the latest one, while it is pending or was rejected. */
export function getOpenRevision(db: Reader, offeringId: string) {
  const latest = db
    .select(revisionColumns)
    .from(offeringRevisions)
    .where(eq(offeringRevisions.offeringId, offeringId))
    .orderBy(desc(offeringRevisions.createdAt), desc(sql`${offeringRevisions}.rowid`))
    .limit(1)
    .get();
  return latest && (latest.status === 'pending' || latest.status === 'rejected') ? latest : null;
}

export type OpenRevision = NonNullable<ReturnType<typeof getOpenRevision>>;

/** What the provider's page shows: the open revision and how it differs from the published version. */
export function revisionViewFor(db: Reader, offering: OfferingWithPlans) {
  const revision = getOpenRevision(db, offering.id);
  if (!revision) return null;
  return { revision, diff: diffOfferings(snapshotOfOffering(offering), revision.snapshot) };
}

export function countPendingRevisions(db: Reader, providerId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(offeringRevisions)
      .where(and(eq(offeringRevisions.providerId, providerId), eq(offeringRevisions.status, 'pending')))
      .get()?.n ?? 0
  );
}

export type RevisionWriteResult =
  | { ok: true; revisionId: string; created: boolean }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | { ok: false; reason: 'notFound' | 'providerSuspended' | 'providerNotApproved' | 'locked' | 'noChanges' };

/**
 * Proposes a change to a published offering: creates the pending revision, or updates the one
 * already pending (it keeps its place in the queue). The offering code stays fixed once
 * published: imports and adoption reports identify the offering by it.
 */
export function proposeRevision(
  db: Db,
  opts: { providerId: string; offeringId: string; actorUserId: string; input: OfferingInput },
): RevisionWriteResult {
  try {
    return db.transaction((tx): RevisionWriteResult => {
      const current = getOwnOffering(tx, opts);
      if (!current) return { ok: false, reason: 'notFound' };
      if (current.status !== 'published') return { ok: false, reason: 'locked' };
      const status = tx.select({ status: providers.status }).from(providers).where(eq(providers.id, opts.providerId)).get()?.status;
      if (status === 'suspended') return { ok: false, reason: 'providerSuspended' };
      if (status !== 'approved') return { ok: false, reason: 'providerNotApproved' };
      if (opts.input.externalId !== current.externalId) {
        return { ok: false, reason: 'invalid', fieldErrors: { externalId: ['provider.externalIdLocked'] } };
      }
      const base = snapshotOfOffering(current);
      const next = snapshotOfInput(opts.input);
      const diff = diffOfferings(base, next);
      if (diff.empty) return { ok: false, reason: 'noChanges' };
      const pending = tx
        .select({ id: offeringRevisions.id, updatedAt: offeringRevisions.updatedAt })
        .from(offeringRevisions)
        .where(and(eq(offeringRevisions.offeringId, opts.offeringId), eq(offeringRevisions.status, 'pending')))
        .get();
      const revisionId = pending?.id ?? newId();
      if (pending) {
        tx.update(offeringRevisions)
          .set({ snapshot: next, baseSnapshot: base, updatedAt: nextStamp(pending.updatedAt) })
          .where(eq(offeringRevisions.id, pending.id))
          .run();
      } else {
        const now = nextStamp(null);
        tx.insert(offeringRevisions)
          .values({
            id: revisionId,
            offeringId: opts.offeringId,
            providerId: opts.providerId,
            snapshot: next,
            baseSnapshot: base,
            status: 'pending',
            createdByUserId: opts.actorUserId,
            createdAt: now,
            updatedAt: now,
            submittedAt: now,
          })
          .run();
      }
      writeAudit(tx, {
        actorUserId: opts.actorUserId,
        action: pending ? 'offering.revision.update' : 'offering.revision.submit',
        targetType: 'offering',
        targetId: opts.offeringId,
        detail: { revisionId, changed: changedFieldNames(diff) },
      });
      // No search call: the published version, the only one search knows, has not changed.
      return { ok: true, revisionId, created: !pending };
    });
  } catch (error) {
    // Two saves at once: the partial unique index lets only one pending revision exist.
    if (error instanceof Error && 'code' in error && String(error.code) === 'SQLITE_CONSTRAINT_UNIQUE') return { ok: false, reason: 'locked' };
    throw error;
  }
}

/** The provider takes back a pending revision; the published version simply stays. */
export function withdrawRevision(db: Db, opts: { providerId: string; offeringId: string; actorUserId: string }): { ok: true } | { ok: false; reason: 'notFound' | 'wrongStatus' } {
  return db.transaction((tx) => {
    if (!getOwnOffering(tx, opts)) return { ok: false as const, reason: 'notFound' as const };
    if (getOpenRevision(tx, opts.offeringId)?.status !== 'pending') return { ok: false as const, reason: 'wrongStatus' as const };
    withdrawPendingRevisionInTx(tx, { offeringId: opts.offeringId, actorUserId: opts.actorUserId, why: 'provider' });
    return { ok: true as const };
  });
}

/** A revision as an official sees it, with the diff it would apply; null when missing or outside the scope. */
export function getRevisionForVetting(db: Db, scope: ScopePrefecture, revisionId: string) {
  const row = db
    .select({
      revision: revisionColumns,
      offering: { id: offerings.id, externalId: offerings.externalId, titleZh: offerings.titleZh, titleEn: offerings.titleEn, status: offerings.status },
      provider: { id: providers.id, uscc: providers.uscc, nameZh: providers.nameZh, nameEn: providers.nameEn, prefecture: providers.prefecture, status: providers.status },
    })
    .from(offeringRevisions)
    .innerJoin(offerings, eq(offerings.id, offeringRevisions.offeringId))
    .innerJoin(providers, eq(providers.id, offeringRevisions.providerId))
    .where(and(eq(offeringRevisions.id, revisionId), providerInScope(scope)))
    .get();
  if (!row) return null;
  // Pending: against what is published now (what approval would change). Decided: against the
  // version it was written for.
  const current = row.revision.status === 'pending' ? getOfferingWithPlans(db, row.offering.id) : null;
  const before = current ? snapshotOfOffering(current) : row.revision.baseSnapshot;
  return { ...row, before, diff: diffOfferings(before, row.revision.snapshot), history: auditHistory(db, 'offering', row.offering.id) };
}

/** The pending revision of an offering, for a link from the official's offering page. */
export function pendingRevisionIdOf(db: Reader, offeringId: string): string | null {
  return (
    db
      .select({ id: offeringRevisions.id })
      .from(offeringRevisions)
      .where(and(eq(offeringRevisions.offeringId, offeringId), eq(offeringRevisions.status, 'pending')))
      .get()?.id ?? null
  );
}

/** Plans keep their ids where a plan of the same name survives (later orders may cite them). */
function applyPlans(tx: Tx, offeringId: string, current: OfferingWithPlans['plans'], next: OfferingRevisionSnapshot['plans']) {
  const { pairs, added, removed } = matchPlans(current, next);
  for (const i of removed) tx.delete(offeringPlans).where(eq(offeringPlans.id, current[i]!.id)).run();
  for (const [i, j] of pairs) {
    const plan = next[j]!;
    tx.update(offeringPlans)
      .set({ position: j, name: plan.name, priceFen: plan.priceFen, billing: plan.billing, trialDays: plan.trialDays })
      .where(eq(offeringPlans.id, current[i]!.id))
      .run();
  }
  for (const j of added) {
    const plan = next[j]!;
    tx.insert(offeringPlans)
      .values({ id: newId(), offeringId, position: j, name: plan.name, priceFen: plan.priceFen, billing: plan.billing, trialDays: plan.trialDays })
      .run();
  }
}

export type RevisionDecisionResult =
  | { ok: true }
  | { ok: false; error: 'notFound' | 'notPending' | 'revisionChanged' | 'offeringNotPublished' | 'providerNotApproved' };

export function decideRevision(
  db: Db,
  input: { scope: ScopePrefecture; revisionId: string; decision: RevisionDecision; actorUserId: string },
): RevisionDecisionResult {
  const { decision } = input;
  // Everything is re-read inside the transaction: two officials (or an official and the
  // provider editing) cannot both win.
  return db.transaction((tx): RevisionDecisionResult => {
    const row = tx
      .select({
        status: offeringRevisions.status,
        updatedAt: offeringRevisions.updatedAt,
        snapshot: offeringRevisions.snapshot,
        offeringId: offeringRevisions.offeringId,
        offeringStatus: offerings.status,
        providerStatus: providers.status,
      })
      .from(offeringRevisions)
      .innerJoin(offerings, eq(offerings.id, offeringRevisions.offeringId))
      .innerJoin(providers, eq(providers.id, offeringRevisions.providerId))
      .where(and(eq(offeringRevisions.id, input.revisionId), providerInScope(input.scope)))
      .get();
    if (!row) return { ok: false, error: 'notFound' };
    if (row.status !== 'pending') return { ok: false, error: 'notPending' };
    if (row.updatedAt !== decision.version) return { ok: false, error: 'revisionChanged' };
    const now = new Date().toISOString();
    const decided = { decidedAt: now, decidedByUserId: input.actorUserId, updatedAt: nextStamp(row.updatedAt) };

    if (decision.intent === 'reject') {
      tx.update(offeringRevisions)
        .set({ status: 'rejected', reviewReason: decision.reason, ...decided })
        .where(eq(offeringRevisions.id, input.revisionId))
        .run();
      writeAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'offering.revision.reject',
        targetType: 'offering',
        targetId: row.offeringId,
        reason: decision.reason,
        detail: { revisionId: input.revisionId },
      });
      return { ok: true };
    }

    if (row.offeringStatus !== 'published') return { ok: false, error: 'offeringNotPublished' };
    if (row.providerStatus !== 'approved') return { ok: false, error: 'providerNotApproved' };
    const current = getOfferingWithPlans(tx, row.offeringId);
    if (!current) return { ok: false, error: 'notFound' };
    const s = row.snapshot;
    const diff = diffOfferings(snapshotOfOffering(current), s);
    tx.update(offerings)
      .set({
        titleZh: s.titleZh,
        titleEn: s.titleEn,
        summary: s.summary,
        description: s.description,
        level: s.level,
        categories: s.categories,
        stages: s.stages,
        industries: s.industries,
        sizes: s.sizes,
        regions: s.regions,
        tags: s.tags,
        updatedAt: now,
      })
      .where(eq(offerings.id, row.offeringId))
      .run();
    applyPlans(tx, row.offeringId, current.plans, s.plans);
    tx.update(offeringRevisions)
      .set({ status: 'approved', reviewReason: null, ...decided })
      .where(eq(offeringRevisions.id, input.revisionId))
      .run();
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'offering.revision.approve',
      targetType: 'offering',
      targetId: row.offeringId,
      detail: { revisionId: input.revisionId, changed: changedFieldNames(diff) },
    });
    // The new version replaces the old one in search in the same transaction.
    indexOfferingInTx(tx, row.offeringId);
    return { ok: true };
  });
}
