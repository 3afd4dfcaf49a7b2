import { and, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, orderPayments, orders, providers } from '../../db/schema';
import { scopeCovers } from '~/domain/access-policy';
import { prefectureInScope } from './access-sql.server';
import { ledgerTransaction } from './adoption-ledger.server';
import { writeAudit } from './audit.server';
import { writeHistory } from './marketplace-history.server';

// Online payments the Stripe webhook could not simply accept (an amount or currency that does not
// match the order, money for a cancelled order, a payment without a session on record): the order
// is not marked paid, and an official in scope looks, talks to both sides and records what was
// found. Recording it closes the flag (audited); refunds themselves go through the order's refund.

export const PAYMENT_FLAGS_PAGE_SIZE = 20;

export type PaymentFlagView = 'open' | 'resolved';

function scopeWhere(scopePrefecture: string | null, view: PaymentFlagView): SQL {
  const state = view === 'open' ? isNull(orderPayments.flagResolvedAt) : isNotNull(orderPayments.flagResolvedAt);
  const flagged = and(isNotNull(orderPayments.flaggedReason), state)!;
  return and(flagged, prefectureInScope(enterprises.prefecture, scopePrefecture))!;
}

/** Flagged payments of enterprises in the official's scope: open ones oldest first, resolved newest first. */
export function listPaymentFlags(db: Db, scopePrefecture: string | null, opts: { view: PaymentFlagView; page: number }) {
  const where = scopeWhere(scopePrefecture, opts.view);
  const total =
    db
      .select({ n: count() })
      .from(orderPayments)
      .innerJoin(orders, eq(orders.id, orderPayments.orderId))
      .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({
      orderId: orders.id,
      paymentReference: orders.paymentReference,
      orderStatus: orders.status,
      enterpriseName: enterprises.name,
      prefecture: enterprises.prefecture,
      providerName: providers.nameZh,
      offeringTitle: offerings.titleZh,
      payableFen: orders.payableFen,
      sessionAmountFen: orderPayments.amountFen,
      sessionId: orderPayments.sessionId,
      flaggedReason: orderPayments.flaggedReason,
      flaggedAt: orderPayments.updatedAt,
      resolution: orderPayments.flagResolution,
      resolvedAt: orderPayments.flagResolvedAt,
    })
    .from(orderPayments)
    .innerJoin(orders, eq(orders.id, orderPayments.orderId))
    .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
    .innerJoin(providers, eq(providers.id, orders.providerId))
    .innerJoin(offerings, eq(offerings.id, orders.offeringId))
    .where(where)
    .orderBy(opts.view === 'open' ? orderPayments.updatedAt : desc(orderPayments.flagResolvedAt), orders.id)
    .limit(PAYMENT_FLAGS_PAGE_SIZE)
    .offset((opts.page - 1) * PAYMENT_FLAGS_PAGE_SIZE)
    .all();
  return { rows, total };
}

export type ResolveFlagResult = { ok: true } | { ok: false; code: 'not_found' | 'conflict' };

/** An official in scope records what it found about a flagged payment; closes the flag, audited and in the order's history. */
export function resolvePaymentFlag(
  db: Db,
  input: { userId: string; scopePrefecture: string | null; orderId: string; resolution: string; now?: Date },
): ResolveFlagResult {
  return ledgerTransaction(db, () => {
    const row = db
      .select({
        flaggedReason: orderPayments.flaggedReason,
        resolvedAt: orderPayments.flagResolvedAt,
        prefecture: enterprises.prefecture,
        status: orders.status,
      })
      .from(orderPayments)
      .innerJoin(orders, eq(orders.id, orderPayments.orderId))
      .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
      .where(eq(orderPayments.orderId, input.orderId))
      .get();
    if (!row || !row.flaggedReason || !scopeCovers(input.scopePrefecture, row.prefecture))
      return { ok: false as const, code: 'not_found' as const };
    if (row.resolvedAt) return { ok: false as const, code: 'conflict' as const };
    const at = (input.now ?? new Date()).toISOString();
    db.update(orderPayments)
      .set({ flagResolvedAt: at, flagResolution: input.resolution, flagResolvedByUserId: input.userId })
      .where(eq(orderPayments.orderId, input.orderId))
      .run();
    writeAudit(db, {
      actorUserId: input.userId,
      action: 'payment.flag-resolved',
      targetType: 'order',
      targetId: input.orderId,
      reason: input.resolution,
      detail: { flaggedReason: row.flaggedReason },
    });
    writeHistory(db, {
      subjectType: 'order',
      subjectId: input.orderId,
      action: 'payment-flag-resolved',
      from: row.status,
      to: row.status,
      actor: { role: 'official', userId: input.userId, apiKeyId: null },
      at,
      detail: { resolution: input.resolution },
    });
    return { ok: true as const };
  });
}
