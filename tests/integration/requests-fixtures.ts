// Fixtures for the request/quote tests (made by the tests themselves): a market of one SME, one
// provider with a published offering (a priced plan and a 面议 plan) and its receiving account,
// a second SME and provider to be refused, officials, an admin; and JSON calls of the routes.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offeringPlans, offerings, providers, serviceRequests } from '../../db/schema';
import * as apiLeads from '../../app/routes/api.leads';
import * as apiOrders from '../../app/routes/api.orders';
import * as apiQuoteAccept from '../../app/routes/api.quotes.$quoteId.accept';
import * as apiQuoteDecline from '../../app/routes/api.quotes.$quoteId.decline';
import * as apiRequests from '../../app/routes/api.requests';
import * as apiRequest from '../../app/routes/api.requests.$requestId';
import * as apiMessages from '../../app/routes/api.requests.$requestId.messages';
import * as apiQuotes from '../../app/routes/api.requests.$requestId.quotes';
import * as apiWithdraw from '../../app/routes/api.requests.$requestId.withdraw';
import { todayInChina } from '../../app/domain/adoption-dates';
import { newId } from '../../app/utils/ids';
import { createTestUser, routeArgs } from '../setup/test-db';
import { prefectureKey, providerKey, uscc } from './adoption-fixtures';

export function insertProvider(
  db: Db,
  ownerUserId: string | null,
  opts: { status?: 'approved' | 'suspended'; flagged?: boolean } = {},
) {
  const id = newId();
  db.insert(providers)
    .values({
      id,
      uscc: uscc(),
      nameZh: `询价测试服务商${id.slice(0, 4)}`,
      prefecture: '5101',
      status: opts.status ?? 'approved',
      ownerUserId,
      fraudFlaggedAt: opts.flagged ? '2025-01-01T00:00:00.000Z' : null,
      bankAccountName: '成都云测科技有限公司',
      bankName: '中国工商银行成都高新支行',
      bankAccountNo: '4402 0000 1234 5678',
    })
    .run();
  return id;
}

export function insertOffering(db: Db, providerId: string, opts: { status?: 'published' | 'draft' } = {}) {
  const id = newId();
  const pricedPlanId = newId();
  const quotePlanId = newId();
  db.insert(offerings)
    .values({
      id,
      providerId,
      externalId: id,
      titleZh: '云MES 轻量版',
      summary: '测试',
      level: 'saas',
      status: opts.status ?? 'published',
    })
    .run();
  db.insert(offeringPlans)
    .values({
      id: pricedPlanId,
      offeringId: id,
      position: 0,
      name: '标准版',
      priceFen: 98000,
      billing: 'month',
    })
    .run();
  db.insert(offeringPlans)
    .values({
      id: quotePlanId,
      offeringId: id,
      position: 1,
      name: '定制版',
      priceFen: null,
      billing: 'quote',
    })
    .run();
  return { id, pricedPlanId, quotePlanId };
}

export function insertEnterprise(db: Db, ownerUserId: string | null, prefecture = '5106') {
  const id = newId();
  db.insert(enterprises)
    .values({
      id,
      uscc: uscc(`${prefecture}00`),
      name: `询价测试企业${id.slice(0, 4)}`,
      prefecture,
      industry: '34',
      sizeClass: 'small',
      ownerUserId,
    })
    .run();
  return id;
}

/** Everyone a scenario needs, in a fresh database. */
export async function market(db: Db) {
  const sme = await createTestUser(db, { role: 'sme' });
  const otherSme = await createTestUser(db, { role: 'sme' });
  const bareSme = await createTestUser(db, { role: 'sme' }); // no enterprise profile
  const provider = await createTestUser(db, { role: 'provider' });
  const otherProvider = await createTestUser(db, { role: 'provider' });
  const official = await createTestUser(db, { role: 'official', prefecture: '5106' });
  const otherOfficial = await createTestUser(db, { role: 'official', prefecture: '5101' });
  const provincial = await createTestUser(db, { role: 'official', prefecture: null });
  const admin = await createTestUser(db, { role: 'admin' });
  const enterpriseId = insertEnterprise(db, sme.id, '5106');
  const otherEnterpriseId = insertEnterprise(db, otherSme.id, '5101');
  const providerId = insertProvider(db, provider.id);
  const otherProviderId = insertProvider(db, otherProvider.id);
  const offering = insertOffering(db, providerId);
  const otherOffering = insertOffering(db, otherProviderId);
  return {
    sme,
    otherSme,
    bareSme,
    provider,
    otherProvider,
    official,
    otherOfficial,
    provincial,
    admin,
    enterpriseId,
    otherEnterpriseId,
    providerId,
    otherProviderId,
    offering,
    otherOffering,
    providerKey: providerKey(db, providerId),
    otherProviderKey: providerKey(db, otherProviderId),
    prefectureKey: prefectureKey(db, '5106'),
  };
}

export const today = () => todayInChina(new Date());
export function daysFromToday(days: number) {
  return todayInChina(new Date(Date.now() + days * 24 * 3600 * 1000));
}

export function requestBody(offeringId: string, overrides: Record<string, unknown> = {}) {
  return { offeringId, message: '我们需要一套车间排产系统，约 30 人使用。', contact: 'in-app', ...overrides };
}

export function quoteBody(overrides: Record<string, unknown> = {}) {
  return {
    priceFen: 120000,
    billing: 'month',
    terms: '含部署与培训',
    validUntil: daysFromToday(14),
    ...overrides,
  };
}

export interface CallOpts {
  cookie?: string;
  bearer?: string;
  body?: unknown;
  raw?: string;
  /** Defaults to our own origin for a cookie write; null leaves the header out. */
  origin?: string | null;
  contentType?: string;
  idempotencyKey?: string;
}

function request(method: string, path: string, o: CallOpts) {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.Cookie = o.cookie;
  if (o.bearer) headers.Authorization = `Bearer ${o.bearer}`;
  if (method !== 'GET') {
    headers['Content-Type'] = o.contentType ?? 'application/json';
    if (o.origin !== null) headers.Origin = o.origin ?? 'http://localhost';
  }
  if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey;
  const body = method === 'GET' ? undefined : (o.raw ?? JSON.stringify(o.body ?? {}));
  return new Request(new URL(path, 'http://localhost').href, { method, headers, body });
}

async function answer(response: unknown) {
  const r = response as Response;
  return { status: r.status, headers: r.headers, body: (await r.json()) as any };
}

/** The marketplace request/quote endpoints, called through their route modules. */
export const api = {
  createRequest: (o: CallOpts) =>
    apiRequests.action(routeArgs(request('POST', '/api/requests', o))).then(answer),
  listRequests: (query: string, o: CallOpts) =>
    apiRequests.loader(routeArgs(request('GET', `/api/requests${query}`, o))).then(answer),
  getRequest: (id: string, o: CallOpts) =>
    apiRequest.loader(routeArgs(request('GET', `/api/requests/${id}`, o), { requestId: id })).then(answer),
  message: (id: string, o: CallOpts) =>
    apiMessages
      .action(routeArgs(request('POST', `/api/requests/${id}/messages`, o), { requestId: id }))
      .then(answer),
  withdraw: (id: string, o: CallOpts) =>
    apiWithdraw
      .action(routeArgs(request('POST', `/api/requests/${id}/withdraw`, o), { requestId: id }))
      .then(answer),
  quote: (id: string, o: CallOpts) =>
    apiQuotes
      .action(routeArgs(request('POST', `/api/requests/${id}/quotes`, o), { requestId: id }))
      .then(answer),
  accept: (id: string, o: CallOpts) =>
    apiQuoteAccept
      .action(routeArgs(request('POST', `/api/quotes/${id}/accept`, o), { quoteId: id }))
      .then(answer),
  decline: (id: string, o: CallOpts) =>
    apiQuoteDecline
      .action(routeArgs(request('POST', `/api/quotes/${id}/decline`, o), { quoteId: id }))
      .then(answer),
  leads: (query: string, o: CallOpts) =>
    apiLeads.loader(routeArgs(request('GET', `/api/leads${query}`, o))).then(answer),
  createOrder: (o: CallOpts) => apiOrders.action(routeArgs(request('POST', '/api/orders', o))).then(answer),
};

/** Moves a request's creation back in time (the 30-day rule and the inbox's order depend on it). */
export function backdate(db: Db, requestId: string, createdAt: Date) {
  db.update(serviceRequests)
    .set({ createdAt: createdAt.toISOString() })
    .where(eq(serviceRequests.id, requestId))
    .run();
}
