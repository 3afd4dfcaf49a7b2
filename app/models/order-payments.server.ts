import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../db/client.server';
import { orderPayments, orders, providers, stripeEvents } from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import { ledgerTransaction } from './adoption-ledger.server';
import { recordPaymentAdoption, revokeForRefund } from './adoption.server';
import { SYSTEM_ACTOR, writeHistory } from './marketplace-history.server';
import { decideDispute, refundOrder, type OrderActionResult, type OrderCaller, type OrderError } from './order-actions.server';
import { moveOrder } from './order-transitions.server';
import { orderTransition } from '~/domain/marketplace-states';
import { findOrderFor, getOrderForApi, getOrderRow, type OrderApiView, type OrderRow } from './orders.server';

// Online payment through Stripe Checkout (formats/marketplace-api.md, "Orders", the Stripe
// paragraph): the SME's checkout makes (or reuses) one Checkout Session per order and payable
// amount; the signed webhook marks the order paid and records its verified adoption event
// (adoption-events.md: "an online payment … succeeded"), refunds revoke it. Every webhook effect is
// one ledger transaction that first claims the event id in stripe_events, so a repeated or
// concurrent delivery has no second effect.

export type CheckoutResult = { ok: true; url: string } | { ok: false; error: OrderError };

export interface CheckoutUrls {
  publicUrl: string;
}

function stateError(order: OrderRow, code: string, messageKey = 'api.errors.invalidState'): CheckoutResult {
  return { ok: false, error: { kind: 'state', status: order.status, code, messageKey } };
}

export function paymentOf(db: Db, orderId: string) {
  return db.select().from(orderPayments).where(eq(orderPayments.orderId, orderId)).get() ?? null;
}

/**
 * POST /api/orders/:id/checkout — the SME's own unpaid order with something to pay: the open
 * Checkout Session for its payable amount (reused), or a new one (a session for another amount is
 * expired first). The order's payment method becomes 'stripe'.
 */
export async function startCheckout(
  db: Db,
  stripe: Stripe,
  caller: OrderCaller,
  orderId: string,
  opts: CheckoutUrls,
): Promise<CheckoutResult> {
  const { viewer } = caller;
  const found = findOrderFor(db, viewer, orderId);
  if (!found || found.side !== 'sme') return { ok: false, error: { kind: 'notFound' } };
  const { order } = found;
  if (order.status !== 'pending_payment') return stateError(order, 'invalid_state');
  // An order whose payable amount is 0 (a voucher pays all of it) skips payment.
  if (order.payableFen <= 0) return stateError(order, 'nothing_to_pay', 'orders.errors.nothingToPay');
  // A provider under a fraud marking takes no money through us (its listings are hidden too).
  if (providerFlagged(db, order.providerId)) return stateError(order, 'provider_flagged', 'orders.errors.providerFlagged');

  const previous = paymentOf(db, order.id);
  if (previous) {
    const session = await stripe.checkout.sessions.retrieve(previous.sessionId);
    if (session.status === 'complete') return stateError(order, 'payment_in_progress', 'orders.errors.paymentInProgress');
    if (session.status === 'open') {
      if (previous.amountFen === order.payableFen && session.url) return { ok: true, url: session.url };
      // The payable amount changed (a voucher applied): the old session must not be paid any more.
      await stripe.checkout.sessions.expire(previous.sessionId);
    }
  }

  const base = opts.publicUrl.replace(/\/+$/, '');
  const page = `${base}/enterprise/orders/${order.id}`;
  const idempotencyKey = `yq-checkout:${order.id}:${order.payableFen}${previous ? `:after:${previous.sessionId}` : ''}`;
  // payment_method_types is still a Checkout parameter (our contract names the three methods), but
  // stripe-node 23's types no longer list it: hence the widened type.
  const params: Stripe.Checkout.SessionCreateParams & { payment_method_types: string[] } = {
      mode: 'payment',
      payment_method_types: ['card', 'alipay', 'wechat_pay'],
      payment_method_options: { wechat_pay: { client: 'web' } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'cny',
            unit_amount: order.payableFen,
            product_data: { name: order.offeringTitle },
          },
        },
      ],
      client_reference_id: order.id,
      metadata: { orderId: order.id },
      payment_intent_data: { metadata: { orderId: order.id } },
      success_url: `${page}?paid=1`,
      cancel_url: `${page}?cancelled=1`,
  };
  const session = await stripe.checkout.sessions.create(params, { idempotencyKey });
  if (!session.url) throw new Error(`Stripe answered Checkout Session ${session.id} without a url`);

  ledgerTransaction(db, () => {
    const now = new Date().toISOString();
    const current = getOrderRow(db, order.id);
    // Paid or cancelled while Stripe answered: keep the session out of the order.
    if (!current || current.status !== 'pending_payment') return;
    db.insert(orderPayments)
      .values({ orderId: order.id, sessionId: session.id, sessionUrl: session.url!, amountFen: order.payableFen, updatedAt: now })
      .onConflictDoUpdate({
        target: orderPayments.orderId,
        set: { sessionId: session.id, sessionUrl: session.url!, amountFen: order.payableFen, flaggedReason: null, updatedAt: now },
      })
      .run();
    db.update(orders).set({ paymentMethod: 'stripe', updatedAt: now }).where(eq(orders.id, order.id)).run();
    if (previous?.sessionId !== session.id)
      writeHistory(db, {
        subjectType: 'order',
        subjectId: order.id,
        action: 'checkout',
        from: current.status,
        to: current.status,
        actor: caller.actor,
        at: now,
        detail: { sessionId: session.id, amountFen: order.payableFen },
      });
  });
  return { ok: true, url: session.url };
}

/**
 * After the payable amount changed (a voucher applied or switched), the order's open Checkout
 * Session for the old amount must not be paid any more: expire it now rather than at the next
 * checkout. Best effort — should Stripe not answer, the webhook still flags a payment of the old
 * amount, and the next checkout expires the session.
 */
export async function expireStaleCheckout(db: Db, stripe: Stripe | null, orderId: string): Promise<void> {
  const order = getOrderRow(db, orderId);
  const payment = paymentOf(db, orderId);
  if (!stripe || !order || !payment || payment.amountFen === order.payableFen) return;
  try {
    const session = await stripe.checkout.sessions.retrieve(payment.sessionId);
    if (session.status === 'open') await stripe.checkout.sessions.expire(payment.sessionId);
  } catch (error) {
    log(`could not expire the stale session of order ${orderId}`, { sessionId: payment.sessionId, error: String(error) });
  }
}

function providerFlagged(db: Db, providerId: string) {
  return !!db.select({ at: providers.fraudFlaggedAt }).from(providers).where(eq(providers.id, providerId)).get()?.at;
}

/**
 * The SME goes back to bank transfer (对公转账) before paying online: the open Checkout Session is
 * expired first (so it cannot be paid as well), then the order's method is bank transfer again and
 * the provider may record the transfer. A session already paid cannot be switched away from.
 */
export async function switchToBankTransfer(
  db: Db,
  stripe: Stripe | null,
  caller: OrderCaller,
  orderId: string,
): Promise<CheckoutResult> {
  const found = findOrderFor(db, caller.viewer, orderId);
  if (!found || found.side !== 'sme') return { ok: false, error: { kind: 'notFound' } };
  const { order } = found;
  if (order.status !== 'pending_payment') return stateError(order, 'invalid_state');
  const previous = paymentOf(db, order.id);
  if (order.paymentMethod === 'stripe' && previous) {
    if (!stripe) return stateError(order, 'online_payment_unavailable', 'orders.errors.onlineUnavailable');
    const session = await stripe.checkout.sessions.retrieve(previous.sessionId);
    if (session.status === 'complete') return stateError(order, 'payment_in_progress', 'orders.errors.paymentInProgress');
    if (session.status === 'open') await stripe.checkout.sessions.expire(previous.sessionId);
  }
  return ledgerTransaction(db, (): CheckoutResult => {
    const current = getOrderRow(db, order.id);
    if (!current || current.status !== 'pending_payment') return stateError(current ?? order, 'invalid_state');
    const now = new Date().toISOString();
    if (current.paymentMethod !== 'bank_transfer') {
      db.delete(orderPayments).where(eq(orderPayments.orderId, order.id)).run();
      db.update(orders).set({ paymentMethod: 'bank_transfer', updatedAt: now }).where(eq(orders.id, order.id)).run();
      writeHistory(db, {
        subjectType: 'order',
        subjectId: order.id,
        action: 'payment-method',
        from: current.status,
        to: current.status,
        actor: caller.actor,
        at: now,
        detail: { method: 'bank_transfer', ...(previous ? { expiredSessionId: previous.sessionId } : {}) },
      });
    }
    return { ok: true, url: `/enterprise/orders/${order.id}` };
  });
}

/**
 * POST /api/orders/:id/refund for a Stripe-paid order: the whole payment is refunded through
 * Stripe (POST /v1/refunds with its payment_intent, one idempotency key per order), then the order
 * is refunded and its adoption event revoked like a bank-transfer refund. The charge.refunded
 * webhook that follows finds the order refunded and does nothing more.
 */
export async function refundStripeOrder(
  db: Db,
  stripe: Stripe,
  caller: OrderCaller,
  orderId: string,
  input: { reference?: string },
): Promise<OrderActionResult<OrderApiView>> {
  const found = findOrderFor(db, caller.viewer, orderId);
  if (!found) return { ok: false, error: { kind: 'notFound' } };
  const { order } = found;
  const allowed = orderTransition(order.status, 'refund');
  if (!allowed.ok) return { ok: false, error: { kind: 'state', status: order.status, code: 'invalid_state', messageKey: 'api.errors.invalidState' } };
  const payment = paymentOf(db, order.id);
  if (!payment?.paymentIntentId)
    return { ok: false, error: { kind: 'state', status: order.status, code: 'no_online_payment', messageKey: 'api.errors.invalidState' } };
  // The whole payment, less what was already refunded in part.
  const remainingFen = payment.amountFen - payment.refundedFen;
  if (remainingFen <= 0)
    return { ok: false, error: { kind: 'state', status: order.status, code: 'already_refunded', messageKey: 'api.errors.invalidState' } };
  const refund = await createStripeRefund(stripe, order.id, payment.paymentIntentId, remainingFen);
  const result = refundOrder(db, caller, order.id, { reference: input.reference ?? refund.id }, {
    id: refund.id,
    amountFen: refund.amount,
    record: (tx) => recordRefunded(tx, order.id, payment.refundedFen + refund.amount),
  });
  // The webhook refunded it between our call and now: the refund is done all the same.
  if (!result.ok && result.error.kind === 'state' && result.error.status === 'refunded') {
    const view = getOrderForApi(db, caller.viewer, order.id);
    if (view) return { ok: true, value: view };
  }
  return result;
}

/** POST /v1/refunds for the rest of an order's payment; one idempotency key per order and payment. */
function createStripeRefund(stripe: Stripe, orderId: string, paymentIntentId: string, amountFen: number) {
  return stripe.refunds.create(
    { payment_intent: paymentIntentId, amount: amountFen, reason: 'requested_by_customer', metadata: { orderId } },
    { idempotencyKey: `yq-refund:${orderId}:${paymentIntentId}` },
  );
}

function recordRefunded(db: Db, orderId: string, amountFen: number) {
  db.update(orderPayments)
    .set({ refundedFen: sql`max(${orderPayments.refundedFen}, ${amountFen})`, updatedAt: new Date().toISOString() })
    .where(eq(orderPayments.orderId, orderId))
    .run();
}

/**
 * An official's dispute decision for the buyer on a Stripe-paid order refunds the payment through
 * Stripe first, then decides as for any order (event revoked, order refunded). Should the decision
 * then be refused, the charge.refunded webhook still refunds the order.
 */
export async function decideDisputeAny(
  db: Db,
  stripe: Stripe | null,
  caller: OrderCaller,
  orderId: string,
  input: { for: 'provider' | 'buyer'; reason: string },
): Promise<OrderActionResult<OrderApiView>> {
  if (input.for === 'buyer' && stripe && caller.viewer.role === 'official') {
    const found = findOrderFor(db, caller.viewer, orderId);
    const payment = found ? paymentOf(db, orderId) : null;
    if (
      found &&
      found.order.paymentMethod === 'stripe' &&
      orderTransition(found.order.status, 'decide-for-buyer').ok &&
      payment?.paymentIntentId &&
      payment.amountFen > payment.refundedFen
    ) {
      const refund = await createStripeRefund(stripe, orderId, payment.paymentIntentId, payment.amountFen - payment.refundedFen);
      ledgerTransaction(db, () => recordRefunded(db, orderId, payment.refundedFen + refund.amount));
    }
  }
  return decideDispute(db, caller, orderId, input);
}

/**
 * The refund use case for pages and the API: a Stripe-paid order (with Stripe configured) through
 * Stripe, any other through refundOrder (the bank transfer's reference).
 */
export async function refundAnyOrder(
  db: Db,
  stripe: Stripe | null,
  caller: OrderCaller,
  orderId: string,
  input: { reference?: string },
): Promise<OrderActionResult<OrderApiView>> {
  if (stripe && getOrderRow(db, orderId)?.paymentMethod === 'stripe')
    return refundStripeOrder(db, stripe, caller, orderId, input);
  return refundOrder(db, caller, orderId, input);
}

// --- webhook --------------------------------------------------------------------------------------

export type WebhookOutcome = { duplicate: true } | { duplicate: false; orderId: string | null; outcome: string };

function log(message: string, detail: Record<string, unknown>) {
  console.warn(`[stripe] ${message}`, JSON.stringify(detail));
}

/** Mark an order's payment for an official (amount or currency mismatch, money for a closed order). */
function flag(db: Db, orderId: string, reason: string, detail: Record<string, unknown>) {
  const now = new Date().toISOString();
  db.update(orderPayments).set({ flaggedReason: reason, updatedAt: now }).where(eq(orderPayments.orderId, orderId)).run();
  writeHistory(db, {
    subjectType: 'order',
    subjectId: orderId,
    action: 'payment-flagged',
    from: null,
    to: null,
    actor: SYSTEM_ACTOR,
    at: now,
    detail: { reason, ...detail },
  });
  log(`order ${orderId} flagged: ${reason}`, detail);
  return `flagged: ${reason}`;
}

function sessionOrderId(session: Stripe.Checkout.Session): string | null {
  return session.client_reference_id ?? session.metadata?.orderId ?? null;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return value == null ? null : typeof value === 'string' ? value : value.id;
}

/** A succeeded payment of a Checkout Session: the order paid and its verified adoption event. */
function onPaid(db: Db, event: Stripe.Event, session: Stripe.Checkout.Session): { orderId: string | null; outcome: string } {
  const orderId = sessionOrderId(session);
  const order = orderId ? getOrderRow(db, orderId) : null;
  if (!order) {
    log('payment for an unknown order', { eventId: event.id, sessionId: session.id, orderId });
    return { orderId: null, outcome: 'ignored: unknown order' };
  }
  const payment = paymentOf(db, order.id);
  const detail = { eventId: event.id, sessionId: session.id, amountTotal: session.amount_total, currency: session.currency };
  if (!payment) return { orderId: order.id, outcome: flag(db, order.id, 'no checkout session on record', detail) };
  if (session.currency !== 'cny' || session.amount_total !== payment.amountFen)
    return {
      orderId: order.id,
      outcome: flag(db, order.id, `amount mismatch: expected ${payment.amountFen} cny`, detail),
    };
  // Refunded before this (late) confirmation arrived: never resurrect the order.
  if (order.status === 'refunded' || payment.refundedFen >= payment.amountFen)
    return { orderId: order.id, outcome: 'ignored: already refunded' };
  if (order.status === 'cancelled')
    return { orderId: order.id, outcome: flag(db, order.id, 'paid after the order was cancelled', detail) };
  if (order.status !== 'pending_payment') {
    // The same payment told twice (another event of this session): nothing more to do. Money for an
    // order already paid otherwise (a voucher paid all of it, a bank transfer): an official must look.
    const paymentIntentId = idOf(session.payment_intent as string | { id: string } | null);
    if (payment.paymentIntentId && payment.paymentIntentId === paymentIntentId)
      return { orderId: order.id, outcome: `ignored: order ${order.status}` };
    return { orderId: order.id, outcome: flag(db, order.id, `paid while the order was already ${order.status}`, detail) };
  }
  // A voucher applied after this session was opened: the order now asks for less than was paid.
  if (session.amount_total !== order.payableFen)
    return {
      orderId: order.id,
      outcome: flag(db, order.id, `amount mismatch: the order's payable amount is now ${order.payableFen} cny`, detail),
    };

  const paidAt = new Date((event.created ?? Math.floor(Date.now() / 1000)) * 1000);
  const adoption = recordPaymentAdoption(db, {
    enterpriseId: order.enterpriseId,
    offeringId: order.offeringId,
    occurredOn: todayInChina(paidAt),
    note: `在线支付 ${order.paymentReference}`,
  });
  const paymentIntentId = idOf(session.payment_intent as string | { id: string } | null);
  db.update(orderPayments)
    .set({ paymentIntentId, updatedAt: new Date().toISOString() })
    .where(eq(orderPayments.orderId, order.id))
    .run();
  const moved = moveOrder(db, order, 'payment-received', SYSTEM_ACTOR, {
    set: adoption ? { adoptionEventId: adoption.id } : {},
    detail: { stripeSessionId: session.id, ...(paymentIntentId ? { paymentIntentId } : {}) },
  });
  if (!moved.ok) throw new Error(`order ${order.id} could not be marked paid from ${moved.status}`);
  return { orderId: order.id, outcome: adoption ? 'paid' : 'paid: event refused (fraud flag)' };
}

function onRefunded(db: Db, event: Stripe.Event, charge: Stripe.Charge): { orderId: string | null; outcome: string } {
  const paymentIntentId = idOf(charge.payment_intent as string | { id: string } | null);
  let orderId = charge.metadata?.orderId ?? null;
  if (!orderId && paymentIntentId)
    orderId =
      db
        .select({ orderId: orderPayments.orderId })
        .from(orderPayments)
        .where(eq(orderPayments.paymentIntentId, paymentIntentId))
        .get()?.orderId ?? null;
  const order = orderId ? getOrderRow(db, orderId) : null;
  const payment = order ? paymentOf(db, order.id) : null;
  if (!order || !payment) {
    log('refund for an unknown order', { eventId: event.id, chargeId: charge.id, orderId });
    return { orderId: order?.id ?? null, outcome: 'ignored: unknown order' };
  }
  const now = new Date().toISOString();
  db.update(orderPayments)
    .set({
      refundedFen: sql`max(${orderPayments.refundedFen}, ${charge.amount_refunded})`,
      ...(paymentIntentId ? { paymentIntentId } : {}),
      updatedAt: now,
    })
    .where(eq(orderPayments.orderId, order.id))
    .run();
  const full = charge.amount_refunded >= charge.amount;
  if (!full) {
    writeHistory(db, {
      subjectType: 'order',
      subjectId: order.id,
      action: 'partial-refund',
      from: order.status,
      to: order.status,
      actor: SYSTEM_ACTOR,
      at: now,
      detail: { refundedFen: charge.amount_refunded, chargeId: charge.id },
    });
    return { orderId: order.id, outcome: `partial refund ${charge.amount_refunded}` };
  }
  if (order.status === 'refunded') return { orderId: order.id, outcome: 'ignored: already refunded' };
  const moved = moveOrder(db, order, 'refund', SYSTEM_ACTOR, {
    set: { refundReference: charge.id },
    detail: { chargeId: charge.id, refundedFen: charge.amount_refunded },
  });
  if (!moved.ok) {
    // Refunded before the payment was marked (events out of order): recorded; the late
    // confirmation then finds the refund and leaves the order unpaid.
    return { orderId: order.id, outcome: `refund recorded: order ${moved.status}` };
  }
  if (order.adoptionEventId)
    revokeForRefund(db, {
      eventId: order.adoptionEventId,
      orderId: order.id,
      actorUserId: null,
      apiKeyId: null,
      reason: `订单退款 ${order.paymentReference} · Stripe ${charge.id}`,
    });
  return { orderId: order.id, outcome: 'refunded' };
}

/**
 * Applies one signed Stripe event, once: the event id is claimed in stripe_events inside the same
 * transaction as its effect, so a repeat (or a concurrent delivery) finds it and does nothing.
 */
export function applyStripeEvent(db: Db, event: Stripe.Event): WebhookOutcome {
  return ledgerTransaction(db, (): WebhookOutcome => {
    const claimed = db
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, outcome: 'processing' })
      .onConflictDoNothing()
      .run();
    if (claimed.changes === 0) return { duplicate: true };
    let result: { orderId: string | null; outcome: string };
    switch (event.type) {
      case 'checkout.session.completed': {
        const session = event.data.object;
        result =
          session.payment_status === 'paid'
            ? onPaid(db, event, session)
            : { orderId: getOrderRow(db, sessionOrderId(session) ?? '')?.id ?? null, outcome: `awaiting payment (${session.payment_status})` };
        break;
      }
      case 'checkout.session.async_payment_succeeded':
        result = onPaid(db, event, event.data.object);
        break;
      case 'checkout.session.async_payment_failed': {
        const session = event.data.object;
        const order = getOrderRow(db, sessionOrderId(session) ?? '');
        if (order)
          writeHistory(db, {
            subjectType: 'order',
            subjectId: order.id,
            action: 'payment-failed',
            from: order.status,
            to: order.status,
            actor: SYSTEM_ACTOR,
            at: new Date().toISOString(),
            detail: { stripeSessionId: session.id },
          });
        result = { orderId: order?.id ?? null, outcome: 'payment failed' };
        break;
      }
      case 'charge.refunded':
        result = onRefunded(db, event, event.data.object);
        break;
      default:
        result = { orderId: null, outcome: 'ignored' };
    }
    db.update(stripeEvents)
      .set({ orderId: result.orderId, outcome: result.outcome })
      .where(eq(stripeEvents.id, event.id))
      .run();
    return { duplicate: false, ...result };
  });
}
