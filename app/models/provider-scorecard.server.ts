import type { Db } from '../../db/client.server';
import { todayInChina } from '~/domain/adoption-dates';
import type { OrderStatus, QuoteStatus } from '~/domain/marketplace-states';
import {
  computeScorecard,
  type OrderGroup,
  type QuoteGroup,
  type RequestResponseFacts,
  type Scorecard,
} from '~/domain/provider-scorecard';
import { prepared } from './prepared.server';

// The facts behind a provider's scorecard (app/domain/provider-scorecard.ts decides what they
// mean), read in three aggregate statements prepared once per connection, on the provider's
// indexes (service_requests_provider_idx, orders_provider_idx, and per row the thread, quote and
// history indexes of that one request or order). Their cost grows with the provider's history:
// measured at about 40 ms for a provider with 5,000 requests, 3,000 quotes and 2,000 orders, where
// the whole offering page loader takes about 1 ms. So the public pages read the card through a
// short-lived cache (publicProviderScorecard); the provider's own console reads it fresh.

interface QuoteGroupRow {
  status: QuoteStatus;
  validUntil: string | null;
  superseded: 0 | 1;
  count: number;
}

interface OrderGroupRow {
  status: OrderStatus;
  everDelivered: 0 | 1;
  everDisputed: 0 | 1;
  everConfirmed: 0 | 1;
  count: number;
}

function statements(db: Db) {
  return prepared(db, 'provider-scorecard', (sqlite) => ({
    // Each request with its provider's first message and first quote (the SME's own messages,
    // the needs included, are not answers).
    requests: sqlite.prepare<[string], RequestResponseFacts>(
      `SELECT r.created_at AS createdAt,
              (SELECT MIN(m.created_at) FROM request_messages m
                WHERE m.request_id = r.id AND m.from_side = 'provider') AS firstMessageAt,
              (SELECT MIN(q.created_at) FROM quotes q WHERE q.request_id = r.id) AS firstQuoteAt
         FROM service_requests r
        WHERE r.provider_id = ?`,
    ),
    // Grouped so the domain applies the quote rules (validity of open quotes, superseded ones).
    quotes: sqlite.prepare<[string], QuoteGroupRow>(
      `SELECT q.status AS status,
              CASE WHEN q.status = 'open' THEN q.valid_until END AS validUntil,
              (q.status = 'declined' AND q.decline_reason IS 'another-accepted') AS superseded,
              COUNT(*) AS count
         FROM quotes q
         JOIN service_requests r ON r.id = q.request_id
        WHERE r.provider_id = ?
        GROUP BY 1, 2, 3`,
    ),
    // Milestones from the order's history (every status change writes one entry).
    orders: sqlite.prepare<[string], OrderGroupRow>(
      `SELECT status, everDelivered, everDisputed, everConfirmed, COUNT(*) AS count
         FROM (SELECT o.status AS status,
                      EXISTS (SELECT 1 FROM marketplace_history h WHERE h.subject_type = 'order'
                                 AND h.subject_id = o.id AND h.to_status = 'delivered') AS everDelivered,
                      EXISTS (SELECT 1 FROM marketplace_history h WHERE h.subject_type = 'order'
                                 AND h.subject_id = o.id AND h.to_status = 'disputed') AS everDisputed,
                      EXISTS (SELECT 1 FROM marketplace_history h WHERE h.subject_type = 'order'
                                 AND h.subject_id = o.id AND h.to_status = 'confirmed') AS everConfirmed
                 FROM orders o
                WHERE o.provider_id = ?)
        GROUP BY 1, 2, 3, 4`,
    ),
  }));
}

/** The provider's scorecard over all its requests, quotes and orders so far. */
export function providerScorecard(db: Db, providerId: string, now: Date = new Date()): Scorecard {
  const s = statements(db);
  const quotes: QuoteGroup[] = s.quotes
    .all(providerId)
    .map((g) => ({ ...g, superseded: g.superseded === 1 }));
  const orders: OrderGroup[] = s.orders.all(providerId).map((g) => ({
    status: g.status,
    everDelivered: g.everDelivered === 1,
    everDisputed: g.everDisputed === 1,
    everConfirmed: g.everConfirmed === 1,
    count: g.count,
  }));
  return computeScorecard({ requests: s.requests.all(providerId), quotes, orders }, todayInChina(now));
}

/** How long a public page may show a card before it is computed again. */
export const SCORECARD_CACHE_MS = 5 * 60_000;
const CACHE_MAX_ENTRIES = 2_000;
// Per connection (a test's fresh database never sees another's cards), per provider.
const caches = new WeakMap<Db['$client'], Map<string, { at: number; card: Scorecard }>>();

/**
 * The scorecard as the offering and provider pages show it: computed at most once per
 * SCORECARD_CACHE_MS per provider and process. The figures are medians and rates over the whole
 * history, so a few minutes' lag changes nothing a buyer could act on.
 */
export function publicProviderScorecard(db: Db, providerId: string, now: Date = new Date()): Scorecard {
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  const hit = cache.get(providerId);
  if (hit && now.getTime() - hit.at < SCORECARD_CACHE_MS && now.getTime() >= hit.at) return hit.card;
  const card = providerScorecard(db, providerId, now);
  // Re-inserted so the Map's order is oldest-computed first; the oldest goes when it is full.
  cache.delete(providerId);
  cache.set(providerId, { at: now.getTime(), card });
  if (cache.size > CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return card;
}
