import { and, desc, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  adoptionEventActions,
  adoptionEventStates,
  adoptionEvents,
  enterprises,
  fraudCases,
  providers,
  users,
} from '../../db/schema';
import { fraudRefusals, moveGate } from '~/domain/adoption-admission';
import { coversPrefecture, isProvincialOfficial } from '~/domain/access-policy';
import { newId } from '~/utils/ids';
import type { AppUser } from './users.server';
import { prefectureInScope } from './access-sql.server';
import { appendAction, ledgerTransaction, recountEnterprise } from './adoption-ledger.server';
import { writeAudit } from './audit.server';
// ledgerTransaction holds the transaction on the connection itself, so `db` is inside it here.
import { reindexProviderInTx, type Tx } from './search.server';

// Fraud markings, Jiangsu's rule (星级上云: "fraud blacklists both the enterprise and its
// provider"): marking revokes the target's events and blocks new ones (and, for a provider, its
// catalog listings); a provincial official can lift it, which reinstates exactly the events the
// marking revoked. Every step is in the ledger (revoke/reinstate actions naming the case) and
// in the audit log.

type Official = Pick<AppUser, 'id' | 'role' | 'scopePrefecture'>;
export type FraudTarget = 'enterprise' | 'provider';
export type FraudResult =
  | { ok: true; caseId: string; revoked: number }
  | { ok: false; error: 'notFound' | 'adoption.fraud.alreadyFlagged' };

function findTarget(db: Db, targetType: FraudTarget, uscc: string) {
  if (targetType === 'enterprise') {
    const e = db
      .select({ id: enterprises.id, prefecture: enterprises.prefecture, flagged: enterprises.fraudFlaggedAt })
      .from(enterprises)
      .where(eq(enterprises.uscc, uscc))
      .get();
    return e ? { ...e, uscc } : null;
  }
  const p = db
    .select({ id: providers.id, prefecture: providers.prefecture, flagged: providers.fraudFlaggedAt })
    .from(providers)
    .where(eq(providers.uscc, uscc))
    .get();
  return p ? { ...p, uscc } : null;
}

/**
 * The events a marking revokes: those it covers (markingCovers in app/domain/adoption-admission.ts,
 * restated here in SQL to use the ledger's enterprise and provider indexes) that the move gate lets
 * a fraud revocation withdraw (not already revoked).
 */
function liveEventsOf(db: Db, targetType: FraudTarget, target: { id: string; uscc: string }) {
  const covered =
    targetType === 'enterprise'
      ? eq(adoptionEvents.enterpriseId, target.id)
      : or(eq(adoptionEvents.providerId, target.id), eq(adoptionEvents.providerUscc, target.uscc));
  return db
    .select({
      id: adoptionEvents.id,
      enterpriseId: adoptionEvents.enterpriseId,
      status: adoptionEventStates.status,
    })
    .from(adoptionEvents)
    .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
    .where(covered)
    .all()
    .filter((e) => {
      const gate = moveGate('fraud-revoke', e);
      return gate.ok && gate.action !== null;
    });
}

/**
 * Marks an enterprise or provider (by USCC) as fraudulent. Officials whose scope covers its
 * registered prefecture may mark (a provider outside Sichuan: provincial officials only).
 */
export function markFraud(
  db: Db,
  opts: { targetType: FraudTarget; uscc: string; reason: string; official: Official },
): FraudResult {
  return ledgerTransaction(db, () => {
    const target = findTarget(db, opts.targetType, opts.uscc);
    if (!target || !coversPrefecture(opts.official, target.prefecture))
      return { ok: false as const, error: 'notFound' as const };
    if (target.flagged) return { ok: false as const, error: 'adoption.fraud.alreadyFlagged' as const };
    const now = new Date().toISOString();
    const caseId = newId();
    db.insert(fraudCases)
      .values({
        id: caseId,
        targetType: opts.targetType,
        targetId: target.id,
        reason: opts.reason,
        markedByUserId: opts.official.id,
        markedAt: now,
      })
      .run();
    const table = opts.targetType === 'enterprise' ? enterprises : providers;
    db.update(table)
      .set({ fraudFlaggedAt: now, fraudReason: opts.reason })
      .where(eq(table.id, target.id))
      .run();
    // A flagged provider's listings leave search in the same transaction (Jiangsu's rule).
    if (opts.targetType === 'provider') reindexProviderInTx(db as unknown as Tx, target.id);
    const events = liveEventsOf(db, opts.targetType, target);
    for (const e of events) {
      appendAction(
        db,
        {
          eventId: e.id,
          kind: 'revoke',
          actorUserId: opts.official.id,
          fraudCaseId: caseId,
          reason: opts.reason,
        },
        now,
        { recount: false },
      );
    }
    for (const enterpriseId of new Set(events.map((e) => e.enterpriseId)))
      recountEnterprise(db, enterpriseId);
    writeAudit(db, {
      actorUserId: opts.official.id,
      action: `${opts.targetType}.fraud.mark`,
      targetType: opts.targetType,
      targetId: target.id,
      reason: opts.reason,
      detail: { caseId, revokedEvents: events.length },
    });
    return { ok: true as const, caseId, revoked: events.length };
  });
}

/** The open case of an enterprise or provider other than `exceptCaseId`, if it is still flagged. */
function openCaseOf(db: Db, targetType: FraudTarget, targetId: string | null, exceptCaseId: string) {
  if (!targetId) return null;
  return (
    db
      .select({ id: fraudCases.id })
      .from(fraudCases)
      .where(
        and(
          eq(fraudCases.targetType, targetType),
          eq(fraudCases.targetId, targetId),
          isNull(fraudCases.liftedAt),
          ne(fraudCases.id, exceptCaseId),
        ),
      )
      .get()?.id ?? null
  );
}

/**
 * Lifts a marking (provincial officials only). The events it revoked are reinstated — unless the
 * other side of the event (its enterprise or its provider) is itself still flagged: then the
 * revocation is handed over to that case, so lifting that one later reinstates them.
 */
export function liftFraud(db: Db, opts: { caseId: string; reason: string; official: Official }): FraudResult {
  return ledgerTransaction(db, () => {
    if (!isProvincialOfficial(opts.official)) return { ok: false as const, error: 'notFound' as const };
    const fraudCase = db.select().from(fraudCases).where(eq(fraudCases.id, opts.caseId)).get();
    if (!fraudCase || fraudCase.liftedAt) return { ok: false as const, error: 'notFound' as const };
    const now = new Date().toISOString();
    db.update(fraudCases)
      .set({ liftedAt: now, liftedByUserId: opts.official.id, liftReason: opts.reason })
      .where(eq(fraudCases.id, fraudCase.id))
      .run();
    const table = fraudCase.targetType === 'enterprise' ? enterprises : providers;
    db.update(table)
      .set({ fraudFlaggedAt: null, fraudReason: null })
      .where(eq(table.id, fraudCase.targetId))
      .run();
    if (fraudCase.targetType === 'provider') reindexProviderInTx(db as unknown as Tx, fraudCase.targetId);

    // Events whose revocation by this case is still in force (no later reinstate or hand-over),
    // with both parties' flags as they are now that this case's flag is cleared. The provider is
    // the one named by id or, for a report row, by its USCC (markingCovers).
    const revokedByCase = db
      .select({
        id: adoptionEvents.id,
        status: adoptionEventStates.status,
        enterpriseId: adoptionEvents.enterpriseId,
        enterpriseFlaggedAt: enterprises.fraudFlaggedAt,
        providerId: providers.id,
        providerFlaggedAt: providers.fraudFlaggedAt,
      })
      .from(adoptionEventActions)
      .innerJoin(adoptionEvents, eq(adoptionEvents.id, adoptionEventActions.eventId))
      .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
      .innerJoin(enterprises, eq(enterprises.id, adoptionEvents.enterpriseId))
      .leftJoin(
        providers,
        or(
          eq(providers.id, adoptionEvents.providerId),
          and(isNull(adoptionEvents.providerId), eq(providers.uscc, adoptionEvents.providerUscc)),
        ),
      )
      .where(
        and(
          eq(adoptionEventActions.fraudCaseId, fraudCase.id),
          eq(adoptionEventActions.kind, 'revoke'),
          eq(adoptionEventStates.status, 'revoked'),
        ),
      )
      .all()
      .filter((e) => lastRevocationCase(db, e.id) === fraudCase.id);
    let reinstated = 0;
    for (const e of revokedByCase) {
      // The fraud gate (app/domain/adoption-admission.ts): an event comes back only when neither
      // side is still flagged; otherwise its revocation passes to the other side's open case.
      const parties = {
        enterprise: { fraudFlaggedAt: e.enterpriseFlaggedAt },
        provider: { fraudFlaggedAt: e.providerFlaggedAt },
      };
      const gate = moveGate('reinstate', { status: e.status, ...parties });
      if (gate.ok && !gate.action) continue;
      // (A flag set without a case, outside the fraud page, has no case to hand over to.)
      const other = gate.ok
        ? null
        : (fraudRefusals(parties)
            .map((refusal) =>
              refusal === 'enterprise-flagged'
                ? openCaseOf(db, 'enterprise', e.enterpriseId, fraudCase.id)
                : openCaseOf(db, 'provider', e.providerId, fraudCase.id),
            )
            .find((id) => id !== null) ?? null);
      if (other) {
        appendAction(
          db,
          {
            eventId: e.id,
            kind: 'revoke',
            actorUserId: opts.official.id,
            fraudCaseId: other,
            reason: opts.reason,
          },
          now,
          { recount: false },
        );
      } else {
        appendAction(
          db,
          {
            eventId: e.id,
            kind: 'reinstate',
            actorUserId: opts.official.id,
            fraudCaseId: fraudCase.id,
            reason: opts.reason,
          },
          now,
          { recount: false },
        );
        reinstated += 1;
      }
    }
    for (const enterpriseId of new Set(revokedByCase.map((e) => e.enterpriseId)))
      recountEnterprise(db, enterpriseId);
    writeAudit(db, {
      actorUserId: opts.official.id,
      action: `${fraudCase.targetType}.fraud.lift`,
      targetType: fraudCase.targetType,
      targetId: fraudCase.targetId,
      reason: opts.reason,
      detail: { caseId: fraudCase.id, reinstatedEvents: reinstated },
    });
    return { ok: true as const, caseId: fraudCase.id, revoked: reinstated };
  });
}

/** The case named by an event's latest revoke/reinstate action (null if none or not a case's). */
function lastRevocationCase(db: Db, eventId: string): string | null {
  const last = db
    .select({ kind: adoptionEventActions.kind, caseId: adoptionEventActions.fraudCaseId })
    .from(adoptionEventActions)
    .where(
      and(
        eq(adoptionEventActions.eventId, eventId),
        or(eq(adoptionEventActions.kind, 'revoke'), eq(adoptionEventActions.kind, 'reinstate')),
      ),
    )
    .orderBy(desc(adoptionEventActions.seq))
    .get();
  return last?.kind === 'revoke' ? last.caseId : null;
}

/** Fraud cases (open ones, or all) of targets registered in an official's scope (null = all), newest first, at most 200. */
export function listFraudCases(db: Db, opts: { scope: string | null; open: boolean }) {
  const rows = db
    .select({
      id: fraudCases.id,
      targetType: fraudCases.targetType,
      targetId: fraudCases.targetId,
      reason: fraudCases.reason,
      markedAt: fraudCases.markedAt,
      markedBy: users.displayName,
      liftedAt: fraudCases.liftedAt,
      liftReason: fraudCases.liftReason,
      enterpriseName: enterprises.name,
      enterpriseUscc: enterprises.uscc,
      enterprisePrefecture: enterprises.prefecture,
      providerName: providers.nameZh,
      providerUscc: providers.uscc,
      providerPrefecture: providers.prefecture,
    })
    .from(fraudCases)
    .leftJoin(users, eq(users.id, fraudCases.markedByUserId))
    .leftJoin(
      enterprises,
      and(eq(fraudCases.targetType, 'enterprise'), eq(enterprises.id, fraudCases.targetId)),
    )
    .leftJoin(providers, and(eq(fraudCases.targetType, 'provider'), eq(providers.id, fraudCases.targetId)))
    .where(
      and(
        opts.open ? isNull(fraudCases.liftedAt) : undefined,
        // The case's target is an enterprise or a provider: whichever was joined must be in scope.
        or(prefectureInScope(enterprises.prefecture, opts.scope), prefectureInScope(providers.prefecture, opts.scope)),
      ),
    )
    .orderBy(desc(fraudCases.markedAt))
    .limit(200)
    .all();
  return rows.map((r) => ({
    id: r.id,
    targetType: r.targetType,
    name: r.enterpriseName ?? r.providerName ?? '',
    uscc: r.enterpriseUscc ?? r.providerUscc ?? '',
    prefecture: r.enterprisePrefecture ?? r.providerPrefecture ?? '',
    reason: r.reason,
    markedAt: r.markedAt,
    markedBy: r.markedBy,
    liftedAt: r.liftedAt,
    liftReason: r.liftReason,
  }));
}
