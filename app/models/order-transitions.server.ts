import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { orders } from '../../db/schema';
import { orderTransition, type OrderAction, type OrderStatus } from '~/domain/marketplace-states';
import { orderActionForEvent, type EventMove } from '~/domain/order-events';
import { writeHistory, type MarketplaceActor } from './marketplace-history.server';
import { notify } from './notifications.server';
import { getOrderRow, type OrderRow } from './orders.server';
import { voucherFollowsOrder } from './voucher-claims.server';

// Every change of an order's status goes through moveOrder(): the transition rule
// (app/domain/marketplace-states.ts), the new status, one history entry and the notifications —
// inside the caller's transaction (formats/marketplace-api.md: "Every state change is written in
// one transaction, with an entry in the history"). The adoption ledger's use cases call
// followOrderOfEvent() so an event and its order move together; this module therefore never
// imports adoption.server.ts.

export type OrderActor = MarketplaceActor;

type OrderFields = Partial<
  Pick<typeof orders.$inferInsert, 'transferReference' | 'refundReference' | 'adoptionEventId' | 'disputeReason'>
>;

export type MoveResult = { ok: true; from: OrderStatus; to: OrderStatus } | { ok: false; status: OrderStatus };

export const smeOrderLink = (orderId: string) => `/enterprise/orders/${orderId}`;
export const providerOrderLink = (orderId: string) => `/provider/orders/${orderId}`;

/**
 * Applies `action` to the order if its state allows it: status, `set` fields, history (who, what,
 * when, with `detail`) and notifications. Refused: nothing is written and the current status is
 * returned (the API's 409). Call inside a transaction.
 */
export function moveOrder(
  db: Db,
  order: OrderRow,
  action: OrderAction,
  actor: OrderActor,
  opts: { set?: OrderFields; detail?: Record<string, unknown> } = {},
): MoveResult {
  const step = orderTransition(order.status, action);
  if (!step.ok) return step;
  const now = new Date().toISOString();
  db.update(orders)
    .set({ ...opts.set, status: step.to, updatedAt: now })
    .where(eq(orders.id, order.id))
    .run();
  writeHistory(db, {
    subjectType: 'order',
    subjectId: order.id,
    action,
    from: step.from,
    to: step.to,
    actor,
    at: now,
    detail: opts.detail && Object.keys(opts.detail).length > 0 ? opts.detail : undefined,
  });
  // The order's cloud voucher claim follows: deadline when paid, paid out, or released.
  voucherFollowsOrder(db, order.id, step.to, now);
  notifyParties(db, order, action, actor);
  return step;
}

const KIND: Record<OrderAction, string> = {
  cancel: 'order.cancelled',
  'payment-received': 'order.paid',
  deliver: 'order.delivered',
  confirm: 'order.confirmed',
  dispute: 'order.disputed',
  'decide-for-provider': 'order.decided',
  'decide-for-buyer': 'order.decided',
  refund: 'order.refunded',
};

/** Who hears of each change: the side that has to act on it, or learns of the other's act. */
function recipients(action: OrderAction, actor: OrderActor): ('sme' | 'provider')[] {
  switch (action) {
    case 'cancel':
      return actor.role === 'sme' ? ['provider'] : ['sme'];
    case 'confirm':
    case 'dispute':
      return ['provider'];
    case 'decide-for-provider':
    case 'decide-for-buyer':
      return ['sme', 'provider'];
    default:
      return ['sme'];
  }
}

function notifyParties(db: Db, order: OrderRow, action: OrderAction, actor: OrderActor) {
  const params = { offering: order.offeringTitle, reference: order.paymentReference };
  for (const side of recipients(action, actor)) {
    const userId = side === 'sme' ? order.enterpriseOwnerUserId : order.providerOwnerUserId;
    // The actor never notifies itself (an official's decision reaches both parties).
    if (!userId || userId === actor.userId) continue;
    notify(db, {
      userId,
      kind: KIND[action],
      params,
      link: side === 'sme' ? smeOrderLink(order.id) : providerOrderLink(order.id),
    });
  }
}

/**
 * After the ledger recorded `move` on an event, moves the order linked to it, if any, the way
 * orderActionForEvent says (the deployments page, the order page, the API and the officials'
 * event page all end here). Call inside the ledger transaction of the event's change.
 */
export function followOrderOfEvent(
  db: Db,
  opts: { eventId: string; move: EventMove; actor: OrderActor; reason?: string | null },
): MoveResult | null {
  const link = db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.adoptionEventId, opts.eventId))
    .get();
  const order = link ? getOrderRow(db, link.id) : null;
  if (!order) return null;
  const action = orderActionForEvent(opts.move, order.status);
  if (!action) return null;
  const reason = opts.reason ?? undefined;
  return moveOrder(db, order, action, opts.actor, {
    set: action === 'dispute' && reason ? { disputeReason: reason } : undefined,
    detail: reason ? { reason } : undefined,
  });
}
