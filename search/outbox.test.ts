import { eq } from 'drizzle-orm';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { offerings, searchDocuments, searchOutbox } from '../db/schema';
import { insertSearchFixture, type SearchFixtureIds } from '../tests/fixtures/search-catalog';
import { fakeMeilisearch, MEILI_HOST, type FakeMeilisearch } from '../tests/mocks/meilisearch';
import { server } from '../tests/setup/msw';
import { useTestDatabase } from '../tests/setup/test-db';
import { makeQuery } from './engine';
import {
  indexOfferingInTx,
  searchHealth,
  searchOfferings,
  sqliteEngineFor,
  startSearchSync,
} from '../app/models/search.server';
import { saveSynonymGroupInTx } from './synonyms';
import { MeilisearchEngine } from './meilisearch/engine';
import { backoffMs, drainOutbox, outboxBacklog } from './outbox';

const db = useTestDatabase();
let ids: SearchFixtureIds;
let fake: FakeMeilisearch;
let meili: MeilisearchEngine;

beforeAll(() => {
  ids = insertSearchFixture(db());
});

beforeEach(() => {
  db().delete(searchOutbox).run();
  fake = fakeMeilisearch();
  server.use(...fake.handlers);
  meili = new MeilisearchEngine({ host: MEILI_HOST, indexUid: 'offerings', taskIntervalMs: 0 });
});

afterEach(() => {
  delete process.env.MEILI_HOST;
});

const rows = () => db().select().from(searchOutbox).all();
const touch = (...keys: string[]) =>
  db().transaction((tx) => keys.forEach((k) => indexOfferingInTx(tx, ids.offering[k]!)));

describe('writing the outbox', () => {
  it('adds a row in the transaction of the catalog change, and none when it rolls back', () => {
    touch('energy');
    expect(rows()).toMatchObject([{ kind: 'offering', offeringId: ids.offering.energy, attempts: 0 }]);
    expect(() =>
      db().transaction((tx) => {
        tx.update(offerings).set({ status: 'archived' }).where(eq(offerings.id, ids.offering.energy!)).run();
        indexOfferingInTx(tx, ids.offering.energy!);
        throw new Error('the edit fails after indexing');
      }),
    ).toThrow('the edit fails');
    expect(rows()).toHaveLength(1);
    // The SQLite index rolled back with it: the offering is still found.
    expect(
      sqliteEngineFor(db())
        .searchSync(makeQuery({ q: '能耗' }))
        .hits.map((h) => h.id),
    ).toContain(ids.offering.energy);
  });
});

describe('draining towards Meilisearch', () => {
  it('backs off while Meilisearch is down, then delivers everything when it is back', async () => {
    touch('energy', 'smart-mes');
    const t0 = new Date(Date.now() + 1000);
    fake.failRequests(100);
    const first = await drainOutbox(db(), meili, { now: () => t0 });
    expect(first).toEqual({ delivered: 0, failed: 2, remaining: 2 });
    expect(rows().map((r) => [r.attempts, r.lastError])).toEqual([
      [1, 'Service unavailable'],
      [1, 'Service unavailable'],
    ]);
    expect(rows()[0]?.nextAttemptAt).toBe(new Date(t0.getTime() + backoffMs(1)).toISOString());

    // Not due yet: nothing is tried.
    const requestsBefore = fake.requests.length;
    expect(await drainOutbox(db(), meili, { now: () => new Date(t0.getTime() + 500) })).toMatchObject({
      delivered: 0,
      failed: 0,
    });
    expect(fake.requests.length).toBe(requestsBefore);

    // A second failure doubles the wait.
    await drainOutbox(db(), meili, { now: () => new Date(t0.getTime() + 1000) });
    expect(rows()[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(t0.getTime() + 1000 + backoffMs(2)).toISOString(),
    });
    expect(outboxBacklog(db())).toMatchObject({ pending: 2, failing: 2 });

    fake.failRequests(0);
    const later = await drainOutbox(db(), meili, { now: () => new Date(t0.getTime() + 60_000) });
    expect(later).toEqual({ delivered: 2, failed: 0, remaining: 0 });
    expect([...fake.documents.keys()].sort()).toEqual(
      [ids.offering.energy, ids.offering['smart-mes']].sort(),
    );
  });

  it('sends the current state: an offering that is no longer visible is deleted', async () => {
    db().transaction((tx) => {
      tx.update(offerings).set({ status: 'archived' }).where(eq(offerings.id, ids.offering.markup!)).run();
      indexOfferingInTx(tx, ids.offering.markup!);
    });
    expect(
      db().select().from(searchDocuments).where(eq(searchDocuments.offeringId, ids.offering.markup!)).all(),
    ).toEqual([]);
    await drainOutbox(db(), meili);
    expect(
      fake.requests.some(
        (r) =>
          r.path === '/indexes/offerings/documents/delete-batch' &&
          JSON.stringify(r.body) === JSON.stringify([ids.offering.markup]),
      ),
    ).toBe(true);
    expect(rows()).toEqual([]);
  });

  it('isolates a document Meilisearch rejects so the others still get through', async () => {
    touch('energy', 'smart-mes');
    fake.failTasks(2); // the batch, then the first document on its own
    const result = await drainOutbox(db(), meili);
    expect(result).toMatchObject({ delivered: 1, failed: 1, remaining: 1 });
    expect(rows()[0]?.lastError).toMatch(/invalid_document_id|is invalid/);
  });

  it('pushes synonym changes as index settings', async () => {
    db().transaction((tx) => saveSynonymGroupInTx(tx, { terms: ['APS', '高级排产'], actorUserId: null }));
    await drainOutbox(db(), meili);
    expect(fake.settings.synonyms).toMatchObject({
      aps: ['高级排产'],
      高级排产: ['aps'],
      mes: ['制造执行系统'],
    });
  });

  it('acknowledges rows at once when SQLite is the engine (it was updated in the transaction)', async () => {
    touch('energy');
    expect(await drainOutbox(db(), sqliteEngineFor(db()))).toEqual({ delivered: 1, failed: 0, remaining: 0 });
    expect(fake.requests).toEqual([]);
  });
});

describe('the app-facing module', () => {
  it('answers from SQLite when Meilisearch fails, and reports the engine and backlog for /healthz', async () => {
    process.env.MEILI_HOST = MEILI_HOST;
    fake.failRequests(100);
    const warnings: string[] = [];
    const r = await searchOfferings(db(), makeQuery({ q: '能耗' }), {
      warn: (_o, msg) => warnings.push(msg),
    });
    expect(r.engine).toBe('sqlite');
    expect(r.total).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    touch('energy');
    expect(await searchHealth(db())).toMatchObject({
      engine: 'meilisearch',
      ok: false,
      outbox: { pending: 1 },
    });
  });

  it('after a Meilisearch failure answers from SQLite for 30 s without asking it, then asks it again', async () => {
    process.env.MEILI_HOST = MEILI_HOST;
    // Date only: msw and the client's own time limit keep real timers.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    try {
      const warnings: string[] = [];
      const log = { warn: (_o: Record<string, unknown>, msg: string) => warnings.push(msg) };
      const search = async () => (await searchOfferings(db(), makeQuery({ q: '能耗' }), log)).engine;
      const searches = () => fake.requests.filter((r) => r.path.endsWith('/multi-search')).length;
      expect(await search()).toBe('meilisearch');
      fake.failRequests(1);
      expect(await search()).toBe('sqlite');
      const asked = searches();
      // Meilisearch answers again, but is left alone for the pause; nothing more is logged.
      for (let i = 0; i < 3; i++) expect(await search()).toBe('sqlite');
      vi.advanceTimersByTime(29_999);
      expect(await search()).toBe('sqlite');
      expect(searches()).toBe(asked);
      expect(warnings).toEqual(['meilisearch search failed; answering from sqlite for 30 s']);
      vi.advanceTimersByTime(1);
      expect(await search()).toBe('meilisearch');
      expect(searches()).toBe(asked + 1);
      // No answer within the client's 5 s opens it like an error does, and is logged once more.
      server.use(
        http.post(`${MEILI_HOST}/multi-search`, () => delay(8000).then(() => HttpResponse.json({}))),
      );
      const started = performance.now();
      expect(await search()).toBe('sqlite');
      expect(performance.now() - started).toBeGreaterThanOrEqual(4900);
      expect(warnings).toHaveLength(2);
      expect(await search()).toBe('sqlite');
      expect(performance.now() - started).toBeLessThan(7000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs a worker that applies the settings and drains the outbox in the background', async () => {
    process.env.MEILI_HOST = MEILI_HOST;
    touch('energy');
    const worker = startSearchSync(db(), { intervalMs: 20, log: { warn: () => {} } });
    for (let i = 0; i < 100 && rows().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(rows()).toEqual([]);
    expect(fake.requests[0]?.method).toBe('PATCH');
    expect(fake.documents.has(ids.offering.energy!)).toBe(true);
  });
});
