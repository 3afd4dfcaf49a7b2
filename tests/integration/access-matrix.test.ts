// The access matrix (issue 11; README "Access policy"): every route file's loader and action asked by
// every kind of caller, each answer written down. The routes are read from app/routes, so a route
// added without a row fails the first test. The world (access-matrix-world.ts) gives every record
// to side A — SME A's enterprise in 成都 5101, provider A — so SME B, provider B and the 绵阳 5107
// official are the strangers; the provincial official sees everything officials see; the admin runs
// accounts only.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../setup/test-db';
import { todayInChina } from '../../app/domain/adoption-dates';
import { newId } from '../../app/utils/ids';
import { enqueueJob } from '../../app/models/background-jobs.server';
import { eventBody, uscc } from './adoption-fixtures';
import {
  answerOf,
  paramNamesOf,
  routeIds,
  routeModule,
  type CellInput,
  type Method,
} from './access-matrix-harness';
import { ACTORS, buildAccessWorld, KEY_ACTORS, type AccessWorld, type Actor } from './access-matrix-world';

const db = useTestDatabase();
let w: AccessWorld;
beforeAll(async () => {
  w = await buildAccessWorld(db());
});

type Input = Partial<CellInput>;
interface Row {
  /** One answer per actor, in the order of ACTORS (and KEY_ACTORS on the JSON API's rows). */
  GET: string;
  POST: string;
  /** Ids other than the defaults, for GET and POST (e.g. a disputed order for the dispute page). */
  params?: (w: AccessWorld) => Record<string, string>;
  /** The GET's query string. */
  query?: string;
  /**
   * What each POST cell sends, made afresh for every cell (a new order, request, review, key …) so
   * that one actor's accepted write does not change the next actor's cell. Absent: an empty body.
   */
  post?: (w: AccessWorld) => Input | Promise<Input>;
}

// Tokens: an HTTP status; L = redirected to the login page; 405 = the route has no action (Remix
// answers 405), GET of a route without a loader: 200 for a page (it renders), 400 for a resource route.
// Rows are the route files of app/routes, by name. An empty POST body is enough where the role
// check comes first; where a route names a record in its body, the body names side A's record.
const MATRIX: Record<string, Row> = {
  // Each string, in order: anon smeA smeB provA provB off5101 off5107 offProv admin (+ keyProvA key5101 on api.*).
  $: { GET: '404 404 404 404 404 404 404 404 404', POST: '405 405 405 405 405 405 405 405 405' },
  _index: { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'account.forgot': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '400 400 400 400 400 400 400 400 400',
  },
  // Personal data (issue 13): every signed-in account reads and downloads its own, and nobody else's
  // (no id in the URL). Deletion is the SME's and the provider's; staff accounts cannot delete
  // themselves (403). An empty form is refused before anything is checked or erased.
  'account.data': { GET: 'L 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'account.data[.]zip': { GET: 'L 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'account.delete': { GET: 'L 200 200 200 200 200 200 200 200', POST: 'L 400 400 400 400 403 403 403 403' },
  'account.password': { GET: 'L 200 200 200 200 200 200 200 200', POST: 'L 400 400 400 400 400 400 400 400' },
  'account.reset': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '400 400 400 400 400 400 400 400 400',
  },
  // POST logs the account out everywhere and then shows the login page: L for everyone, for two reasons.
  'account.sessions': { GET: '302 302 302 302 302 302 302 302 302', POST: 'L L L L L L L L L' },
  admin: { GET: 'L 403 403 403 403 403 403 403 200', POST: '405 405 405 405 405 405 405 405 405' },
  'admin._index': {
    GET: 'L 403 403 403 403 403 403 403 200',
    POST: 'L 403 403 403 403 403 403 403 200',
    post: async (w) => ({ body: { intent: 'suspend', userId: await w.newAccount() } }),
  },
  'admin.users.new': { GET: 'L 403 403 403 403 403 403 403 200', POST: 'L 403 403 403 403 403 403 403 400' },
  // The adoption API takes API keys only (formats/adoption-events.md): a session cookie is no credential there.
  'api.adoption-events': {
    GET: '405 405 405 405 405 405 405 405 405 405 405',
    POST: '401 401 401 401 401 401 401 401 401 201 201',
    post: (w) => ({
      body: eventBody({ offeringExternalId: w.offeringA }),
      headers: { 'Idempotency-Key': newId() },
    }),
  },
  'api.adoption-events.batch': {
    GET: '405 405 405 405 405 405 405 405 405 405 405',
    POST: '401 401 401 401 401 401 401 401 401 200 200',
    post: (w) => ({
      body: { events: [{ idempotencyKey: newId(), ...eventBody({ offeringExternalId: w.offeringA }) }] },
    }),
  },
  // A background job (issue 12): the 成都 official's report upload, followed by its uploader and the
  // provincial official; API keys have no jobs (403); anyone else 404.
  'api.jobs.$jobId': {
    GET: '401 404 404 404 404 200 404 200 404 403 403',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
    params: (w) => ({ jobId: jobsOf(w).report }),
  },
  'api.counter': {
    GET: '200 200 200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  'api.docs': {
    GET: '200 200 200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  'api.leads': {
    GET: '401 403 403 200 200 403 403 403 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  // Public, personalised for a signed-in SME; anyone else must send a profile (422 without one).
  'api.matches': {
    GET: '422 200 200 422 422 422 422 422 422 422 422',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  // The benchmark's baseline: answers "ok" to everyone, reads nothing.
  'api.noop': {
    GET: '200 200 200 200 200 200 200 200 200 200 200',
    POST: '200 200 200 200 200 200 200 200 200 200 200',
  },
  'api.openapi[.]json': {
    GET: '200 200 200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  // Lists: every signed-in role reads its own slice (an admin an empty one); a prefecture key calls nothing here.
  'api.orders': {
    GET: '401 200 200 200 200 200 200 200 200 200 403',
    POST: '401 201 201 403 403 403 403 403 403 403 403',
    post: (w) => ({ body: { offeringId: w.offeringA, planId: w.pricedPlanA } }),
  },
  'api.orders.$orderId': {
    GET: '401 200 404 200 404 200 404 200 404 200 403',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  'api.orders.$orderId.cancel': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 200 404 403 403 403 403 200 403',
    post: (w) => ({ params: { orderId: w.newOrder() } }),
  },
  // Online payment is not configured in this world: 404 for every caller who may pay at all.
  'api.orders.$orderId.checkout': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 404 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { orderId: w.newOrder() } }),
  },
  'api.orders.$orderId.confirm': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { orderId: w.newOrder('delivered') } }),
  },
  'api.orders.$orderId.delivered': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 403 403 200 404 403 403 403 403 200 403',
    post: (w) => ({
      params: { orderId: w.newOrder('paid') },
      body: { deployedOn: todayInChina(new Date()) },
    }),
  },
  'api.orders.$orderId.dispute': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 403 403 403 403 403 403 403 403',
    post: (w) => ({
      params: { orderId: w.newOrder('delivered') },
      body: { reason: '服务没有上线，无法登录系统' },
    }),
  },
  'api.orders.$orderId.dispute-decision': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 403 403 403 403 200 404 200 403 403 403',
    post: (w) => ({
      params: { orderId: w.newOrder('disputed') },
      body: { for: 'provider', reason: '双方记录一致，已上线' },
    }),
  },
  'api.orders.$orderId.payment-received': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 403 403 200 404 403 403 403 403 200 403',
    post: (w) => ({ params: { orderId: w.newOrder() }, body: { transferReference: 'ICBC-20261206-0001' } }),
  },
  'api.orders.$orderId.refund': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 403 403 200 404 403 403 403 403 200 403',
    post: (w) => ({ params: { orderId: w.newOrder('paid') }, body: { reference: 'RF-0001' } }),
  },
  'api.orders.$orderId.voucher': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { orderId: w.newOrder() }, body: { voucherProgrammeId: w.programme } }),
  },
  'api.quotes.$quoteId.accept': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 201 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { quoteId: w.newRequest().quoteId } }),
  },
  'api.quotes.$quoteId.decline': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { quoteId: w.newRequest().quoteId } }),
  },
  'api.requests': {
    GET: '401 200 200 200 200 200 200 200 200 200 403',
    POST: '401 201 201 403 403 403 403 403 403 403 403',
    post: (w) => ({
      body: {
        offeringId: w.offeringA,
        message: '我们需要一套车间排产系统，约 30 人使用。',
        contact: 'in-app',
      },
    }),
  },
  'api.requests.$requestId': {
    GET: '401 200 404 200 404 200 404 200 404 200 403',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  'api.requests.$requestId.messages': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 201 404 201 404 403 403 403 403 201 403',
    post: (w) => ({
      params: { requestId: w.newRequest().requestId },
      body: { body: '补充：需要支持移动端。' },
    }),
  },
  'api.requests.$requestId.quotes': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 403 403 201 404 403 403 403 403 201 403',
    post: (w) => ({
      params: { requestId: w.newRequest({ quoted: false }).requestId },
      body: { priceFen: 120000, billing: 'month', terms: '含部署与培训', validUntil: '2099-12-31' },
    }),
  },
  'api.requests.$requestId.withdraw': {
    GET: '400 400 400 400 400 400 400 400 400 400 400',
    POST: '401 200 404 403 403 403 403 403 403 403 403',
    post: (w) => ({ params: { requestId: w.newRequest().requestId } }),
  },
  'api.search': {
    GET: '200 200 200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405 405 405',
  },
  // The offering page's forms (request a quote, order a plan) are an SME's.
  'catalog.$offeringId': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: 'L 400 400 403 403 403 403 403 403',
  },
  'catalog._index': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'catalog.fit': { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'charts.counter.$chart': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'charts.sichuan[.]json': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  enterprise: { GET: 'L 200 200 403 403 403 403 403 403', POST: '405 405 405 405 405 405 405 405 405' },
  'enterprise._index': {
    GET: 'L 200 200 403 403 403 403 403 403',
    POST: 'L 400 400 403 403 403 403 403 403',
  },
  'enterprise.deployments': {
    GET: 'L 200 200 403 403 403 403 403 403',
    POST: 'L 302 404 403 403 403 403 403 403',
    post: (w) => ({ body: { intent: 'confirm', eventId: w.newDeployment() } }),
  },
  'enterprise.matches': {
    GET: 'L 200 200 403 403 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'enterprise.orders.$orderId': {
    GET: 'L 200 404 403 403 403 403 403 403',
    POST: 'L 302 404 403 403 403 403 403 403',
    post: (w) => ({ params: { orderId: w.newOrder() }, body: { intent: 'cancel' } }),
  },
  'enterprise.orders._index': {
    GET: 'L 200 200 403 403 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'enterprise.requests.$requestId': {
    GET: 'L 200 404 403 403 403 403 403 403',
    POST: 'L 302 404 403 403 403 403 403 403',
    post: (w) => ({
      params: { requestId: w.newRequest().requestId },
      body: { intent: 'message', body: '补充：需要支持移动端。' },
    }),
  },
  'enterprise.requests._index': {
    GET: 'L 200 200 403 403 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  healthz: { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  // The plain-language help (issue 13): public pages, the same for everyone.
  'help._index': { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'help.levels': { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'help.orders': { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  'help.vouchers': { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  // A language's messages, which every page fetches before hydrating (issue 13): public, the same for all.
  'i18n.$locale': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
    params: () => ({ locale: 'zh-CN' }),
  },
  lang: { GET: '302 302 302 302 302 302 302 302 302', POST: '302 302 302 302 302 302 302 302 302' },
  // The 大字版 switch (issue 13), like the language's: anyone, back to the page (an empty form changes nothing).
  display: { GET: '302 302 302 302 302 302 302 302 302', POST: '302 302 302 302 302 302 302 302 302' },
  login: { GET: '200 302 302 302 302 302 302 302 302', POST: '400 400 400 400 400 400 400 400 400' },
  logout: { GET: '302 302 302 302 302 302 302 302 302', POST: '302 302 302 302 302 302 302 302 302' },
  // SME A's notification: opening it sends SME A on to its link; anyone else's answer is 404.
  'notifications.$id': {
    GET: 'L 302 404 404 404 404 404 404 404',
    POST: 'L 302 404 404 404 404 404 404 404',
  },
  'notifications._index': {
    GET: 'L 200 200 200 200 200 200 200 200',
    POST: 'L 400 400 400 400 400 400 400 400',
  },
  official: { GET: 'L 403 403 403 403 200 200 200 403', POST: '405 405 405 405 405 405 405 405 405' },
  'official._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.adoption': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.adoption._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.adoption.events.$eventId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    post: () => ({ body: { intent: 'verify' } }),
  },
  'official.adoption.fraud': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    post: (w) => ({
      body: { targetType: 'enterprise', uscc: w.newChengduEnterprise(), reason: '虚报上云，核查属实' },
    }),
  },
  'official.adoption.keys': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    post: (w) => ({
      body: { intent: 'revoke', keyId: w.newKeyId({ kind: 'prefecture', prefecture: '5101' }) },
    }),
  },
  'official.adoption.upload_.$jobId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    params: (w) => ({ jobId: jobsOf(w).report }),
  },
  'official.adoption.upload': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 400 400 400 403',
  },
  'official.campaigns.$campaignId': {
    GET: 'L 403 403 403 403 403 403 200 403',
    POST: 'L 403 403 403 403 403 403 400 403',
  },
  'official.campaigns._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.campaigns.new': {
    GET: 'L 403 403 403 403 403 403 200 403',
    POST: 'L 403 403 403 403 403 403 400 403',
  },
  // Views by prefecture, asked for 成都: its own official and the province see it, 绵阳's is refused.
  'official.dashboard': {
    GET: 'L 403 403 403 403 200 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    query: '?prefecture=5101',
  },
  'official.dashboard_.enterprises': {
    GET: 'L 403 403 403 403 200 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    query: '?prefecture=5101',
  },
  'official.dashboard_.export.$table': {
    GET: 'L 403 403 403 403 200 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    query: '?prefecture=5101',
  },
  'official.disputes.$orderId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    params: (w) => ({ orderId: w.disputedOrder }),
    post: (w) => ({
      params: { orderId: w.newOrder('disputed') },
      body: { for: 'provider', reason: '双方记录一致，已上线' },
    }),
  },
  'official.disputes._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.enterprises': {
    GET: 'L 403 403 403 403 200 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    query: '?prefecture=5101',
  },
  'official.offerings.$offeringId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 400 404 400 403',
  },
  'official.offerings._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.payments': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    post: (w) => ({ body: { orderId: w.newFlaggedPayment(), resolution: '已核对银行流水，金额无误' } }),
  },
  'official.providers.$providerId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 400 404 400 403',
  },
  'official.providers._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.queue': { GET: 'L 403 403 403 403 200 200 200 403', POST: '405 405 405 405 405 405 405 405 405' },
  'official.report': {
    GET: 'L 403 403 403 403 200 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
    query: '?prefecture=5101',
  },
  'official.reviews': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 302 404 302 403',
    post: (w) => ({ body: { intent: 'hide', reviewId: w.newReview(), reason: '含有联系方式' } }),
  },
  'official.revisions.$revisionId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 400 404 400 403',
  },
  'official.search-misses': {
    GET: 'L 403 403 403 403 403 403 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.synonyms': {
    GET: 'L 403 403 403 403 403 403 200 403',
    POST: 'L 403 403 403 403 403 403 400 403',
  },
  // A 成都 programme: 绵阳's official may not know it exists.
  'official.vouchers.$programmeId': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: 'L 403 403 403 403 400 404 400 403',
  },
  'official.vouchers.$programmeId_.report[.]csv': {
    GET: 'L 403 403 403 403 200 404 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.vouchers._index': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'official.vouchers.new': {
    GET: 'L 403 403 403 403 200 200 200 403',
    POST: 'L 403 403 403 403 400 400 400 403',
  },
  'open-data.counter[.]csv': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  // The notice is public; accepting it needs an account (an empty form: 400).
  privacy: { GET: '200 200 200 200 200 200 200 200 200', POST: 'L 400 400 400 400 400 400 400 400' },
  progress: { GET: '200 200 200 200 200 200 200 200 200', POST: '405 405 405 405 405 405 405 405 405' },
  provider: { GET: 'L 403 403 200 200 403 403 403 403', POST: '405 405 405 405 405 405 405 405 405' },
  'provider._index': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.analytics': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.analytics[.]csv': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.api-keys': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: 'L 403 403 302 404 403 403 403 403',
    post: (w) => ({
      body: { intent: 'revoke', keyId: w.newKeyId({ kind: 'provider', providerId: w.providerA }) },
    }),
  },
  'provider.deployments._index': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  // Provider B may not report a deployment of provider A's offering (a field error on the offering).
  'provider.deployments.new': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: 'L 403 403 302 400 403 403 403 403',
    post: (w) => ({
      body: {
        offeringId: w.offeringA,
        uscc: uscc(),
        enterpriseName: '成都测试精密机械有限公司',
        prefecture: '5101',
        industry: '34',
        occurredOn: todayInChina(new Date()),
      },
    }),
  },
  'provider.import': { GET: 'L 403 403 200 200 403 403 403 403', POST: 'L 403 403 400 400 403 403 403 403' },
  // Provider A's catalog file being imported: provider A's account only.
  'provider.import_.$jobId': {
    GET: 'L 403 403 200 404 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
    params: (w) => ({ jobId: jobsOf(w).catalog }),
  },
  'provider.import.template[.]json': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.leads.$requestId': {
    GET: 'L 403 403 200 404 403 403 403 403',
    POST: 'L 403 403 302 404 403 403 403 403',
    post: (w) => ({
      params: { requestId: w.newRequest().requestId },
      body: { intent: 'message', body: '您好，可以安排演示。' },
    }),
  },
  'provider.leads._index': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.offerings.$offeringId': {
    GET: 'L 403 403 200 404 403 403 403 403',
    POST: 'L 403 403 400 404 403 403 403 403',
  },
  'provider.offerings._index': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.offerings.new': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: 'L 403 403 400 400 403 403 403 403',
  },
  'provider.orders.$orderId': {
    GET: 'L 403 403 200 404 403 403 403 403',
    POST: 'L 403 403 302 404 403 403 403 403',
    post: (w) => ({
      params: { orderId: w.newOrder() },
      body: { intent: 'payment-received', transferReference: 'ICBC-20261206-0001' },
    }),
  },
  'provider.orders._index': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'provider.organisation': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: 'L 403 403 400 400 403 403 403 403',
  },
  'provider.reviews': {
    GET: 'L 403 403 200 200 403 403 403 403',
    POST: 'L 403 403 302 404 403 403 403 403',
    post: (w) => ({ body: { reviewId: w.newReview(), answer: '感谢您的评价！' } }),
  },
  'providers.$providerId': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'signup._index': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '405 405 405 405 405 405 405 405 405',
  },
  'signup.provider': {
    GET: '200 200 200 200 200 200 200 200 200',
    POST: '400 400 400 400 400 400 400 400 400',
  },
  'signup.sme': { GET: '200 200 200 200 200 200 200 200 200', POST: '400 400 400 400 400 400 400 400 400' },
  // Stripe is not configured in this world: the webhook does not exist (404); it has no loader.
  'webhooks.stripe': {
    GET: '400 400 400 400 400 400 400 400 400',
    POST: '404 404 404 404 404 404 404 404 404',
  },
};

/** Side A's background jobs (no runner here: they stay queued). */
const worldJobs = new WeakMap<AccessWorld, { report: string; catalog: string }>();
function jobsOf(w: AccessWorld) {
  let made = worldJobs.get(w);
  if (!made) {
    made = {
      report: enqueueJob(w.db, {
        kind: 'adoption-report',
        params: { fileName: 'chengdu.csv', scope: '5101' },
        createdByUserId: w.people.off5101.id,
      }),
      catalog: enqueueJob(w.db, {
        kind: 'catalog-import',
        params: { fileName: 'catalog.json', format: 'json', providerId: w.providerA },
        createdByUserId: w.people.provA.id,
      }),
    };
    worldJobs.set(w, made);
  }
  return made;
}

function defaultParams(w: AccessWorld): Record<string, string> {
  return {
    offeringId: w.offeringA,
    requestId: w.request.requestId,
    quoteId: w.request.quoteId,
    orderId: w.order,
    providerId: w.providerA,
    eventId: w.eventId,
    revisionId: w.revisionId,
    programmeId: w.programme,
    campaignId: w.campaign,
    id: String(w.notification),
    chart: 'cluster',
    table: 'prefecture',
    '*': 'no-such-page',
  };
}

async function rowAnswers(id: string, method: Method, actors: readonly Actor[]) {
  const row = MATRIX[id];
  const mod = await routeModule(id);
  const names = paramNamesOf(id);
  const out: string[] = [];
  for (const actor of actors) {
    const extra: Input = method === 'POST' ? ((await row?.post?.(w)) ?? {}) : { query: row?.query };
    const all = { ...defaultParams(w), ...row?.params?.(w), ...extra.params };
    const params = Object.fromEntries(names.map((n) => [n, all[n]!]));
    out.push(await answerOf(w, mod, id, method, actor, { ...extra, params }));
  }
  return out;
}

const actorsOf = (id: string): readonly Actor[] =>
  id.startsWith('api.') ? [...ACTORS, ...KEY_ACTORS] : ACTORS;

describe('who may do what: every route × every actor', () => {
  it('has a row for every route file, and no row for a route that is gone', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routeIds());
  });
  for (const id of Object.keys(MATRIX)) {
    it(id, async () => {
      const actors = actorsOf(id);
      for (const method of ['GET', 'POST'] as const) {
        const expected = MATRIX[id]![method].split(/\s+/);
        expect(expected, `${method} needs one answer per actor (${actors.join(' ')})`).toHaveLength(
          actors.length,
        );
        const actual = await rowAnswers(id, method, actors);
        expect(Object.fromEntries(actors.map((a, i) => [a, actual[i]])), method).toEqual(
          Object.fromEntries(actors.map((a, i) => [a, expected[i]])),
        );
      }
    });
  }
});
