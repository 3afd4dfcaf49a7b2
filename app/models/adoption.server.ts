import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { adoptionEventStates, adoptionEvents, enterprises, offerings, providers } from '../../db/schema';
import { coversPrefecture } from '~/domain/access-policy';
import { admissionOf, moveGate, type FraudRefusal } from '~/domain/adoption-admission';
import type { EventStatus } from '~/domain/adoption-counting';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import type { ReportDeployment } from '~/schemas/adoption';
import type { AppUser } from './users.server';
import type { FieldErrors } from './accounts.server';
import {
  appendAction,
  appendEvent,
  ensureEnterprise,
  findEnterpriseByUscc,
  ledgerTransaction,
  refusalMessage,
} from './adoption-ledger.server';
import { writeAudit } from './audit.server';
import { followOrderOfEvent } from './order-transitions.server';

// The ledger's use cases for people: a provider reports a deployment, the enterprise confirms or
// disputes it, an official verifies or revokes. Every change is one transaction with the ledger,
// the counter and (for officials) the audit log. Fraud markings are in adoption-fraud.server.ts.
// An event reported for an order (formats/marketplace-api.md, "Orders") moves that order in the
// same transaction (order-transitions.server.ts), whichever page or endpoint answered it.

export type LedgerResult = { ok: true; status: EventStatus } | { ok: false; error: LedgerError };
export type LedgerError =
  | 'notFound'
  | 'adoption.errors.notPending'
  | 'adoption.errors.alreadyRevoked'
  | 'adoption.errors.enterpriseFraud'
  | 'adoption.errors.providerFraud';

function nowIso() {
  return new Date().toISOString();
}

/** The field a fraud refusal of a deployment report is shown at. */
const FRAUD_FIELD: Record<FraudRefusal, string> = { 'enterprise-flagged': 'uscc', 'provider-flagged': '' };

/**
 * A provider reports that an enterprise (by USCC) went live on one of its offerings. The event is
 * pending: the enterprise's account confirms it, or an official verifies it. Reported from the
 * console (a user) or, for an order's delivery, also with the provider's API key. Inside another
 * ledger transaction (an order's delivery) it is part of that one.
 */
export function reportDeployment(
  db: Db,
  opts: { providerId: string; actorUserId: string | null; apiKeyId?: string | null; input: ReportDeployment },
): { ok: true; eventId: string } | { ok: false; fieldErrors: FieldErrors } {
  const { input } = opts;
  type Result = { ok: true; eventId: string } | { ok: false; fieldErrors: FieldErrors };
  return ledgerTransaction(db, (): Result => {
    const provider = db
      .select({ fraudFlaggedAt: providers.fraudFlaggedAt })
      .from(providers)
      .where(eq(providers.id, opts.providerId))
      .get();
    // An unknown provider reports nothing: refused as a flagged one is.
    if (!provider) return { ok: false as const, fieldErrors: { '': ['adoption.errors.providerFraud'] } };
    const known = findEnterpriseByUscc(db, input.uscc);
    const admission = admissionOf('provider-report', { enterprise: known, provider });
    if (!admission.ok)
      return {
        ok: false as const,
        fieldErrors: { [FRAUD_FIELD[admission.refusal]]: [refusalMessage(admission.refusal)] },
      };
    const offering = db
      .select({ id: offerings.id, level: offerings.level, externalId: offerings.externalId })
      .from(offerings)
      .where(and(eq(offerings.id, input.offeringId), eq(offerings.providerId, opts.providerId)))
      .get();
    if (!offering) return { ok: false as const, fieldErrors: { offeringId: ['errors.choice'] } };
    const now = nowIso();
    const enterprise = ensureEnterprise(
      db,
      {
        uscc: input.uscc,
        name: input.enterpriseName,
        prefecture: input.prefecture,
        industry: input.industry,
      },
      now,
      known,
    );
    const event = appendEvent(
      db,
      {
        enterpriseId: enterprise.id,
        level: offering.level,
        occurredOn: input.occurredOn,
        source: admission.source,
        providerId: opts.providerId,
        offeringId: offering.id,
        offeringExternalId: offering.externalId,
        note: input.note ?? null,
        recordedByUserId: opts.actorUserId,
        apiKeyId: opts.apiKeyId ?? null,
        verified: admission.verified,
      },
      now,
    );
    writeAudit(db, {
      actorUserId: opts.actorUserId,
      action: 'adoption.report',
      targetType: 'adoption_event',
      targetId: event.id,
      ...(opts.apiKeyId ? { detail: { apiKeyId: opts.apiKeyId } } : {}),
    });
    return { ok: true as const, eventId: event.id };
  });
}

/**
 * An event with what the move gate reads: its status and both parties' fraud flags. Its provider
 * is the one it names by id or, for a report row naming an unregistered USCC that registered later,
 * by that USCC (markingCovers in app/domain/adoption-admission.ts).
 */
function eventWithEnterprise(db: Db, eventId: string) {
  const row = db
    .select({
      id: adoptionEvents.id,
      status: adoptionEventStates.status,
      enterpriseId: enterprises.id,
      prefecture: enterprises.prefecture,
      ownerUserId: enterprises.ownerUserId,
      enterpriseFraud: enterprises.fraudFlaggedAt,
      providerFraud: providers.fraudFlaggedAt,
    })
    .from(adoptionEvents)
    .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
    .innerJoin(enterprises, eq(enterprises.id, adoptionEvents.enterpriseId))
    .leftJoin(
      providers,
      or(
        eq(providers.id, adoptionEvents.providerId),
        and(isNull(adoptionEvents.providerId), eq(providers.uscc, adoptionEvents.providerUscc)),
      ),
    )
    .where(eq(adoptionEvents.id, eventId))
    .get();
  if (!row) return null;
  return {
    ...row,
    enterprise: { fraudFlaggedAt: row.enterpriseFraud },
    provider: { fraudFlaggedAt: row.providerFraud },
  };
}

/**
 * The enterprise's own account answers a reported deployment: confirm verifies it (the contract's
 * "the enterprise's own account confirmed"), dispute sends it to the officials' queue.
 * Only events of an enterprise the user owns; anything else is notFound.
 */
export function answerDeployment(
  db: Db,
  opts: { eventId: string; userId: string; answer: 'confirm' | 'dispute'; reason?: string },
): LedgerResult {
  return ledgerTransaction(db, () => {
    const event = eventWithEnterprise(db, opts.eventId);
    if (!event || event.ownerUserId !== opts.userId)
      return { ok: false as const, error: 'notFound' as const };
    const allowed = moveGate(opts.answer, event);
    if (!allowed.ok) return { ok: false as const, error: refusalMessage(allowed.refusal) };
    if (!allowed.action) return { ok: true as const, status: event.status };
    const status = appendAction(
      db,
      { eventId: event.id, kind: allowed.action, actorUserId: opts.userId, reason: opts.reason ?? null },
      nowIso(),
    );
    writeAudit(db, {
      actorUserId: opts.userId,
      action: opts.answer === 'confirm' ? 'adoption.confirm' : 'adoption.dispute',
      targetType: 'adoption_event',
      targetId: event.id,
      reason: opts.reason ?? null,
    });
    followOrderOfEvent(db, {
      eventId: event.id,
      move: opts.answer,
      actor: { role: 'sme', userId: opts.userId, apiKeyId: null },
      reason: opts.reason,
    });
    return { ok: true as const, status };
  });
}

/**
 * An official verifies a pending or disputed event (resolving a dispute in the provider's favour),
 * or revokes an event with a reason (resolving a dispute in the enterprise's favour, or correcting
 * the ledger). Out of scope answers notFound. Audited with the reason.
 */
export function decideEvent(
  db: Db,
  opts: {
    eventId: string;
    official: Pick<AppUser, 'id' | 'role' | 'scopePrefecture'>;
    decision: 'verify' | 'revoke';
    reason?: string;
  },
): LedgerResult {
  return ledgerTransaction(db, () => {
    const event = eventWithEnterprise(db, opts.eventId);
    if (!event || !coversPrefecture(opts.official, event.prefecture))
      return { ok: false as const, error: 'notFound' as const };
    const allowed = moveGate(opts.decision, event);
    if (!allowed.ok) return { ok: false as const, error: refusalMessage(allowed.refusal) };
    if (!allowed.action) return { ok: true as const, status: event.status };
    const status = appendAction(
      db,
      { eventId: event.id, kind: allowed.action, actorUserId: opts.official.id, reason: opts.reason ?? null },
      nowIso(),
    );
    writeAudit(db, {
      actorUserId: opts.official.id,
      action:
        opts.decision === 'verify'
          ? event.status === 'disputed'
            ? 'adoption.verifyDisputed'
            : 'adoption.verify'
          : 'adoption.revoke',
      targetType: 'adoption_event',
      targetId: event.id,
      reason: opts.reason ?? null,
      detail: { statusBefore: event.status, enterpriseId: event.enterpriseId },
    });
    followOrderOfEvent(db, {
      eventId: event.id,
      move: opts.decision,
      actor: { role: 'official', userId: opts.official.id, apiKeyId: null },
      reason: opts.reason,
    });
    return { ok: true as const, status };
  });
}

/**
 * A refunded order's adoption event is revoked (formats/marketplace-api.md, "Orders": "A refund
 * revokes the order's adoption event (audited), so the counter goes down if that was the
 * enterprise's only verified event"). The refunding provider (user or API key) is the actor; an
 * already revoked event is left as it is. Runs inside the refund's transaction.
 */
export function revokeForRefund(
  db: Db,
  opts: { eventId: string; orderId: string; actorUserId: string | null; apiKeyId: string | null; reason: string },
): LedgerResult {
  return ledgerTransaction(db, () => {
    const event = eventWithEnterprise(db, opts.eventId);
    if (!event) return { ok: false as const, error: 'notFound' as const };
    const allowed = moveGate('refund', event);
    if (!allowed.ok) return { ok: false as const, error: refusalMessage(allowed.refusal) };
    if (!allowed.action) return { ok: true as const, status: event.status };
    const status = appendAction(
      db,
      {
        eventId: event.id,
        kind: allowed.action,
        actorUserId: opts.actorUserId,
        apiKeyId: opts.apiKeyId,
        reason: opts.reason,
      },
      nowIso(),
    );
    writeAudit(db, {
      actorUserId: opts.actorUserId,
      action: 'adoption.revokeRefund',
      targetType: 'adoption_event',
      targetId: event.id,
      reason: opts.reason,
      detail: { statusBefore: event.status, orderId: opts.orderId, apiKeyId: opts.apiKeyId },
    });
    return { ok: true as const, status };
  });
}

/**
 * A succeeded online payment for an offering (Stripe webhook, the payments issue): a verified event
 * of the offering's level. Returns null when the enterprise or the provider is flagged for fraud.
 */
export function recordPaymentAdoption(
  db: Db,
  opts: { enterpriseId: string; offeringId: string; occurredOn: string; note?: string },
) {
  return ledgerTransaction(db, () => {
    const offering = db
      .select({
        id: offerings.id,
        providerId: offerings.providerId,
        level: offerings.level,
        externalId: offerings.externalId,
      })
      .from(offerings)
      .where(eq(offerings.id, opts.offeringId))
      .get();
    const enterprise = db
      .select({ fraudFlaggedAt: enterprises.fraudFlaggedAt })
      .from(enterprises)
      .where(eq(enterprises.id, opts.enterpriseId))
      .get();
    if (!offering || !enterprise) return null;
    const provider = db
      .select({ fraudFlaggedAt: providers.fraudFlaggedAt })
      .from(providers)
      .where(eq(providers.id, offering.providerId))
      .get();
    if (!provider) return null;
    const admission = admissionOf('payment', { enterprise, provider });
    if (!admission.ok) return null;
    return appendEvent(
      db,
      {
        enterpriseId: opts.enterpriseId,
        level: offering.level as AdoptionLevel,
        occurredOn: opts.occurredOn,
        source: admission.source,
        providerId: offering.providerId,
        offeringId: offering.id,
        offeringExternalId: offering.externalId,
        note: opts.note ?? null,
        verified: admission.verified,
      },
      new Date().toISOString(),
    );
  });
}
