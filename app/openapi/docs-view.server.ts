/**
 * The readable page (/api/docs) from the OpenAPI document itself, not from the operation files:
 * what a reader sees is what /api/openapi.json says. Flattens JSON schemas into field rows
 * (`events[].uscc`), keeps shared schemas ($ref) as links to one section, and writes each example
 * as the HTTP request it is.
 */
import type { OpenApiDocument } from './document.server';
import { schemaAnchor } from './docs-anchors';
import { EXAMPLE_CALLERS, type ExampleCaller } from './example-world';

type Json = Record<string, unknown>;
type JsonSchema = Json & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  description?: string;
};

export interface FieldRow {
  /** Dotted path from the schema's root: `events[].uscc`; '' for a root that is not an object. */
  name: string;
  type: string;
  required: boolean;
  rules: string[];
  description: string;
  /** A shared schema (components) this field is: the page links to it instead of repeating it. */
  ref: string | null;
}

export interface ExampleView {
  name: string;
  summary: string;
  caller: string;
  request: string;
  status: number;
  response: string | null;
}

export interface OperationView {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  roles: string | null;
  auth: string[];
  route: string;
  params: {
    name: string;
    in: string;
    type: string;
    required: boolean;
    rules: string[];
    description: string;
  }[];
  body: { ref: string | null; fields: FieldRow[] } | null;
  responses: {
    status: string;
    description: string;
    ref: string | null;
    fields: FieldRow[];
    headers: string[];
  }[];
  examples: ExampleView[];
}

export interface DocsView {
  title: string;
  version: string;
  intro: string[];
  auth: { name: string; how: string; description: string }[];
  tags: { name: string; anchor: string; operations: OperationView[] }[];
  schemas: { name: string; anchor: string; description: string; fields: FieldRow[] }[];
}

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

function typeOf(s: JsonSchema): string {
  if (s.$ref) return refName(s.$ref);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const name = types
    .map((t) =>
      t === 'array'
        ? `${s.items ? typeOf(s.items) : 'any'}[]`
        : t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object'
          ? `map<string, ${typeOf(s.additionalProperties)}>`
          : t,
    )
    .join(' | ');
  return name || 'any';
}

function rulesOf(s: JsonSchema): string[] {
  const rules: string[] = [];
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  if (s.enum) rules.push(`取值：${s.enum.map((v) => String(v)).join(' | ')}`);
  if (n('minLength') !== undefined || n('maxLength') !== undefined)
    rules.push(`长度 ${n('minLength') ?? 0}–${n('maxLength') ?? '∞'}`);
  // zod writes the safe-integer bound for an int with no maximum of its own: not worth showing.
  const max = n('maximum') === Number.MAX_SAFE_INTEGER ? undefined : n('maximum');
  if (n('minimum') !== undefined || max !== undefined)
    rules.push(`范围 ${n('minimum') ?? '−∞'}–${max ?? '∞'}`);
  if (n('minItems') !== undefined || n('maxItems') !== undefined)
    rules.push(`${n('minItems') ?? 0}–${n('maxItems') ?? '∞'} 项`);
  if (typeof s.pattern === 'string') rules.push(`格式 ${s.pattern}`);
  if (typeof s.format === 'string') rules.push(`format: ${s.format}`);
  if (s.default !== undefined) rules.push(`默认 ${JSON.stringify(s.default)}`);
  if (s.additionalProperties === false) rules.push('不接受其他字段');
  return rules;
}

/** A nullable `anyOf [X, null]` reads as X with "| null"; the description may sit on either. */
function unwrapNullable(s: JsonSchema): { inner: JsonSchema; nullable: boolean; description: string } {
  const variants = s.anyOf ?? s.oneOf;
  const other = variants?.length === 2 ? variants.find((v) => v.type !== 'null') : undefined;
  if (!other || !variants!.some((v) => v.type === 'null'))
    return { inner: s, nullable: false, description: s.description ?? '' };
  return { inner: other, nullable: true, description: s.description ?? other.description ?? '' };
}

export function flattenSchema(schema: JsonSchema, prefix = '', required = true, depth = 0): FieldRow[] {
  const { inner, nullable, description } = unwrapNullable(schema);
  const ref = inner.$ref ?? inner.items?.$ref;
  const own: FieldRow = {
    name: prefix,
    type: typeOf(inner) + (nullable ? ' | null' : ''),
    required,
    rules: rulesOf(inner),
    description,
    ref: ref ? refName(ref) : null,
  };
  if (ref || depth > 6) return prefix ? [own] : [];
  const rows: FieldRow[] = prefix ? [own] : [];
  if (inner.properties) {
    for (const [name, child] of Object.entries(inner.properties)) {
      rows.push(
        ...flattenSchema(
          child,
          prefix ? `${prefix}.${name}` : name,
          (inner.required ?? []).includes(name),
          depth + 1,
        ),
      );
    }
  } else if (inner.items?.properties) {
    // The item's own row would repeat this one: only its fields.
    rows.push(...flattenSchema(inner.items, `${prefix}[]`, true, depth + 1).slice(1));
  } else if ((inner.anyOf ?? inner.oneOf)?.some((v) => v.properties)) {
    // One of several shapes (the webhook's answer): each shape's fields, marked with its number.
    (inner.anyOf ?? inner.oneOf)!.forEach((variant, i) =>
      rows.push(
        ...flattenSchema(variant, prefix, required, depth + 1)
          .filter((r) => r.name !== prefix)
          .map((r) => ({ ...r, description: `（形式 ${i + 1}）${r.description}` })),
      ),
    );
  } else if (!prefix) {
    rows.push({ ...own, name: '（整体）' });
  }
  return rows;
}

const AUTH_NAMES: Record<string, string> = {
  session: '会话 Cookie',
  providerKey: '服务商 API 密钥（Bearer）',
  prefectureKey: '市州 API 密钥（Bearer）',
  stripeSignature: 'Stripe-Signature 签名',
};

const CREDENTIAL_LINES: Record<ExampleCaller, string | null> = {
  anonymous: null,
  sme: 'Cookie: __yq_session=<SME 登录后的会话>',
  'sme-without-profile': 'Cookie: __yq_session=<未填企业资料的 SME 的会话>',
  provider: 'Cookie: __yq_session=<服务商登录后的会话>',
  'provider-key': 'Authorization: Bearer <服务商 API 密钥>',
  'prefecture-key': 'Authorization: Bearer <市州 API 密钥>',
  official: 'Cookie: __yq_session=<官员登录后的会话>',
  stripe: 'Stripe-Signature: t=<时间戳>,v1=<对请求体的签名>',
};

interface RawExample {
  name: string;
  summary: string;
  caller: ExampleCaller;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
}

/** The path of an example with its path parameters and query filled in. */
export function exampleUrl(path: string, e: Pick<RawExample, 'params' | 'query'>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(e.params?.[name] ?? `{${name}}`),
  );
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(e.query ?? {}))
    for (const x of Array.isArray(v) ? v : [v]) query.append(k, x);
  const qs = query.toString();
  return qs ? `${filled}?${qs}` : filled;
}

function requestText(method: string, path: string, e: RawExample): string {
  const lines = [`${method.toUpperCase()} ${decodeURIComponent(exampleUrl(path, e))} HTTP/1.1`];
  const credential = CREDENTIAL_LINES[e.caller];
  if (credential) lines.push(credential);
  for (const [k, v] of Object.entries(e.headers ?? {})) lines.push(`${k}: ${v}`);
  if (e.body !== undefined) lines.push('', JSON.stringify(e.body, null, 2));
  return lines.join('\n');
}

export function docsView(doc: OpenApiDocument): DocsView {
  const raw = doc as unknown as {
    info: { title: string; version: string; description: string };
    paths: Record<string, Record<string, Json>>;
    components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, Json> };
  };
  const tags = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(raw.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const o = op as Json & {
        parameters?: (Json & { schema?: JsonSchema })[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses: Record<
          string,
          Json & {
            content?: Record<string, { schema?: JsonSchema; examples?: Record<string, { value: unknown }> }>;
            headers?: Record<string, Json>;
          }
        >;
        security?: Record<string, string[]>[];
        'x-examples'?: RawExample[];
      };
      const bodySchema = o.requestBody?.content['application/json']?.schema;
      const view: OperationView = {
        anchor: String(o.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(o.summary ?? ''),
        description: String(o.description ?? ''),
        roles: typeof o['x-roles'] === 'string' ? o['x-roles'] : null,
        auth: (o.security ?? []).map(
          (req) =>
            Object.keys(req)
              .map((k) => AUTH_NAMES[k] ?? k)
              .join(' + ') || '匿名',
        ),
        route: String(o['x-route'] ?? ''),
        params: (o.parameters ?? []).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          type: p.schema ? typeOf(unwrapNullable(p.schema).inner) : 'string',
          required: p.required === true,
          rules: p.schema ? rulesOf(p.schema) : [],
          description: String(p.description ?? p.schema?.description ?? ''),
        })),
        body: bodySchema
          ? { ref: bodySchema.$ref ? refName(bodySchema.$ref) : null, fields: flattenSchema(bodySchema) }
          : null,
        responses: Object.entries(o.responses).map(([status, r]) => {
          const schema = r.content?.['application/json']?.schema;
          return {
            status,
            description: String(r.description ?? ''),
            ref: schema?.$ref ? refName(schema.$ref) : null,
            fields: schema && !schema.$ref ? flattenSchema(schema) : [],
            headers: Object.entries(r.headers ?? {}).map(
              ([name, h]) => `${name}: ${String(h.description ?? '')}`,
            ),
          };
        }),
        examples: (o['x-examples'] ?? []).map((e) => {
          const value =
            o.responses[String(e.status)]?.content?.['application/json']?.examples?.[e.name]?.value;
          return {
            name: e.name,
            summary: e.summary,
            caller: EXAMPLE_CALLERS[e.caller] ?? e.caller,
            request: requestText(method, path, e),
            status: e.status,
            response: value === undefined ? null : JSON.stringify(value, null, 2),
          };
        }),
      };
      const tag = Array.isArray(o.tags) ? String(o.tags[0]) : '其他';
      tags.set(tag, [...(tags.get(tag) ?? []), view]);
    }
  }
  return {
    title: raw.info.title,
    version: raw.info.version,
    intro: raw.info.description.split(/\n\n+/),
    auth: Object.entries(raw.components?.securitySchemes ?? {}).map(([name, s]) => ({
      name: AUTH_NAMES[name] ?? name,
      how: s.type === 'http' ? `Authorization: Bearer <密钥>` : `${String(s.in)} ${String(s.name)}`,
      description: String(s.description ?? ''),
    })),
    tags: [...tags].map(([name, operations], i) => ({ name, anchor: `tag-${i + 1}`, operations })),
    schemas: Object.entries(raw.components?.schemas ?? {}).map(([name, s]) => ({
      name,
      anchor: schemaAnchor(name),
      description: s.description ?? '',
      fields: flattenSchema(s),
    })),
  };
}
