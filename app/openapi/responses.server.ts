/**
 * The answers of the JSON endpoints as zod schemas, for the OpenAPI document. The endpoints build
 * their answers in models (orderApiView, requestApiView, apiSearchBody, counterApiBody, …); these
 * schemas restate those shapes and are strict (no undocumented field), and
 * tests/integration/openapi-examples.test.ts parses every real answer of every example with them,
 * so a field added to an answer without being documented here fails that test.
 */
import { z } from 'zod';
import { ADOPTION_LEVEL_IDS } from '~/domain/adoption-levels';
import { SIZE_CLASSES } from '~/domain/enterprise-size';
import { ORDER_STATUSES, QUOTE_STATUSES, REQUEST_STATUSES } from '~/domain/marketplace-states';
import { PEER_TAXONOMY } from '~/domain/match-profile';
import { REASON_CODES } from '~/domain/match-scoring';
import { RELEASE_REASONS, VOUCHER_CLAIM_STATUSES } from '~/domain/vouchers';
import { SEARCH_FACETS } from '../../search/engine';

const levels = ADOPTION_LEVEL_IDS as unknown as [string, ...string[]];
const sizeClasses = SIZE_CLASSES.map((s) => s.id) as [string, ...string[]];
const fen = (description: string) =>
  z
    .number()
    .int()
    .meta({ description: `${description}（分，整数）` });
const timestamp = z.string().meta({ description: 'ISO 8601 时间（UTC）', format: 'date-time' });
const date = z.string().meta({ description: '日期 YYYY-MM-DD（中国时间）', format: 'date' });
const id = z.string();

// --- errors ----------------------------------------------------------------------------------------

/** marketplace-api.md, "Errors": a stable English code and a message in the caller's language. */
export const ApiErrorsSchema = z
  .strictObject({
    errors: z
      .array(
        z.strictObject({
          path: z
            .string()
            .meta({ description: '出错的字段（如 priceFen、events.3.uscc）；整个请求出错时为空字符串' }),
          code: z.string().meta({
            description:
              '稳定的英文错误码，如 unauthenticated、forbidden、cross_site、not_found、invalid_state、idempotency_conflict、no_enterprise_profile、too_large、invalid_json、rate_limited（429，见 Retry-After）、required、too_small、too_big、invalid_type、invalid_value、invalid_format、invalid_date、date_in_past',
          }),
          message: z.string().meta({ description: '按调用者语言（中文或英文）给出的说明' }),
        }),
      )
      .min(1),
    status: z
      .string()
      .optional()
      .meta({ description: '409 时给出资源当前的状态（status），如 paid、expired' }),
  })
  .meta({ id: 'ApiErrors', description: '错误（errors）：每项有 path、code、message' });

/** The older answers without `code`: /api/search, /api/counter and the adoption-event API. */
export const PlainErrorsSchema = z
  .strictObject({
    errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).min(1),
  })
  .meta({
    id: 'PlainErrors',
    description: '错误（errors）：每项有 path 和 message（搜索、计数器和上云事件接口的格式）',
  });

// --- search, matches, counter, health ------------------------------------------------------------

export const SearchAnswerSchema = z.strictObject({
  engine: z.enum(['sqlite', 'meilisearch']).meta({ description: '回答的搜索引擎' }),
  query: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  tookMs: z.number(),
  hits: z.array(
    z.strictObject({
      id,
      externalId: z.string(),
      providerId: id,
      providerName: z.string(),
      title: z.string(),
      titleEn: z.string().nullable(),
      summary: z.string(),
      level: z.enum(levels),
      categories: z.array(z.string()),
      industries: z.array(z.string()),
      sizes: z.array(z.string()),
      regions: z.array(z.string()),
      minPriceFen: z
        .number()
        .int()
        .nullable()
        .meta({ description: '最低套餐价（分）；只有面议套餐时为 null' }),
      highlight: z
        .strictObject({ title: z.string(), titleEn: z.string().nullable(), summary: z.string() })
        .meta({ description: '已做 HTML 转义的文本，只有 <mark> 和 </mark> 是标记' }),
    }),
  ),
  facets: z
    .strictObject(Object.fromEntries(SEARCH_FACETS.map((f) => [f, z.record(z.string(), z.number().int())])))
    .meta({ description: '分面计数（disjunctive facets）：每个分面按除自身外的其他筛选条件计数' }),
});

export const MatchAnswerSchema = z.strictObject({
  profile: z.strictObject({
    division: z.string().meta({ description: 'GB/T 4754 大类（两位）' }),
    sizeClass: z.enum(sizeClasses),
    prefecture: z.string(),
    cluster: z.strictObject({ taxonomy: z.literal(PEER_TAXONOMY), id: z.string() }),
    levels: z.array(z.enum(levels)),
  }),
  total: z.number().int().meta({ description: '硬性规则（及 level 筛选）允许的全部产品数' }),
  results: z.array(
    z.strictObject({
      offeringId: id,
      title: z.string(),
      providerName: z.string(),
      level: z.enum(levels),
      planFromFen: z
        .number()
        .int()
        .nullable()
        .meta({ description: '最低标价套餐的价格（分）；只有面议套餐时为 null' }),
      rating: z
        .strictObject({ average: z.number(), count: z.number().int() })
        .nullable()
        .meta({ description: '已公开评价的平均星级（保留一位小数）与条数；没有评价时为 null' }),
      score: z.number(),
      reasons: z.array(z.strictObject({ code: z.enum(REASON_CODES), text: z.string() })).min(1),
    }),
  ),
  peers: z.array(z.strictObject({ offeringId: id, title: z.string(), enterprises: z.number().int().min(3) })),
});

export const CounterAnswerSchema = z.strictObject({
  campaign: z.strictObject({
    id: z.string(),
    name: z.string(),
    target: z.number().int(),
    start: date,
    end: date,
  }),
  total: z.number().int(),
  asOf: timestamp,
  byCluster: z.array(z.strictObject({ id: z.string(), name: z.string(), count: z.number().int() })),
  byPrefecture: z.array(z.strictObject({ code: z.string(), name: z.string(), count: z.number().int() })),
  byLevel: z.array(z.strictObject({ level: z.enum(levels), count: z.number().int() })),
  byMonth: z.array(
    z.strictObject({
      month: z.string().meta({ description: 'YYYY-MM' }),
      count: z.number().int(),
      cumulative: z.number().int(),
    }),
  ),
});

export const HealthAnswerSchema = z.strictObject({
  status: z
    .enum(['ok', 'degraded'])
    .meta({ description: 'degraded：搜索引擎不可用（仍以 SQLite 索引回答），实例不必下线' }),
  database: z.literal('ok'),
  campaigns: z.number().int(),
  search: z.strictObject({
    engine: z.enum(['sqlite', 'meilisearch']),
    ok: z.boolean(),
    documents: z.number().int().nullable(),
    outbox: z
      .strictObject({
        pending: z.number().int(),
        failing: z.number().int(),
        oldestCreatedAt: z.string().nullable(),
        nextAttemptAt: z.string().nullable(),
        lastError: z.string().nullable(),
      })
      .nullable(),
    detail: z.string().optional(),
  }),
});

export const HealthDownSchema = z.strictObject({
  status: z.literal('error'),
  database: z.literal('unreachable'),
});

// --- adoption events -------------------------------------------------------------------------------

export const AdoptionAnswerSchema = z.strictObject({
  id,
  status: z
    .enum(['pending', 'verified'])
    .meta({ description: '服务商密钥上报为 pending；市州密钥上报为 verified' }),
  counted: z.boolean().meta({ description: '此事件之后该企业是否计入当前行动（campaign）' }),
  countedIn: z.array(z.string()).meta({ description: '此事件之后计入该企业的全部行动 ID' }),
});

export const AdoptionBatchAnswerSchema = z.strictObject({
  results: z.array(
    z.strictObject({
      idempotencyKey: z.string().nullable(),
      status: z.union([z.literal(201), z.literal(200), z.literal(409), z.literal(422), z.literal(403)]),
      id: id.optional(),
      counted: z.boolean().optional(),
      countedIn: z.array(z.string()).optional(),
      errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
    }),
  ),
});

// --- requests and quotes ---------------------------------------------------------------------------

const historyEntry = {
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  by: z.string().meta({ description: '操作者角色（sme、provider、official、system）' }),
  at: timestamp,
};

export const RequestListSchema = z.strictObject({
  requests: z.array(
    z.strictObject({
      id,
      status: z.enum(REQUEST_STATUSES),
      offeringId: id,
      createdAt: timestamp,
      lastMessageAt: timestamp,
    }),
  ),
});

export const LeadListSchema = z.strictObject({
  leads: z.array(
    z.strictObject({
      id,
      status: z.enum(REQUEST_STATUSES),
      offeringId: id,
      createdAt: timestamp,
      ageHours: z.number(),
    }),
  ),
});

export const RequestThreadSchema = z
  .strictObject({
    id,
    status: z.enum(REQUEST_STATUSES),
    offeringId: id,
    enterprise: z.strictObject({ name: z.string(), prefecture: z.string(), sizeClass: z.enum(sizeClasses) }),
    messages: z.array(z.strictObject({ from: z.enum(['sme', 'provider']), body: z.string(), at: timestamp })),
    quotes: z.array(
      z.strictObject({
        id,
        status: z.enum(QUOTE_STATUSES).meta({ description: '有效期已过的 open 报价显示为 expired' }),
        priceFen: fen('报价'),
        billing: z.enum(['month', 'year', 'once']),
        terms: z.string(),
        validUntil: date,
        createdAt: timestamp,
        decidedAt: z.string().nullable(),
      }),
    ),
    orderId: id.optional().meta({ description: '报价被接受、订单生成后才有' }),
    history: z.array(z.strictObject({ ...historyEntry, quoteId: id.optional() })),
  })
  .meta({ id: 'RequestThread', description: '询价（request）及其消息、报价和历史' });

export const RequestCreatedSchema = z.strictObject({ id, status: z.literal('new') });
export const RequestWithdrawnSchema = z.strictObject({ id, status: z.literal('lost') });
export const MessageCreatedSchema = z.strictObject({
  from: z.enum(['sme', 'provider']),
  body: z.string(),
  at: timestamp,
  requestStatus: z.enum(REQUEST_STATUSES),
});
export const QuoteCreatedSchema = z.strictObject({ id, status: z.literal('open') });
export const QuoteAcceptedSchema = z.strictObject({ orderId: id });
export const QuoteDeclinedSchema = z.strictObject({
  id,
  status: z.literal('declined'),
  requestStatus: z.enum(REQUEST_STATUSES),
});

// --- orders ----------------------------------------------------------------------------------------

export const OrderSchema = z
  .strictObject({
    id,
    status: z.enum(ORDER_STATUSES),
    offeringId: id,
    planId: id.optional(),
    quoteId: id.optional(),
    requestId: id.optional(),
    billing: z.enum(['month', 'year', 'once']).meta({ description: '一个计费周期：月、年或一次性' }),
    amountFen: fen('订单金额'),
    subsidyFen: fen('上云券补贴'),
    payableFen: fen('应付金额 = amountFen − subsidyFen'),
    payment: z.strictObject({
      method: z
        .enum(['bank_transfer', 'stripe'])
        .meta({ description: 'bank_transfer：对公转账（默认）；stripe：在线支付' }),
      reference: z.string().meta({ description: '转账附言：企业转账时填写，服务商据此对账' }),
      account: z
        .strictObject({ name: z.string().nullable(), bank: z.string().nullable(), number: z.string() })
        .optional()
        .meta({ description: '下单时复制的服务商收款账户（开户名称、开户行、账号）' }),
      transferReference: z.string().optional(),
      refundReference: z.string().optional(),
    }),
    adoptionEventId: id.optional(),
    disputeReason: z.string().optional(),
    voucher: z
      .strictObject({
        programmeId: id,
        programmeName: z.string(),
        amountFen: fen('补贴'),
        status: z
          .enum(VOUCHER_CLAIM_STATUSES)
          .meta({ description: 'committed：已占用；paid_out：已兑付（订单确认后）；released：已释放' }),
        releaseReason: z.enum(RELEASE_REASONS).optional(),
        confirmBy: date.optional().meta({ description: '付款后：在此日期（含）之前确认订单才保留补贴' }),
      })
      .optional()
      .meta({ description: '上云券（voucher）：subsidyFen 的来源；有效的券，否则最近释放的一张' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    history: z.array(
      z.strictObject({ ...historyEntry, detail: z.record(z.string(), z.unknown()).optional() }),
    ),
  })
  .meta({ id: 'Order', description: '订单（order）及其状态历史' });

export const OrderListSchema = z.strictObject({
  orders: z.array(OrderSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const CheckoutSchema = z.strictObject({
  url: z
    .string()
    .meta({
      description: 'Stripe Checkout Session 的支付页地址（人民币 CNY，金额为 payableFen）',
      format: 'uri',
    }),
});

// --- webhooks ---------------------------------------------------------------------------------------

export const WebhookAnswerSchema = z.union([
  z.strictObject({
    received: z.literal(true),
    outcome: z.string().meta({ description: '处理结果，如 paid、ignored: unknown order' }),
  }),
  z.strictObject({ received: z.literal(true), duplicate: z.literal(true) }),
]);
export const WebhookErrorSchema = z.strictObject({ error: z.string() });
