import crypto from 'node:crypto';
import type { z } from 'zod';
import { IDEMPOTENCY_KEY } from '~/domain/idempotency';
import type { RateLimitName } from '~/domain/rate-limits';
import { translateError, translator, type Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { authenticateApiKey, type ApiKeyPrincipal } from '~/models/api-keys.server';
import {
  findIdempotentAnswer,
  rememberIdempotentAnswer,
  type IdempotencyScope,
} from '~/models/idempotency.server';
import type { AppUser } from '~/models/users.server';
import { apiLocale } from './api-locale.server';
import { getUser } from './auth.server';
import { getDb } from './db.server';
import { consumeLimit, retryAfterHeader } from './rate-limit.server';
import { readCappedBody } from './request-body.server';
import { fromRequest, writeAllowed } from './same-origin.server';

// The JSON API's common rules (formats/marketplace-api.md, "Common rules"), in one place for every
// marketplace endpoint: who is asking (session cookie or a provider's Bearer key), the cross-site
// rule for cookie-authenticated writes, bodies up to 64 KiB validated by zod, errors with a stable
// English `code` and a message in the caller's language, and Idempotency-Key replays scoped to the
// caller, method and path. Routes stay thin: `apiRoute(request, async (ctx) => …)`.

export const MAX_BODY_BYTES = 64 * 1024;
const HEADERS = { 'Cache-Control': 'no-store' };

export interface ApiErrorItem {
  path: string;
  code: string;
  message: string;
}

/** A failure the route throws (or returns) to answer with; caught by apiRoute. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(errors[0]?.message ?? `HTTP ${status}`);
  }
}

export type ApiCaller =
  { kind: 'user'; user: AppUser; id: string } | { kind: 'key'; key: ApiKeyPrincipal; id: string };

export interface ApiContext {
  request: Request;
  locale: Locale;
  t: Translate;
  /** null for an anonymous caller (only endpoints that allow it see one). */
  caller: ApiCaller | null;
  /** Throws the error answer: 401, 403, 404, 409 or 422 with a code and a translated message. */
  fail(
    status: number,
    code: string,
    messageKey: string,
    opts?: { path?: string; params?: Record<string, string | number>; extra?: Record<string, unknown> },
  ): never;
  /** The caller, or 401. */
  requireCaller(): ApiCaller;
  /** A signed-in user of one of these roles, or 401/403 (Bearer keys are refused with 403). */
  requireUser<R extends AppUser['role']>(roles: readonly R[]): AppUser & { role: R };
  /** The JSON body validated by a schema whose messages are message keys (app/i18n/zod.ts); 413/422 otherwise. */
  body<S extends z.ZodType>(schema: S): Promise<z.output<S>>;
  /** Counts one action of the caller against a limit (app/domain/rate-limits.ts); 429 rate_limited when spent. */
  limit(name: RateLimitName): Promise<void>;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...HEADERS, ...headers } });
}

/** zod's issue codes, as the API's stable codes ("required" for a missing value). */
function codeOf(issue: z.core.$ZodIssue): string {
  // Parsed with reportInput, so a missing value (a type or a choice check) is told apart: 'required'.
  const input = (issue as { input?: unknown }).input;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && (input === undefined || input === null))
    return 'required';
  if (issue.code === 'custom')
    return (issue.params as { code?: string } | undefined)?.code ?? 'invalid_value';
  return issue.code;
}

/** The subject the API-key limit counts a key's calls under: its id, whatever endpoint is called. */
export function apiKeyLimitSubject(keyId: string): string {
  return `key:${keyId}`;
}

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyPrincipal }
  | { ok: false; status: 401 }
  | { ok: false; status: 429; retryAfterMs: number };

/**
 * The request's `Authorization: Bearer` API key, authenticated and then counted against the key's
 * limit (app/domain/rate-limits.ts, apiKey); null when the request has no Authorization header.
 * Authenticated first (authenticateApiKey remembers active keys for a few seconds): a token that
 * names no active key is refused with 401 before anything is counted, so made-up tokens write no
 * rate_limits rows, and a real key's calls are counted under its id. Used by apiRoute and by the
 * adoption API (app/utils/adoption-api.server.ts), which answer in their own error shapes.
 */
export async function checkApiKey(request: Request): Promise<ApiKeyCheck | null> {
  const authorization = request.headers.get('Authorization');
  if (authorization === null) return null;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const key = token ? authenticateApiKey(getDb(), token) : null;
  if (!key) return { ok: false, status: 401 };
  const verdict = await consumeLimit('apiKey', apiKeyLimitSubject(key.id));
  return verdict.ok ? { ok: true, key } : { ok: false, status: 429, retryAfterMs: verdict.retryAfterMs };
}

/** Who is asking; `keyLimitedMs` is set when a valid key has spent its calls for the window. */
async function callerOf(request: Request): Promise<{ caller: ApiCaller | null; keyLimitedMs: number | null }> {
  const check = await checkApiKey(request);
  if (check) {
    if (check.ok) return { caller: { kind: 'key', key: check.key, id: `key:${check.key.id}` }, keyLimitedMs: null };
    return { caller: null, keyLimitedMs: check.status === 429 ? check.retryAfterMs : null };
  }
  const user = await getUser(request);
  return { caller: user ? { kind: 'user', user, id: `user:${user.id}` } : null, keyLimitedMs: null };
}

/**
 * A write authenticated by the session cookie must come from our own page: the one cross-site rule
 * (same-origin.server.ts, also applied by the Express server to every route) with the cookie as
 * proof demanded, and a JSON body, which a form on another site cannot send without a CORS
 * preflight we never grant. Bearer keys are not cookie-bound and skip this.
 */
export function isSameSiteJsonWrite(request: Request): boolean {
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) return false;
  return writeAllowed(fromRequest(request), { cookieBound: true });
}

/**
 * Runs an API handler with the common rules. The handler returns `{ status, body }`; errors thrown
 * as ApiError (or by ctx.fail) become `{ errors: [...] }` answers. A write with an Idempotency-Key
 * header is answered once: the same key, caller, method and path with the same body replays the
 * first answer; with another body it answers 409.
 */
export async function apiRoute(
  request: Request,
  handler: (ctx: ApiContext) => Promise<{ status: number; body: unknown }>,
  opts: { anonymous?: boolean } = {},
): Promise<Response> {
  const { caller, keyLimitedMs } = await callerOf(request);
  const locale = await apiLocale(request, caller?.kind === 'user' ? caller.user : null);
  const t = translator(locale);
  let rawBody: string | null = null;
  const fail: ApiContext['fail'] = (status, code, messageKey, o = {}) => {
    throw new ApiError(
      status,
      [{ path: o.path ?? '', code, message: translateError(t, messageKey + paramsOf(o.params)) }],
      o.extra,
    );
  };
  const rateLimited = (retryAfterMs: number): never => {
    const headers = retryAfterHeader({ retryAfterMs });
    throw new ApiError(
      429,
      [{ path: '', code: 'rate_limited', message: t('api.errors.tooMany', { seconds: headers['Retry-After']! }) }],
      {},
      headers,
    );
  };
  const ctx: ApiContext = {
    request,
    locale,
    t,
    caller,
    fail,
    async limit(name) {
      const c = ctx.requireCaller();
      const verdict = await consumeLimit(name, c.id);
      if (!verdict.ok) rateLimited(verdict.retryAfterMs);
    },
    requireCaller() {
      if (!caller) fail(401, 'unauthenticated', 'api.errors.unauthenticated');
      return caller!;
    },
    requireUser(roles) {
      const c = ctx.requireCaller();
      if (c.kind !== 'user' || !(roles as readonly string[]).includes(c.user.role))
        fail(403, 'forbidden', 'api.errors.forbidden');
      return (c as { user: AppUser }).user as AppUser & { role: (typeof roles)[number] };
    },
    async body(schema) {
      rawBody ??= await readBody(request, fail);
      let parsed: unknown;
      try {
        parsed = rawBody === '' ? {} : JSON.parse(rawBody);
      } catch {
        fail(422, 'invalid_json', 'api.errors.invalidJson');
      }
      const result = schema.safeParse(parsed, { reportInput: true });
      if (!result.success)
        throw new ApiError(
          422,
          result.error.issues.map((i) => {
            const code = codeOf(i);
            const message = translateError(t, code === 'required' ? 'errors.required' : i.message);
            return { path: i.path.map(String).join('.'), code, message };
          }),
        );
      return result.data;
    },
  };
  try {
    // Every call made with an API key counts against the key's limit, whatever the endpoint (checkApiKey).
    if (keyLimitedMs !== null) rateLimited(keyLimitedMs);
    if (!caller && !opts.anonymous) fail(401, 'unauthenticated', 'api.errors.unauthenticated');
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    if (write && caller?.kind === 'user' && !isSameSiteJsonWrite(request))
      fail(403, 'cross_site', 'api.errors.crossSite');
    const idempotencyKey = write ? request.headers.get('Idempotency-Key') : null;
    if (idempotencyKey === null || !caller) {
      const answer = await handler(ctx);
      return json(answer.status, answer.body);
    }
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      fail(422, 'invalid_value', 'api.errors.idempotencyKey', { path: 'Idempotency-Key' });
    rawBody ??= await readBody(request, fail);
    const scope: IdempotencyScope = {
      caller: caller.id,
      method: request.method,
      path: new URL(request.url).pathname,
      key: idempotencyKey,
    };
    const hash = crypto.createHash('sha256').update(rawBody).digest('hex');
    // Two copies of one request at once (a client retrying too eagerly) run one after the other
    // in this process, so the second replays the first instead of acting twice.
    const lock = [scope.caller, scope.method, scope.path, scope.key].join(' ');
    while (inFlight.has(lock)) await inFlight.get(lock);
    let release = () => {};
    inFlight.set(lock, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await idempotent(ctx, handler, scope, hash);
    } finally {
      inFlight.delete(lock);
      release();
    }
  } catch (error) {
    if (error instanceof ApiError)
      return json(error.status, { errors: error.errors, ...error.extra }, error.headers);
    throw error;
  }
}

const inFlight = new Map<string, Promise<void>>();

async function idempotent(
  ctx: ApiContext,
  handler: (ctx: ApiContext) => Promise<{ status: number; body: unknown }>,
  scope: IdempotencyScope,
  hash: string,
): Promise<Response> {
  const prior = findIdempotentAnswer(getDb(), scope);
  if (prior) {
    if (prior.requestHash !== hash)
      ctx.fail(409, 'idempotency_conflict', 'api.errors.idempotencyConflict', { path: 'Idempotency-Key' });
    // "The same key with the same body again answers 200 with the first answer's body"
    // (marketplace-api.md, "Retries"): 200, not the first status (a 201 would say "created again").
    return json(200, prior.response, { 'Idempotent-Replayed': 'true' });
  }
  const answer = await handler(ctx);
  // Only successes are remembered: a refused request may be corrected and sent again with its key.
  if (answer.status < 300) rememberIdempotentAnswer(getDb(), scope, hash, answer.status, answer.body);
  return json(answer.status, answer.body);
}

function paramsOf(params?: Record<string, string | number>): string {
  if (!params) return '';
  return Object.entries(params)
    .map(([k, v]) => `|${k}=${v}`)
    .join('');
}

async function readBody(request: Request, fail: ApiContext['fail']): Promise<string> {
  const text = await readCappedBody(request, MAX_BODY_BYTES);
  return text ?? fail(413, 'too_large', 'api.errors.tooLarge');
}
