/**
 * The default engine: FTS5 inside the application's own SQLite file. Text matching happens in
 * SQLite; filters, disjunctive facet counts and ranking run over the in-memory columns of
 * cache.ts (see relevance.ts for why not bm25); the page's rows are read back and highlighted.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import { highlight } from '../analysis/highlight';
import { planQuery, type QueryPlan } from '../analysis/query';
import {
  emptyFacets,
  SEARCH_FACETS,
  type EngineHealth,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  type SynonymGroup,
} from '../engine';
import { FACET_VOCABULARY, fullMask, maskOf } from '../facets';
import { freshCache, SqliteVocabulary, type DocColumns } from './cache';
import { statement } from './client';
import { compileMatch } from './fts-query';
import { countIndexed, dropAllDocuments, dropDocuments, storeDocument } from './store';
import { filterAndCount } from './facet-pass';
import { rankByRelevance, relevanceOf } from './relevance';
import { topK } from './top-k';

const MATCH_SQL = 'SELECT group_concat(rowid) FROM offerings_fts WHERE offerings_fts MATCH ?';
const PAGE_SQL = `SELECT doc_id, offering_id, external_id, provider_id, provider_name, provider_name_en, title, title_en,
        summary, level, categories, industries, sizes, regions, min_price_fen
   FROM search_documents WHERE doc_id IN (SELECT value FROM json_each(?))`;

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

/**
 * The document indices an FTS5 expression matches. The rowids come back as one
 * group_concat string parsed here: handing 16,000 rows one by one to JavaScript costs more than
 * FTS5's own matching.
 */
function matchedIndices(
  sqlite: Database.Database,
  docs: DocColumns,
  match: string,
  into: Int32Array,
): Int32Array {
  const list = (statement(sqlite, MATCH_SQL).pluck().get(match) as string | null) ?? '';
  const indices = into;
  const indexOf = docs.indexOf;
  let n = 0;
  let rowid = 0;
  for (let c = 0; c <= list.length; c++) {
    const code = c < list.length ? list.charCodeAt(c) : 44;
    if (code !== 44) {
      rowid = rowid * 10 + code - 48;
      continue;
    }
    if (c > 0) {
      const i = rowid < indexOf.length ? indexOf[rowid]! : -1;
      if (i >= 0 && n < indices.length) indices[n++] = i;
    }
    rowid = 0;
  }
  return indices.subarray(0, n);
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

  async search(query: SearchQuery): Promise<SearchResponse> {
    return this.searchSync(query);
  }

  searchSync(query: SearchQuery): SearchResponse {
    const started = performance.now();
    const cache = freshCache(this.sqlite);
    const docs = cache.docs;
    const plan = query.q
      ? planQuery(query.q, new SqliteVocabulary(this.sqlite, cache.dictionary), cache.synonyms)
      : null;
    const match = plan ? compileMatch(plan) : null;
    const textual = match !== null;
    const sort = query.sort === 'relevance' && !textual ? 'newest' : query.sort;
    // Browsing walks the precomputed order, so its results come out sorted.
    const scratch = this.buffers(docs.size);
    const candidates = textual
      ? matchedIndices(this.sqlite, docs, match, scratch.candidates)
      : sort === 'price-asc'
        ? docs.priceOrder
        : docs.newestOrder;

    // 0 = not filtered; values outside the vocabulary select bit 31, which no document has.
    const { results, counts } = filterAndCount({
      candidates,
      masks: SEARCH_FACETS.map((f) => docs.masks[f]),
      full: SEARCH_FACETS.map((f) => fullMask(f)),
      selected: SEARCH_FACETS.map((f) =>
        query.filters[f].length === 0 ? 0 : maskOf(f, query.filters[f]) || 1 << 31,
      ),
      minPrice: docs.minPrice,
      priceMax: query.priceMaxFen,
      into: scratch.results,
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
      ordered = rankByRelevance(plan!, docs, inOrder, want);
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
   * Every indexed offering q matches — the same analysis (jieba, pinyin, synonyms, typos) and
   * FTS5 matching as a search — by doc_id, with a 0–1 relevance. For matches (/api/matches),
   * where q ranks but never filters, so the whole matched set is needed, not a page.
   * null when q has nothing to match (only punctuation or stop words).
   */
  textMatchesSync(q: string): { docIds: Int32Array; relevance: Float64Array } | null {
    const cache = freshCache(this.sqlite);
    const plan = planQuery(q, new SqliteVocabulary(this.sqlite, cache.dictionary), cache.synonyms);
    const match = compileMatch(plan);
    if (match === null) return null;
    const docs = cache.docs;
    const indices = matchedIndices(this.sqlite, docs, match, new Int32Array(docs.size));
    const docIds = new Int32Array(indices.length);
    for (let p = 0; p < indices.length; p++) docIds[p] = docs.docIds[indices[p]!]!;
    return { docIds, relevance: relevanceOf(plan, docs, indices) };
  }

  private readHits(docIds: number[], plan: QueryPlan | null): SearchHit[] {
    if (docIds.length === 0) return [];
    const rows = statement(this.sqlite, PAGE_SQL).raw().all(JSON.stringify(docIds)) as PageRow[];
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
