/**
 * Requests (询价), leads and quotes (报价): docs/formats/marketplace-api.md, "Requests (询价) and
 * quotes". Bodies are the zod schemas of app/schemas/requests.ts.
 */
import { z } from 'zod';
import {
  CONTACT_PREFERENCES,
  DeclineApiSchema,
  MessageApiSchema,
  QUOTE_BILLINGS,
  QuoteApiSchema,
  RequestApiSchema,
  RequestListQuerySchema,
} from '~/schemas/requests';
import { EX } from './example-world';
import { marketplaceErrors, sessionWrite } from './marketplace.server';
import { dateMeta, documented, idParam, writeHeaders, type ApiOperation } from './operation.server';
import {
  LeadListSchema,
  MessageCreatedSchema,
  QuoteAcceptedSchema,
  QuoteCreatedSchema,
  QuoteDeclinedSchema,
  RequestCreatedSchema,
  RequestListSchema,
  RequestThreadSchema,
  RequestWithdrawnSchema,
} from './responses.server';

const ListQuery = documented(RequestListQuerySchema, {
  status: {
    description:
      '按状态筛选：new（新询价）→ replied（已回复）→ quoted（已报价）→ won（成交）；lost（撤回或 30 天未回复）',
  },
  page: { description: '页码，从 1 开始；每页 100 条' },
});

const RequestBody = documented(RequestApiSchema, {
  offeringId: { description: '产品 ID', example: EX.offeringId },
  planId: { description: '感兴趣的套餐 ID（可选）' },
  message: { description: '需求说明，10–2000 个字符（也是询价的第一条消息）' },
  budgetFen: { description: '预算（分）' },
  wantedBy: dateMeta('希望开始使用的日期，不早于今天', '2027-03-01'),
  contact: {
    description: `希望的联系方式：${CONTACT_PREFERENCES.join('、')}`,
    override: { enum: [...CONTACT_PREFERENCES] },
  },
});

const QuoteBody = documented(QuoteApiSchema, {
  priceFen: { description: '报价（分），一个计费周期的价格' },
  billing: { description: `计费周期：${QUOTE_BILLINGS.join('、')}`, override: { enum: [...QUOTE_BILLINGS] } },
  terms: { description: '条款说明，最多 2000 个字符' },
  validUntil: dateMeta('报价有效期（含当天），不早于今天', '2027-06-30'),
});

const requestPath = z.object({ requestId: idParam('询价', EX.request.fresh) });
const quotePath = z.object({ quoteId: idParam('报价', EX.quote.open) });

export const requestOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/requests',
    route: 'api.requests.ts',
    operationId: 'listRequests',
    tag: '询价与报价 Requests & quotes',
    summary: '列出调用者可见的询价',
    description:
      'SME：本企业的询价；服务商（会话或 API 密钥）：本机构产品的询价；官员：辖区内企业的询价（只读）；管理员：空列表。',
    security: ['session', 'providerKey'],
    roles: 'SME、服务商、官员、管理员',
    query: ListQuery,
    responses: {
      200: { description: '询价列表', schema: RequestListSchema },
      ...marketplaceErrors([401, 403, 422]),
    },
    examples: [
      { name: 'mine', summary: 'SME 查看自己的询价', caller: 'sme', status: 200 },
      { name: 'badStatus', summary: '不存在的状态', caller: 'sme', query: { status: 'open' }, status: 422 },
      { name: 'anonymous', summary: '未登录', caller: 'anonymous', status: 401 },
    ],
  },
  {
    method: 'post',
    path: '/api/requests',
    route: 'api.requests.ts',
    operationId: 'createRequest',
    limits: ['requestCreate'],
    tag: '询价与报价 Requests & quotes',
    summary: 'SME 向服务商询价',
    description:
      '创建状态为 new 的询价，并通知服务商。尚未填写企业资料的 SME 账号返回 409（status: no_enterprise_profile）。',
    security: ['session'],
    roles: 'SME',
    headers: writeHeaders,
    body: RequestBody,
    responses: {
      201: { description: '已创建', schema: RequestCreatedSchema },
      ...marketplaceErrors([401, 403, 409, 413, 422]),
    },
    examples: [
      {
        name: 'ask',
        summary: '询价',
        caller: 'sme',
        headers: sessionWrite,
        body: {
          offeringId: EX.offeringId,
          planId: EX.pricedPlanId,
          message: '我们需要一套车间排产系统，约 30 人使用。',
          budgetFen: 200000,
          contact: 'in-app',
        },
        status: 201,
        response: { id: 'reqexample000001', status: 'new' },
      },
      {
        name: 'tooShort',
        summary: '需求说明太短、缺少联系方式',
        caller: 'sme',
        headers: sessionWrite,
        body: { offeringId: EX.offeringId, message: '要报价' },
        status: 422,
        response: {
          errors: [
            { path: 'message', code: 'too_small', message: '至少需要 10 个字符' },
            { path: 'contact', code: 'required', message: '此项为必填项' },
          ],
        },
      },
      {
        name: 'noProfile',
        summary: '尚未填写企业资料',
        caller: 'sme-without-profile',
        headers: sessionWrite,
        body: {
          offeringId: EX.offeringId,
          message: '我们需要一套车间排产系统，约 30 人使用。',
          contact: 'email',
        },
        status: 409,
        response: {
          errors: [
            { path: '', code: 'no_enterprise_profile', message: '请先完善企业信息，再申请服务或下单' },
          ],
          status: 'no_enterprise_profile',
        },
      },
      {
        name: 'crossSite',
        summary: '别的网站借用户的 Cookie 发起的请求（没有同源的 Origin / Sec-Fetch-Site）',
        caller: 'sme',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body: {
          offeringId: EX.offeringId,
          message: '我们需要一套车间排产系统，约 30 人使用。',
          contact: 'email',
        },
        status: 403,
        response: {
          errors: [
            { path: '', code: 'cross_site', message: '跨站请求已被拒绝：请从云桥页面提交，并使用 JSON 格式' },
          ],
        },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/requests/{requestId}',
    route: 'api.requests.$requestId.ts',
    operationId: 'getRequest',
    tag: '询价与报价 Requests & quotes',
    summary: '一个询价：消息、报价和历史',
    description: '询价的 SME、产品的服务商（会话或密钥）或辖区内的官员可见；其他人（包括管理员）得到 404。',
    security: ['session', 'providerKey'],
    roles: 'SME、服务商、官员',
    pathParams: requestPath,
    responses: {
      200: { description: '询价', schema: RequestThreadSchema },
      ...marketplaceErrors([401, 403, 404]),
    },
    examples: [
      {
        name: 'thread',
        summary: '服务商查看询价',
        caller: 'provider-key',
        params: { requestId: EX.request.quoted },
        status: 200,
      },
      {
        name: 'unknown',
        summary: '不存在（或无权查看）的询价',
        caller: 'sme',
        params: { requestId: EX.request.unknown },
        status: 404,
      },
    ],
  },
  {
    method: 'post',
    path: '/api/requests/{requestId}/messages',
    route: 'api.requests.$requestId.messages.ts',
    operationId: 'postRequestMessage',
    limits: ['requestMessage'],
    tag: '询价与报价 Requests & quotes',
    summary: '在询价中留言',
    description: '双方都可留言（官员只读）。服务商的第一条消息使询价从 new 变为 replied。',
    security: ['session', 'providerKey'],
    roles: 'SME、服务商',
    pathParams: requestPath,
    headers: writeHeaders,
    body: documented(MessageApiSchema, { body: { description: '消息，1–2000 个字符' } }),
    responses: {
      201: { description: '已发送', schema: MessageCreatedSchema },
      ...marketplaceErrors([401, 403, 404, 409, 413, 422]),
    },
    examples: [
      {
        name: 'reply',
        summary: '服务商（API 密钥）回复',
        caller: 'provider-key',
        params: { requestId: EX.request.fresh },
        headers: { 'Content-Type': 'application/json' },
        body: { body: '您好，可以安排下周上门调研。' },
        status: 201,
        response: {
          from: 'provider',
          body: '您好，可以安排下周上门调研。',
          at: '2026-12-08T03:12:45.120Z',
          requestStatus: 'replied',
        },
      },
      {
        name: 'empty',
        summary: '空消息',
        caller: 'sme',
        params: { requestId: EX.request.fresh },
        headers: sessionWrite,
        body: { body: '  ' },
        status: 422,
      },
    ],
  },
  {
    method: 'post',
    path: '/api/requests/{requestId}/withdraw',
    route: 'api.requests.$requestId.withdraw.ts',
    operationId: 'withdrawRequest',
    tag: '询价与报价 Requests & quotes',
    summary: 'SME 撤回询价',
    description: '询价变为 lost（原因 withdrawn）。已成交（won）或已失效（lost）的询价返回 409。',
    security: ['session'],
    roles: 'SME',
    pathParams: requestPath,
    headers: writeHeaders,
    responses: {
      200: { description: '已撤回', schema: RequestWithdrawnSchema },
      ...marketplaceErrors([401, 403, 404, 409]),
    },
    examples: [
      {
        name: 'withdraw',
        summary: '撤回',
        caller: 'sme',
        params: { requestId: EX.request.toWithdraw },
        headers: sessionWrite,
        status: 200,
        response: { id: EX.request.toWithdraw, status: 'lost' },
      },
      {
        name: 'alreadyWon',
        summary: '已成交的询价',
        caller: 'sme',
        params: { requestId: EX.request.won },
        headers: sessionWrite,
        status: 409,
        response: {
          errors: [{ path: '', code: 'invalid_state', message: '当前状态（已成交）下不能执行此操作' }],
          status: 'won',
        },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/leads',
    route: 'api.leads.ts',
    operationId: 'listLeads',
    tag: '询价与报价 Requests & quotes',
    summary: '服务商的商机（leads）',
    description: '本机构产品收到的询价，未回复的在前，最早的在前；每页 100 条。',
    security: ['session', 'providerKey'],
    roles: '服务商',
    query: ListQuery,
    responses: {
      200: { description: '商机列表', schema: LeadListSchema },
      ...marketplaceErrors([401, 403, 422]),
    },
    examples: [
      { name: 'new', summary: '新询价', caller: 'provider-key', query: { status: 'new' }, status: 200 },
      { name: 'notProvider', summary: 'SME 调用服务商接口', caller: 'sme', status: 403 },
    ],
  },
  {
    method: 'post',
    path: '/api/requests/{requestId}/quotes',
    route: 'api.requests.$requestId.quotes.ts',
    operationId: 'createQuote',
    tag: '询价与报价 Requests & quotes',
    summary: '服务商报价',
    description: '询价为 new、replied 或 quoted 时可以报价；询价变为 quoted。',
    security: ['session', 'providerKey'],
    roles: '服务商',
    pathParams: requestPath,
    headers: writeHeaders,
    body: QuoteBody,
    responses: {
      201: { description: '已报价', schema: QuoteCreatedSchema },
      ...marketplaceErrors([401, 403, 404, 409, 413, 422]),
    },
    examples: [
      {
        name: 'quote',
        summary: '按月报价',
        caller: 'provider-key',
        params: { requestId: EX.request.fresh },
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'crm-quote-0001' },
        body: { priceFen: 120000, billing: 'month', terms: '含部署与培训', validUntil: '2099-12-31' },
        status: 201,
        response: { id: 'quoexample000001', status: 'open' },
      },
      {
        name: 'pastDate',
        summary: '有效期已过',
        caller: 'provider-key',
        params: { requestId: EX.request.fresh },
        headers: { 'Content-Type': 'application/json' },
        body: { priceFen: 120000, billing: 'month', validUntil: '2020-01-01' },
        status: 422,
        response: { errors: [{ path: 'validUntil', code: 'date_in_past', message: '日期不能早于今天' }] },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/quotes/{quoteId}/accept',
    route: 'api.quotes.$quoteId.accept.ts',
    operationId: 'acceptQuote',
    tag: '询价与报价 Requests & quotes',
    summary: 'SME 接受报价，生成订单',
    description:
      '生成订单（金额为报价的一个计费周期），询价变为 won，同一询价的其他 open 报价变为 declined。已过期、已拒绝或已接受的报价返回 409。',
    security: ['session'],
    roles: 'SME',
    pathParams: quotePath,
    headers: writeHeaders,
    responses: {
      201: { description: '订单已生成', schema: QuoteAcceptedSchema },
      ...marketplaceErrors([401, 403, 404, 409]),
    },
    examples: [
      {
        name: 'accept',
        summary: '接受报价',
        caller: 'sme',
        params: { quoteId: EX.quote.open },
        headers: sessionWrite,
        status: 201,
        response: { orderId: 'ordexample000001' },
      },
      {
        name: 'expired',
        summary: '报价已过期',
        caller: 'sme',
        params: { quoteId: EX.quote.expired },
        headers: sessionWrite,
        status: 409,
        response: {
          errors: [{ path: '', code: 'invalid_state', message: '当前状态（已过期）下不能执行此操作' }],
          status: 'expired',
        },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/quotes/{quoteId}/decline',
    route: 'api.quotes.$quoteId.decline.ts',
    operationId: 'declineQuote',
    tag: '询价与报价 Requests & quotes',
    summary: 'SME 拒绝报价',
    description: '拒绝最后一个 open 报价时，询价回到 replied。',
    security: ['session'],
    roles: 'SME',
    pathParams: quotePath,
    headers: writeHeaders,
    body: documented(DeclineApiSchema, { reason: { description: '原因（可选），最多 2000 个字符' } }),
    responses: {
      200: { description: '已拒绝', schema: QuoteDeclinedSchema },
      ...marketplaceErrors([401, 403, 404, 409, 413, 422]),
    },
    examples: [
      {
        name: 'decline',
        summary: '拒绝并说明原因',
        caller: 'sme',
        params: { quoteId: EX.quote.toDecline },
        headers: sessionWrite,
        body: { reason: '超出今年预算' },
        status: 200,
        response: { id: EX.quote.toDecline, status: 'declined', requestStatus: 'replied' },
      },
    ],
  },
];
