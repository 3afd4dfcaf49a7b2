/**
 * The one module the application uses to reach search (STYLE.md: search is reached through one
 * server utility). Catalog writes call indexOfferingInTx / removeOfferingInTx /
 * reindexProviderInTx INSIDE their transaction: the SQLite index changes with the catalog row,
 * and an outbox row for Meilisearch is written in the same transaction. Reads go to the engine
 * chosen by MEILI_HOST (search/config.ts); if Meilisearch fails, the always-current SQLite
 * index answers instead.
 */
import type { Db } from '../db/client.server';
import { readSearchConfig } from './config';
import { loadSearchDocument, offeringIdsOfProvider, type Tx } from './documents';
import type { EngineHealth, SearchEngine, SearchQuery, SearchResponse } from './engine';
import { MeilisearchEngine } from './meilisearch/engine';
import { drainOutbox, enqueueInTx, outboxBacklog, type OutboxBacklog } from './outbox';
import { SqliteSearchEngine } from './sqlite/engine';
import { dropDocuments, storeDocument } from './sqlite/store';
import { suggestQuery } from './sqlite/suggest';
import {
  rebuildIndex,
  startOutboxWorker,
  type RebuildOptions,
  type RebuildResult,
  type SearchWorker,
} from './sync.server';

export { makeQuery, parseSearchParams, searchParamsOf, SEARCH_FACETS, SEARCH_SORTS } from './engine';
export type {
  SearchFacet,
  SearchHit,
  SearchParamError,
  SearchQuery,
  SearchResponse,
  SearchSort,
} from './engine';
export { drainOutbox, outboxBacklog } from './outbox';
export type { RebuildResult, SearchWorker } from './sync.server';
export { deleteSynonymGroupInTx, listSynonymGroups, saveSynonymGroupInTx } from './synonyms';
export {
  chinaMonth,
  listSearchMisses,
  missCount,
  normaliseMissQuery,
  recordSearchMiss,
  searchMissMonths,
} from './misses';
export type { SearchMissRow } from './misses';
export type { Tx } from './documents';

export interface SearchLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info?(obj: Record<string, unknown>, msg: string): void;
}

const consoleLogger: SearchLogger = { warn: (obj, msg) => console.warn(msg, obj) };

const sqliteEngines = new WeakMap<Db, SqliteSearchEngine>();
let meili: { key: string; engine: MeilisearchEngine } | null = null;

export function sqliteEngineFor(db: Db): SqliteSearchEngine {
  let engine = sqliteEngines.get(db);
  if (!engine) {
    engine = new SqliteSearchEngine(db);
    sqliteEngines.set(db, engine);
  }
  return engine;
}

/** The engine of this process: Meilisearch when MEILI_HOST is set, else SQLite. */
export function searchEngineFor(db: Db): SearchEngine {
  const config = readSearchConfig();
  if (config.engine === 'sqlite') return sqliteEngineFor(db);
  const key = `${config.host}|${config.apiKey ?? ''}|${config.indexUid}`;
  if (meili?.key !== key) meili = { key, engine: new MeilisearchEngine(config) };
  return meili.engine;
}

/**
 * Searches published offerings of approved providers (the only ones ever indexed).
 * A Meilisearch failure is logged and answered by the SQLite engine, which is always current.
 */
export async function searchOfferings(
  db: Db,
  query: SearchQuery,
  log: SearchLogger = consoleLogger,
): Promise<SearchResponse> {
  const engine = searchEngineFor(db);
  if (engine.kind === 'sqlite') return sqliteEngineFor(db).searchSync(query);
  try {
    return await engine.search(query);
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'meilisearch search failed; answering from sqlite',
    );
    return sqliteEngineFor(db).searchSync(query);
  }
}

/**
 * The offerings (by search_documents.doc_id) that match q, with a 0–1 relevance: matches rank by
 * q without filtering by it. Always the SQLite index, whatever the engine: it is current in the
 * same transaction as the catalog, and it can give the whole matched set synchronously.
 */
export function matchText(db: Db, q: string) {
  return sqliteEngineFor(db).textMatchesSync(q);
}

/**
 * A query near q that finds something ("您是不是要找 …"), found with the search's own typo,
 * pinyin and synonym rules in the SQLite index (always current, whatever the engine), or null.
 */
export function suggestSearch(db: Db, q: string): string | null {
  return suggestQuery(db.$client, q);
}

/**
 * Brings the search index in line with the offering's current state, in the caller's
 * transaction: indexed if it is visible (published, provider approved and not flagged),
 * removed otherwise. Call it after any change to an offering, its plans or its status.
 */
export function indexOfferingInTx(tx: Tx, offeringId: string): void {
  const doc = loadSearchDocument(tx, offeringId);
  if (doc) storeDocument(tx, doc);
  else dropDocuments(tx, [offeringId]);
  enqueueInTx(tx, { kind: 'offering', offeringId });
}

/** Removes an offering from search in the caller's transaction (before deleting or hiding it). */
export function removeOfferingInTx(tx: Tx, offeringId: string): void {
  dropDocuments(tx, [offeringId]);
  enqueueInTx(tx, { kind: 'offering', offeringId });
}

/**
 * Re-evaluates every offering of a provider (approval, suspension, reinstatement, fraud flag,
 * a new name or new certifications), in the caller's transaction.
 */
export function reindexProviderInTx(tx: Tx, providerId: string): void {
  for (const id of offeringIdsOfProvider(tx, providerId)) indexOfferingInTx(tx, id);
}

export interface SearchHealth extends EngineHealth {
  outbox: OutboxBacklog;
}

/** For /healthz: the active engine, whether it answers, its document count and the outbox backlog. */
export async function searchHealth(db: Db): Promise<SearchHealth> {
  const engine = searchEngineFor(db);
  return { ...(await engine.health()), outbox: outboxBacklog(db) };
}

/** Rebuilds the active engine (and always the SQLite index) from the catalog: `search:reindex`. */
export function rebuildSearchIndex(db: Db, opts: RebuildOptions = {}): Promise<RebuildResult> {
  return rebuildIndex(db, searchEngineFor(db), opts);
}

/**
 * Starts the outbox worker of the server process (call once at start-up, stop on shutdown):
 * applies Meilisearch settings, then pushes pending changes with retries and backoff.
 */
export function startSearchSync(
  db: Db,
  opts: { intervalMs?: number; log?: SearchLogger } = {},
): SearchWorker {
  return startOutboxWorker(db, searchEngineFor(db), opts);
}

/** One drain of the outbox towards the active engine: `search:sync`. */
export function syncSearchOnce(db: Db) {
  return drainOutbox(db, searchEngineFor(db));
}
