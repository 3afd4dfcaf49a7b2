/**
 * The transactional outbox towards Meilisearch. Catalog writes add a row in their own
 * transaction (enqueueInTx); drainOutbox sends what is due, reading each offering's current
 * state at send time, and deletes the rows it delivered. A failure leaves the rows with an
 * exponential backoff, so a Meilisearch outage never fails a catalog edit: the backlog waits
 * and drains when the service is back. Used by the in-process worker and by search:sync.
 */
import { asc, count, desc, eq, gt, inArray, lte, min } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { searchOutbox } from '../db/schema';
import { loadSearchDocument } from './documents';
import { SearchTaskFailedError, type SearchDocument, type SearchEngine } from './engine';
import { connectionOf, statement } from './sqlite/client';
import { loadSynonyms } from './synonyms';

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;

/** Records that an offering changed (or that the synonyms did), in the caller's transaction. */
export function enqueueInTx(
  tx: object,
  change: { kind: 'offering'; offeringId: string } | { kind: 'synonyms' },
): void {
  statement(connectionOf(tx), 'INSERT INTO search_outbox (kind, offering_id) VALUES (?, ?)').run(
    change.kind,
    change.kind === 'offering' ? change.offeringId : null,
  );
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DrainResult {
  /** Rows delivered and deleted. */
  delivered: number;
  /** Rows that failed this time and wait for their next attempt. */
  failed: number;
  /** Rows left in the outbox (due later or failing). */
  remaining: number;
}

export interface DrainOptions {
  batchSize?: number;
  /** Clock for tests. */
  now?: () => Date;
  /** Stop after this many batches (default: until nothing is due). */
  maxBatches?: number;
}

type Row = typeof searchOutbox.$inferSelect;

async function deliver(db: Db, engine: SearchEngine, rows: readonly Row[]): Promise<void> {
  if (engine.kind === 'sqlite') return; // the SQLite index was updated in the writing transaction
  if (rows.some((r) => r.kind === 'synonyms')) await engine.prepare(loadSynonyms(db));
  const ids = [
    ...new Set(rows.filter((r) => r.kind === 'offering' && r.offeringId).map((r) => r.offeringId as string)),
  ];
  const upserts: SearchDocument[] = [];
  const removals: string[] = [];
  for (const id of ids) {
    const doc = loadSearchDocument(db, id);
    if (doc) upserts.push(doc);
    else removals.push(id);
  }
  if (upserts.length > 0) await engine.upsert(upserts);
  if (removals.length > 0) await engine.remove(removals);
}

function markFailed(db: Db, rows: readonly Row[], error: unknown, now: Date): void {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  db.transaction((tx) => {
    for (const row of rows) {
      const attempts = row.attempts + 1;
      tx.update(searchOutbox)
        .set({
          attempts,
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        })
        .where(eq(searchOutbox.id, row.id))
        .run();
    }
  });
}

function acknowledge(db: Db, rows: readonly Row[]): void {
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500)
    db.delete(searchOutbox)
      .where(inArray(searchOutbox.id, ids.slice(i, i + 500)))
      .run();
}

/**
 * Sends every due change to the engine. A batch the service rejects as a whole (task failed)
 * is retried row by row, so one bad document cannot hold back the others; when the service
 * is unreachable the batch backs off and draining stops until the next run.
 */
export async function drainOutbox(
  db: Db,
  engine: SearchEngine,
  opts: DrainOptions = {},
): Promise<DrainResult> {
  const batchSize = opts.batchSize ?? 200;
  const now = opts.now ?? (() => new Date());
  let delivered = 0;
  let failed = 0;
  for (let batch = 0; batch < (opts.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
    const at = now();
    const rows = db
      .select()
      .from(searchOutbox)
      .where(lte(searchOutbox.nextAttemptAt, at.toISOString()))
      .orderBy(asc(searchOutbox.attempts), asc(searchOutbox.id))
      .limit(batchSize)
      .all();
    if (rows.length === 0) break;
    try {
      await deliver(db, engine, rows);
      acknowledge(db, rows);
      delivered += rows.length;
      continue;
    } catch (error) {
      if (!(error instanceof SearchTaskFailedError) || rows.length === 1) {
        markFailed(db, rows, error, at);
        failed += rows.length;
        if (error instanceof SearchTaskFailedError) continue;
        break;
      }
    }
    // Isolate the rejected document(s).
    for (const row of rows) {
      try {
        await deliver(db, engine, [row]);
        acknowledge(db, [row]);
        delivered++;
      } catch (error) {
        markFailed(db, [row], error, at);
        failed++;
        if (!(error instanceof SearchTaskFailedError))
          return { delivered, failed, remaining: outboxBacklog(db).pending };
      }
    }
  }
  return { delivered, failed, remaining: outboxBacklog(db).pending };
}

export interface OutboxBacklog {
  pending: number;
  /** Rows that failed at least once. */
  failing: number;
  oldestCreatedAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export function outboxBacklog(db: Pick<Db, 'select'>): OutboxBacklog {
  const totals = db
    .select({ pending: count(), oldest: min(searchOutbox.createdAt), next: min(searchOutbox.nextAttemptAt) })
    .from(searchOutbox)
    .get();
  const failing = db.select({ n: count() }).from(searchOutbox).where(gt(searchOutbox.attempts, 0)).get();
  const latest = db
    .select({ lastError: searchOutbox.lastError })
    .from(searchOutbox)
    .where(gt(searchOutbox.attempts, 0))
    .orderBy(desc(searchOutbox.id))
    .limit(1)
    .get();
  return {
    pending: totals?.pending ?? 0,
    failing: failing?.n ?? 0,
    oldestCreatedAt: totals?.oldest ?? null,
    nextAttemptAt: totals?.next ?? null,
    lastError: latest?.lastError ?? null,
  };
}
