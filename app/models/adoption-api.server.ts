import crypto from 'node:crypto';
import type { Db } from '../../db/client.server';
import { translateError, translator, type MessageKey, type Translate } from '~/i18n';
import { ApiEventSchema } from '~/schemas/adoption';
import {
  appendEvent,
  currentCampaignIdRemembered,
  ensureEnterprise,
  findEnterpriseByUscc,
  campaignsCountingNew,
  ledgerTransaction,
} from './adoption-ledger.server';
import { authenticateApiKey, type ApiKeyPrincipal } from './api-keys.server';
import { prepared } from './prepared.server';

// POST /api/adoption-events and /api/adoption-events/batch, exactly as
// formats/adoption-events.md says. The routes only turn an ApiAnswer into a Response.

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type ApiError = { path: string; message: string };
type Judged =
  | {
      status: 201 | 200;
      id: string;
      eventStatus?: string;
      counted: boolean;
      countedIn: string[];
      response: Record<string, unknown>;
    }
  | { status: 409 | 422 | 403; errors: ApiError[] };

export const BATCH_MAX_EVENTS = 1000;
// 1,000 events with 500-character notes fit in about 1 MB; anything far larger is refused unread.
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;

/** Messages follow Accept-Language (Chinese when preferred, else English: API clients are programs). */
function apiTranslator(request: Request): Translate {
  const accept = request.headers.get('Accept-Language') ?? '';
  return translator(/^\s*zh/i.test(accept) ? 'zh-CN' : 'en');
}

function error(t: Translate, path: string, key: MessageKey | string): ApiError {
  return { path, message: translateError(t, key) };
}

/** Canonical JSON (object keys sorted) so the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function requestHash(body: unknown) {
  return crypto.createHash('sha256').update(canonical(body)).digest('hex');
}

function authenticate(db: Db, request: Request, t: Translate): ApiKeyPrincipal | ApiAnswer {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  const key = match?.[1] ? authenticateApiKey(db, match[1]) : null;
  if (key) return key;
  return {
    status: 401,
    body: { errors: [error(t, 'Authorization', 'adoption.api.unauthorized')] },
    headers: { 'WWW-Authenticate': 'Bearer' },
  };
}

async function readJson(
  request: Request,
  t: Translate,
): Promise<{ ok: true; value: unknown } | { ok: false; answer: ApiAnswer }> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  const tooLarge = {
    ok: false as const,
    answer: { status: 413, body: { errors: [error(t, '', 'adoption.api.tooLarge')] } },
  };
  if (declared > MAX_BODY_BYTES) return tooLarge;
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, answer: { status: 422, body: { errors: [error(t, '', 'adoption.api.notJson')] } } };
  }
}

function statements(db: Db) {
  return prepared(db, 'adoption-api', (sqlite) => ({
    prior: sqlite.prepare<[string, string], { requestHash: string; response: string }>(
      'SELECT request_hash AS requestHash, response FROM api_idempotency WHERE api_key_id = ? AND idempotency_key = ?',
    ),
    remember: sqlite.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO api_idempotency (api_key_id, idempotency_key, request_hash, event_id, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    ownOffering: sqlite.prepare<[string, string], { id: string; fraud: string | null }>(
      `SELECT o.id, p.fraud_flagged_at AS fraud FROM offerings o JOIN providers p ON p.id = o.provider_id
       WHERE o.provider_id = ? AND o.external_id = ?`,
    ),
  }));
}

function isUniqueViolation(e: unknown) {
  return (
    e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
  );
}

/**
 * Judges one event as a single request would be judged and records it when accepted. Runs inside
 * the caller's (immediate) transaction, so the idempotency check and the insert cannot interleave
 * with another writer; the primary key on (key, Idempotency-Key) is the last line of defence.
 */
function judgeEvent(
  db: Db,
  ctx: { key: ApiKeyPrincipal; t: Translate; campaignId: string | null; now: string },
  idempotencyKey: string,
  raw: unknown,
): Judged {
  const { key, t } = ctx;
  const hash = requestHash(raw);
  const s = statements(db);
  const prior = s.prior.get(key.id, idempotencyKey);
  if (prior) {
    if (prior.requestHash !== hash)
      return { status: 409, errors: [error(t, 'Idempotency-Key', 'adoption.api.conflict')] };
    const response = JSON.parse(prior.response) as { id: string; counted: boolean; countedIn?: string[] };
    return { status: 200, id: response.id, counted: response.counted, countedIn: response.countedIn ?? [], response };
  }

  const parsed = ApiEventSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: 422,
      errors: parsed.error.issues.map((i) => error(t, i.path.map(String).join('.'), i.message)),
    };
  }
  const input = parsed.data;

  let providerId: string | null = null;
  let offeringId: string | null = null;
  if (key.kind === 'provider') {
    if (!input.offeringExternalId)
      return { status: 422, errors: [error(t, 'offeringExternalId', 'adoption.api.offeringRequired')] };
    const offering = s.ownOffering.get(key.providerId ?? '', input.offeringExternalId);
    if (!offering)
      return { status: 403, errors: [error(t, 'offeringExternalId', 'adoption.api.notOwnOffering')] };
    if (offering.fraud) return { status: 403, errors: [error(t, '', 'adoption.errors.providerFraud')] };
    providerId = key.providerId;
    offeringId = offering.id;
  } else if (input.prefecture !== key.prefecture) {
    return { status: 403, errors: [error(t, 'prefecture', 'adoption.api.otherPrefecture')] };
  }

  const known = findEnterpriseByUscc(db, input.uscc);
  if (known?.fraudFlaggedAt)
    return { status: 403, errors: [error(t, 'uscc', 'adoption.errors.enterpriseFraud')] };
  // Officials' data is attributed to the registered prefecture: a prefecture office reports its own.
  if (known && key.kind === 'prefecture' && known.prefecture !== key.prefecture) {
    return { status: 403, errors: [error(t, 'uscc', 'adoption.api.registeredElsewhere')] };
  }

  const enterprise = ensureEnterprise(
    db,
    {
      uscc: input.uscc,
      name: input.enterpriseName,
      prefecture: input.prefecture,
      industry: input.industry,
      employees: input.employees,
      revenueWan: input.revenueWan,
    },
    ctx.now,
    known,
  );
  const event = appendEvent(
    db,
    {
      enterpriseId: enterprise.id,
      level: input.level,
      occurredOn: input.occurredAt,
      source: 'api',
      providerId,
      offeringId,
      offeringExternalId: input.offeringExternalId ?? null,
      note: input.note ?? null,
      apiKeyId: key.id,
      verified: key.kind === 'prefecture',
      enterprise,
    },
    ctx.now,
  );
  // formats/adoption-events.md: `counted` is the current campaign, `countedIn` every campaign
  // that counts the enterprise (as new, like `counted`) after this event, in order of their start.
  const countedIn = event.countedAs
    ? [...event.countedAs].filter(([, kind]) => kind === 'new').map(([campaignId]) => campaignId)
    : campaignsCountingNew(db, enterprise.id);
  const counted = ctx.campaignId !== null && countedIn.includes(ctx.campaignId);
  const response = { id: event.id, status: event.status, counted, countedIn };
  s.remember.run(key.id, idempotencyKey, hash, event.id, JSON.stringify(response), ctx.now);
  return { status: 201, id: event.id, counted, countedIn, response };
}

/** Runs a write with the judge, retrying once if a concurrent writer won an idempotency key. */
function withRetry<T>(db: Db, fn: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return ledgerTransaction(db, fn);
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e)) throw e;
    }
  }
}

type Job = { run: () => Judged; resolve: (judged: Judged) => void; reject: (error: unknown) => void };
const groups = new WeakMap<Db['$client'], Job[]>();

/**
 * Group commit for single events: the requests whose bodies arrived in the same turn of the event
 * loop are judged one after another in ONE transaction and answered after it commits. A commit (and the WAL checkpoint it triggers now and then) is what a single
 * event costs most; concurrent clients now share it. Idempotency is unchanged: the jobs run in
 * order, so of ten identical requests the first records and the others find its answer.
 */
function inGroupCommit(db: Db, run: () => Judged): Promise<Judged> {
  return new Promise((resolve, reject) => {
    let group = groups.get(db.$client);
    if (!group) {
      group = [];
      groups.set(db.$client, group);
      setImmediate(() => commitGroup(db));
    }
    group.push({ run, resolve, reject });
  });
}

function commitGroup(db: Db) {
  const jobs = groups.get(db.$client) ?? [];
  groups.delete(db.$client);
  let judged: Judged[];
  try {
    // Optimistically all in one transaction, without a savepoint per job: a job only throws on an
    // unexpected database error (a judged refusal is a return value, written before nothing).
    judged = ledgerTransaction(db, () => jobs.map((job) => job.run()));
  } catch {
    // Rolled back as a whole: judge each job again in a transaction of its own, so one failure
    // answers only its own request.
    for (const job of jobs) {
      try {
        job.resolve(withRetry(db, job.run));
      } catch (error) {
        job.reject(error);
      }
    }
    return;
  }
  jobs.forEach((job, i) => job.resolve(judged[i]!));
}

export async function handleAdoptionEvent(db: Db, request: Request): Promise<ApiAnswer> {
  const t = apiTranslator(request);
  const key = authenticate(db, request, t);
  if ('status' in key) return key;
  const idempotencyKey = request.headers.get('Idempotency-Key');
  if (idempotencyKey === null || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return { status: 422, body: { errors: [error(t, 'Idempotency-Key', 'adoption.api.idempotencyKey')] } };
  }
  const body = await readJson(request, t);
  if (!body.ok) return body.answer;
  const ctx = { key, t, campaignId: currentCampaignIdRemembered(db), now: new Date().toISOString() };
  const judged = await inGroupCommit(db, () => judgeEvent(db, ctx, idempotencyKey, body.value));
  if ('errors' in judged) return { status: judged.status, body: { errors: judged.errors } };
  return { status: judged.status, body: judged.response };
}

export async function handleAdoptionBatch(db: Db, request: Request): Promise<ApiAnswer> {
  const t = apiTranslator(request);
  const key = authenticate(db, request, t);
  if ('status' in key) return key;
  const body = await readJson(request, t);
  if (!body.ok) return body.answer;
  const events = (body.value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events))
    return { status: 422, body: { errors: [error(t, 'events', 'adoption.api.batchShape')] } };
  if (events.length > BATCH_MAX_EVENTS)
    return { status: 413, body: { errors: [error(t, 'events', 'adoption.api.batchTooMany')] } };
  if (events.length === 0)
    return { status: 422, body: { errors: [error(t, 'events', 'adoption.api.batchEmpty')] } };

  const ctx = { key, t, campaignId: currentCampaignIdRemembered(db), now: new Date().toISOString() };
  const results = withRetry(db, () =>
    events.map((item) => {
      const { idempotencyKey, ...fields } = (item && typeof item === 'object' ? item : {}) as Record<
        string,
        unknown
      >;
      if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        return {
          idempotencyKey: idempotencyKey ?? null,
          status: 422,
          errors: [error(t, 'idempotencyKey', 'adoption.api.idempotencyKey')],
        };
      }
      const judged = judgeEvent(db, ctx, idempotencyKey, fields);
      if ('errors' in judged) return { idempotencyKey, status: judged.status, errors: judged.errors };
      return {
        idempotencyKey,
        status: judged.status,
        id: judged.id,
        counted: judged.counted,
        countedIn: judged.countedIn,
      };
    }),
  );
  return { status: 200, body: { results } };
}
