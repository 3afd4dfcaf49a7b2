import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, orders, voucherClaims } from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import { formatFen } from '~/domain/catalog-vocabulary';
import { orderAmount } from '~/domain/marketplace-states';
import {
  claimAmountFen,
  isConfirmationLate,
  voucherEligibility,
  type ClaimRefusal,
  type Ineligibility,
  type VoucherApplicant,
} from '~/domain/vouchers';
import { newId } from '~/utils/ids';
import { ledgerTransaction } from './adoption-ledger.server';
import { writeHistory, type MarketplaceActor } from './marketplace-history.server';
import { notify } from './notifications.server';
import type { OrderActionResult, OrderCaller, OrderError } from './order-actions.server';
import { moveOrder } from './order-transitions.server';
import { findOrderFor, getOrderRow, orderApiView, orderHistories, type OrderApiView, type OrderRow } from './orders.server';
import {
  budgetUsedFen,
  enterpriseLiveClaimsFen,
  liveClaimOfOrder,
  parseOrderVoucher,
  releaseClaim,
  withdrawLateClaim,
  type OrderVoucher,
} from './voucher-claims.server';
import { getProgramme, programmesValidOn, type Programme } from './voucher-programmes.server';

// An SME's cloud vouchers (上云券) on its orders: which programmes it may use on an unpaid order,
// applying one (POST /api/orders with voucherProgrammeId, POST /api/orders/:id/voucher, the order
// page), and the expiry of subsidies not confirmed in time (npm run vouchers:expire, an hourly job).
//
// The budget is never exceeded, also by two server processes on one database file: a claim is
// decided inside an IMMEDIATE transaction (ledgerTransaction; SQLite's write lock is taken at
// BEGIN, and the other process waits on busy_timeout), which sums the programme's live claims and
// the enterprise's own before inserting. No read happens outside that lock.

/** A refusal thrown inside the transaction (so it rolls back) and answered by the caller. */
export class VoucherRefusal extends Error {
  constructor(readonly error: OrderError) {
    super(error.kind);
  }
}

/** The API's stable codes (422 on `voucherProgrammeId`); each has a message `vouchers.errors.<code>`. */
const INELIGIBLE: Record<Ineligibility, string> = {
  not_started: 'programme_not_started',
  ended: 'programme_ended',
  prefecture: 'prefecture_not_eligible',
  size_class: 'size_class_not_eligible',
  level: 'level_not_eligible',
};
const UNCLAIMABLE: Record<ClaimRefusal, string> = {
  no_subsidy: 'no_subsidy',
  enterprise_cap_reached: 'enterprise_cap_reached',
  budget_exhausted: 'budget_exhausted',
};

function refuse(code: string): never {
  throw new VoucherRefusal({ kind: 'field', path: 'voucherProgrammeId', code, messageKey: `vouchers.errors.${code}` });
}

/** The order's offering level and its enterprise's size class and prefecture, as eligibility reads them. */
function applicantOf(db: Db, orderId: string): VoucherApplicant | null {
  return (
    db
      .select({ level: offerings.level, sizeClass: enterprises.sizeClass, prefecture: enterprises.prefecture })
      .from(orders)
      .innerJoin(offerings, eq(offerings.id, orders.offeringId))
      .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
      .where(eq(orders.id, orderId))
      .get() ?? null
  );
}

function claimFor(db: Db, programme: Programme, order: Pick<OrderRow, 'enterpriseId' | 'amountFen'>) {
  return claimAmountFen(programme, {
    orderAmountFen: order.amountFen,
    enterpriseLiveClaimsFen: enterpriseLiveClaimsFen(db, order.enterpriseId, programme.id),
    budgetUsedFen: budgetUsedFen(db, programme.id),
  });
}

/**
 * Applies a programme to an unpaid order, inside the caller's (immediate) transaction: eligibility,
 * then the caps and the budget from the live claims, then the claim, the order's subsidy and payable
 * amount and a history entry. Another programme's claim on the order is released as 'replaced'; the
 * same programme again changes nothing. When the voucher covers the whole amount the order is paid
 * at once (moveOrder, the history saying the voucher paid it) and the provider is told to deliver.
 * Refusals are thrown as VoucherRefusal. The caller has checked that the SME may see the order.
 */
export function applyVoucherInTx(
  db: Db,
  args: { orderId: string; programmeId: string; actor: MarketplaceActor; now: Date },
): { subsidyFen: number; paidInFull: boolean } {
  const order = getOrderRow(db, args.orderId);
  if (!order) throw new VoucherRefusal({ kind: 'notFound' });
  if (order.status !== 'pending_payment')
    throw new VoucherRefusal({ kind: 'state', status: order.status, code: 'invalid_state', messageKey: 'api.errors.invalidState' });
  const programme = getProgramme(db, args.programmeId) ?? refuse('programme_not_found');
  const applicant = applicantOf(db, order.id)!;
  const eligible = voucherEligibility(programme, applicant, todayInChina(args.now));
  if (!eligible.ok) refuse(INELIGIBLE[eligible.reason]);

  const current = liveClaimOfOrder(db, order.id);
  if (current?.programmeId === programme.id) return { subsidyFen: order.subsidyFen, paidInFull: false };
  const at = args.now.toISOString();
  if (current) releaseClaim(db, current.id, 'replaced', at);
  const claim = claimFor(db, programme, order);
  if (!claim.ok) refuse(UNCLAIMABLE[claim.reason]);

  db.insert(voucherClaims)
    .values({
      id: newId(),
      programmeId: programme.id,
      orderId: order.id,
      enterpriseId: order.enterpriseId,
      amountFen: claim.amountFen,
      status: 'committed',
      committedAt: at,
    })
    .run();
  const money = orderAmount(order.amountFen, claim.amountFen);
  db.update(orders)
    .set({ subsidyFen: money.subsidyFen, payableFen: money.payableFen, updatedAt: at })
    .where(eq(orders.id, order.id))
    .run();
  writeHistory(db, {
    subjectType: 'order',
    subjectId: order.id,
    action: 'voucher-apply',
    from: order.status,
    to: order.status,
    actor: args.actor,
    at,
    detail: {
      programmeId: programme.id,
      programmeName: programme.name,
      subsidyFen: money.subsidyFen,
      payableFen: money.payableFen,
      ...(current ? { replacedProgrammeId: current.programmeId } : {}),
    },
  });
  if (money.payableFen > 0) return { subsidyFen: money.subsidyFen, paidInFull: false };

  // Nothing left to pay: paid now, by the system at the SME's request (so the SME, who just did
  // it, is not notified; the provider is, below, since it is the one who has to act).
  const moved = moveOrder(db, getOrderRow(db, order.id)!, 'payment-received', { ...args.actor, role: 'system' }, {
    detail: { paidBy: 'voucher', programmeId: programme.id, programmeName: programme.name },
  });
  if (!moved.ok) throw new Error(`order ${order.id} could not be paid by its voucher from ${moved.status}`);
  if (order.providerOwnerUserId)
    notify(db, {
      userId: order.providerOwnerUserId,
      kind: 'voucher.paidInFull',
      params: { reference: order.paymentReference, offering: order.offeringTitle, amount: formatFen(order.amountFen, 'zh-CN') },
      link: `/provider/orders/${order.id}`,
    });
  return { subsidyFen: money.subsidyFen, paidInFull: true };
}

/** POST /api/orders/:id/voucher and the order page: the SME's own unpaid order; answers the order after it. */
export function applyVoucher(
  db: Db,
  caller: OrderCaller,
  orderId: string,
  programmeId: string,
  now = new Date(),
): OrderActionResult<OrderApiView> {
  try {
    return ledgerTransaction(db, () => {
      const found = findOrderFor(db, caller.viewer, orderId);
      if (!found || found.side !== 'sme') throw new VoucherRefusal({ kind: 'notFound' });
      applyVoucherInTx(db, { orderId, programmeId, actor: caller.actor, now });
      const after = getOrderRow(db, orderId)!;
      return { ok: true as const, value: orderApiView(after, orderHistories(db, [orderId]).get(orderId) ?? []) };
    });
  } catch (error) {
    if (error instanceof VoucherRefusal) return { ok: false, error: error.error };
    throw error;
  }
}

export interface UsableVoucher {
  id: string;
  name: string;
  kind: Programme['kind'];
  amountFen: number | null;
  percent: number | null;
  scopePrefecture: string | null;
  validUntil: string;
  confirmWithinDays: number;
  /** What applying it would take off this order now (caps and budget included). */
  subsidyFen: number;
}

/**
 * The programmes the SME can use on this order now: valid today, eligible for it, with something
 * left for it under the caps and the budget; the one already applied is not offered again.
 * A preview outside the lock: applying decides again inside the transaction.
 */
export function usableVouchers(db: Db, args: { order: OrderRow; now: Date }): UsableVoucher[] {
  const { order } = args;
  if (order.status !== 'pending_payment') return [];
  const applicant = applicantOf(db, order.id);
  if (!applicant) return [];
  const today = todayInChina(args.now);
  const current = liveClaimOfOrder(db, order.id);
  const usable: UsableVoucher[] = [];
  for (const p of programmesValidOn(db, today)) {
    if (p.id === current?.programmeId || !voucherEligibility(p, applicant, today).ok) continue;
    const claim = claimFor(db, p, order);
    if (!claim.ok) continue;
    usable.push({
      id: p.id,
      name: p.name,
      kind: p.kind,
      amountFen: p.amountFen,
      percent: p.percent,
      scopePrefecture: p.scopePrefecture,
      validUntil: p.validUntil,
      confirmWithinDays: p.confirmWithinDays,
      subsidyFen: claim.amountFen,
    });
  }
  return usable;
}

/** The order page's voucher section: the order's voucher (live, or the last released) and what else it could use. */
export function voucherPanel(db: Db, args: { orderId: string; enterpriseId: string; now?: Date }) {
  const order = getOrderRow(db, args.orderId);
  if (!order || order.enterpriseId !== args.enterpriseId) return { current: null, usable: [] };
  return {
    current: parseOrderVoucher(order.voucher) satisfies OrderVoucher | null,
    usable: usableVouchers(db, { order, now: args.now ?? new Date() }),
  };
}

/**
 * Releases every committed claim whose order was paid but not confirmed by its deadline (the day
 * after confirmBy, China time): the order's history and the SME say the subsidy was withdrawn.
 * Each claim in its own short transaction, re-checked inside it. Answers how many were released.
 */
export function expireVoucherClaims(db: Db, now: Date): number {
  const today = todayInChina(now);
  const at = now.toISOString();
  // The partial index voucher_claims_confirm_by_idx holds exactly the committed claims with a deadline.
  const late = db
    .select({ id: voucherClaims.id })
    .from(voucherClaims)
    .where(and(eq(voucherClaims.status, 'committed'), isNotNull(voucherClaims.confirmBy), lt(voucherClaims.confirmBy, today)))
    .all();
  let released = 0;
  for (const { id } of late)
    ledgerTransaction(db, () => {
      const claim = db.select().from(voucherClaims).where(eq(voucherClaims.id, id)).get();
      if (!claim || claim.status !== 'committed' || !isConfirmationLate(claim.confirmBy, today)) return;
      withdrawLateClaim(db, claim, at);
      released += 1;
    });
  return released;
}
