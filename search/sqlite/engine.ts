/**
 * The default engine: FTS5 inside the application's own SQLite file. Text matching happens in
 * SQLite; filters, disjunctive facet counts and ranking run over the in-memory columns of
 * cache.ts (see relevance.ts for why not bm25); the page's rows are read back and highlighted.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import { highlight } from '../analysis/highlight';
import type { QueryPlan } from '../analysis/query';
import {
  emptyFacets,
  isFiltered,
  SEARCH_FACETS,
  type EngineHealth,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  type SynonymGroup,
} from '../engine';
import { FACET_VOCABULARY, valueIndex } from '../facets';
import { freshCache, planOf, type DocColumns } from './cache';
import { statement } from './client';
import { compileClause, compileMatch, compilePhrase } from './fts-query';
import { docSetCache, indicesOf, intersect, type DocSet, type DocSetCache } from './doc-sets';
import { countIndexed, dropAllDocuments, dropDocuments, storeDocument } from './store';
import { bitsOf, facetSlots, filterAndCount, type FacetSlots } from './facet-pass';
import { charKeysOf, key, rankByRelevance, relevanceOf, type RankInputs } from './relevance';
import { topK } from './top-k';

const PAGE_SQL = `SELECT doc_id, offering_id, external_id, provider_id, provider_name, provider_name_en, title, title_en,
        summary, level, categories, industries, sizes, regions, min_price_fen
   FROM search_documents WHERE doc_id IN `;

type PageRow = [
  number,
  string,
  string,
  string,
  string,
  string | null,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string,
  string,
  number | null,
];

const slotCache = new WeakMap<DocColumns, FacetSlots>();

/** The facet tally slots of these documents, built on first use after each reload. */
function slotsOf(docs: DocColumns): FacetSlots {
  let slots = slotCache.get(docs);
  if (!slots) {
    slots = facetSlots(docs.facets, docs.size);
    slotCache.set(docs, slots);
  }
  return slots;
}

const browseCounts = new WeakMap<DocColumns, Int32Array[]>();

/** Browsing everything: every document, and facet counts that only change with the documents. */
function browseAll(docs: DocColumns, order: Int32Array) {
  let counts = browseCounts.get(docs);
  if (!counts) {
    counts = filterAndCount({
      candidates: order,
      columns: docs.facets,
      selected: SEARCH_FACETS.map(() => null),
      minPrice: docs.minPrice,
      priceMax: null,
      slots: slotsOf(docs),
    }).counts;
    browseCounts.set(docs, counts);
  }
  return { results: order, counts };
}

/** What ranking needs to know of where each clause and the whole query matched (relevance.ts). */
function rankInputs(cache: DocSetCache, plan: QueryPlan): RankInputs {
  const chars = charKeysOf(plan);
  const clauses = plan.clauses.map((clause, c) => {
    const match = compileClause(clause);
    return {
      title: cache.get(`{tokens_title} : (${match})`),
      summary: cache.get(`{tokens_summary} : (${match})`),
      chars: chars[c]!,
    };
  });
  let whole: RankInputs['whole'] = null;
  const phrase = compilePhrase(plan);
  if (phrase !== null) {
    whole = {
      kind: 'sets',
      title: cache.get(`{tokens_title} : (${phrase})`),
      summary: cache.get(`{tokens_summary} : (${phrase})`),
      any: cache.get(phrase),
    };
  } else if (clauses.length === 1 && clauses[0]!.chars.length === 0) {
    whole = { kind: 'sets', title: clauses[0]!.title, summary: clauses[0]!.summary, any: null };
  } else if (plan.compact.length > 1) {
    whole = { kind: 'text', key: key(plan.compact) };
  }
  return { clauses, whole };
}

/** The documents matching every clause of the plan (each clause's set cached). */
function planMatches(cache: DocSetCache, plan: QueryPlan): DocSet {
  return intersect(plan.clauses.map((clause) => cache.get(compileClause(clause))));
}

export class SqliteSearchEngine implements SearchEngine {
  readonly kind = 'sqlite' as const;

  // Reused between searches (searchSync never yields): a search over 15,000 matches would
  // otherwise allocate, and soon collect, a few hundred kilobytes of typed arrays.
  private scratch = { candidates: new Int32Array(0), results: new Int32Array(0) };

  constructor(private readonly db: Db) {}

  private buffers(size: number) {
    if (this.scratch.candidates.length < size) {
      this.scratch = { candidates: new Int32Array(size), results: new Int32Array(size) };
    }
    return this.scratch;
  }

  private get sqlite(): Database.Database {
    return this.db.$client;
  }

  async prepare(_synonyms: readonly SynonymGroup[]): Promise<void> {
    // Synonyms are read from search_synonyms at query time; nothing to push.
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    this.db.transaction((tx) => {
      for (const doc of documents) storeDocument(tx, doc);
    });
  }

  async remove(offeringIds: readonly string[]): Promise<void> {
    this.db.transaction((tx) => dropDocuments(tx, offeringIds));
  }

  async clear(): Promise<void> {
    this.db.transaction((tx) => dropAllDocuments(tx));
  }

  async health(): Promise<EngineHealth> {
    return { engine: 'sqlite', ok: true, documents: countIndexed(this.db) };
  }

  /**
   * The index as the engine holds it in memory: search_state.docs_version (moved by every change
   * to the indexed documents, in any process) and how many documents there are — browsing the
   * whole catalog finds exactly that many, so its count needs no search.
   */
  documentsState(): { version: number; count: number } {
    const cache = freshCache(this.sqlite);
    return { version: cache.docsVersion, count: cache.docs.size };
  }

  async search(query: SearchQuery): Promise<SearchResponse> {
    return this.searchSync(query);
  }

  searchSync(query: SearchQuery): SearchResponse {
    const started = performance.now();
    const cache = freshCache(this.sqlite);
    const docs = cache.docs;
    const plan = query.q ? planOf(this.sqlite, cache, query.q) : null;
    const match = plan ? compileMatch(plan) : null;
    const textual = match !== null;
    const sort = query.sort === 'relevance' && !textual ? 'newest' : query.sort;
    // Browsing walks the precomputed order, so its results come out sorted.
    const scratch = this.buffers(docs.size);
    const sets = textual ? docSetCache(this.sqlite, docs) : null;
    const candidates = textual
      ? indicesOf(planMatches(sets!, plan!), scratch.candidates)
      : sort === 'price-asc'
        ? docs.priceOrder
        : docs.newestOrder;

    const { results, counts } =
      !textual && !isFiltered(query)
        ? browseAll(docs, candidates)
        : filterAndCount({
            candidates,
            columns: docs.facets,
            // Values outside the vocabulary select nothing.
            selected: SEARCH_FACETS.map((f, n) =>
              query.filters[f].length === 0
                ? null
                : bitsOf(
                    query.filters[f].map((v) => valueIndex(f, v)),
                    docs.facets[n]!.values,
                  ),
            ),
            minPrice: docs.minPrice,
            priceMax: query.priceMaxFen,
            into: scratch.results,
            slots: slotsOf(docs),
          });
    const total = results.length;
    const facets = emptyFacets();
    SEARCH_FACETS.forEach((facet, f) => {
      FACET_VOCABULARY[facet].forEach((value, bit) => {
        const n = counts[f]![bit]!;
        if (n > 0) facets[facet][value] = n;
      });
    });

    const want = query.page * query.perPage;
    const inOrder = results;
    let ordered: ArrayLike<number>;
    if (textual && sort === 'relevance') {
      ordered = rankByRelevance(rankInputs(sets!, plan!), docs, inOrder, want);
    } else if (textual) {
      const rank = sort === 'price-asc' ? docs.priceRank : docs.newestRank;
      ordered = topK(total, want, (a, b) => rank[inOrder[a]!]! - rank[inOrder[b]!]!).map((p) => inOrder[p]!);
    } else {
      ordered = inOrder; // browsing walked the precomputed order already
    }
    const pageIndices: number[] = [];
    for (let p = (query.page - 1) * query.perPage; p < Math.min(want, ordered.length); p++)
      pageIndices.push(ordered[p]!);
    const hits = this.readHits(
      pageIndices.map((i) => docs.docIds[i]!),
      plan,
    );
    return {
      engine: 'sqlite',
      query: query.q,
      total,
      page: query.page,
      perPage: query.perPage,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      hits,
      facets,
    };
  }

  /**
   * Forgets what searches memoise between calls — query plans, vocabulary answers and the
   * matched sets of clauses — so the next search runs cold. For benchmarks; the documents'
   * columns stay loaded.
   */
  forgetMemos(): void {
    const cache = freshCache(this.sqlite);
    cache.plans.clear();
    cache.vocabulary.known.clear();
    cache.vocabulary.corrections.clear();
    docSetCache(this.sqlite, cache.docs).clear();
  }

  /**
   * Every indexed offering q matches — the same analysis (jieba, pinyin, synonyms, typos) and
   * FTS5 matching as a search — by doc_id, with a 0–1 relevance. For matches (/api/matches),
   * where q ranks but never filters, so the whole matched set is needed, not a page.
   * null when q has nothing to match (only punctuation or stop words).
   */
  textMatchesSync(q: string): { docIds: Int32Array; relevance: Float64Array } | null {
    const cache = freshCache(this.sqlite);
    const plan = planOf(this.sqlite, cache, q);
    const match = compileMatch(plan);
    if (match === null) return null;
    const docs = cache.docs;
    const sets = docSetCache(this.sqlite, docs);
    const indices = indicesOf(planMatches(sets, plan), new Int32Array(docs.size));
    const docIds = new Int32Array(indices.length);
    for (let p = 0; p < indices.length; p++) docIds[p] = docs.docIds[indices[p]!]!;
    return { docIds, relevance: relevanceOf(rankInputs(sets, plan), docs, indices) };
  }

  private readHits(docIds: number[], plan: QueryPlan | null): SearchHit[] {
    if (docIds.length === 0) return [];
    // One cached statement per page size (IN with placeholders reads faster than json_each).
    const sql = `${PAGE_SQL}(${docIds.map(() => '?').join(', ')})`;
    const rows = statement(this.sqlite, sql)
      .raw()
      .all(...docIds) as PageRow[];
    const byId = new Map(rows.map((r) => [r[0], r]));
    const hits: SearchHit[] = [];
    for (const id of docIds) {
      const r = byId.get(id);
      if (!r) continue;
      hits.push({
        id: r[1],
        externalId: r[2],
        providerId: r[3],
        providerName: r[4],
        providerNameEn: r[5],
        title: r[6],
        titleEn: r[7],
        summary: r[8],
        level: r[9],
        categories: JSON.parse(r[10]) as string[],
        industries: JSON.parse(r[11]) as string[],
        sizes: JSON.parse(r[12]) as string[],
        regions: JSON.parse(r[13]) as string[],
        minPriceFen: r[14],
        highlight: {
          title: highlight(r[6], plan, { pinyin: true }),
          titleEn: r[7] === null ? null : highlight(r[7], plan),
          summary: highlight(r[8], plan),
        },
      });
    }
    return hits;
  }
}
