/**
 * Keeping the engines in step with the database: a full rebuild (search:reindex) and the
 * outbox worker that runs inside the server process (search:sync runs one drain).
 */
import { lte, max } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { searchOutbox } from '../db/schema';
import { countVisibleOfferings, loadSearchDocumentBatch } from './documents';
import type { SearchEngine } from './engine';
import { MeilisearchEngine } from './meilisearch/engine';
import { drainOutbox, type DrainResult } from './outbox';
import { dropDocuments, indexedOfferingIds, storeDocument } from './sqlite/store';
import { loadSynonyms } from './synonyms';

export interface RebuildResult {
  engine: SearchEngine['kind'];
  /** Visible offerings now indexed. */
  indexed: number;
  /** SQLite rows written (new or changed); unchanged ones are skipped. */
  written: number;
  /** Documents removed because their offering is no longer visible. */
  removed: number;
  seconds: number;
}

export interface RebuildOptions {
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

/**
 * Rebuilds the SQLite index (always) and, when the active engine is Meilisearch, that index
 * too, from the catalog tables. Safe while the app runs: documents are upserted in place, stale
 * ones removed at the end, and outbox rows older than the rebuild are then redundant.
 */
export async function rebuildIndex(
  db: Db,
  engine: SearchEngine,
  opts: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 500;
  const outboxMark =
    db
      .select({ id: max(searchOutbox.id) })
      .from(searchOutbox)
      .get()?.id ?? 0;
  const total = countVisibleOfferings(db);
  const remote = engine.kind === 'meilisearch' ? engine : null;
  if (remote) await remote.prepare(loadSynonyms(db));
  const seen = new Set<string>();
  let written = 0;
  let afterId: string | null = null;
  opts.onProgress?.(0, total);
  for (;;) {
    const docs = loadSearchDocumentBatch(db, { afterId, limit: batchSize });
    if (docs.length === 0) break;
    db.transaction((tx) => {
      for (const doc of docs) if (storeDocument(tx, doc)) written++;
    });
    if (remote) await remote.upsert(docs);
    for (const doc of docs) seen.add(doc.id);
    afterId = docs[docs.length - 1]!.id;
    opts.onProgress?.(seen.size, Math.max(total, seen.size));
  }
  const staleLocal = indexedOfferingIds(db).filter((id) => !seen.has(id));
  db.transaction((tx) => dropDocuments(tx, staleLocal));
  let removed = staleLocal.length;
  if (remote instanceof MeilisearchEngine) {
    const staleRemote = (await remote.documentIds()).filter((id) => !seen.has(id));
    await remote.remove(staleRemote);
    removed = Math.max(removed, staleRemote.length);
  }
  if (outboxMark > 0) db.delete(searchOutbox).where(lte(searchOutbox.id, outboxMark)).run();
  return {
    engine: engine.kind,
    indexed: seen.size,
    written,
    removed,
    seconds: (performance.now() - started) / 1000,
  };
}

export interface WorkerLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info?(obj: Record<string, unknown>, msg: string): void;
}

export interface SearchWorker {
  /** Drain soon (after a catalog write, for example) instead of at the next interval. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * The in-process sync worker: applies the index settings (Meilisearch), then drains the outbox
 * every `intervalMs`. Failures are logged and retried; they never reach a request.
 */
export function startOutboxWorker(
  db: Db,
  engine: SearchEngine,
  opts: { intervalMs?: number; log?: WorkerLogger } = {},
): SearchWorker {
  const interval = opts.intervalMs ?? 2000;
  const log = opts.log ?? { warn: (obj, msg) => console.warn(msg, obj) };
  let prepared = engine.kind === 'sqlite';
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const run = async () => {
    try {
      if (!prepared) {
        await engine.prepare(loadSynonyms(db));
        prepared = true;
      }
      const result: DrainResult = await drainOutbox(db, engine);
      if (result.failed > 0)
        log.warn({ ...result }, 'search outbox: some changes failed and will be retried');
      else if (result.delivered > 0) log.info?.({ ...result }, 'search outbox drained');
    } catch (error) {
      log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'search sync failed; will retry',
      );
    }
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = run().finally(() => {
        running = null;
        schedule(interval);
      });
    }, delay);
    timer.unref();
  };

  schedule(0);
  return {
    kick() {
      if (!running) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
