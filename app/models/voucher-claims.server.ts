import { and, asc, eq, getTableName, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, orders, voucherClaims, voucherProgrammes } from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import type { OrderStatus } from '~/domain/marketplace-states';
import { confirmByDate, isConfirmationLate, type ReleaseReason } from '~/domain/vouchers';
import { formatFen } from '~/domain/catalog-vocabulary';
import { SYSTEM_ACTOR, writeHistory } from './marketplace-history.server';
import { notify } from './notifications.server';

// The claims of cloud vouchers (上云券) as they follow their orders: committed when applied
// (vouchers.server.ts), given a confirmation deadline when the order is paid, paid out when it is
// confirmed, released when it is cancelled or refunded or not confirmed in time. moveOrder()
// calls voucherFollowsOrder() after every status change, inside the order's transaction, so a
// claim never disagrees with its order. This module imports no order module (moveOrder imports it).

export type ClaimRow = typeof voucherClaims.$inferSelect;

/** The order's live (committed or paid-out) claim; at most one (unique partial index). */
export function liveClaimOfOrder(db: Db, orderId: string): ClaimRow | null {
  return (
    db
      .select()
      .from(voucherClaims)
      .where(and(eq(voucherClaims.orderId, orderId), ne(voucherClaims.status, 'released')))
      .get() ?? null
  );
}

/** Every live claim's amount in a programme: what the budget already holds. */
export function budgetUsedFen(db: Db, programmeId: string): number {
  return (
    db
      .select({ fen: sql<number>`coalesce(sum(${voucherClaims.amountFen}), 0)` })
      .from(voucherClaims)
      .where(and(eq(voucherClaims.programmeId, programmeId), ne(voucherClaims.status, 'released')))
      .get()?.fen ?? 0
  );
}

/** The enterprise's live claims in a programme, oldest first (the first is its first claim). */
export function enterpriseLiveClaimsFen(db: Db, enterpriseId: string, programmeId: string): number[] {
  return db
    .select({ fen: voucherClaims.amountFen })
    .from(voucherClaims)
    .where(
      and(
        eq(voucherClaims.enterpriseId, enterpriseId),
        eq(voucherClaims.programmeId, programmeId),
        ne(voucherClaims.status, 'released'),
      ),
    )
    .orderBy(asc(voucherClaims.committedAt), asc(sql`${voucherClaims}.rowid`))
    .all()
    .map((r) => r.fen);
}

export function releaseClaim(db: Db, claimId: string, reason: ReleaseReason, at: string) {
  db.update(voucherClaims)
    .set({ status: 'released', releaseReason: reason, releasedAt: at })
    .where(eq(voucherClaims.id, claimId))
    .run();
}

/**
 * A committed claim not confirmed in time: released as 'expired', written in the order's history
 * (the order then shows that its subsidy was withdrawn) and told to the SME. The order's amounts
 * stay as they were agreed: the programme just does not pay its part.
 */
export function withdrawLateClaim(db: Db, claim: ClaimRow, at: string) {
  releaseClaim(db, claim.id, 'expired', at);
  const order = db
    .select({
      status: orders.status,
      paymentReference: orders.paymentReference,
      ownerUserId: enterprises.ownerUserId,
      programmeName: voucherProgrammes.name,
    })
    .from(orders)
    .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
    .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, claim.programmeId))
    .where(eq(orders.id, claim.orderId))
    .get();
  if (!order) return;
  writeHistory(db, {
    subjectType: 'order',
    subjectId: claim.orderId,
    action: 'voucher-withdrawn',
    from: order.status,
    to: order.status,
    actor: SYSTEM_ACTOR,
    at,
    detail: { programmeId: claim.programmeId, programmeName: order.programmeName, subsidyFen: claim.amountFen, confirmBy: claim.confirmBy },
  });
  if (order.ownerUserId)
    notify(db, {
      userId: order.ownerUserId,
      kind: 'voucher.withdrawn',
      params: {
        reference: order.paymentReference,
        programme: order.programmeName,
        amount: formatFen(claim.amountFen, 'zh-CN'),
        confirmBy: claim.confirmBy ?? '',
      },
      link: `/enterprise/orders/${claim.orderId}`,
    });
}

/**
 * The claim's side of an order's status change (called by moveOrder, in its transaction): paid →
 * the confirmation deadline (payment day in China + the programme's days); confirmed → paid out, or
 * withdrawn when the deadline has passed (whether or not the expiry job has run yet); cancelled or
 * refunded → released, so the budget and the enterprise's caps get the amount back.
 */
export function voucherFollowsOrder(db: Db, orderId: string, to: OrderStatus, at: string) {
  if (to !== 'paid' && to !== 'confirmed' && to !== 'cancelled' && to !== 'refunded') return;
  const claim = liveClaimOfOrder(db, orderId);
  if (!claim) return;
  const today = todayInChina(new Date(at));
  switch (to) {
    case 'paid': {
      if (claim.status !== 'committed') return;
      const days = db
        .select({ days: voucherProgrammes.confirmWithinDays })
        .from(voucherProgrammes)
        .where(eq(voucherProgrammes.id, claim.programmeId))
        .get()?.days;
      if (days === undefined) return;
      db.update(voucherClaims)
        .set({ confirmBy: confirmByDate(today, days) })
        .where(eq(voucherClaims.id, claim.id))
        .run();
      return;
    }
    case 'confirmed':
      if (claim.status !== 'committed') return;
      if (isConfirmationLate(claim.confirmBy, today)) withdrawLateClaim(db, claim, at);
      else db.update(voucherClaims).set({ status: 'paid_out', paidOutAt: at }).where(eq(voucherClaims.id, claim.id)).run();
      return;
    case 'cancelled':
    case 'refunded':
      releaseClaim(db, claim.id, to, at);
      return;
  }
}

/** The order's voucher as its API view and pages show it (formats: README, "Cloud vouchers"). */
export interface OrderVoucher {
  programmeId: string;
  programmeName: string;
  amountFen: number;
  status: 'committed' | 'paid_out' | 'released';
  /** When released: 'cancelled', 'refunded', 'expired' (not confirmed in time: withdrawn) or 'replaced'. */
  releaseReason?: ReleaseReason;
  /** Once the order is paid: the last day (China) on which its confirmation keeps the subsidy. */
  confirmBy?: string;
}

/**
 * SQL for a query over `orders`: the order's live claim, else its latest released one, as JSON
 * (null: none). The enterprise id leads the lookup so it runs on voucher_claims_enterprise_idx, also
 * for released claims. The outer columns are written out in full: drizzle leaves a column's table
 * off in a query without joins, where "id" would then mean the claim's own.
 */
export const orderVoucherSql = sql<string | null>`(
  select json_object('programmeId', vc.programme_id, 'programmeName', vp.name, 'amountFen', vc.amount_fen,
    'status', vc.status, 'releaseReason', vc.release_reason, 'confirmBy', vc.confirm_by)
  from voucher_claims vc join voucher_programmes vp on vp.id = vc.programme_id
  where vc.enterprise_id = ${sql.identifier(getTableName(orders))}.${sql.identifier(orders.enterpriseId.name)}
    and vc.order_id = ${sql.identifier(getTableName(orders))}.${sql.identifier(orders.id.name)}
  order by vc.status = 'released', vc.committed_at desc, vc.rowid desc limit 1)`;

export function parseOrderVoucher(json: string | null): OrderVoucher | null {
  if (!json) return null;
  const v = JSON.parse(json) as OrderVoucher & { releaseReason: ReleaseReason | null; confirmBy: string | null };
  return {
    programmeId: v.programmeId,
    programmeName: v.programmeName,
    amountFen: v.amountFen,
    status: v.status,
    ...(v.releaseReason ? { releaseReason: v.releaseReason } : {}),
    ...(v.confirmBy ? { confirmBy: v.confirmBy } : {}),
  };
}
