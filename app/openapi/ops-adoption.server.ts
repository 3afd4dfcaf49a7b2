/**
 * The adoption-event API for provider and prefecture systems (docs/formats/adoption-events.md):
 * one event, or a batch of up to 1,000, with a Bearer API key.
 */
import { z } from 'zod';
import { ADOPTION_LEVELS } from '~/domain/adoption-levels';
import { BATCH_MAX_EVENTS } from '~/models/adoption-api.server';
import { ApiEventSchema } from '~/schemas/adoption';
import { EX } from './example-world';
import { dateMeta, idempotencyKeyHeader, type ApiExample, type ApiOperation } from './operation.server';
import { AdoptionAnswerSchema, AdoptionBatchAnswerSchema, PlainErrorsSchema } from './responses.server';
import { documented } from './operation.server';

const Event = documented(ApiEventSchema, {
  uscc: {
    description: '统一社会信用代码（USCC，GB 32100-2015，18 位，校验位正确）；去空格、转大写后比较',
    example: EX.adoption.prefectureUscc,
  },
  enterpriseName: { description: '企业名称' },
  prefecture: { description: '企业登记所在市州代码（四川 21 个市州之一，如 5101）', example: '5101' },
  industry: { description: 'GB/T 4754 行业大类代码，如 34', example: '34' },
  employees: { description: '从业人员数；给出时更新企业规模' },
  revenueWan: { description: '营业收入（万元）；给出时更新企业规模' },
  level: { description: `上云层级：${ADOPTION_LEVELS.map((l) => `${l.id}（${l.nameZh}）`).join('、')}` },
  offeringExternalId: {
    description: '服务商自己的产品 externalId；服务商密钥报送时必填，且只能是本机构的产品',
  },
  occurredAt: dateMeta('开始使用的日期 YYYY-MM-DD，不能晚于今天（中国时间）', EX.adoption.occurredAt),
  note: { description: '备注' },
});

// The batch body is checked by hand in app/models/adoption-api.server.ts (a bad element is that
// element's 422, not the whole batch's); each element is ApiEventSchema plus its own key.
const Batch = z.object({
  events: z
    .array(
      Event.extend({
        idempotencyKey: idempotencyKeyHeader
          .unwrap()
          .meta({ description: '此事件的幂等键，规则同 Idempotency-Key 请求头' }),
      }),
    )
    .min(1)
    .max(BATCH_MAX_EVENTS)
    .meta({ description: `1–${BATCH_MAX_EVENTS} 个事件，按发送顺序逐个判定` }),
});

const Headers = z.object({
  'Idempotency-Key': idempotencyKeyHeader
    .unwrap()
    .meta({
      description:
        '幂等键（必填）：1–100 个可见 ASCII 字符。同一密钥下同一个键加同样的请求体再次发送返回 200 和第一次的响应，不再记录；不同请求体返回 409',
    }),
  'Accept-Language': z
    .string()
    .optional()
    .meta({ description: '以 zh 开头时错误信息为中文，否则为英文（调用方是程序）' }),
});

const prefectureEvent = {
  uscc: EX.adoption.prefectureUscc,
  enterpriseName: '成都示例精密机械有限公司',
  prefecture: '5101',
  industry: '34',
  employees: 85,
  revenueWan: 3200,
  level: 'saas',
  occurredAt: EX.adoption.occurredAt,
  note: '2025 年第四季度报送',
};

const single: ApiExample[] = [
  {
    name: 'prefectureReport',
    summary: '市州密钥报送：事件直接为 verified',
    caller: 'prefecture-key',
    headers: { 'Idempotency-Key': 'cd-2025-q4-0001', 'Content-Type': 'application/json' },
    body: prefectureEvent,
    status: 201,
    response: {
      id: '0mx7k2p9f3example0000001a',
      status: 'verified',
      counted: true,
      countedIn: ['sc-2025-2027'],
    },
  },
  {
    name: 'replay',
    summary: '同一个幂等键、同样的请求体再次发送：返回第一次的响应，不再记录',
    caller: 'prefecture-key',
    headers: { 'Idempotency-Key': 'cd-2025-q4-0001', 'Content-Type': 'application/json' },
    body: prefectureEvent,
    status: 200,
  },
  {
    name: 'conflict',
    summary: '同一个幂等键、不同的请求体',
    caller: 'prefecture-key',
    headers: {
      'Idempotency-Key': 'cd-2025-q4-0001',
      'Content-Type': 'application/json',
      'Accept-Language': 'zh-CN',
    },
    body: { ...prefectureEvent, level: 'paas' },
    status: 409,
    response: { errors: [{ path: 'Idempotency-Key', message: '此 Idempotency-Key 已用于内容不同的请求' }] },
  },
  {
    name: 'providerReport',
    summary: '服务商密钥报送自己的产品：事件为 pending，待企业确认或官员核实',
    caller: 'provider-key',
    headers: { 'Idempotency-Key': 'crm-deploy-7781', 'Content-Type': 'application/json' },
    body: {
      uscc: EX.adoption.providerUscc,
      enterpriseName: '成都示例食品有限公司',
      prefecture: '5101',
      industry: '14',
      level: 'saas',
      offeringExternalId: EX.offeringExternalId,
      occurredAt: EX.adoption.occurredAt,
    },
    status: 201,
    response: { id: '0mx7k2p9f3example0000002b', status: 'pending', counted: false, countedIn: [] },
  },
  {
    name: 'invalid',
    summary: '校验位错误的 USCC、将来的日期',
    caller: 'prefecture-key',
    headers: {
      'Idempotency-Key': 'cd-2025-q4-0002',
      'Content-Type': 'application/json',
      'Accept-Language': 'zh-CN',
    },
    body: { ...prefectureEvent, uscc: '91510100MA6C1E001A', occurredAt: '2999-01-01' },
    status: 422,
  },
  {
    name: 'noKey',
    summary: '没有 API 密钥',
    caller: 'anonymous',
    headers: { 'Idempotency-Key': 'cd-2025-q4-0003', 'Content-Type': 'application/json' },
    body: prefectureEvent,
    status: 401,
  },
];

export const adoptionOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/adoption-events',
    route: 'api.adoption-events.ts',
    operationId: 'reportAdoptionEvent',
    tag: '上云事件 Adoption events',
    summary: '报送一个上云事件（adoption event）',
    description:
      '事件只追加、不修改。服务商密钥报送的事件为 pending，企业确认或官员核实后才计数；市州密钥报送的事件为 verified。服务商密钥只能报送本机构的产品（否则 403）；市州密钥只能报送本市州的企业（否则 403）。请求体最大 4 MiB。合同：docs/formats/adoption-events.md。',
    security: ['providerKey', 'prefectureKey'],
    roles: '服务商 API 密钥或市州 API 密钥',
    headers: Headers,
    body: Event,
    responses: {
      201: { description: '已记录', schema: AdoptionAnswerSchema },
      200: {
        description: '重放：同一个幂等键与同样的请求体，返回第一次的响应',
        schema: AdoptionAnswerSchema,
      },
      401: {
        description: '缺少密钥，或密钥无效、已撤销',
        schema: PlainErrorsSchema,
        headers: { 'WWW-Authenticate': 'Bearer' },
      },
      403: {
        description: '不是本机构的产品、不是本市州的企业，或企业 / 服务商已被标记造假',
        schema: PlainErrorsSchema,
      },
      409: { description: '同一个幂等键已用于不同的请求体', schema: PlainErrorsSchema },
      413: { description: '请求体过大', schema: PlainErrorsSchema },
      422: { description: '字段无效、缺少 Idempotency-Key，或请求体不是 JSON', schema: PlainErrorsSchema },
    },
    examples: single,
  },
  {
    method: 'post',
    path: '/api/adoption-events/batch',
    route: 'api.adoption-events.batch.ts',
    operationId: 'reportAdoptionEventBatch',
    tag: '上云事件 Adoption events',
    summary: `批量报送 1–${BATCH_MAX_EVENTS} 个上云事件`,
    description:
      '每个事件都像单独请求一样判定（各自的幂等键、状态和错误），结果按发送顺序返回；被接受的事件在一个事务中写入。超过 1000 个事件返回 413，请求体不是 JSON 或没有 events 列表返回 422（整批）。',
    security: ['providerKey', 'prefectureKey'],
    roles: '服务商 API 密钥或市州 API 密钥',
    body: Batch,
    responses: {
      200: { description: '逐个事件的结果（results）', schema: AdoptionBatchAnswerSchema },
      401: { description: '缺少密钥，或密钥无效、已撤销', schema: PlainErrorsSchema },
      413: { description: '超过 1000 个事件，或请求体过大', schema: PlainErrorsSchema },
      422: { description: '请求体不是 JSON、没有 events 列表，或列表为空', schema: PlainErrorsSchema },
    },
    examples: [
      {
        name: 'twoEvents',
        summary: '两个事件：一个被接受，一个因日期无效被拒',
        caller: 'prefecture-key',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
        body: {
          events: [
            {
              ...prefectureEvent,
              idempotencyKey: 'cd-batch-0001',
              uscc: EX.adoption.batchUscc[0],
              enterpriseName: '成都示例电子有限公司',
              industry: '39',
            },
            {
              ...prefectureEvent,
              idempotencyKey: 'cd-batch-0002',
              uscc: EX.adoption.batchUscc[1],
              occurredAt: '2025-02-30',
            },
          ],
        },
        status: 200,
        response: {
          results: [
            {
              idempotencyKey: 'cd-batch-0001',
              status: 201,
              id: '0mx7k2p9f3example0000003c',
              counted: true,
              countedIn: ['sc-2025-2027'],
            },
            {
              idempotencyKey: 'cd-batch-0002',
              status: 422,
              errors: [{ path: 'occurredAt', message: '日期应为 YYYY-MM-DD 格式的有效日期' }],
            },
          ],
        },
      },
      {
        name: 'empty',
        summary: '空列表',
        caller: 'prefecture-key',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
        body: { events: [] },
        status: 422,
        response: { errors: [{ path: 'events', message: '一次至少报送 1 个事件' }] },
      },
    ],
  },
];
