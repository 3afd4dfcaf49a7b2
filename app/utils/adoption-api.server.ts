import { translateError, translator, type Translate } from '~/i18n';
import { IDEMPOTENCY_KEY } from '~/domain/idempotency';
import {
  recordAdoptionBatch,
  recordAdoptionEvent,
  type AdoptionApiError,
} from '~/models/adoption-api.server';
import type { ApiKeyPrincipal } from '~/models/api-keys.server';
import { programLocale } from './api-locale.server';
import { checkApiKey } from './api.server';
import { getDb } from './db.server';
import { retryAfterHeader } from './rate-limit.server';
import { readCappedBody } from './request-body.server';

// The adoption API's HTTP side (formats/adoption-events.md): who calls (a Bearer API key), the
// Idempotency-Key header, a JSON body of bounded size, and messages in the caller's language. The
// model (app/models/adoption-api.server.ts) judges the plain values; this turns its answer into JSON.

// 1,000 events with 500-character notes fit in about 1 MB; anything far larger is refused unread.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const translated = (t: Translate, errors: readonly AdoptionApiError[]) =>
  errors.map((e) => ({ path: e.path, message: translateError(t, e.messageKey) }));

const refusal = (t: Translate, status: number, path: string, messageKey: string): ApiAnswer => ({
  status,
  body: { errors: translated(t, [{ path, messageKey }]) },
});

/**
 * The caller's key, counted against its limit (checkApiKey, shared with the marketplace API), or
 * the answer: 401 for a missing or unknown key (nothing counted), 429 with Retry-After once the
 * key's calls for the minute are spent.
 */
async function authenticate(request: Request, t: Translate): Promise<ApiKeyPrincipal | ApiAnswer> {
  const check = await checkApiKey(request);
  if (check?.ok) return check.key;
  if (check?.status === 429) {
    const headers = retryAfterHeader(check);
    return {
      status: 429,
      body: { errors: [{ path: '', code: 'rate_limited', message: t('api.errors.tooMany', { seconds: headers['Retry-After']! }) }] },
      headers,
    };
  }
  return {
    ...refusal(t, 401, 'Authorization', 'adoption.api.unauthorized'),
    headers: { 'WWW-Authenticate': 'Bearer' },
  };
}

async function readJson(
  request: Request,
  t: Translate,
): Promise<{ ok: true; value: unknown } | { ok: false; answer: ApiAnswer }> {
  const text = await readCappedBody(request, MAX_BODY_BYTES);
  if (text === null) return { ok: false, answer: refusal(t, 413, '', 'adoption.api.tooLarge') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, answer: refusal(t, 422, '', 'adoption.api.notJson') };
  }
}

/** POST /api/adoption-events: one event. */
export async function adoptionEventAnswer(request: Request): Promise<ApiAnswer> {
  const t = translator(programLocale(request));
  const key = await authenticate(request, t);
  if ('status' in key) return key;
  const idempotencyKey = request.headers.get('Idempotency-Key');
  if (idempotencyKey === null || !IDEMPOTENCY_KEY.test(idempotencyKey))
    return refusal(t, 422, 'Idempotency-Key', 'adoption.api.idempotencyKey');
  const body = await readJson(request, t);
  if (!body.ok) return body.answer;
  const answer = await recordAdoptionEvent(getDb(), { key, idempotencyKey, event: body.value });
  if ('errors' in answer) return { status: answer.status, body: { errors: translated(t, answer.errors) } };
  return answer;
}

/** POST /api/adoption-events/batch: `{ events: [...] }`, each with its own idempotencyKey. */
export async function adoptionBatchAnswer(request: Request): Promise<ApiAnswer> {
  const t = translator(programLocale(request));
  const key = await authenticate(request, t);
  if ('status' in key) return key;
  const body = await readJson(request, t);
  if (!body.ok) return body.answer;
  const events = (body.value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return refusal(t, 422, 'events', 'adoption.api.batchShape');
  const answer = recordAdoptionBatch(getDb(), { key, events });
  if ('errors' in answer) return { status: answer.status, body: { errors: translated(t, answer.errors) } };
  const results = answer.results.map(({ errors, ...result }) =>
    errors ? { ...result, errors: translated(t, errors) } : result,
  );
  return { status: 200, body: { results } };
}
