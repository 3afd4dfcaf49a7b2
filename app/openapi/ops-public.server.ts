/**
 * The public read endpoints: catalog search, matches, the counter's totals, health, and this
 * document itself. No sign-in needed (matches use a signed-in SME's own profile when given none).
 */
import { z } from 'zod';
import { ADOPTION_LEVEL_IDS } from '~/domain/adoption-levels';
import { TAXONOMY_VERSIONS } from '~/domain/clusters';
import {
  MATCH_LIMIT_DEFAULT,
  MATCH_LIMIT_MAX,
  MATCH_OFFSET_MAX,
  MATCH_Q_MAX,
} from '~/models/match-params.server';
import { CounterApiQuerySchema } from '~/schemas/dashboard';
import {
  DEFAULT_PER_PAGE,
  MAX_PAGE,
  MAX_PER_PAGE,
  SearchParamsSchema,
  SEARCH_SORTS,
} from '../../search/engine';
import { FACET_VOCABULARY } from '../../search/facets';
import { EX } from './example-world';
import { documented, type ApiOperation } from './operation.server';
import {
  ApiErrorsSchema,
  CounterAnswerSchema,
  HealthAnswerSchema,
  HealthDownSchema,
  MatchAnswerSchema,
  PlainErrorsSchema,
  SearchAnswerSchema,
} from './responses.server';

const list = (values: readonly string[]) => values.join('、');

/** The parameters of search/engine.ts's SearchParamsSchema, all optional in the URL. */
const SearchQuery = documented(SearchParamsSchema.partial(), {
  q: {
    description: `搜索词，0–${100} 个字符：中文、英文、中英混合或拼音（全拼 zhinengzhizao、首字母 znzz）；空为浏览`,
    example: '设备',
  },
  level: { description: `上云层级，可重复（任一匹配）：${list(FACET_VOCABULARY.level)}` },
  category: { description: '产品类别，可重复，如 生产管理' },
  industry: { description: 'GB/T 4754 制造业大类代码 13–43，可重复；industries 为空的产品匹配所有行业' },
  size: { description: `企业规模，可重复：${list(FACET_VOCABULARY.size)}` },
  region: { description: '市州代码（如 5101），可重复；regions 为空的产品匹配全省' },
  cert: { description: `服务商资质，可重复：${list(FACET_VOCABULARY.cert)}` },
  priceMaxFen: { description: '至少有一个套餐价格不高于此值（分）；面议套餐不匹配' },
  sort: { description: `排序：${list(SEARCH_SORTS)}（有 q 时默认 relevance，否则 newest）` },
  page: { description: `页码 1–${MAX_PAGE}，默认 1` },
  perPage: { description: `每页条数 1–${MAX_PER_PAGE}，默认 ${DEFAULT_PER_PAGE}` },
});

// GET /api/matches reads its parameters by hand (app/models/match-params.server.ts, with codes and
// messages per parameter); this schema restates those rules for the document, from the same constants.
const LEVEL_LIST = new RegExp(`^(${ADOPTION_LEVEL_IDS.join('|')})(,(${ADOPTION_LEVEL_IDS.join('|')}))*$`);
const MatchesQuery = z.object({
  industry: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional()
    .meta({
      description: 'GB/T 4754 大类 01–97，或以大类开头的更长代码（如 3441）。给出任一企业画像参数时必填',
      example: '34',
    }),
  size: z
    .enum(['micro', 'small', 'medium', 'large'])
    .optional()
    .meta({ description: '企业规模；与 employees / revenueWan 同时给出时以 size 为准' }),
  employees: z
    .number()
    .int()
    .min(0)
    .max(1e9)
    .optional()
    .meta({ description: '从业人员数（按 2017 年划型标准计算规模）' }),
  revenueWan: z.number().min(0).max(1e12).optional().meta({ description: '营业收入（万元）' }),
  prefecture: z
    .string()
    .regex(/^51\d\d$/)
    .optional()
    .meta({ description: '市州代码；给出任一企业画像参数时必填', example: '5101' }),
  levels: z
    .string()
    .regex(LEVEL_LIST)
    .optional()
    .meta({ description: '企业已在用的上云层级，逗号分隔，可为空' }),
  level: z
    .string()
    .regex(LEVEL_LIST)
    .optional()
    .meta({ description: '只显示这些层级的产品（逗号分隔）：页面用的筛选，不影响匹配规则' }),
  budgetFen: z.number().int().min(0).optional().meta({ description: '每月预算（分）' }),
  q: z
    .string()
    .max(MATCH_Q_MAX)
    .optional()
    .meta({ description: '用文字描述的需求（如 设备联网）：只影响排序，不筛除产品', example: '设备联网' }),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MATCH_LIMIT_MAX)
    .default(MATCH_LIMIT_DEFAULT)
    .meta({ description: `返回条数 1–${MATCH_LIMIT_MAX}` }),
  offset: z
    .number()
    .int()
    .min(0)
    .max(MATCH_OFFSET_MAX)
    .optional()
    .meta({ description: '跳过的条数（翻页用；不在合同中）' }),
});

const CounterQuery = documented(CounterApiQuerySchema, {
  campaign: {
    description: '行动（campaign）ID，如 sc-2020-2022；缺省为当前行动（开始日期不在将来的最新一个）',
  },
  taxonomy: { description: `产业集群分类版本：${list(TAXONOMY_VERSIONS)}；缺省为 2023` },
});

export const publicOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/search',
    route: 'api.search.ts',
    operationId: 'searchOfferings',
    tag: '目录搜索 Search',
    summary: '搜索已审核上架的云服务产品',
    description:
      '目录页面和本接口共用一个搜索服务（SQLite 或 Meilisearch），两者对同一问题给出同样的结果。只返回已审核服务商的已上架产品。未知参数名被忽略；参数值错误返回 400。合同：docs/formats/search-api.md。',
    security: [],
    query: SearchQuery,
    responses: {
      200: { description: '搜索结果与分面计数（facets）', schema: SearchAnswerSchema },
      400: { description: '参数错误', schema: PlainErrorsSchema },
    },
    examples: [
      {
        name: 'keyword',
        summary: '按关键词搜索 SaaS 产品',
        caller: 'anonymous',
        query: { q: 'MES', level: 'saas', perPage: '5' },
        status: 200,
        response: {
          engine: 'sqlite',
          query: 'MES',
          total: 1,
          page: 1,
          perPage: 5,
          tookMs: 6.1,
          hits: [
            {
              id: EX.offeringId,
              externalId: EX.offeringExternalId,
              providerId: 'prvexampleprov01',
              providerName: '成都示例云科技有限公司',
              title: '云MES 制造执行系统',
              titleEn: 'Cloud MES',
              summary: '排产、报工与质量追溯',
              level: 'saas',
              categories: ['生产管理'],
              industries: ['34'],
              sizes: [],
              regions: ['5101'],
              minPriceFen: 98000,
              highlight: {
                title: '云<mark>MES</mark> <mark>制造执行系统</mark>',
                titleEn: 'Cloud <mark>MES</mark>',
                summary: '排产、报工与质量追溯',
              },
            },
          ],
          facets: {
            level: { saas: 1 },
            category: { 生产管理: 1 },
            industry: { '34': 1 },
            size: { micro: 1, small: 1, medium: 1, large: 1 },
            region: { '5101': 1 },
            cert: {},
          },
        },
      },
      {
        name: 'badPerPage',
        summary: 'perPage 超出 1–50',
        caller: 'anonymous',
        query: { q: '设备', perPage: '500' },
        status: 400,
        response: { errors: [{ path: 'perPage', message: 'must be a whole number from 1 to 50' }] },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/matches',
    route: 'api.matches.ts',
    operationId: 'findMatches',
    tag: '匹配推荐 Matches',
    summary: '为企业画像推荐合适的产品，并说明理由',
    description:
      '硬性规则：只含已审核服务商的已上架产品；产品的 industries / sizes 列表非空时只匹配其中的行业 / 规模。排序是加权得分，得分相同按产品 ID 排序。不带画像参数时：已登录的 SME 得到按其企业资料的推荐，其他人得到 422。允许匿名调用。合同：docs/formats/marketplace-api.md 中 “Matches”。',
    security: ['session'],
    anonymousAllowed: true,
    query: MatchesQuery,
    responses: {
      200: {
        description: '企业画像、推荐结果（每项至少一个理由 reasons）和同行选择（peers）',
        schema: MatchAnswerSchema,
      },
      422: { description: '参数错误，或缺少企业画像', schema: ApiErrorsSchema },
    },
    examples: [
      {
        name: 'profile',
        summary: '匿名：成都的小型通用设备制造企业',
        caller: 'anonymous',
        query: { industry: '34', size: 'small', prefecture: '5101', levels: 'iaas', limit: '3' },
        status: 200,
        response: {
          profile: {
            division: '34',
            sizeClass: 'small',
            prefecture: '5101',
            cluster: { taxonomy: '2023', id: 'equipment' },
            levels: ['iaas'],
          },
          total: 1,
          results: [
            {
              offeringId: EX.offeringId,
              title: '云MES 制造执行系统',
              providerName: '成都示例云科技有限公司',
              level: 'saas',
              planFromFen: 98000,
              rating: null,
              score: 0.6,
              reasons: [
                { code: 'industry', text: '适合通用设备制造业' },
                { code: 'onsite', text: '可在成都市上门服务' },
                { code: 'next-level', text: '贵企业尚未使用的上云层级：业务应用上云' },
              ],
            },
          ],
          peers: [],
        },
      },
      {
        name: 'ownEnterprise',
        summary: 'SME 不带参数：按自己企业的资料推荐',
        caller: 'sme',
        status: 200,
      },
      {
        name: 'missingProfile',
        summary: '匿名且没有画像参数',
        caller: 'anonymous',
        status: 422,
        response: {
          errors: [
            {
              path: 'industry',
              code: 'required',
              message: '请提供行业：国民经济行业分类（GB/T 4754）大类代码，如 34',
            },
            { path: 'prefecture', code: 'required', message: '请提供所在市州代码，如 5106' },
          ],
        },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/counter',
    route: 'api.counter.ts',
    operationId: 'getCounter',
    tag: '上云计数 Counter',
    summary: '全省上云计数（只有汇总，不含企业名称）',
    description:
      '每个市州和产业集群都列出（没有计数时为 0）；按集群、市州、层级、月份的合计都等于 total。任何网站可读取（Access-Control-Allow-Origin: *），可缓存 60 秒。合同：docs/formats/adoption-events.md 中 “Public totals”。',
    security: [],
    query: CounterQuery,
    responses: {
      200: {
        description: '行动（campaign）的计数',
        schema: CounterAnswerSchema,
        headers: { 'Cache-Control': 'public, max-age=60' },
      },
      400: { description: '参数错误或未知的行动', schema: PlainErrorsSchema },
    },
    examples: [
      { name: 'current', summary: '当前行动的计数', caller: 'anonymous', status: 200 },
      {
        name: 'badTaxonomy',
        summary: '不存在的分类版本',
        caller: 'anonymous',
        query: { taxonomy: '1999' },
        status: 400,
      },
    ],
  },
  {
    method: 'get',
    path: '/healthz',
    route: 'healthz.ts',
    operationId: 'health',
    tag: '运维 Operations',
    summary: '存活与就绪检查（liveness / readiness）',
    description:
      '只有数据库往返失败时返回 503。Meilisearch 不可用时搜索改由 SQLite 索引回答，此时 status 为 degraded，但仍返回 200（实例不必下线）。',
    security: [],
    responses: {
      200: { description: '正常（ok）或降级（degraded）', schema: HealthAnswerSchema },
      503: { description: '数据库不可达', schema: HealthDownSchema },
    },
    examples: [{ name: 'up', summary: '实例正常', caller: 'anonymous', status: 200 }],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    route: 'api.openapi[.]json.ts',
    operationId: 'openapiDocument',
    tag: '运维 Operations',
    summary: '本文档（OpenAPI 3.1，JSON）',
    description: '由各接口校验所用的 zod schema 生成。可读的文档页面在 /api/docs。',
    security: [],
    responses: {
      200: { description: 'OpenAPI 3.1 文档', schema: z.looseObject({ openapi: z.literal('3.1.0') }) },
    },
    examples: [{ name: 'document', summary: '取得文档', caller: 'anonymous', status: 200 }],
  },
];
