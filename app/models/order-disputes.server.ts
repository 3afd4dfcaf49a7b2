import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, orders, providers, requestMessages } from '../../db/schema';
import type { Principal } from '~/domain/access-policy';
import { prefectureInScope } from './access-sql.server';
import { findOrderFor, orderHistories } from './orders.server';

// The officials' dispute queue (/official/disputes): disputed orders of enterprises in the
// official's scope (a prefecture official: its prefecture's only), each with both sides and the
// request thread, for a decision (order-actions.server.ts decideDispute).

export const DISPUTES_PAGE_SIZE = 20;

type OfficialViewer = Extract<Principal, { role: 'official' }>;

export function listDisputes(db: Db, viewer: OfficialViewer, opts: { page: number }) {
  // `status = 'disputed'` first: the partial index orders_disputed_idx holds exactly these rows.
  const where = and(eq(orders.status, 'disputed'), prefectureInScope(enterprises.prefecture, viewer.scopePrefecture));
  const total =
    db
      .select({ n: count() })
      .from(orders)
      .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: orders.id,
      enterpriseName: enterprises.name,
      prefecture: enterprises.prefecture,
      providerName: providers.nameZh,
      offeringTitle: offerings.titleZh,
      payableFen: orders.payableFen,
      disputeReason: orders.disputeReason,
      // The dispute was the order's last change while it is disputed.
      disputedAt: orders.updatedAt,
    })
    .from(orders)
    .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
    .innerJoin(providers, eq(providers.id, orders.providerId))
    .innerJoin(offerings, eq(offerings.id, orders.offeringId))
    .where(where)
    // Oldest dispute first: the one waiting longest.
    .orderBy(asc(orders.updatedAt), asc(orders.id))
    .limit(DISPUTES_PAGE_SIZE)
    .offset((opts.page - 1) * DISPUTES_PAGE_SIZE)
    .all();
  return { rows, total };
}

/** A disputed (or already decided) order for an official in scope, with both sides and the thread; null = 404. */
export function getDisputeDetail(db: Db, viewer: OfficialViewer, orderId: string) {
  const found = findOrderFor(db, viewer, orderId);
  if (!found) return null;
  const { order } = found;
  const history = orderHistories(db, [order.id]).get(order.id) ?? [];
  // Only orders that have been disputed are a matter for this queue.
  if (!history.some((h) => h.action === 'dispute')) return null;
  const provider = db
    .select({
      contactName: providers.contactName,
      contactEmail: providers.contactEmail,
      contactPhone: providers.contactPhone,
      uscc: providers.uscc,
    })
    .from(providers)
    .where(eq(providers.id, order.providerId))
    .get();
  const thread = order.requestId
    ? db
        .select({ from: requestMessages.from, body: requestMessages.body, at: requestMessages.createdAt })
        .from(requestMessages)
        .where(eq(requestMessages.requestId, order.requestId))
        .orderBy(asc(requestMessages.id))
        .all()
    : [];
  const delivery = [...history].reverse().find((h) => h.action === 'deliver');
  return { order, history, provider: provider ?? null, thread, delivery: delivery?.detail ?? null };
}
