/**
 * Orders (订单), online payment and the Stripe webhook: docs/formats/marketplace-api.md, "Orders".
 * Bodies are the zod schemas of app/schemas/orders.ts and app/schemas/requests.ts; who may call
 * each endpoint is app/domain/access-policy.ts.
 */
import { z } from 'zod';
import { ORDER_ENDPOINT_ROLES, type OrderEndpoint } from '~/domain/access-policy';
import {
  DeliveredSchema,
  DisputeDecisionSchema,
  DisputeSchema,
  OrderListQuerySchema,
  PaymentReceivedSchema,
  RefundSchema,
} from '~/schemas/orders';
import { OrderApiSchema } from '~/schemas/requests';
import { VoucherApiSchema } from '~/schemas/vouchers';
import { EX } from './example-world';
import { marketplaceErrors, sessionWrite } from './marketplace.server';
import {
  dateMeta,
  documented,
  idParam,
  writeHeaders,
  type ApiExample,
  type ApiOperation,
  type Security,
} from './operation.server';
import {
  CheckoutSchema,
  OrderListSchema,
  OrderSchema,
  WebhookAnswerSchema,
  WebhookErrorSchema,
} from './responses.server';

const ROLE_NAMES = { sme: 'SME', provider: '服务商', official: '官员', admin: '管理员' } as const;
const rolesOf = (endpoint: OrderEndpoint) =>
  ORDER_ENDPOINT_ROLES[endpoint].map((r) => ROLE_NAMES[r]).join('、');
/** Provider API keys are the provider role (access-policy.ts); cookies serve every role. */
const securityOf = (endpoint: OrderEndpoint): Security[] =>
  ORDER_ENDPOINT_ROLES[endpoint].includes('provider') ? ['session', 'providerKey'] : ['session'];

const orderPath = z.object({ orderId: idParam('订单', EX.order.paid) });
const providerWrite = { 'Content-Type': 'application/json' } as const;

const exampleOrder = {
  id: EX.order.paid,
  status: 'paid',
  offeringId: EX.offeringId,
  planId: EX.pricedPlanId,
  billing: 'month',
  amountFen: 98000,
  subsidyFen: 0,
  payableFen: 98000,
  payment: {
    method: 'bank_transfer',
    reference: 'YQ7K2P9F',
    account: {
      name: '成都示例云科技有限公司',
      bank: '中国工商银行成都高新支行',
      number: '4402 2345 6789 0123',
    },
    transferReference: 'ICBC20260106001',
  },
  createdAt: EX.orderCreatedAt,
  updatedAt: '2026-01-06T09:30:00.000Z',
  history: [
    { action: 'create', from: null, to: 'pending_payment', by: 'sme', at: EX.orderCreatedAt },
    {
      action: 'payment-received',
      from: 'pending_payment',
      to: 'paid',
      by: 'provider',
      at: '2026-01-06T09:30:00.000Z',
      detail: { transferReference: 'ICBC20260106001' },
    },
  ],
};

/** One order action: POST /api/orders/{orderId}/<endpoint>, answering the order after it. */
function orderAction(
  endpoint: Exclude<OrderEndpoint, 'read' | 'checkout'>,
  opts: { summary: string; description: string; body?: z.ZodType; examples: ApiExample[] },
): ApiOperation {
  const operationId = `order${endpoint.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;
  return {
    method: 'post',
    path: `/api/orders/{orderId}/${endpoint}`,
    route: `api.orders.$orderId.${endpoint}.ts`,
    operationId,
    tag: '订单 Orders',
    summary: opts.summary,
    description: `${opts.description} 其他状态下返回 409，响应体的 status 为当前状态。`,
    security: securityOf(endpoint),
    roles: rolesOf(endpoint),
    pathParams: orderPath,
    headers: writeHeaders,
    body: opts.body,
    responses: {
      200: { description: '操作之后的订单', schema: OrderSchema },
      ...marketplaceErrors(opts.body ? [401, 403, 404, 409, 413, 422] : [401, 403, 404, 409]),
    },
    examples: opts.examples,
  };
}

export const orderOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/orders',
    route: 'api.orders.ts',
    operationId: 'listOrders',
    tag: '订单 Orders',
    summary: '列出调用者可见的订单（最新的在前）',
    description:
      'SME：本企业的订单；服务商（会话或 API 密钥）：本机构产品的订单；官员：辖区内的订单（只读）；管理员：空列表。',
    security: securityOf('read'),
    roles: rolesOf('read'),
    query: documented(OrderListQuerySchema, {
      page: { description: '页码，从 1 开始' },
      pageSize: { description: '每页条数，最多 100' },
      status: { description: '按状态筛选' },
    }),
    responses: {
      200: { description: '订单列表', schema: OrderListSchema },
      ...marketplaceErrors([401, 403, 422]),
    },
    examples: [
      {
        name: 'paid',
        summary: '服务商查看已付款的订单',
        caller: 'provider-key',
        query: { status: 'paid', pageSize: '10' },
        status: 200,
      },
      {
        name: 'badPageSize',
        summary: 'pageSize 超过 100',
        caller: 'sme',
        query: { pageSize: '500' },
        status: 422,
      },
    ],
  },
  {
    method: 'post',
    path: '/api/orders',
    route: 'api.orders.ts',
    operationId: 'createOrder',
    tag: '订单 Orders',
    summary: 'SME 按标价套餐下单',
    description:
      '订单金额为套餐一个计费周期的价格，默认对公转账（bank_transfer）：订单上复制服务商的收款账户，并给出转账附言。面议（priceFen 为 null）的套餐返回 422（code: not_priced），应改为询价。尚未填写企业资料返回 409。',
    security: ['session'],
    roles: 'SME',
    headers: writeHeaders,
    body: documented(OrderApiSchema, {
      offeringId: { description: '产品 ID', example: EX.offeringId },
      planId: { description: '标价套餐 ID', example: EX.pricedPlanId },
      voucherProgrammeId: { description: '上云券项目 ID（可选）' },
    }),
    responses: {
      201: { description: '订单（与 GET /api/orders/{orderId} 相同）', schema: OrderSchema },
      ...marketplaceErrors([401, 403, 404, 409, 413, 422]),
    },
    examples: [
      {
        name: 'order',
        summary: '下单',
        caller: 'sme',
        headers: sessionWrite,
        body: { offeringId: EX.offeringId, planId: EX.pricedPlanId },
        status: 201,
      },
      {
        name: 'onQuote',
        summary: '面议套餐不能直接下单',
        caller: 'sme',
        headers: sessionWrite,
        body: { offeringId: EX.offeringId, planId: EX.quotePlanId },
        status: 422,
      },
    ],
  },
  {
    method: 'get',
    path: '/api/orders/{orderId}',
    route: 'api.orders.$orderId.ts',
    operationId: 'getOrder',
    tag: '订单 Orders',
    summary: '一个订单及其历史',
    description: '无权查看的调用者得到 404（不透露订单是否存在）。',
    security: securityOf('read'),
    roles: rolesOf('read'),
    pathParams: orderPath,
    responses: { 200: { description: '订单', schema: OrderSchema }, ...marketplaceErrors([401, 403, 404]) },
    examples: [
      {
        name: 'one',
        summary: 'SME 查看订单',
        caller: 'sme',
        params: { orderId: EX.order.paid },
        status: 200,
        response: exampleOrder,
      },
      {
        name: 'unknown',
        summary: '不存在的订单',
        caller: 'sme',
        params: { orderId: EX.order.unknown },
        status: 404,
      },
    ],
  },
  orderAction('cancel', {
    summary: '取消订单（付款前）',
    description: 'SME 或服务商在 pending_payment 状态下取消，订单变为 cancelled。',
    examples: [
      {
        name: 'cancel',
        summary: 'SME 取消未付款的订单',
        caller: 'sme',
        params: { orderId: EX.order.toCancel },
        headers: sessionWrite,
        status: 200,
      },
      {
        name: 'alreadyPaid',
        summary: '已付款的订单不能取消',
        caller: 'sme',
        params: { orderId: EX.order.paid },
        headers: sessionWrite,
        status: 409,
        response: {
          errors: [{ path: '', code: 'invalid_state', message: '当前状态（已付款）下不能执行此操作' }],
          status: 'paid',
        },
      },
    ],
  }),
  orderAction('payment-received', {
    summary: '服务商确认收到对公转账',
    description: 'pending_payment → paid，记录服务商的到账凭证号。',
    body: documented(PaymentReceivedSchema, {
      transferReference: { description: '到账凭证号，4–64 个字符' },
    }),
    examples: [
      {
        name: 'received',
        summary: '收到转账',
        caller: 'provider-key',
        params: { orderId: EX.order.toMarkPaid },
        headers: { ...providerWrite, 'Idempotency-Key': 'erp-receipt-20260106-01' },
        body: { transferReference: 'ICBC20260106001' },
        status: 200,
      },
      {
        name: 'tooShort',
        summary: '凭证号太短',
        caller: 'provider-key',
        params: { orderId: EX.order.toMarkPaid },
        headers: providerWrite,
        body: { transferReference: 'x' },
        status: 422,
      },
    ],
  }),
  orderAction('delivered', {
    summary: '服务商报告已交付（部署上线）',
    description:
      'paid → delivered，同时通过部署报告记录一个 pending 的上云事件（来源 provider-report），与订单关联；企业确认后该事件变为 verified。deployedOn 不能晚于今天，也不能早于下单日期。',
    body: documented(DeliveredSchema, {
      deployedOn: dateMeta('上线日期 YYYY-MM-DD', EX.deployedOn),
      note: { description: '备注（上云事件的备注），最多 500 个字符' },
    }),
    examples: [
      {
        name: 'delivered',
        summary: '报告上线',
        caller: 'provider',
        params: { orderId: EX.order.toDeliver },
        headers: sessionWrite,
        body: { deployedOn: EX.deployedOn, note: '已完成部署和培训' },
        status: 200,
      },
    ],
  }),
  orderAction('confirm', {
    summary: 'SME 确认交付',
    description:
      'delivered → confirmed，并核实（verify）订单的上云事件；企业因此新计入时，计数器在同一事务中增加。',
    examples: [
      {
        name: 'confirm',
        summary: '确认',
        caller: 'sme',
        params: { orderId: EX.order.toConfirm },
        headers: sessionWrite,
        status: 200,
      },
    ],
  }),
  orderAction('dispute', {
    summary: 'SME 对交付提出异议',
    description: 'delivered → disputed，进入官员的争议处理队列。',
    body: documented(DisputeSchema, { reason: { description: '异议理由，5–2000 个字符' } }),
    examples: [
      {
        name: 'dispute',
        summary: '提出异议',
        caller: 'sme',
        params: { orderId: EX.order.toDispute },
        headers: sessionWrite,
        body: { reason: '系统至今无法登录，未完成部署。' },
        status: 200,
      },
    ],
  }),
  orderAction('dispute-decision', {
    summary: '官员裁决争议',
    description:
      '辖区内的官员裁决 disputed 的订单：for = provider 时订单变为 confirmed，上云事件由官员核实；for = buyer 时订单退款（Stripe 订单经 Stripe 退款），上云事件撤销。',
    body: documented(DisputeDecisionSchema, {
      for: { description: 'provider（支持服务商）或 buyer（支持企业，退款）' },
      reason: { description: '裁决理由，5–2000 个字符' },
    }),
    examples: [
      {
        name: 'forProvider',
        summary: '支持服务商',
        caller: 'official',
        params: { orderId: EX.order.disputed },
        headers: sessionWrite,
        body: { for: 'provider', reason: '现场核实系统已上线运行。' },
        status: 200,
      },
      {
        name: 'smeMayNot',
        summary: 'SME 不能裁决',
        caller: 'sme',
        params: { orderId: EX.order.disputed },
        headers: sessionWrite,
        body: { for: 'buyer', reason: '我方认为未交付。' },
        status: 403,
      },
    ],
  }),
  orderAction('refund', {
    summary: '服务商退款',
    description:
      'paid、delivered、disputed 或 confirmed → refunded。Stripe 订单经 Stripe 退款；对公转账订单记录退款凭证号。退款撤销订单的上云事件（记入审计日志），若这是企业唯一的已核实事件，计数器随之减少。',
    body: documented(RefundSchema, { reference: { description: '退款凭证号（对公转账），4–64 个字符' } }),
    examples: [
      {
        name: 'refund',
        summary: '退回转账',
        caller: 'provider-key',
        params: { orderId: EX.order.toRefund },
        headers: providerWrite,
        body: { reference: 'ICBC-RF-20260110' },
        status: 200,
      },
    ],
  }),
  {
    method: 'post',
    path: '/api/orders/{orderId}/voucher',
    route: 'api.orders.$orderId.voucher.ts',
    operationId: 'orderVoucher',
    tag: '订单 Orders',
    summary: 'SME 在未付款的订单上使用上云券',
    description:
      '上云券（cloud voucher）抵扣订单金额：subsidyFen 增加、payableFen 减少，订单带上 voucher。订单已有另一张券时替换之。只能用于自己企业的 pending_payment 订单（其他状态 409）；券不存在、不在有效期、地区 / 规模 / 层级不符、企业额度已满或预算用完时返回 422，path 为 voucherProgrammeId，code 如 programme_not_found、programme_ended、prefecture_not_eligible、enterprise_cap_reached、budget_exhausted。',
    security: ['session'],
    roles: 'SME',
    pathParams: orderPath,
    headers: writeHeaders,
    body: documented(VoucherApiSchema, {
      voucherProgrammeId: { description: '上云券项目 ID', example: EX.voucherProgrammeId },
    }),
    responses: {
      200: { description: '用券之后的订单', schema: OrderSchema },
      ...marketplaceErrors([401, 403, 404, 409, 413, 422]),
    },
    examples: [
      {
        name: 'apply',
        summary: '用券',
        caller: 'sme',
        params: { orderId: EX.order.toVoucher },
        headers: sessionWrite,
        body: { voucherProgrammeId: EX.voucherProgrammeId },
        status: 200,
      },
      {
        name: 'unknownProgramme',
        summary: '不存在的上云券',
        caller: 'sme',
        params: { orderId: EX.order.toVoucher },
        headers: sessionWrite,
        body: { voucherProgrammeId: 'vchunknown000001' },
        status: 422,
        response: {
          errors: [{ path: 'voucherProgrammeId', code: 'programme_not_found', message: '找不到这张上云券' }],
        },
      },
      {
        name: 'alreadyPaid',
        summary: '已付款的订单',
        caller: 'sme',
        params: { orderId: EX.order.paid },
        headers: sessionWrite,
        body: { voucherProgrammeId: EX.voucherProgrammeId },
        status: 409,
      },
    ],
  },
  {
    method: 'post',
    path: '/api/orders/{orderId}/checkout',
    route: 'api.orders.$orderId.checkout.ts',
    operationId: 'orderCheckout',
    tag: '订单 Orders',
    summary: '在线支付：创建 Stripe Checkout Session',
    description:
      '仅在配置了 Stripe 时可用（否则 404）。返回支付页地址，金额为 payableFen，币种 CNY。订单不在 pending_payment 或无须付款时返回 409。付款成功由 POST /webhooks/stripe 通知。',
    security: securityOf('checkout'),
    roles: rolesOf('checkout'),
    pathParams: orderPath,
    headers: writeHeaders,
    responses: {
      200: { description: '支付页地址', schema: CheckoutSchema },
      ...marketplaceErrors([401, 403, 404, 409]),
    },
    examples: [
      {
        name: 'pay',
        summary: 'SME 发起在线支付',
        caller: 'sme',
        params: { orderId: EX.order.toCheckout },
        headers: sessionWrite,
        status: 200,
        response: { url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3' },
      },
    ],
  },
  {
    method: 'post',
    path: '/webhooks/stripe',
    route: 'webhooks.stripe.ts',
    operationId: 'stripeWebhook',
    tag: '订单 Orders',
    summary: 'Stripe 的事件通知（webhook）',
    description:
      '由 Stripe 调用，不使用会话 Cookie。在原始请求体上校验 Stripe-Signature 签名；缺少或错误的签名返回 400，不做任何改动。checkout.session.completed（payment_status 为 paid）或 checkout.session.async_payment_succeeded 使订单变为 paid，并记录一个 verified 的上云事件（来源 payment）。每个签名正确的事件都返回 200（重复的也一样，且不重复生效），从不返回 409；与订单状态不符的事件会被记录，涉及款项时标记给官员处理。未配置 Stripe 时返回 404。',
    security: ['stripeSignature'],
    roles: 'Stripe',
    headers: z.object({
      'Stripe-Signature': z.string().meta({ description: 'Stripe 对原始请求体的签名（t=…,v1=…）' }),
    }),
    body: z
      .looseObject({ id: z.string(), type: z.string(), data: z.looseObject({ object: z.looseObject({}) }) })
      .meta({
        description: 'Stripe Event 对象（https://docs.stripe.com/api/events/object）',
      }),
    responses: {
      200: { description: '已接收', schema: WebhookAnswerSchema },
      400: { description: '缺少或错误的签名', schema: WebhookErrorSchema },
      404: { description: '未配置在线支付', schema: WebhookErrorSchema },
    },
    examples: [
      {
        name: 'completed',
        summary: '支付完成（签名由发送方计算；此订单不存在，事件被记录并忽略）',
        caller: 'stripe',
        headers: { 'Content-Type': 'application/json' },
        body: {
          id: 'evt_example_0001',
          object: 'event',
          type: 'checkout.session.completed',
          data: {
            object: {
              id: 'cs_test_example_0001',
              object: 'checkout.session',
              payment_status: 'paid',
              client_reference_id: EX.order.unknown,
              metadata: { orderId: EX.order.unknown },
            },
          },
        },
        status: 200,
        response: { received: true, outcome: 'ignored: unknown order' },
      },
      {
        name: 'unsigned',
        summary: '没有签名',
        caller: 'anonymous',
        headers: { 'Content-Type': 'application/json' },
        body: {
          id: 'evt_example_0002',
          object: 'event',
          type: 'checkout.session.completed',
          data: { object: {} },
        },
        status: 400,
        response: { error: 'missing Stripe-Signature' },
      },
    ],
  },
];
