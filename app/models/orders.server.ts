import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  enterprises,
  marketplaceHistory,
  offeringPlans,
  offerings,
  orders,
  providers,
} from '../../db/schema';
import { marketplaceSide, type MarketplaceSide, type Principal } from '~/domain/access-policy';
import type { OrderStatus } from '~/domain/marketplace-states';
import { prefectureInScope } from './access-sql.server';
import { orderVoucherSql, parseOrderVoucher } from './voucher-claims.server';

// Reading orders (formats/marketplace-api.md, "Orders"): one row shape for pages and the API, the
// caller's view decided by the marketplace's one access rule (app/domain/access-policy.ts). The writes are in order-actions.server.ts.

export const ORDERS_PAGE_SIZE = 20;

const orderColumns = {
  id: orders.id,
  status: orders.status,
  enterpriseId: orders.enterpriseId,
  offeringId: orders.offeringId,
  providerId: orders.providerId,
  planId: orders.planId,
  quoteId: orders.quoteId,
  requestId: orders.requestId,
  billing: orders.billing,
  amountFen: orders.amountFen,
  subsidyFen: orders.subsidyFen,
  payableFen: orders.payableFen,
  paymentMethod: orders.paymentMethod,
  paymentReference: orders.paymentReference,
  accountName: orders.accountName,
  bankName: orders.bankName,
  accountNo: orders.accountNo,
  transferReference: orders.transferReference,
  refundReference: orders.refundReference,
  adoptionEventId: orders.adoptionEventId,
  disputeReason: orders.disputeReason,
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
  enterpriseName: enterprises.name,
  enterpriseUscc: enterprises.uscc,
  enterpriseIndustry: enterprises.industry,
  prefecture: enterprises.prefecture,
  enterpriseOwnerUserId: enterprises.ownerUserId,
  providerName: providers.nameZh,
  providerNameEn: providers.nameEn,
  providerOwnerUserId: providers.ownerUserId,
  offeringTitle: offerings.titleZh,
  offeringTitleEn: offerings.titleEn,
  planName: offeringPlans.name,
  /** The order's cloud voucher (上云券) claim as JSON, or null (voucher-claims.server.ts). */
  voucher: orderVoucherSql,
};

function selectOrders(db: Db) {
  return db
    .select(orderColumns)
    .from(orders)
    .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
    .innerJoin(providers, eq(providers.id, orders.providerId))
    .innerJoin(offerings, eq(offerings.id, orders.offeringId))
    .leftJoin(offeringPlans, eq(offeringPlans.id, orders.planId));
}

export type OrderRow = ReturnType<ReturnType<typeof selectOrders>['all']>[number];

/** One order by id, whoever asks (callers check access): the models' own lookup. */
export function getOrderRow(db: Db, orderId: string): OrderRow | null {
  return selectOrders(db).where(eq(orders.id, orderId)).get() ?? null;
}

/** The order as the viewer may see it, with the side it sees it from; null = not found for it. */
export function findOrderFor(
  db: Db,
  viewer: Principal,
  orderId: string,
): { order: OrderRow; side: MarketplaceSide } | null {
  const order = getOrderRow(db, orderId);
  if (!order) return null;
  const side = marketplaceSide(viewer, order);
  return side ? { order, side } : null;
}

/** The SQL form of marketplaceSide for lists (tests/integration/orders-api.test.ts proves they agree). */
function visibleTo(viewer: Principal): SQL | null {
  switch (viewer.role) {
    case 'sme':
      return viewer.enterpriseId === null ? null : eq(orders.enterpriseId, viewer.enterpriseId);
    case 'provider':
      return viewer.providerId === null ? null : eq(orders.providerId, viewer.providerId);
    case 'official':
      return prefectureInScope(enterprises.prefecture, viewer.scopePrefecture) ?? eq(orders.id, orders.id);
    case 'admin':
      return null;
  }
}

export function listOrdersFor(
  db: Db,
  viewer: Principal,
  opts: { page: number; pageSize?: number; status?: OrderStatus },
): { rows: OrderRow[]; total: number } {
  const visible = visibleTo(viewer);
  if (!visible) return { rows: [], total: 0 };
  const where = opts.status ? and(visible, eq(orders.status, opts.status)) : visible;
  const pageSize = opts.pageSize ?? ORDERS_PAGE_SIZE;
  const total =
    db
      .select({ n: count() })
      .from(orders)
      .innerJoin(enterprises, eq(enterprises.id, orders.enterpriseId))
      .where(where)
      .get()?.n ?? 0;
  const rows = selectOrders(db)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(pageSize)
    .offset((opts.page - 1) * pageSize)
    .all();
  return { rows, total };
}

export interface OrderHistoryEntry {
  action: string;
  from: string | null;
  to: string | null;
  by: string;
  at: string;
  detail?: Record<string, unknown>;
}

/** The history of each order (oldest first): who (role), what, when. */
export function orderHistories(db: Db, orderIds: string[]): Map<string, OrderHistoryEntry[]> {
  const out = new Map<string, OrderHistoryEntry[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return out;
  const rows = db
    .select({
      subjectId: marketplaceHistory.subjectId,
      action: marketplaceHistory.action,
      from: marketplaceHistory.fromStatus,
      to: marketplaceHistory.toStatus,
      by: marketplaceHistory.actorRole,
      at: marketplaceHistory.createdAt,
      detail: marketplaceHistory.detail,
    })
    .from(marketplaceHistory)
    .where(and(eq(marketplaceHistory.subjectType, 'order'), inArray(marketplaceHistory.subjectId, orderIds)))
    .orderBy(asc(marketplaceHistory.id))
    .all();
  for (const { subjectId, detail, ...entry } of rows)
    out.get(subjectId)?.push(detail ? { ...entry, detail } : entry);
  return out;
}

/** The API's order (formats/marketplace-api.md): optional fields are left out when empty. */
export function orderApiView(order: OrderRow, history: OrderHistoryEntry[]) {
  const account =
    order.accountNo !== null
      ? { name: order.accountName, bank: order.bankName, number: order.accountNo }
      : undefined;
  return {
    id: order.id,
    status: order.status,
    offeringId: order.offeringId,
    ...(order.planId ? { planId: order.planId } : {}),
    ...(order.quoteId ? { quoteId: order.quoteId } : {}),
    ...(order.requestId ? { requestId: order.requestId } : {}),
    billing: order.billing,
    amountFen: order.amountFen,
    subsidyFen: order.subsidyFen,
    payableFen: order.payableFen,
    payment: {
      method: order.paymentMethod,
      reference: order.paymentReference,
      ...(account ? { account } : {}),
      ...(order.transferReference ? { transferReference: order.transferReference } : {}),
      ...(order.refundReference ? { refundReference: order.refundReference } : {}),
    },
    ...(order.adoptionEventId ? { adoptionEventId: order.adoptionEventId } : {}),
    ...(order.disputeReason ? { disputeReason: order.disputeReason } : {}),
    // Our addition to the contract (README, "Cloud vouchers"): the voucher behind subsidyFen, and
    // whether it was paid out or withdrawn.
    ...(order.voucher ? { voucher: parseOrderVoucher(order.voucher)! } : {}),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    history,
  };
}

export type OrderApiView = ReturnType<typeof orderApiView>;

/** GET /api/orders/:id for a viewer, or null (404). */
export function getOrderForApi(db: Db, viewer: Principal, orderId: string): OrderApiView | null {
  const found = findOrderFor(db, viewer, orderId);
  if (!found) return null;
  return orderApiView(found.order, orderHistories(db, [orderId]).get(orderId) ?? []);
}

/** GET /api/orders for a viewer: a page of its orders, newest first. */
export function listOrdersForApi(
  db: Db,
  viewer: Principal,
  opts: { page: number; pageSize: number; status?: OrderStatus },
) {
  const { rows, total } = listOrdersFor(db, viewer, opts);
  const histories = orderHistories(
    db,
    rows.map((r) => r.id),
  );
  return {
    orders: rows.map((r) => orderApiView(r, histories.get(r.id) ?? [])),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}
