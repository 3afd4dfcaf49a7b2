import type { Db } from '../../db/client.server';
import { todayInChina } from '~/domain/adoption-dates';
import { orderTransition, type OrderAction, type OrderStatus } from '~/domain/marketplace-states';
import type { Principal } from '~/domain/access-policy';
import { ledgerTransaction } from './adoption-ledger.server';
import { answerDeployment, decideEvent, reportDeployment, revokeForRefund, type LedgerError } from './adoption.server';
import { moveOrder, type OrderActor } from './order-transitions.server';
import { findOrderFor, getOrderRow, orderApiView, orderHistories, type OrderApiView, type OrderRow } from './orders.server';

export type { OrderActor } from './order-transitions.server';

// The order use cases of formats/marketplace-api.md ("Orders"), for the pages and the API alike.
// Each is one ledger transaction: the order's new status, its history entry and notifications
// (order-transitions.server.ts) and, where the order touches the adoption ledger, the event and
// the counter. A refusal rolls everything back. Callers pass the viewer as plain values; who may
// call what at all (403) is the route's check (app/domain/access-policy.ts), who may see which
// order (404) is checked here.

export type OrderError =
  | { kind: 'notFound' }
  /** The API's 409: not allowed in the current state (or for this order's parties). */
  | { kind: 'state'; status: OrderStatus; code: string; messageKey: string }
  /** The API's 422: a field judged against the order (e.g. a delivery dated before the order). */
  | { kind: 'field'; path: string; code: string; messageKey: string };

/** Who asks (the access rule's viewer) and who acts (for the history and the ledger). */
export interface OrderCaller {
  viewer: Principal;
  actor: OrderActor;
}

export type OrderActionResult<T> = { ok: true; value: T } | { ok: false; error: OrderError };

class Refusal extends Error {
  constructor(readonly error: OrderError) {
    super(error.kind);
  }
}

function refuseState(status: OrderStatus, code = 'invalid_state', messageKey = 'api.errors.invalidState'): never {
  throw new Refusal({ kind: 'state', status, code, messageKey });
}

const LEDGER_CODES: Partial<Record<LedgerError, string>> = {
  'adoption.errors.enterpriseFraud': 'enterprise_flagged',
  'adoption.errors.providerFraud': 'provider_flagged',
};

/** Runs a use case on an order the viewer may see, in one transaction; answers the order after it. */
function onOrder(
  db: Db,
  caller: OrderCaller,
  orderId: string,
  change: (order: OrderRow, actor: OrderActor) => void,
): OrderActionResult<OrderApiView> {
  try {
    return ledgerTransaction(db, () => {
      const found = findOrderFor(db, caller.viewer, orderId);
      if (!found) throw new Refusal({ kind: 'notFound' });
      change(found.order, caller.actor);
      const after = getOrderRow(db, orderId)!;
      return { ok: true as const, value: orderApiView(after, orderHistories(db, [orderId]).get(orderId) ?? []) };
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

/** Refuses (409) unless the order's state allows the action. */
function mustAllow(order: OrderRow, action: OrderAction) {
  const step = orderTransition(order.status, action);
  if (!step.ok) refuseState(step.status);
}

function step(db: Db, order: OrderRow, action: OrderAction, actor: OrderActor, opts?: Parameters<typeof moveOrder>[4]) {
  const result = moveOrder(db, order, action, actor, opts);
  if (!result.ok) refuseState(result.status);
}

/** The order as it is now, inside the transaction (after a ledger use case moved it). */
function reread(db: Db, order: OrderRow): OrderRow {
  return getOrderRow(db, order.id)!;
}

/** POST /api/orders/:id/cancel — the SME or the provider, before payment. */
export function cancelOrder(db: Db, caller: OrderCaller, orderId: string) {
  return onOrder(db, caller, orderId, (order, actor) => step(db, order, 'cancel', actor));
}

/** POST /api/orders/:id/payment-received — the provider saw the bank transfer (对公转账). */
export function markPaymentReceived(db: Db, caller: OrderCaller, orderId: string, input: { transferReference: string }) {
  return onOrder(db, caller, orderId, (order, actor) => {
    mustAllow(order, 'payment-received');
    // Online payments mark themselves paid (the Stripe webhook, a later issue).
    if (order.paymentMethod !== 'bank_transfer') refuseState(order.status, 'not_bank_transfer', 'orders.errors.notBankTransfer');
    step(db, order, 'payment-received', actor, {
      set: { transferReference: input.transferReference },
      detail: { transferReference: input.transferReference },
    });
  });
}

/**
 * POST /api/orders/:id/delivered — the provider reports the deployment: a pending adoption event
 * through the same deployment report as its console (source provider-report, the order's offering
 * and enterprise), linked to the order. An order that already has its event (an online payment's)
 * gets no second one.
 */
export function markDelivered(db: Db, caller: OrderCaller, orderId: string, input: { deployedOn: string; note?: string }) {
  return onOrder(db, caller, orderId, (order, actor) => {
    if (input.deployedOn < todayInChina(new Date(order.createdAt)))
      throw new Refusal({
        kind: 'field',
        path: 'deployedOn',
        code: 'before_order',
        messageKey: 'orders.errors.deployedBeforeOrder',
      });
    mustAllow(order, 'deliver');
    let eventId = order.adoptionEventId;
    if (!eventId) {
      const report = reportDeployment(db, {
        providerId: order.providerId,
        actorUserId: actor.userId,
        apiKeyId: actor.apiKeyId,
        input: {
          offeringId: order.offeringId,
          uscc: order.enterpriseUscc,
          enterpriseName: order.enterpriseName,
          prefecture: order.prefecture,
          industry: order.enterpriseIndustry,
          occurredOn: input.deployedOn,
          note: input.note,
        },
      });
      if (!report.ok) {
        const key = Object.values(report.fieldErrors).flat()[0] ?? 'errors.invalid';
        refuseState(order.status, LEDGER_CODES[key as LedgerError] ?? 'offering_unavailable', key);
      }
      eventId = report.eventId;
    }
    step(db, order, 'deliver', actor, {
      set: { adoptionEventId: eventId },
      detail: { deployedOn: input.deployedOn, ...(input.note ? { note: input.note } : {}) },
    });
  });
}

/**
 * The enterprise answers a delivered order: through answerDeployment, the one function that
 * confirms or disputes a reported deployment and moves its order (the deployments page calls it
 * too). An event no longer pending (an official revoked it) leaves the ledger as it is.
 */
function answerOrder(db: Db, order: OrderRow, actor: OrderActor, answer: 'confirm' | 'dispute', reason?: string) {
  mustAllow(order, answer);
  if (order.adoptionEventId && actor.userId) {
    const result = answerDeployment(db, { eventId: order.adoptionEventId, userId: actor.userId, answer, reason });
    if (!result.ok && LEDGER_CODES[result.error])
      refuseState(order.status, LEDGER_CODES[result.error]!, result.error);
  }
  const now = reread(db, order);
  if (now.status === order.status)
    step(db, now, answer, actor, {
      set: answer === 'dispute' ? { disputeReason: reason } : undefined,
      detail: reason ? { reason } : undefined,
    });
}

/** POST /api/orders/:id/confirm — verifies the order's event; the counter moves in this transaction. */
export function confirmOrder(db: Db, caller: OrderCaller, orderId: string) {
  return onOrder(db, caller, orderId, (order, actor) => answerOrder(db, order, actor, 'confirm'));
}

/** POST /api/orders/:id/dispute — to the officials' queue (/official/disputes). */
export function disputeOrder(db: Db, caller: OrderCaller, orderId: string, input: { reason: string }) {
  return onOrder(db, caller, orderId, (order, actor) => answerOrder(db, order, actor, 'dispute', input.reason));
}

/**
 * POST /api/orders/:id/refund — the provider sent the money back (bank transfer: its reference).
 * The order's adoption event is revoked, audited, so the counter drops the enterprise if that was
 * its only verified event. A Stripe order is refunded through Stripe first (refundStripeOrder),
 * which then calls this with the refund Stripe made.
 */
export function refundOrder(
  db: Db,
  caller: OrderCaller,
  orderId: string,
  input: { reference?: string },
  /** A Stripe order: the refund Stripe made (order-payments.server.ts refundStripeOrder); recorded in this transaction. */
  stripeRefund?: { id: string; amountFen: number; record: (db: Db) => void },
) {
  return onOrder(db, caller, orderId, (order, actor) => {
    mustAllow(order, 'refund');
    if (order.paymentMethod !== 'bank_transfer' && !stripeRefund)
      refuseState(order.status, 'not_bank_transfer', 'orders.errors.notBankTransfer');
    stripeRefund?.record(db);
    step(db, order, 'refund', actor, {
      set: { refundReference: input.reference ?? null },
      detail: {
        ...(input.reference ? { reference: input.reference } : {}),
        ...(stripeRefund ? { stripeRefundId: stripeRefund.id, refundedFen: stripeRefund.amountFen } : {}),
      },
    });
    if (order.adoptionEventId)
      revokeForRefund(db, {
        eventId: order.adoptionEventId,
        orderId: order.id,
        actorUserId: actor.userId,
        apiKeyId: actor.apiKeyId,
        reason: `订单退款 ${order.paymentReference}${input.reference ? ` · ${input.reference}` : ''}`,
      });
  });
}

/**
 * POST /api/orders/:id/dispute-decision — an official in scope closes a disputed order through the
 * ledger's decideEvent: for the provider the event is verified and the order confirmed; for the
 * buyer the event is revoked and the order refunded. Both audited with the reason.
 */
export function decideDispute(
  db: Db,
  caller: OrderCaller,
  orderId: string,
  input: { for: 'provider' | 'buyer'; reason: string },
) {
  const action = input.for === 'provider' ? 'decide-for-provider' : 'decide-for-buyer';
  return onOrder(db, caller, orderId, (order, actor) => {
    const { viewer } = caller;
    if (viewer.role !== 'official' || !actor.userId) throw new Refusal({ kind: 'notFound' });
    mustAllow(order, action);
    if (order.adoptionEventId) {
      const result = decideEvent(db, {
        eventId: order.adoptionEventId,
        official: { id: actor.userId, role: 'official', scopePrefecture: viewer.scopePrefecture },
        decision: input.for === 'provider' ? 'verify' : 'revoke',
        reason: input.reason,
      });
      if (!result.ok && LEDGER_CODES[result.error])
        refuseState(order.status, LEDGER_CODES[result.error]!, result.error);
    }
    const now = reread(db, order);
    if (now.status === order.status) step(db, now, action, actor, { detail: { reason: input.reason } });
  });
}
