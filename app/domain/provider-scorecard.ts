// Provider scorecards (服务商评分卡, issue 10): four figures computed from the marketplace data —
// how fast a provider first answers a request, how often its quotes are accepted, how many
// deliveries its buyers confirmed, how often a delivery was disputed. Pure: the model
// (app/models/provider-scorecard.server.ts) reads the raw facts, these functions decide.
import { effectiveQuoteStatus, type OrderStatus, type QuoteStatus } from './marketplace-states';

/**
 * A figure is published only when its base holds at least this many items (issue 10: "shown only
 * from 5 requests or orders up"): one slow reply or one dispute out of two says nothing yet.
 */
export const MIN_BASE = 5;

/** A figure with the size of its base; `value` is null below MIN_BASE (shown as 数据不足). */
export interface Gated<T> {
  value: T | null;
  base: number;
}

export function gate<T>(value: T | null, base: number): Gated<T> {
  return { value: base >= MIN_BASE ? value : null, base };
}

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** part / whole as a fraction 0–1, null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// --- first response -----------------------------------------------------------------------------

export interface RequestResponseFacts {
  /** When the SME sent the request (ISO). */
  createdAt: string;
  /** The provider's first message on the thread, if any (ISO). */
  firstMessageAt: string | null;
  /** The provider's first quote on the request, if any (ISO). */
  firstQuoteAt: string | null;
}

/**
 * Milliseconds from the request to the provider's first answer — a message or a quote, whichever
 * came first (a provider may answer with a quote straight away; the request's firstReplyAt only
 * records messages). null: not answered. An answer stamped before the request (clock skew between
 * writers) counts as immediate, never negative.
 */
export function firstResponseMs(facts: RequestResponseFacts): number | null {
  const created = Date.parse(facts.createdAt);
  const answers = [facts.firstMessageAt, facts.firstQuoteAt]
    .filter((at): at is string => at !== null)
    .map((at) => Date.parse(at))
    .filter((at) => Number.isFinite(at));
  if (answers.length === 0 || !Number.isFinite(created)) return null;
  return Math.max(0, Math.min(...answers) - created);
}

// --- quotes -------------------------------------------------------------------------------------

/** Quotes of a provider grouped as the model counts them. */
export interface QuoteGroup {
  status: QuoteStatus;
  /** Only read for open quotes: past it, an open quote reads as expired (effectiveQuoteStatus). */
  validUntil: string | null;
  /** Declined because the SME accepted another quote of the same provider on the same request. */
  superseded: boolean;
  count: number;
}

/**
 * Quote acceptance = accepted / (accepted + declined + expired). Open quotes are still undecided and
 * left out. A quote declined only because the SME accepted another quote of the same provider on
 * the same request (reason 'another-accepted') is left out too: the request was won, and counting
 * the superseded quote would punish a provider for revising its price. Quotes declined because the
 * SME withdrew the request count as declined; an open quote past its validity counts as expired,
 * whether or not anything has written so yet (the same rule as accepting it).
 */
export function quoteAcceptance(groups: readonly QuoteGroup[], today: string) {
  let accepted = 0;
  let decided = 0;
  let open = 0;
  for (const g of groups) {
    const status = effectiveQuoteStatus(g.status, g.validUntil ?? '9999-12-31', today);
    if (status === 'open') open += g.count;
    else if (status === 'declined' && g.superseded) continue;
    else {
      decided += g.count;
      if (status === 'accepted') accepted += g.count;
    }
  }
  return { accepted, decided, open };
}

// --- orders -------------------------------------------------------------------------------------

/** Orders of a provider grouped by current status and the milestones their history records. */
export interface OrderGroup {
  status: OrderStatus;
  everDelivered: boolean;
  everDisputed: boolean;
  everConfirmed: boolean;
  count: number;
}

// Statuses that can only be reached through delivery (marketplace-states: confirm and dispute
// start from delivered), so an order in them was delivered even if its history were incomplete.
const PAST_DELIVERY: readonly OrderStatus[] = ['delivered', 'confirmed', 'disputed'];

/**
 * Delivered = orders that ever reached 'delivered' (confirmed, disputed or refunded later included).
 * Confirmed = those whose delivery was confirmed, by the buyer or by an official deciding a dispute
 * for the provider (a later refund does not undo that the delivery was accepted). Disputed = those
 * ever disputed, however the dispute ended.
 */
export function orderOutcomes(groups: readonly OrderGroup[]) {
  let delivered = 0;
  let confirmed = 0;
  let disputed = 0;
  for (const g of groups) {
    const wasDisputed = g.everDisputed || g.status === 'disputed';
    const wasConfirmed = g.everConfirmed || g.status === 'confirmed';
    if (g.everDelivered || wasDisputed || wasConfirmed || PAST_DELIVERY.includes(g.status))
      delivered += g.count;
    if (wasConfirmed) confirmed += g.count;
    if (wasDisputed) disputed += g.count;
  }
  return { delivered, confirmed, disputed };
}

// --- the card -----------------------------------------------------------------------------------

export interface ScorecardFacts {
  requests: readonly RequestResponseFacts[];
  quotes: readonly QuoteGroup[];
  orders: readonly OrderGroup[];
}

export interface Scorecard {
  /** Median ms to the first answer, over answered requests (base = answered requests). */
  medianFirstResponseMs: Gated<number>;
  /** Requests never answered (未回复), out of all requests received (base). */
  unanswered: Gated<number>;
  /** Fraction 0–1 of decided quotes that were accepted (base = decided quotes). */
  quoteAcceptance: Gated<number>;
  /** Deliveries confirmed, out of orders delivered (base). */
  confirmedDeliveries: Gated<number>;
  /** Fraction 0–1 of delivered orders ever disputed (base = delivered orders). */
  disputeRate: Gated<number>;
}

export function computeScorecard(facts: ScorecardFacts, today: string): Scorecard {
  const times = facts.requests.map(firstResponseMs).filter((ms): ms is number => ms !== null);
  const unanswered = facts.requests.length - times.length;
  const quotes = quoteAcceptance(facts.quotes, today);
  const orders = orderOutcomes(facts.orders);
  return {
    medianFirstResponseMs: gate(median(times), times.length),
    unanswered: gate(unanswered, facts.requests.length),
    quoteAcceptance: gate(rate(quotes.accepted, quotes.decided), quotes.decided),
    confirmedDeliveries: gate(orders.confirmed, orders.delivered),
    disputeRate: gate(rate(orders.disputed, orders.delivered), orders.delivered),
  };
}

/** A duration split for display: "3 天 4 小时", "2 小时 5 分钟", "12 分钟" (whole minutes, rounded). */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.round(Math.max(0, ms) / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}
