/**
 * The default engine: FTS5 inside the application's own SQLite file. Text matching and bm25
 * ranking happen in SQLite; filters, disjunctive facet counts and sorting run over the
 * in-memory columns of cache.ts; the page's rows are read back and highlighted.
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
import { topK } from './top-k';

const MATCH_SQL = 'SELECT rowid FROM offerings_fts WHERE offerings_fts MATCH ?';
const PAGE_SQL = `SELECT doc_id, offering_id, external_id, provider_id, provider_name, provider_name_en, title, title_en,
        summary, level, categories, industries, sizes, regions, min_price_fen
   FROM search_documents WHERE doc_id IN (SELECT value FROM json_each(?))`;

type PageRow = [number, string, string, string, string, string | null, string, string | null, string, string, string, string, string, string, number | null];

/**
 * Relevance without bm25: bm25 needs every match's column sizes (a lookup per row) and cost
 * 40–120 ms for a common word over 20,000 offerings, while the matched rowids alone come out of
 * FTS5 in a few milliseconds. Ranking instead follows where the query matched, like
 * Meilisearch's attribute and exactness rules: the whole query in the title, every word in the
 * title, the whole query in the summary, every word in title or summary, then how many words
 * are in the title; ties newest first.
 */
export function relevanceScorer(plan: QueryPlan, docs: DocColumns): (i: number) => number {
  // Per clause, its options; per option, its terms; per term, the texts any of which may appear.
  const clauses = plan.clauses.map((clause) =>
    clause.options.map((option) => option.map((term) => term.forms.flatMap((f) => (f.kind === 'near' ? [f.text, ...f.words] : [f.text])))),
  );
  const whole = plan.compact.length > 1 ? plan.compact : null;
  const n = clauses.length;
  const within = (text: string, options: string[][][]) => options.some((terms) => terms.every((keys) => keys.some((k) => text.includes(k))));
  return (i) => {
    const title = docs.titleCompact[i]!;
    const summary = docs.summaryCompact[i]!;
    let inTitle = 0;
    let inEither = 0;
    for (const options of clauses) {
      if (within(title, options)) {
        inTitle++;
        inEither++;
      } else if (within(summary, options)) {
        inEither++;
      }
    }
    return (
      (whole !== null && title.includes(whole) ? 256 : 0) +
      (inTitle === n ? 128 : 0) +
      (whole !== null && summary.includes(whole) ? 64 : 0) +
      (inEither === n ? 32 : 0) +
      Math.min(inTitle, 15) +
      Math.min(inEither, 15) / 16
    );
  };
}

function matchedIndices(sqlite: Database.Database, docs: DocColumns, match: string): Int32Array {
  const rowids = statement(sqlite, MATCH_SQL).pluck().all(match) as number[];
  const indices = new Int32Array(rowids.length);
  let n = 0;
  for (const rowid of rowids) {
    const i = rowid < docs.indexOf.length ? docs.indexOf[rowid]! : -1;
    if (i >= 0) indices[n++] = i;
  }
  return indices.subarray(0, n);
}

export class SqliteSearchEngine implements SearchEngine {
  readonly kind = 'sqlite' as const;

  constructor(private readonly db: Db) {}

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
    const plan = query.q ? planQuery(query.q, new SqliteVocabulary(this.sqlite, cache.dictionary), cache.synonyms) : null;
    const match = plan ? compileMatch(plan) : null;
    const textual = match !== null;
    const sort = query.sort === 'relevance' && !textual ? 'newest' : query.sort;
    // Browsing walks the precomputed order, so its results come out sorted.
    const candidates = textual ? matchedIndices(this.sqlite, docs, match) : sort === 'price-asc' ? docs.priceOrder : docs.newestOrder;

    // 0 = not filtered; values outside the vocabulary select bit 31, which no document has.
    const { results, counts } = filterAndCount({
      candidates,
      masks: SEARCH_FACETS.map((f) => docs.masks[f]),
      full: SEARCH_FACETS.map((f) => fullMask(f)),
      selected: SEARCH_FACETS.map((f) => (query.filters[f].length === 0 ? 0 : maskOf(f, query.filters[f]) || 1 << 31)),
      minPrice: docs.minPrice,
      priceMax: query.priceMaxFen,
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
      const score = relevanceScorer(plan!, docs);
      const scores = new Float64Array(total);
      for (let p = 0; p < total; p++) scores[p] = score(inOrder[p]!);
      const positions = topK(total, want, (a, b) => scores[b]! - scores[a]! || docs.newestRank[inOrder[a]!]! - docs.newestRank[inOrder[b]!]!);
      ordered = positions.map((p) => inOrder[p]!);
    } else if (textual) {
      const rank = sort === 'price-asc' ? docs.priceRank : docs.newestRank;
      ordered = topK(total, want, (a, b) => rank[inOrder[a]!]! - rank[inOrder[b]!]!).map((p) => inOrder[p]!);
    } else {
      ordered = inOrder; // browsing walked the precomputed order already
    }
    const pageIndices: number[] = [];
    for (let p = (query.page - 1) * query.perPage; p < Math.min(want, ordered.length); p++) pageIndices.push(ordered[p]!);
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
