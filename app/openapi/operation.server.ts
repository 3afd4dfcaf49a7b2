/**
 * How one JSON endpoint is described for the OpenAPI document (document.server.ts): the zod
 * schemas its route validates with, the zod schemas of its answers, and examples that the test
 * suite sends to the real route (tests/integration/openapi-examples.test.ts). Text is Chinese with
 * the English terms the contracts use (docs/formats/*.md).
 */
import { z } from 'zod';
import type { RateLimitName } from '~/domain/rate-limits';
import type { ExampleCaller } from './example-world';

export type Security = 'session' | 'providerKey' | 'prefectureKey' | 'stripeSignature';

export interface ApiExample {
  /** The key of this example in every examples map of the operation. */
  name: string;
  summary: string;
  caller: ExampleCaller;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Headers the example sends besides the credential (Idempotency-Key, Sec-Fetch-Site, …). */
  headers?: Record<string, string>;
  body?: unknown;
  /** The status the example must get. */
  status: number;
  /** An answer of that status, as documentation (checked against the response schema). */
  response?: unknown;
}

export interface ApiResponse {
  description: string;
  /** Absent: an answer without a JSON body. */
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

export interface ApiOperation {
  method: 'get' | 'post';
  /** OpenAPI path, e.g. /api/orders/{orderId}/cancel. */
  path: string;
  /** The route module that answers it (app/routes/…). */
  route: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** Any one of these authenticates; empty = anonymous. */
  security: Security[];
  /** With security: anonymous callers are served too (GET /api/matches). */
  anonymousAllowed?: boolean;
  /** Who may call it at all (roles), in words. */
  roles?: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ApiResponse>;
  /**
   * Per-account limits the endpoint counts (app/domain/rate-limits.ts) besides the API-key limit
   * every key-authenticated call counts: the document adds their 429 answer.
   */
  limits?: RateLimitName[];
  examples: ApiExample[];
}

type FieldMeta = Parameters<z.ZodType['meta']>[0];

/**
 * The same schema with documentation on some of its fields: each field is the schema's own (the
 * one the endpoint validates with) plus metadata, so a field changed in app/schemas changes here
 * too. Naming a field the schema does not have throws (the document test sees it).
 */
export function documented<S extends z.ZodObject>(
  schema: S,
  fields: Partial<Record<keyof S['shape'] & string, FieldMeta>>,
): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, meta] of Object.entries(fields) as [string, FieldMeta][]) {
    const field = schema.shape[name] as z.ZodType | undefined;
    if (!field) throw new Error(`documented(): the schema has no field "${name}"`);
    shape[name] = field.meta(meta);
  }
  return schema.extend(shape) as unknown as S;
}

// --- parameters and headers shared by many endpoints -------------------------------------------

/** marketplace-api.md, "Retries": 1–100 visible ASCII characters. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,100}$/)
  .optional()
  .meta({
    description:
      '幂等键（Idempotency-Key），1–100 个可见 ASCII 字符。同一调用者、方法和路径下，同一个键加同样的请求体再次发送时返回 200 和第一次的响应体，不再改动任何数据；同一个键加不同的请求体返回 409。只保存成功（2xx）的响应。',
    example: 'crm-2026-0001',
  });

/** The optional header of every marketplace write. */
export const writeHeaders = z.object({
  'Idempotency-Key': idempotencyKeyHeader,
});

export const idParam = (what: string, example: string) =>
  z
    .string()
    .min(1)
    .max(40)
    .meta({ description: `${what}的 ID`, example });

/** A date as YYYY-MM-DD (China time), as the contracts write dates. */
export const dateMeta = (description: string, example: string): FieldMeta => ({
  description,
  format: 'date',
  example,
});
