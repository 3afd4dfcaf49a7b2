/**
 * The one module the application uses to reach search (STYLE.md: routes → models → search).
 * Catalog writes call indexOfferingInTx / removeOfferingInTx / reindexProviderInTx INSIDE their
 * transaction: the SQLite index changes with the catalog row, and an outbox row for Meilisearch
 * is written in the same transaction. Reads go to the engine chosen by MEILI_HOST
 * (search/config.ts); if Meilisearch fails, the always-current SQLite index answers instead.
 * On top of the engines it holds what the pages need: forgiving URL parsing for the HTML page,
 * the /api/search body in the contract's exact shape, empty-state suggestions, zero-result help
 * and the misses report, health with a time limit, and audited synonym edits.
 */
import { desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offeringViews, searchDocuments } from '../../db/schema';
import { readSearchConfig } from '../../search/config';
import { loadSearchDocument, offeringIdsOfProvider, type Tx } from '../../search/documents';
import {
  makeQuery,
  parseSearchParams,
  searchParamsOf,
  SEARCH_FACETS,
  type EngineHealth,
  type SearchEngine,
  type SearchFacet,
  type SearchQuery,
  type SearchResponse,
} from '../../search/engine';
import { MeilisearchEngine } from '../../search/meilisearch/engine';
import { chinaMonth, listSearchMisses, recordSearchMiss, searchMissMonths } from '../../search/misses';
import { drainOutbox, enqueueInTx, outboxBacklog, type OutboxBacklog } from '../../search/outbox';
import { SqliteSearchEngine } from '../../search/sqlite/engine';
import { dropDocuments, storeDocument } from '../../search/sqlite/store';
import { suggestQuery } from '../../search/sqlite/suggest';
import {
  rebuildIndex,
  startOutboxWorker,
  type RebuildOptions,
  type RebuildResult,
  type SearchWorker,
} from '../../search/sync.server';
import { deleteSynonymGroupInTx, listSynonymGroups, saveSynonymGroupInTx } from '../../search/synonyms';
import { readSearchSettings } from '../utils/env.server';
import { writeAudit } from './audit.server';
import { countPublishedOfferings } from './catalog.server';

export { makeQuery, parseSearchParams, searchParamsOf, SEARCH_FACETS, SEARCH_SORTS } from '../../search/engine';
export type {
  SearchFacet,
  SearchHit,
  SearchParamError,
  SearchQuery,
  SearchResponse,
  SearchSort,
} from '../../search/engine';
export { drainOutbox, outboxBacklog } from '../../search/outbox';
export type { RebuildResult, SearchWorker } from '../../search/sync.server';
export { listSynonymGroups } from '../../search/synonyms';
export type { Tx } from '../../search/documents';

// ---------------------------------------------------------------------------
// Engines and the index
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The catalog page and /api/search
// ---------------------------------------------------------------------------

const MAX_Q = 100;

/**
 * The catalog page's reading of its URL: a shared or hand-edited link should still show a
 * page, so a bad parameter is dropped (an over-long q is cut) instead of failing. Returns the
 * names that were ignored so the page can say so.
 */
export function parseCatalogParams(input: URLSearchParams): { query: SearchQuery; ignored: string[] } {
  const params = new URLSearchParams(input);
  const ignored = new Set<string>();
  const q = params.get('q');
  if (q !== null && [...q.trim()].length > MAX_Q) {
    params.set('q', [...q.trim()].slice(0, MAX_Q).join(''));
    ignored.add('q');
  }
  // Each round drops every parameter named in an error; a handful of rounds is plenty.
  for (let round = 0; round < 5; round++) {
    const parsed = parseSearchParams(params);
    if (parsed.ok) return { query: parsed.query, ignored: [...ignored] };
    for (const error of parsed.errors) {
      const name = error.path.split('.')[0] ?? '';
      if (!params.has(name)) return { query: makeQuery(), ignored: ['query'] };
      params.delete(name);
      ignored.add(name);
    }
  }
  return { query: makeQuery(), ignored: [...ignored] };
}

/** A search whose page past the end is clamped to the last page (a stale link still shows results). */
export async function searchCatalog(db: Db, query: SearchQuery): Promise<SearchResponse> {
  const result = await searchOfferings(db, query);
  const pages = Math.max(1, Math.ceil(result.total / query.perPage));
  if (result.hits.length === 0 && result.total > 0 && query.page > pages) {
    return searchOfferings(db, { ...query, page: pages });
  }
  return result;
}

/** The /api/search body with exactly the fields search-api.md documents, in its order. */
export function apiSearchBody(response: SearchResponse) {
  return {
    engine: response.engine,
    query: response.query,
    total: response.total,
    page: response.page,
    perPage: response.perPage,
    tookMs: response.tookMs,
    hits: response.hits.map((hit) => ({
      id: hit.id,
      externalId: hit.externalId,
      providerId: hit.providerId,
      providerName: hit.providerName,
      title: hit.title,
      titleEn: hit.titleEn,
      summary: hit.summary,
      level: hit.level,
      categories: hit.categories,
      industries: hit.industries,
      sizes: hit.sizes,
      regions: hit.regions,
      minPriceFen: hit.minPriceFen,
      highlight: hit.highlight,
    })),
    facets: response.facets,
  };
}

export type Suggestion =
  | { kind: 'removeFilter'; facet: SearchFacet; value: string; search: string; total: number }
  | { kind: 'removePrice'; priceMaxFen: number; search: string; total: number }
  | { kind: 'shorterQuery'; q: string; search: string; total: number }
  | { kind: 'withoutFilters'; q: string; search: string; total: number }
  | { kind: 'browseAll'; search: string; total: number };

/** The query minus its last word: the last space-separated word, or the last character of a single run of 3+ Han characters. */
export function shorterQuery(q: string): string | null {
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return words.slice(0, -1).join(' ');
  const only = words[0] ?? '';
  const chars = [...only];
  if (chars.length >= 3 && /^\p{Script=Han}+$/u.test(only)) return chars.slice(0, -1).join('');
  return null;
}

const MAX_SUGGESTIONS = 6;

/**
 * Ways out of an empty result ("did you mean"): the same search with one filter removed, without
 * the price limit, without the last word, without any filter (with the whole or the shortened
 * words), or the whole catalog. Only ways that find something are offered, each with its count.
 * The engines expand synonyms themselves, so a synonym would find nothing more.
 */
export async function emptySearchSuggestions(db: Db, query: SearchQuery): Promise<Suggestion[]> {
  const base: SearchQuery = { ...query, page: 1 };
  type Candidate = Suggestion extends infer S
    ? S extends Suggestion
      ? Omit<S, 'search' | 'total'> & { query: SearchQuery }
      : never
    : never;
  const candidates: Candidate[] = [];
  const filterCount =
    SEARCH_FACETS.reduce((n, f) => n + query.filters[f].length, 0) + (query.priceMaxFen === null ? 0 : 1);
  for (const facet of SEARCH_FACETS) {
    for (const value of query.filters[facet]) {
      const filters = { ...base.filters, [facet]: base.filters[facet].filter((v) => v !== value) };
      candidates.push({ kind: 'removeFilter', facet, value, query: { ...base, filters } });
    }
  }
  if (query.priceMaxFen !== null)
    candidates.push({
      kind: 'removePrice',
      priceMaxFen: query.priceMaxFen,
      query: { ...base, priceMaxFen: null },
    });
  const shorter = query.q ? shorterQuery(query.q) : null;
  if (shorter)
    candidates.push({
      kind: 'shorterQuery',
      q: shorter,
      query: makeQuery({ ...base, q: shorter, sort: undefined }),
    });
  if (filterCount > 0) {
    if (query.q)
      candidates.push({
        kind: 'withoutFilters',
        q: query.q,
        query: makeQuery({ q: query.q, perPage: query.perPage }),
      });
    if (shorter)
      candidates.push({
        kind: 'withoutFilters',
        q: shorter,
        query: makeQuery({ q: shorter, perPage: query.perPage }),
      });
  }
  if (query.q || filterCount > 0)
    candidates.push({ kind: 'browseAll', query: makeQuery({ perPage: query.perPage }) });

  const out: Suggestion[] = [];
  const offered = new Set<string>();
  for (const { query: candidate, ...rest } of candidates) {
    if (out.length >= MAX_SUGGESTIONS) break;
    const search = searchParamsOf(candidate).toString();
    // Removing the only filter and "without filters" can be the same link: offer it once.
    if (offered.has(search)) continue;
    offered.add(search);
    const total = (await searchOfferings(db, { ...candidate, perPage: 1 })).total;
    if (total > 0) out.push({ ...rest, search, total } as Suggestion);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Zero results (issue 14): a nearby query that finds something, the most viewed offerings, and
// the miss itself counted for officials (/official/search-misses).
// ---------------------------------------------------------------------------

export interface DidYouMean {
  q: string;
  /** URL parameters of the suggested search (the user's filters kept). */
  search: string;
  total: number;
}

/** "您是不是要找 …": a nearby query with results under the same filters, or null. */
export async function didYouMean(db: Db, query: SearchQuery): Promise<DidYouMean | null> {
  if (!query.q) return null;
  const q = suggestSearch(db, query.q);
  if (!q) return null;
  const candidate = makeQuery({ ...query, q, page: 1, sort: undefined });
  const total = (await searchOfferings(db, { ...candidate, perPage: 1 })).total;
  return total > 0 ? { q, search: searchParamsOf(candidate).toString(), total } : null;
}

export interface PopularOffering {
  id: string;
  title: string;
  titleEn: string | null;
  summary: string;
  level: string;
  categories: string[];
  providerName: string;
  providerNameEn: string | null;
  minPriceFen: number | null;
  views: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The most viewed visible offerings over the last `days` days (offering_views counts page views
 * per offering per China day; only offerings still in the search index are offered).
 */
export function mostViewedOfferings(
  db: Db,
  opts: { limit?: number; days?: number; now?: Date } = {},
): PopularOffering[] {
  const now = opts.now ?? new Date();
  // Days are China dates (YYYY-MM-DD): compare as text from the first day of the window.
  const since = new Date(now.getTime() + 8 * 60 * 60 * 1000 - ((opts.days ?? 30) - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const views = sql<number>`sum(${offeringViews.views})`;
  const rows = db
    .select({
      id: searchDocuments.offeringId,
      title: searchDocuments.title,
      titleEn: searchDocuments.titleEn,
      summary: searchDocuments.summary,
      level: searchDocuments.level,
      categories: searchDocuments.categories,
      providerName: searchDocuments.providerName,
      providerNameEn: searchDocuments.providerNameEn,
      minPriceFen: searchDocuments.minPriceFen,
      views,
    })
    .from(offeringViews)
    .innerJoin(searchDocuments, eq(searchDocuments.offeringId, offeringViews.offeringId))
    .where(gte(offeringViews.day, since))
    .groupBy(searchDocuments.offeringId)
    .orderBy(desc(views), desc(searchDocuments.publishedAt))
    .limit(opts.limit ?? 4)
    .all();
  return rows.map((r) => ({ ...r, categories: r.categories as string[], views: Number(r.views) }));
}

/**
 * What the catalog shows when a search finds nothing. The miss is counted only when the words
 * themselves find nothing (with the filters removed, a miss is the filters' doing) and only for
 * a submitted search (`record`), not for every prefix typed into the live results.
 */
export async function zeroResultsHelp(
  db: Db,
  query: SearchQuery,
  opts: { record: boolean; now?: Date },
): Promise<{ didYouMean: DidYouMean | null; popular: PopularOffering[] }> {
  if (opts.record && query.q) {
    const unfiltered = makeQuery({ q: query.q, perPage: 1 });
    const words = query.priceMaxFen === null && SEARCH_FACETS.every((f) => query.filters[f].length === 0);
    if (words || (await searchOfferings(db, unfiltered)).total === 0) recordSearchMiss(db, query.q, opts.now);
  }
  return { didYouMean: await didYouMean(db, query), popular: mostViewedOfferings(db, { now: opts.now }) };
}

/** For /api/search: a search that found nothing is counted like one from the catalog page. */
export function recordApiMiss(db: Db, response: SearchResponse, query: SearchQuery): void {
  const filtered = query.priceMaxFen !== null || SEARCH_FACETS.some((f) => query.filters[f].length > 0);
  if (response.total === 0 && query.q && !filtered && query.page === 1) recordSearchMiss(db, query.q);
}

export const MISSES_PER_PAGE = 50;

/** The officials' page: one month's misses, most frequent first, and the months there are. */
export function searchMissesReport(db: Db, opts: { month?: string; page: number; now?: Date }) {
  const months = searchMissMonths(db);
  const current = chinaMonth(opts.now ?? new Date());
  const month = opts.month ?? current;
  return {
    month,
    months: months.includes(current) ? months : [current, ...months],
    page: opts.page,
    perPage: MISSES_PER_PAGE,
    ...listSearchMisses(db, { month, page: opts.page, perPage: MISSES_PER_PAGE }),
  };
}

/** /healthz: the search engine's state, never slower than `timeoutMs` and never throwing. */
export async function searchHealthReport(db: Db, timeoutMs = 2000) {
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  try {
    const health = await Promise.race([searchHealth(db), timeout]);
    return {
      engine: health.engine,
      ok: health.ok,
      documents: health.documents,
      outbox: health.outbox,
      ...(health.detail ? { detail: health.detail } : {}),
    };
  } catch (error) {
    return {
      engine: readSearchSettings().engine,
      ok: false,
      documents: null,
      outbox: null,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * True when the SQLite index is empty although the catalog has public offerings: a database
 * seeded or restored without indexing. `npm start` then builds the index before serving.
 */
export async function searchIndexIsMissing(db: Db): Promise<boolean> {
  const local = await sqliteEngineFor(db).health();
  return (local.documents ?? 0) === 0 && countPublishedOfferings(db) > 0;
}

// ---------------------------------------------------------------------------
// Synonyms (同义词), edited by provincial officials. Each change is one transaction with its
// audit row; the SQLite engine reads the list at query time, so it applies to the next search.
// ---------------------------------------------------------------------------

export type SynonymGroupRow = ReturnType<typeof listSynonymGroups>[number];

export function listSynonyms(db: Db): SynonymGroupRow[] {
  return listSynonymGroups(db);
}

export type SaveSynonymsResult = { ok: true; id: number } | { ok: false; error: 'notFound' | 'tooFew' };

export function saveSynonymGroup(
  db: Db,
  input: { id?: number; terms: string[]; actorUserId: string },
): SaveSynonymsResult {
  return db.transaction((tx): SaveSynonymsResult => {
    const before =
      input.id === undefined ? null : (listSynonymGroups(tx).find((g) => g.id === input.id) ?? null);
    if (input.id !== undefined && !before) return { ok: false, error: 'notFound' };
    const id = saveSynonymGroupInTx(tx, { id: input.id, terms: input.terms, actorUserId: input.actorUserId });
    // Null: fewer than two distinct terms; nothing was written.
    if (id === null) return { ok: false, error: 'tooFew' };
    const after = listSynonymGroups(tx).find((g) => g.id === id);
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'search.synonyms.update',
      targetType: 'search_synonyms',
      targetId: String(id),
      detail: { change: before ? 'edit' : 'add', before: before?.terms ?? null, after: after?.terms ?? null },
    });
    return { ok: true, id };
  });
}

export function deleteSynonymGroup(db: Db, input: { id: number; actorUserId: string }): boolean {
  return db.transaction((tx) => {
    const before = listSynonymGroups(tx).find((g) => g.id === input.id);
    if (!before || !deleteSynonymGroupInTx(tx, input.id)) return false;
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'search.synonyms.update',
      targetType: 'search_synonyms',
      targetId: String(input.id),
      detail: { change: 'delete', before: before.terms, after: null },
    });
    return true;
  });
}
