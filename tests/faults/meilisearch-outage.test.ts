import { eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { offerings, providers, searchOutbox } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import {
  MEILISEARCH_PAUSE_MS,
  outboxBacklog,
  startSearchSync,
  type SearchWorker,
} from '../../app/models/search.server';
import * as create from '../../app/routes/provider.offerings.new';
import * as providerOffering from '../../app/routes/provider.offerings.$offeringId';
import * as officialOffering from '../../app/routes/official.offerings.$offeringId';
import * as apiSearch from '../../app/routes/api.search';
import * as catalog from '../../app/routes/catalog._index';
import * as healthz from '../../app/routes/healthz';
import { fakeMeilisearch, MEILI_HOST, type FakeMeilisearch } from '../mocks/meilisearch';
// This file's outside service is Meilisearch, answered by msw (the other fault tests need none).
import { server } from '../setup/msw';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

// Issue 12, "Faults": a Meilisearch outage (every call answered 503 for as long as it lasts) fails
// no catalog edit, searches keep answering (from the SQLite index, which changes in the edit's own
// transaction), and the outbox keeps every change and drains once Meilisearch answers again — with
// the same outbox worker the server runs (startSearchSync), through the same routes people use.

process.env.MEILI_HOST = MEILI_HOST;
const db = useTestDatabase();
const started = performance.now();

let fake: FakeMeilisearch;
let worker: SearchWorker;
const meiliCalls: { status: number; path: string }[] = [];
const outage = http.all(new RegExp(`^${MEILI_HOST.replace(/[.]/g, '\\.')}/`), ({ request }) => {
  meiliCalls.push({ status: 503, path: new URL(request.url).pathname });
  return HttpResponse.json({ message: 'Service unavailable', code: 'unavailable' }, { status: 503 });
});
const log = { warn() {}, info() {} };

let provider: { cookie: string };
let official: { cookie: string };

beforeAll(async () => {
  const user = await createTestUser(db(), { role: 'provider' });
  db()
    .insert(providers)
    .values({
      id: newId(),
      uscc: makeUscc('91', '510100', 'MA7FAULT1'),
      nameZh: '故障演练云科技有限公司',
      prefecture: '5101',
      status: 'approved',
      ownerUserId: user.id,
    })
    .run();
  provider = user;
  official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  // Meilisearch is up when the server starts: the worker applies the index settings.
  fake = fakeMeilisearch();
  server.use(...fake.handlers);
  worker = startSearchSync(db(), { intervalMs: 100, log });
  await until(() => fake.requests.some((r) => r.path.includes('/settings')), 'index settings applied');
});

// tests/setup/msw.ts resets the handlers after each test: each test says whether Meilisearch is down.
let meilisearchDown = false;
beforeEach(() => {
  if (meilisearchDown) server.use(outage);
  else server.use(...fake.handlers);
});

afterAll(async () => {
  await worker?.stop();
  delete process.env.MEILI_HOST;
  console.log(`meilisearch outage: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

async function until(done: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const offeringForm = (externalId: string, title: string) => ({
  externalId,
  title,
  summary: '面向中小制造企业的生产排产 SaaS',
  level: 'saas',
  categories: ['生产管理'],
  'plans[0].name': '基础版',
  'plans[0].price': '980',
  'plans[0].billing': 'month',
});

/** Draft → submitted → published, as the provider and an official do it; each step must succeed. */
async function publish(externalId: string, title: string): Promise<string> {
  const created = await call(() =>
    create.action(
      routeArgs(formRequest('/provider/offerings/new', offeringForm(externalId, title), provider.cookie)),
    ),
  );
  expect(statusOf(created)).toBe(302);
  const id = (created as Response).headers.get('Location')!.split('/').pop()!.split('?')[0]!;
  const submitted = await call(() =>
    providerOffering.action(
      routeArgs(formRequest(`/provider/offerings/${id}`, { _action: 'submit' }, provider.cookie), {
        offeringId: id,
      }),
    ),
  );
  expect(statusOf(submitted)).toBe(302);
  const approved = await call(() =>
    officialOffering.action(
      routeArgs(formRequest(`/official/offerings/${id}`, { intent: 'approve' }, official.cookie), {
        offeringId: id,
      }),
    ),
  );
  expect(statusOf(approved)).toBe(302);
  return id;
}

async function apiSearchFor(q: string) {
  const response = (await apiSearch.loader(
    routeArgs(getRequest(`/api/search?q=${encodeURIComponent(q)}`)),
  )) as Response;
  return {
    status: response.status,
    body: (await response.json()) as { engine: string; hits: { id: string }[] },
  };
}

describe('a Meilisearch outage', () => {
  let kept: string;
  let archived: string;

  it('fails no catalog edit, and searches keep answering from the SQLite index', async () => {
    meilisearchDown = true;
    server.use(outage);
    kept = await publish('osprey-aps', 'Osprey 排产云');
    archived = await publish('heron-mes', 'Heron 制造执行');
    const archivedAnswer = await call(() =>
      providerOffering.action(
        routeArgs(formRequest(`/provider/offerings/${archived}`, { _action: 'archive' }, provider.cookie), {
          offeringId: archived,
        }),
      ),
    );
    expect(statusOf(archivedAnswer)).toBe(302);
    expect(
      db().select({ status: offerings.status }).from(offerings).where(eq(offerings.id, archived)).get()
        ?.status,
    ).toBe('archived');

    const found = await apiSearchFor('Osprey');
    expect(found.status).toBe(200);
    expect(found.body.engine).toBe('sqlite');
    expect(found.body.hits.map((h) => h.id)).toEqual([kept]);
    expect((await apiSearchFor('Heron')).body.hits).toEqual([]);
    const page = await call(() => catalog.loader(routeArgs(getRequest('/catalog?q=Osprey'))));
    expect(statusOf(page)).toBe(200);
    expect(payloadOf(page).result.hits.map((h: { id: string }) => h.id)).toEqual([kept]);

    // Healthy enough to stay in rotation, and says what is wrong.
    const health = (await healthz.loader()) as Response;
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', database: 'ok' });
    // It really was down for every call made during the outage.
    expect(meiliCalls.length).toBeGreaterThan(0);
  });

  it('keeps every change in the outbox while Meilisearch fails', async () => {
    // The worker tries, fails and backs off; nothing is dropped.
    await until(
      () =>
        db()
          .select()
          .from(searchOutbox)
          .all()
          .some((r) => r.attempts > 0),
      'a failed delivery',
    );
    const pending = db().select().from(searchOutbox).all();
    expect(new Set(pending.map((r) => r.offeringId))).toEqual(new Set([kept, archived]));
    expect(pending.filter((r) => r.attempts > 0).map((r) => r.lastError)).toContain('Service unavailable');
    expect(fake.documents.has(kept)).toBe(false);
  });

  it('drains the outbox once Meilisearch answers again, and Meilisearch then answers searches', async () => {
    meilisearchDown = false;
    server.resetHandlers();
    server.use(...fake.handlers);
    const recoveredAt = Date.now();
    await until(() => outboxBacklog(db()).pending === 0, 'the outbox to drain');
    const drainedInMs = Date.now() - recoveredAt;
    // The backoff after a few seconds of outage is a few seconds (1 s, 2 s, 4 s …).
    expect(drainedInMs).toBeLessThan(20_000);
    expect(fake.documents.get(kept)).toMatchObject({ id: kept });
    expect(fake.documents.has(archived)).toBe(false);
    // Searches stay with SQLite for MEILISEARCH_PAUSE_MS after the last failed one (the circuit
    // breaker), then ask Meilisearch again. Date only: the worker and msw keep real timers.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + MEILISEARCH_PAUSE_MS });
    try {
      const found = await apiSearchFor('Osprey');
      expect(found.body.engine).toBe('meilisearch');
      expect(found.body.hits.map((h) => h.id)).toEqual([kept]);
    } finally {
      vi.useRealTimers();
    }
  });
});
