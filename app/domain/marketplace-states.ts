// The state machines of the marketplace path (formats/marketplace-api.md: "Requests (询价) and
// quotes", "Orders"), as data plus one guarded `transition()` per machine. Pure: the models
// persist the answer and its history entry in one transaction; a refused transition is the API's
// 409 with the current status.

export type Transition<S extends string> = { ok: true; from: S; to: S } | { ok: false; status: S };

function machine<S extends string, A extends string>(table: Record<A, Partial<Record<S, S>>>) {
  return (status: S, action: A): Transition<S> => {
    const to = table[action][status];
    return to === undefined ? { ok: false, status } : { ok: true, from: status, to };
  };
}

// --- requests -----------------------------------------------------------------------------------

export const REQUEST_STATUSES = ['new', 'replied', 'quoted', 'won', 'lost'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = [
  'provider-message',
  'sme-message',
  'quote',
  'accept-quote',
  'decline-last-quote',
  'withdraw',
  'no-reply-30-days',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

const OPEN = { new: 'new', replied: 'replied', quoted: 'quoted' } as const;

/**
 * new → replied (first provider message) → quoted (an open quote exists) → won (a quote accepted).
 * Declining the last open quote returns it to replied. lost: withdrawn by the SME, or no provider
 * message within 30 days of creation. Messages are possible while the request is open or won
 * (the thread goes on after the order); a lost request is closed.
 */
export const REQUEST_TRANSITIONS: Record<RequestAction, Partial<Record<RequestStatus, RequestStatus>>> = {
  'provider-message': { new: 'replied', replied: 'replied', quoted: 'quoted', won: 'won' },
  'sme-message': { ...OPEN, won: 'won' },
  quote: { new: 'quoted', replied: 'quoted', quoted: 'quoted' },
  'accept-quote': { quoted: 'won' },
  'decline-last-quote': { quoted: 'replied' },
  withdraw: { new: 'lost', replied: 'lost', quoted: 'lost' },
  'no-reply-30-days': { new: 'lost' },
};

export const requestTransition = machine<RequestStatus, RequestAction>(REQUEST_TRANSITIONS);

/** The 30-day rule: a request still without a provider message 30 days after creation is lost. */
export function isUnansweredTooLong(createdAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) >= 30 * 24 * 3600 * 1000;
}

// --- quotes -------------------------------------------------------------------------------------

export const QUOTE_STATUSES = ['open', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type QuoteAction = 'accept' | 'decline' | 'expire';

export const QUOTE_TRANSITIONS: Record<QuoteAction, Partial<Record<QuoteStatus, QuoteStatus>>> = {
  accept: { open: 'accepted' },
  decline: { open: 'declined' },
  expire: { open: 'expired' },
};

/**
 * A stored 'open' quote whose validity has passed is expired, whether or not a job has written so
 * yet (validUntil is inclusive, in China time): accepting it answers 409 with status 'expired'.
 */
export function effectiveQuoteStatus(stored: QuoteStatus, validUntil: string, today: string): QuoteStatus {
  return stored === 'open' && validUntil < today ? 'expired' : stored;
}

export function quoteTransition(stored: QuoteStatus, validUntil: string, today: string, action: QuoteAction) {
  return machine<QuoteStatus, QuoteAction>(QUOTE_TRANSITIONS)(
    effectiveQuoteStatus(stored, validUntil, today),
    action,
  );
}

// --- orders -------------------------------------------------------------------------------------

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'delivered',
  'confirmed',
  'disputed',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = [
  'cancel',
  'payment-received',
  'deliver',
  'confirm',
  'dispute',
  'decide-for-provider',
  'decide-for-buyer',
  'refund',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * pending_payment → paid → delivered → confirmed; disputed from delivered; cancelled from
 * pending_payment; refunded from paid, delivered, disputed or confirmed. An official's dispute
 * decision closes a disputed order: for the provider it is confirmed, for the buyer refunded.
 */
export const ORDER_TRANSITIONS: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  cancel: { pending_payment: 'cancelled' },
  'payment-received': { pending_payment: 'paid' },
  deliver: { paid: 'delivered' },
  confirm: { delivered: 'confirmed' },
  dispute: { delivered: 'disputed' },
  'decide-for-provider': { disputed: 'confirmed' },
  'decide-for-buyer': { disputed: 'refunded' },
  refund: { paid: 'refunded', delivered: 'refunded', disputed: 'refunded', confirmed: 'refunded' },
};

export const orderTransition = machine<OrderStatus, OrderAction>(ORDER_TRANSITIONS);

/**
 * The monthly equivalent is not needed here: an order is for one billing period of the plan or
 * quote (a month, a year, or once), so its amount is that price as it is.
 */
export function orderAmount(
  priceFen: number,
  subsidyFen = 0,
): { amountFen: number; subsidyFen: number; payableFen: number } {
  const subsidy = Math.min(Math.max(0, subsidyFen), priceFen);
  return { amountFen: priceFen, subsidyFen: subsidy, payableFen: priceFen - subsidy };
}
