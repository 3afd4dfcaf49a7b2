import crypto from 'node:crypto';
import type { Db } from '../../db/client.server';
import { admissionOf } from '~/domain/adoption-admission';
import { IDEMPOTENCY_KEY } from '~/domain/idempotency';
import type { MessageKey } from '~/i18n';
import { ApiEventSchema } from '~/schemas/adoption';
import {
  appendEvent,
  currentCampaignIdRemembered,
  ensureEnterprise,
  findEnterpriseByUscc,
  campaignsCountingNew,
  ledgerTransaction,
  refusalMessage,
} from './adoption-ledger.server';
import type { ApiKeyPrincipal } from './api-keys.server';
import { prepared } from './prepared.server';

// POST /api/adoption-events and /api/adoption-events/batch, exactly as
// formats/adoption-events.md says, judged on plain values: the authenticated key, the
// Idempotency-Key and the parsed body. Reading the request (key, headers, body) and translating
// the messages is app/utils/adoption-api.server.ts's.

/** A refusal: the field it concerns and its message key (translated by the caller). */
export type AdoptionApiError = { path: string; messageKey: string };

export type EventAnswer =
  | { status: 200 | 201; body: Record<string, unknown> }
  | { status: number; errors: AdoptionApiError[] };

export type BatchResult = {
  idempotencyKey: unknown;
  status: number;
  errors?: AdoptionApiError[];
  id?: string;
  counted?: boolean;
  countedIn?: string[];
};
export type BatchAnswer = { status: 200; results: BatchResult[] } | { status: number; errors: AdoptionApiError[] };
type Judged =
  | {
      status: 201 | 200;
      id: string;
      eventStatus?: string;
      counted: boolean;
      countedIn: string[];
      response: Record<string, unknown>;
    }
  | { status: 409 | 422 | 403; errors: AdoptionApiError[] };

export const BATCH_MAX_EVENTS = 1000;

function error(path: string, key: MessageKey | string): AdoptionApiError {
  return { path, messageKey: key };
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
  ctx: { key: ApiKeyPrincipal; campaignId: string | null; now: string },
  idempotencyKey: string,
  raw: unknown,
): Judged {
  const { key } = ctx;
  const hash = requestHash(raw);
  const s = statements(db);
  const prior = s.prior.get(key.id, idempotencyKey);
  if (prior) {
    if (prior.requestHash !== hash)
      return { status: 409, errors: [error('Idempotency-Key', 'adoption.api.conflict')] };
    const response = JSON.parse(prior.response) as { id: string; counted: boolean; countedIn?: string[] };
    return { status: 200, id: response.id, counted: response.counted, countedIn: response.countedIn ?? [], response };
  }

  const parsed = ApiEventSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: 422,
      errors: parsed.error.issues.map((i) => error(i.path.map(String).join('.'), i.message)),
    };
  }
  const input = parsed.data;

  let providerId: string | null = null;
  let offeringId: string | null = null;
  let provider: { fraudFlaggedAt: string | null } | null = null;
  if (key.kind === 'provider') {
    if (!input.offeringExternalId)
      return { status: 422, errors: [error('offeringExternalId', 'adoption.api.offeringRequired')] };
    const offering = s.ownOffering.get(key.providerId ?? '', input.offeringExternalId);
    if (!offering)
      return { status: 403, errors: [error('offeringExternalId', 'adoption.api.notOwnOffering')] };
    provider = { fraudFlaggedAt: offering.fraud };
    providerId = key.providerId;
    offeringId = offering.id;
  } else if (input.prefecture !== key.prefecture) {
    return { status: 403, errors: [error('prefecture', 'adoption.api.otherPrefecture')] };
  }

  const known = findEnterpriseByUscc(db, input.uscc);
  // formats/adoption-events.md: a prefecture key's events are verified, a provider key's pending;
  // neither is admitted while the enterprise or the provider is flagged (app/domain/adoption-admission.ts).
  const admission = admissionOf(key.kind === 'prefecture' ? 'prefecture-key' : 'provider-key', {
    enterprise: known,
    provider,
  });
  if (!admission.ok) {
    const path = admission.refusal === 'enterprise-flagged' ? 'uscc' : '';
    return { status: 403, errors: [error(path, refusalMessage(admission.refusal))] };
  }
  // Officials' data is attributed to the registered prefecture: a prefecture office reports its own.
  if (known && key.kind === 'prefecture' && known.prefecture !== key.prefecture) {
    return { status: 403, errors: [error('uscc', 'adoption.api.registeredElsewhere')] };
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
      source: admission.source,
      providerId,
      offeringId,
      offeringExternalId: input.offeringExternalId ?? null,
      note: input.note ?? null,
      apiKeyId: key.id,
      verified: admission.verified,
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

/** One event under the caller's Idempotency-Key (already checked against IDEMPOTENCY_KEY). */
export async function recordAdoptionEvent(
  db: Db,
  opts: { key: ApiKeyPrincipal; idempotencyKey: string; event: unknown },
): Promise<EventAnswer> {
  const ctx = { key: opts.key, campaignId: currentCampaignIdRemembered(db), now: new Date().toISOString() };
  const judged = await inGroupCommit(db, () => judgeEvent(db, ctx, opts.idempotencyKey, opts.event));
  if ('errors' in judged) return { status: judged.status, errors: judged.errors };
  return { status: judged.status, body: judged.response };
}

/** 1–BATCH_MAX_EVENTS events, each judged as a single request would be, in one transaction. */
export function recordAdoptionBatch(db: Db, opts: { key: ApiKeyPrincipal; events: readonly unknown[] }): BatchAnswer {
  const { events } = opts;
  if (events.length > BATCH_MAX_EVENTS) return { status: 413, errors: [error('events', 'adoption.api.batchTooMany')] };
  if (events.length === 0) return { status: 422, errors: [error('events', 'adoption.api.batchEmpty')] };
  const ctx = { key: opts.key, campaignId: currentCampaignIdRemembered(db), now: new Date().toISOString() };
  const results: BatchResult[] = withRetry(db, () =>
    events.map((item) => {
      const { idempotencyKey, ...fields } = (item && typeof item === 'object' ? item : {}) as Record<
        string,
        unknown
      >;
      if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        return {
          idempotencyKey: idempotencyKey ?? null,
          status: 422,
          errors: [error('idempotencyKey', 'adoption.api.idempotencyKey')],
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
  return { status: 200, results };
}
