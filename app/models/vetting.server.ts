/**
 * 审核: officials vet provider applications and offering submissions within their scope
 * (official_scopes: null = the whole province, else one 市州). Every decision changes the
 * record and writes its audit row in one transaction.
 */
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { auditLog, offeringPlans, offeringRevisions, offerings, providers, users } from '../../db/schema';
import { indexOfferingInTx, reindexProviderInTx } from './search.server';
import type { ProviderStatus } from '~/domain/catalog-vocabulary';
import type { OfferingDecision, ProviderDecision } from '~/schemas/vetting';
import { prefectureInScope } from './access-sql.server';
import { writeAudit } from './audit.server';

export const VETTING_PAGE_SIZE = 20;

/** An official's scope: null = provincial (sees every provider, including out-of-province ones). */
export type ScopePrefecture = string | null;

export function providerInScope(scope: ScopePrefecture): SQL | undefined {
  return prefectureInScope(providers.prefecture, scope);
}

export function vettingOverview(db: Db, scope: ScopePrefecture) {
  const pendingProviders =
    db
      .select({ n: count() })
      .from(providers)
      .where(and(eq(providers.status, 'applied'), providerInScope(scope)))
      .get()?.n ?? 0;
  const pendingOfferings =
    db
      .select({ n: count() })
      .from(offerings)
      .innerJoin(providers, eq(providers.id, offerings.providerId))
      .where(and(eq(offerings.status, 'submitted'), providerInScope(scope)))
      .get()?.n ?? 0;
  const pendingRevisions =
    db
      .select({ n: count() })
      .from(offeringRevisions)
      .innerJoin(providers, eq(providers.id, offeringRevisions.providerId))
      .where(and(eq(offeringRevisions.status, 'pending'), providerInScope(scope)))
      .get()?.n ?? 0;
  return { pendingProviders, pendingOfferings, pendingRevisions };
}

export function listProvidersForVetting(
  db: Db,
  opts: { scope: ScopePrefecture; status: ProviderStatus | 'all'; page: number },
) {
  const where = and(
    opts.status === 'all' ? undefined : eq(providers.status, opts.status),
    providerInScope(opts.scope),
  );
  const total = db.select({ n: count() }).from(providers).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: providers.id,
      uscc: providers.uscc,
      nameZh: providers.nameZh,
      nameEn: providers.nameEn,
      prefecture: providers.prefecture,
      status: providers.status,
      createdAt: providers.createdAt,
    })
    .from(providers)
    .where(where)
    // The application is the provider row's creation: oldest first, so nobody waits longest.
    .orderBy(asc(providers.createdAt), asc(providers.id))
    .limit(VETTING_PAGE_SIZE)
    .offset((opts.page - 1) * VETTING_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: VETTING_PAGE_SIZE };
}

export function auditHistory(db: Db, targetType: string, targetId: string) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
      actorName: users.displayName,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.id))
    .all();
}

/** A provider as an official sees it, or null when it does not exist or lies outside the scope. */
export function getProviderForVetting(db: Db, scope: ScopePrefecture, providerId: string) {
  const provider = db
    .select({
      id: providers.id,
      uscc: providers.uscc,
      nameZh: providers.nameZh,
      nameEn: providers.nameEn,
      prefecture: providers.prefecture,
      certifications: providers.certifications,
      website: providers.website,
      contactName: providers.contactName,
      contactEmail: providers.contactEmail,
      contactPhone: providers.contactPhone,
      status: providers.status,
      statusReason: providers.statusReason,
      createdAt: providers.createdAt,
      ownerEmail: users.email,
    })
    .from(providers)
    .leftJoin(users, eq(users.id, providers.ownerUserId))
    .where(and(eq(providers.id, providerId), providerInScope(scope)))
    .get();
  if (!provider) return null;
  const offeringsCount =
    db.select({ n: count() }).from(offerings).where(eq(offerings.providerId, providerId)).get()?.n ?? 0;
  return { provider, offeringsCount, history: auditHistory(db, 'provider', providerId) };
}

/** Which statuses each decision may start from, and where it leads. */
const PROVIDER_TRANSITIONS: Record<
  ProviderDecision['intent'],
  { from: readonly ProviderStatus[]; to: ProviderStatus }
> = {
  approve: { from: ['applied', 'rejected'], to: 'approved' },
  reject: { from: ['applied'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};

/** The decisions an official can take on a provider in this status (for the buttons shown). */
export function providerDecisionsFor(status: ProviderStatus): ProviderDecision['intent'][] {
  return (Object.keys(PROVIDER_TRANSITIONS) as ProviderDecision['intent'][]).filter((intent) =>
    PROVIDER_TRANSITIONS[intent].from.includes(status),
  );
}

export type DecisionResult =
  | { ok: true }
  | { ok: false; error: 'notFound' }
  | { ok: false; error: 'invalidTransition' | 'notSubmitted' | 'providerNotApproved' };

export function decideProvider(
  db: Db,
  input: { scope: ScopePrefecture; providerId: string; decision: ProviderDecision; actorUserId: string },
): DecisionResult {
  const { decision } = input;
  const rule = PROVIDER_TRANSITIONS[decision.intent];
  const reason = 'reason' in decision ? decision.reason : null;
  // The status is re-read inside the transaction, so two officials deciding at once cannot both win.
  return db.transaction((tx): DecisionResult => {
    const current = tx
      .select({ status: providers.status })
      .from(providers)
      .where(and(eq(providers.id, input.providerId), providerInScope(input.scope)))
      .get();
    if (!current) return { ok: false, error: 'notFound' };
    if (!rule.from.includes(current.status)) return { ok: false, error: 'invalidTransition' };
    tx.update(providers)
      .set({ status: rule.to, statusReason: reason, updatedAt: new Date().toISOString() })
      .where(eq(providers.id, input.providerId))
      .run();
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: `provider.${decision.intent}`,
      targetType: 'provider',
      targetId: input.providerId,
      reason,
      detail: { from: current.status, to: rule.to },
    });
    // Suspension hides every listing of the provider from search at once; reinstatement (or a
    // first approval) brings back the published ones. Same transaction as the status change.
    reindexProviderInTx(tx, input.providerId);
    return { ok: true };
  });
}

export function listSubmittedOfferings(db: Db, opts: { scope: ScopePrefecture; page: number }) {
  const where = and(eq(offerings.status, 'submitted'), providerInScope(opts.scope));
  const total =
    db
      .select({ n: count() })
      .from(offerings)
      .innerJoin(providers, eq(providers.id, offerings.providerId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: offerings.id,
      titleZh: offerings.titleZh,
      titleEn: offerings.titleEn,
      level: offerings.level,
      submittedAt: offerings.submittedAt,
      providerId: providers.id,
      providerNameZh: providers.nameZh,
      providerNameEn: providers.nameEn,
      providerStatus: providers.status,
      providerPrefecture: providers.prefecture,
    })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(where)
    .orderBy(asc(offerings.submittedAt), asc(offerings.id))
    .limit(VETTING_PAGE_SIZE)
    .offset((opts.page - 1) * VETTING_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: VETTING_PAGE_SIZE };
}

/** An offering (any status) with its plans and provider, or null when missing or outside the scope. */
export function getOfferingForVetting(db: Db, scope: ScopePrefecture, offeringId: string) {
  const row = db
    .select({
      offering: {
        id: offerings.id,
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
      },
      provider: {
        id: providers.id,
        uscc: providers.uscc,
        nameZh: providers.nameZh,
        nameEn: providers.nameEn,
        prefecture: providers.prefecture,
        status: providers.status,
      },
    })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(and(eq(offerings.id, offeringId), providerInScope(scope)))
    .get();
  if (!row) return null;
  const plans = db
    .select({
      id: offeringPlans.id,
      name: offeringPlans.name,
      priceFen: offeringPlans.priceFen,
      billing: offeringPlans.billing,
      trialDays: offeringPlans.trialDays,
    })
    .from(offeringPlans)
    .where(eq(offeringPlans.offeringId, offeringId))
    .orderBy(asc(offeringPlans.position), asc(offeringPlans.id))
    .all();
  return { ...row, plans, history: auditHistory(db, 'offering', offeringId) };
}

/** Publishes or rejects a submitted offering. Only an approved provider's offering may be published. */
export function decideOffering(
  db: Db,
  input: { scope: ScopePrefecture; offeringId: string; decision: OfferingDecision; actorUserId: string },
): DecisionResult {
  const { decision } = input;
  return db.transaction((tx): DecisionResult => {
    const current = tx
      .select({ status: offerings.status, providerStatus: providers.status })
      .from(offerings)
      .innerJoin(providers, eq(providers.id, offerings.providerId))
      .where(and(eq(offerings.id, input.offeringId), providerInScope(input.scope)))
      .get();
    if (!current) return { ok: false, error: 'notFound' };
    if (current.status !== 'submitted') return { ok: false, error: 'notSubmitted' };
    const now = new Date().toISOString();
    if (decision.intent === 'approve') {
      if (current.providerStatus !== 'approved') return { ok: false, error: 'providerNotApproved' };
      tx.update(offerings)
        .set({ status: 'published', publishedAt: now, reviewReason: null, updatedAt: now })
        .where(eq(offerings.id, input.offeringId))
        .run();
    } else {
      tx.update(offerings)
        .set({ status: 'rejected', reviewReason: decision.reason, updatedAt: now })
        .where(eq(offerings.id, input.offeringId))
        .run();
    }
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: `offering.${decision.intent}`,
      targetType: 'offering',
      targetId: input.offeringId,
      reason: decision.intent === 'reject' ? decision.reason : null,
      detail: { from: 'submitted', to: decision.intent === 'approve' ? 'published' : 'rejected' },
    });
    indexOfferingInTx(tx, input.offeringId);
    return { ok: true };
  });
}
