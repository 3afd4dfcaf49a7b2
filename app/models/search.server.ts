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
  isFiltered,
  makeQuery,
  MAX_QUERY_LENGTH,
  parseSearchParams,
  searchParamsOf,
  SEARCH_FACETS,
  shouldRecordMiss,
  type EngineHealth,
  type SearchEngine,
  type SearchFacet,
  type SearchQuery,
  type SearchResponse,
} from '../../search/engine';
import { CircuitBreaker } from '../../search/circuit-breaker';
import { MeilisearchEngine } from '../../search/meilisearch/engine';
import { listSearchMisses, recordSearchMiss, searchMissMonths } from '../../search/misses';
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
import {
  deleteSynonymGroupInTx,
  listSynonymGroups,
  saveSynonymGroupInTx,
  type SynonymTermsError,
} from '../../search/synonyms';
import { readSearchSettings } from '../utils/env.server';
import { writeAudit } from './audit.server';
import { countPublishedOfferings } from './catalog.server';
import { todayInChina } from '../domain/adoption-dates';
import { chinaMonthOf } from '../domain/provider-analytics';

export {
  isFiltered,
  makeQuery,
  parseSearchParams,
  searchParamsOf,
  SEARCH_FACETS,
  SEARCH_SORTS,
} from '../../search/engine';
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
let meili: { key: string; engine: MeilisearchEngine; breaker: CircuitBreaker } | null = null;

/** After a Meilisearch search fails, searches are answered by SQLite for this long, then Meilisearch is tried again. */
export const MEILISEARCH_PAUSE_MS = 30_000;

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
  if (meili?.key !== key)
    meili = { key, engine: new MeilisearchEngine(config), breaker: new CircuitBreaker(MEILISEARCH_PAUSE_MS) };
  return meili.engine;
}

/**
 * Searches published offerings of approved providers (the only ones ever indexed).
 * A Meilisearch failure (an error or a timeout) is answered by the SQLite engine, which is always
 * current, and so is every search of the next MEILISEARCH_PAUSE_MS: a failing Meilisearch is not
 * asked (and waited for) again on each page. Logged once per pause (search/circuit-breaker.ts).
 */
export async function searchOfferings(
  db: Db,
  query: SearchQuery,
  log: SearchLogger = consoleLogger,
): Promise<SearchResponse> {
  const engine = searchEngineFor(db);
  if (engine.kind === 'sqlite' || !meili) return sqliteEngineFor(db).searchSync(query);
  const { breaker } = meili;
  if (!breaker.allow()) return sqliteEngineFor(db).searchSync(query);
  try {
    const response = await engine.search(query);
    breaker.succeeded();
    return response;
  } catch (error) {
    if (breaker.failed())
      log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        `meilisearch search failed; answering from sqlite for ${MEILISEARCH_PAUSE_MS / 1000} s`,
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

/**
 * The catalog page's reading of its URL: a shared or hand-edited link should still show a
 * page, so a bad parameter is dropped (an over-long q is cut) instead of failing. Returns the
 * names that were ignored so the page can say so.
 */
export function parseCatalogParams(input: URLSearchParams): { query: SearchQuery; ignored: string[] } {
  const params = new URLSearchParams(input);
  const ignored = new Set<string>();
  const q = params.get('q');
  if (q !== null && [...q.trim()].length > MAX_QUERY_LENGTH) {
    params.set('q', [...q.trim()].slice(0, MAX_QUERY_LENGTH).join(''));
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

/** How many offerings a search finds, whatever its page, size and order. */
export type SearchTotals = (query: SearchQuery) => Promise<number>;

/**
 * The totals one request asks for, each found once: an empty page's suggestions, the miss rule and
 * 您是不是要找 often ask for the same search (the words without the filters above all). Keyed by the
 * search's parameters without page, size and order, which do not change a total. `known`: a search
 * already made (the page's own). Browsing the whole catalog finds every document of the index, so
 * its total is the index's count, not a search.
 */
export function searchTotals(db: Db, known?: { query: SearchQuery; total: number }): SearchTotals {
  const keyOf = (query: SearchQuery) =>
    searchParamsOf(
      makeQuery({ q: query.q, filters: query.filters, priceMaxFen: query.priceMaxFen }),
    ).toString();
  const totals = new Map<string, Promise<number>>();
  if (known) totals.set(keyOf(known.query), Promise.resolve(known.total));
  return (query) => {
    const key = keyOf(query);
    let total = totals.get(key);
    if (total === undefined) {
      total =
        key === ''
          ? Promise.resolve(sqliteEngineFor(db).documentsState().count)
          : searchOfferings(db, { ...query, page: 1, perPage: 1 }).then((r) => r.total);
      totals.set(key, total);
    }
    return total;
  };
}

/**
 * Ways out of an empty result ("did you mean"): the same search with one filter removed, without
 * the price limit, without the last word, without any filter (with the whole or the shortened
 * words), or the whole catalog. Only ways that find something are offered, each with its count.
 * The engines expand synonyms themselves, so a synonym would find nothing more.
 */
export async function emptySearchSuggestions(
  db: Db,
  query: SearchQuery,
  totals: SearchTotals = searchTotals(db),
): Promise<Suggestion[]> {
  const base: SearchQuery = { ...query, page: 1 };
  type Candidate = Suggestion extends infer S
    ? S extends Suggestion
      ? Omit<S, 'search' | 'total'> & { query: SearchQuery }
      : never
    : never;
  const candidates: Candidate[] = [];
  const filtered = isFiltered(query);
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
  if (filtered) {
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
  if (query.q || filtered)
    candidates.push({ kind: 'browseAll', query: makeQuery({ perPage: query.perPage }) });

  const out: Suggestion[] = [];
  const offered = new Set<string>();
  for (const { query: candidate, ...rest } of candidates) {
    if (out.length >= MAX_SUGGESTIONS) break;
    const search = searchParamsOf(candidate).toString();
    // Removing the only filter and "without filters" can be the same link: offer it once.
    if (offered.has(search)) continue;
    offered.add(search);
    const total = await totals(candidate);
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

/**
 * "您是不是要找 …": a nearby query with results under the same filters, or null — also when it is
 * a link the page already offers (`offered`: the suggestions' searches, e.g. the shorter query).
 */
export async function didYouMean(
  db: Db,
  query: SearchQuery,
  opts: { totals?: SearchTotals; offered?: readonly string[] } = {},
): Promise<DidYouMean | null> {
  if (!query.q) return null;
  const q = suggestSearch(db, query.q);
  if (!q) return null;
  const candidate = makeQuery({ ...query, q, page: 1, sort: undefined });
  const search = searchParamsOf(candidate).toString();
  if (opts.offered?.includes(search)) return null;
  const total = await (opts.totals ?? searchTotals(db))(candidate);
  return total > 0 ? { q, search, total } : null;
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

/** How long the most viewed offerings are reused (within one China day and one version of the index). */
export const POPULAR_REUSED_FOR_MS = 10 * 60 * 1000;

const popularMemo = new WeakMap<Db, Map<string, { at: number; rows: PopularOffering[] }>>();

/**
 * The most viewed visible offerings over the last `days` days (offering_views counts page views
 * per offering per China day, written behind: up to 30 s late; only offerings still in the search
 * index are offered). Every empty search page shows them and the query sums a month of views
 * (measured: about 1 s for 20,000 offerings viewed every day, 600,000 rows in the window, on the
 * 2-core machine under load; the review saw 84 ms on other data), so the answer is reused for up to
 * POPULAR_REUSED_FOR_MS while the China day and the index's documents version stay the same: an
 * offering hidden or changed since is never shown stale; new views show within 10 minutes.
 */
export function mostViewedOfferings(
  db: Db,
  opts: { limit?: number; days?: number; now?: Date } = {},
): PopularOffering[] {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 4;
  const days = opts.days ?? 30;
  const key = `${todayInChina(now)}|${sqliteEngineFor(db).documentsState().version}|${limit}|${days}`;
  let memo = popularMemo.get(db);
  if (!memo) popularMemo.set(db, (memo = new Map()));
  const kept = memo.get(key);
  if (kept && now.getTime() - kept.at >= 0 && now.getTime() - kept.at < POPULAR_REUSED_FOR_MS)
    return kept.rows;
  const rows = queryMostViewed(db, { limit, days, now });
  // Keys of another day or version are never asked again.
  if (memo.size >= 16) memo.clear();
  memo.set(key, { at: now.getTime(), rows });
  return rows;
}

function queryMostViewed(db: Db, opts: { limit: number; days: number; now: Date }): PopularOffering[] {
  const { now } = opts;
  // Days are China dates (YYYY-MM-DD): compare as text from the first day of the window.
  const since = new Date(now.getTime() + 8 * 60 * 60 * 1000 - (opts.days - 1) * DAY_MS)
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
    .limit(opts.limit)
    .all();
  return rows.map((r) => ({ ...r, categories: r.categories as string[], views: Number(r.views) }));
}

/**
 * What the catalog shows when a search finds nothing. The miss is counted under the one rule of
 * search/engine.ts (shouldRecordMiss: the words themselves find nothing), and only for a submitted
 * search (`record`), not for every prefix typed into the live results.
 */
export async function zeroResultsHelp(
  db: Db,
  query: SearchQuery,
  opts: { record: boolean; now?: Date; totals?: SearchTotals; suggestions?: readonly Suggestion[] },
): Promise<{ didYouMean: DidYouMean | null; popular: PopularOffering[] }> {
  const totals = opts.totals ?? searchTotals(db, { query, total: 0 });
  if (opts.record && (await shouldRecordMiss(query, 0, totals))) recordSearchMiss(db, query.q, opts.now);
  const offered = opts.suggestions?.map((s) => s.search);
  return {
    didYouMean: await didYouMean(db, query, { totals, offered }),
    popular: mostViewedOfferings(db, { now: opts.now }),
  };
}

/**
 * For /api/search: a search that found nothing is counted under the same rule as one from the
 * catalog page (shouldRecordMiss). Never fails the answer: a failure is logged.
 */
export async function recordApiMiss(db: Db, response: SearchResponse, query: SearchQuery): Promise<void> {
  try {
    const totals = searchTotals(db, { query, total: response.total });
    if (await shouldRecordMiss(query, response.total, totals)) recordSearchMiss(db, query.q);
  } catch (error) {
    console.error('[search-misses] miss not counted', error);
  }
}

export const MISSES_PER_PAGE = 50;

/** The officials' page: one month's misses, most frequent first, and the months there are. */
export function searchMissesReport(db: Db, opts: { month?: string; page: number; now?: Date }) {
  const months = searchMissMonths(db);
  const current = chinaMonthOf((opts.now ?? new Date()).toISOString());
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

export type SaveSynonymsResult =
  { ok: true; id: number } | { ok: false; error: 'notFound' | SynonymTermsError };

export function saveSynonymGroup(
  db: Db,
  input: { id?: number; terms: string[]; actorUserId: string },
): SaveSynonymsResult {
  return db.transaction((tx): SaveSynonymsResult => {
    const before =
      input.id === undefined ? null : (listSynonymGroups(tx).find((g) => g.id === input.id) ?? null);
    if (input.id !== undefined && !before) return { ok: false, error: 'notFound' };
    const saved = saveSynonymGroupInTx(tx, {
      id: input.id,
      terms: input.terms,
      actorUserId: input.actorUserId,
    });
    // Terms that do not make a group (the form checks the same first): nothing was written.
    if (!saved.ok) return saved;
    const { id } = saved;
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
