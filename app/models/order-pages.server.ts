import type { Db } from '../../db/client.server';
import type { Principal } from '~/domain/access-policy';
import { chinaDateOf } from '~/domain/adoption-dates';
import type { OrderStatus } from '~/domain/marketplace-states';
import { findOrderFor, listOrdersFor, orderHistories, ORDERS_PAGE_SIZE, type OrderRow } from './orders.server';

// What the order pages send to the browser: the fields they show, never the owners' account ids.

export function pageOrderOf(row: OrderRow) {
  return {
    id: row.id,
    status: row.status,
    offeringTitle: row.offeringTitle,
    offeringTitleEn: row.offeringTitleEn,
    planName: row.planName,
    providerName: row.providerName,
    enterpriseName: row.enterpriseName,
    billing: row.billing,
    amountFen: row.amountFen,
    subsidyFen: row.subsidyFen,
    payableFen: row.payableFen,
    paymentMethod: row.paymentMethod,
    paymentReference: row.paymentReference,
    accountName: row.accountName,
    bankName: row.bankName,
    accountNo: row.accountNo,
    transferReference: row.transferReference,
    refundReference: row.refundReference,
    disputeReason: row.disputeReason,
    createdAt: row.createdAt,
  };
}

export function listOrderPage(db: Db, viewer: Principal, opts: { page: number; status?: OrderStatus }) {
  const { rows, total } = listOrdersFor(db, viewer, { ...opts, pageSize: ORDERS_PAGE_SIZE });
  return { orders: rows.map(pageOrderOf), total, page: opts.page, pageSize: ORDERS_PAGE_SIZE };
}

/** One order page's data, or null (404) when the viewer may not see it. */
export function loadOrderPage(db: Db, viewer: Principal, orderId: string) {
  const found = findOrderFor(db, viewer, orderId);
  if (!found) return null;
  const { order } = found;
  return {
    order: pageOrderOf(order),
    history: (orderHistories(db, [order.id]).get(order.id) ?? []).map(({ action, by, at, detail }) => ({ action, by, at, detail })),
    adoptionEventId: order.adoptionEventId,
    requestId: order.requestId,
    /** The first day a delivery may be dated (China time), for the delivery form. */
    orderedOn: chinaDateOf(order.createdAt),
  };
}
