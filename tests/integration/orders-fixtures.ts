// Fixtures for the order tests: parties, orders inserted as rows (order creation is the requests
// module's), a current campaign, and JSON calls to the order endpoints as a browser page or a
// provider system makes them.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/client.server';
import { marketplaceHistory, orders, providers } from '../../db/schema';
import type { OrderStatus } from '../../app/domain/marketplace-states';
import { campaignsCountingNew, currentCampaignId } from '../../app/models/adoption-ledger.server';
import { createCampaign, getCampaignRow, startCampaignBuild } from '../../app/models/campaigns.server';
import { newId } from '../../app/utils/ids';
import * as list from '../../app/routes/api.orders';
import * as one from '../../app/routes/api.orders.$orderId';
import * as cancel from '../../app/routes/api.orders.$orderId.cancel';
import * as paymentReceived from '../../app/routes/api.orders.$orderId.payment-received';
import * as delivered from '../../app/routes/api.orders.$orderId.delivered';
import * as confirm from '../../app/routes/api.orders.$orderId.confirm';
import * as dispute from '../../app/routes/api.orders.$orderId.dispute';
import * as decision from '../../app/routes/api.orders.$orderId.dispute-decision';
import * as refund from '../../app/routes/api.orders.$orderId.refund';
import { createTestUser, routeArgs } from '../setup/test-db';
import { createEnterprise, createProvider } from './adoption-fixtures';

/** A campaign whose window holds today (2026-12 when written), so new events count in it. */
export const CURRENT = { id: 'sc-test-2025-2027', startsOn: '2025-01-01', endsOn: '2027-12-31' };

export async function ensureCurrentCampaign(db: Db) {
  if (getCampaignRow(db, CURRENT.id)) return;
  createCampaign(db, { ...CURRENT, name: '测试行动', nameEn: 'Test campaign', target: 1000 }, null);
  await startCampaignBuild(db, CURRENT.id);
  expect(currentCampaignId(db)).toBe(CURRENT.id);
}

export const BANK = { name: '成都测试云科技有限公司', bank: '中国工商银行成都高新支行', number: '4402 2345 6789 0123' };

/** A provider (owner account, offering, receiving account) and an SME (owner account, enterprise). */
export async function orderParties(db: Db, opts: { prefecture?: string } = {}) {
  const providerUser = await createTestUser(db, { role: 'provider' });
  const provider = createProvider(db, { ownerUserId: providerUser.id, externalIds: ['erp-cloud'] });
  db.update(providers)
    .set({ bankAccountName: BANK.name, bankName: BANK.bank, bankAccountNo: BANK.number })
    .where(eq(providers.id, provider.id))
    .run();
  const smeUser = await createTestUser(db, { role: 'sme' });
  const enterprise = createEnterprise(db, { ownerUserId: smeUser.id, prefecture: opts.prefecture ?? '5101' });
  return { providerUser, provider, offeringId: provider.offeringIds['erp-cloud']!, smeUser, enterprise };
}
export type Parties = Awaited<ReturnType<typeof orderParties>>;

let serial = 0;

/** An order row as createOrder would write it (account copied), in any status. */
export function insertOrder(
  db: Db,
  p: Parties,
  opts: { status?: OrderStatus; createdAt?: string; paymentMethod?: 'bank_transfer' | 'stripe'; requestId?: string } = {},
) {
  serial += 1;
  const id = newId();
  const at = opts.createdAt ?? new Date().toISOString();
  db.insert(orders)
    .values({
      id,
      enterpriseId: p.enterprise.id,
      offeringId: p.offeringId,
      providerId: p.provider.id,
      requestId: opts.requestId ?? null,
      billing: 'month',
      amountFen: 98_000,
      subsidyFen: 0,
      payableFen: 98_000,
      paymentMethod: opts.paymentMethod ?? 'bank_transfer',
      paymentReference: `YQTEST${String(serial).padStart(3, '0')}`,
      accountName: BANK.name,
      bankName: BANK.bank,
      accountNo: BANK.number,
      status: opts.status ?? 'pending_payment',
      createdByUserId: p.smeUser.id,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  db.insert(marketplaceHistory)
    .values({ subjectType: 'order', subjectId: id, action: 'create', toStatus: 'pending_payment', actorUserId: p.smeUser.id, actorRole: 'sme', createdAt: at })
    .run();
  return id;
}

export interface Caller {
  cookie?: string;
  key?: string;
  idempotencyKey?: string;
  /** Default http://localhost (our own origin); null sends none. */
  origin?: string | null;
  contentType?: string;
}

export function jsonRequest(method: 'GET' | 'POST', path: string, caller: Caller, body?: unknown) {
  const headers: Record<string, string> = {};
  if (caller.cookie) headers.Cookie = caller.cookie;
  if (caller.key) headers.Authorization = `Bearer ${caller.key}`;
  if (caller.idempotencyKey) headers['Idempotency-Key'] = caller.idempotencyKey;
  if (method === 'POST') {
    headers['Content-Type'] = caller.contentType ?? 'application/json';
    if (caller.origin !== null) headers.Origin = caller.origin ?? 'http://localhost';
  }
  return new Request(new URL(path, 'http://localhost').href, {
    method,
    headers,
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
}

const ACTIONS = {
  cancel,
  'payment-received': paymentReceived,
  delivered,
  confirm,
  dispute,
  'dispute-decision': decision,
  refund,
} as const;
export type OrderEndpointName = keyof typeof ACTIONS;

/** POST /api/orders/:id/<action>; answers the status, JSON body and headers. */
export async function post(action: OrderEndpointName, orderId: string, caller: Caller, body?: unknown) {
  const response = (await ACTIONS[action].action(
    routeArgs(jsonRequest('POST', `/api/orders/${orderId}/${action}`, caller, body), { orderId }),
  )) as Response;
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

export async function getOrder(orderId: string, caller: Caller) {
  const response = (await one.loader(routeArgs(jsonRequest('GET', `/api/orders/${orderId}`, caller), { orderId }))) as Response;
  return { status: response.status, body: (await response.json()) as any };
}

export async function listOrders(caller: Caller, query = '') {
  const response = (await list.loader(routeArgs(jsonRequest('GET', `/api/orders${query}`, caller)))) as Response;
  return { status: response.status, body: (await response.json()) as any };
}

export function orderRow(db: Db, id: string) {
  return db.$client.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, any>;
}

export function eventStatusOf(db: Db, eventId: string) {
  return (db.$client.prepare('SELECT status FROM adoption_event_states WHERE event_id = ?').get(eventId) as { status: string }).status;
}

/** Whether the enterprise counts as new in the current campaign. */
export function countedNow(db: Db, enterpriseId: string) {
  return campaignsCountingNew(db, enterpriseId).includes(currentCampaignId(db)!);
}

/** Today in China, YYYY-MM-DD. */
export function today() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
