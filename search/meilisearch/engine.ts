/**
 * The Meilisearch engine (when MEILI_HOST is set), through the official `meilisearch` client.
 * One multi-search per query: the main search (hits, total, the facets nobody filters on) plus
 * one facet-only search per filtered facet with that facet's own filter left out — the
 * disjunctive counts the SQLite engine computes in its single pass.
 */
import {
  Meilisearch,
  type Index,
  type MultiSearchQuery,
  type SearchResponse as MeiliResponse,
  type Task,
} from 'meilisearch';
import { escapeHtml, MARK_CLOSE, MARK_OPEN } from '../analysis/highlight';
import { hasHan } from '../analysis/text';
import {
  emptyFacets,
  SEARCH_FACETS,
  SearchTaskFailedError,
  type EngineHealth,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  type SynonymGroup,
} from '../engine';
import { FACET_VOCABULARY } from '../facets';
import { buildFilter } from './filters';
import {
  DISPLAYED_FIELDS,
  FACET_ATTRIBUTES,
  indexSettings,
  toMeiliDocument,
  type MeiliDocument,
} from './schema';

/** Highlight delimiters no offering text contains; replaced by <mark> after HTML escaping. */
export const HIGHLIGHT_PRE = '\u0002';
export const HIGHLIGHT_POST = '\u0003';
const BATCH = 1000;

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** Per HTTP request (default 5 s): a slow Meilisearch must not hold a page. */
  requestTimeoutMs?: number;
  /** How long to wait for an indexing task (default 60 s). */
  taskTimeoutMs?: number;
  /** Poll interval while waiting for a task (tests use 0). */
  taskIntervalMs?: number;
}

/** Query text as Meilisearch should read it: no phrase quotes or `-word` exclusions from users. */
export function meiliQueryText(q: string): string {
  return q
    .replace(/"/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .trim();
}

function sortOf(query: SearchQuery): string[] | undefined {
  const sort = query.sort === 'relevance' && !query.q ? 'newest' : query.sort;
  if (sort === 'newest') return ['publishedAtMs:desc'];
  if (sort === 'price-asc') return ['minPriceFen:asc', 'publishedAtMs:desc'];
  return undefined;
}

/** The multi-search queries for one search (exported for tests and the shared suite). */
export function buildSearchRequests(query: SearchQuery, indexUid: string): MultiSearchQuery[] {
  const q = meiliQueryText(query.q);
  const common = {
    indexUid,
    q,
    matchingStrategy: 'all' as const,
    ...(hasHan(q) ? { locales: ['cmn'] } : {}),
  };
  const filtered = SEARCH_FACETS.filter((f) => query.filters[f].length > 0);
  const main: MultiSearchQuery = {
    ...common,
    filter: buildFilter(query),
    facets: SEARCH_FACETS.filter((f) => !filtered.includes(f)).map((f) => FACET_ATTRIBUTES[f]),
    page: query.page,
    hitsPerPage: query.perPage,
    sort: sortOf(query),
    attributesToRetrieve: DISPLAYED_FIELDS,
    attributesToHighlight: ['title', 'titleEn', 'summary'],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
  const perFacet = filtered.map((facet): MultiSearchQuery => ({
    ...common,
    filter: buildFilter(query, facet),
    facets: [FACET_ATTRIBUTES[facet]],
    limit: 0,
  }));
  return [main, ...perFacet].map(
    (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as MultiSearchQuery,
  );
}

/** Meilisearch's highlighted text → escaped HTML whose only markup is balanced <mark> pairs. */
export function markedHtml(formatted: string): string {
  let out = '';
  let open = false;
  // eslint-disable-next-line no-control-regex -- the markers are STX/ETX (HIGHLIGHT_PRE/POST), chosen because no text contains them
  for (const part of formatted.split(/([\u0002\u0003])/)) {
    if (part === HIGHLIGHT_PRE) {
      if (!open) out += MARK_OPEN;
      open = true;
    } else if (part === HIGHLIGHT_POST) {
      if (open) out += MARK_CLOSE;
      open = false;
    } else {
      out += escapeHtml(part);
    }
  }
  return open ? out + MARK_CLOSE : out;
}

type Hit = Partial<MeiliDocument> & {
  _formatted?: Partial<Record<'title' | 'titleEn' | 'summary', string | null>>;
};

function toHit(hit: Hit): SearchHit {
  const f = hit._formatted ?? {};
  const title = hit.title ?? '';
  const titleEn = hit.titleEn ?? null;
  const summary = hit.summary ?? '';
  return {
    id: hit.id ?? '',
    externalId: hit.externalId ?? '',
    providerId: hit.providerId ?? '',
    providerName: hit.providerName ?? '',
    providerNameEn: hit.providerNameEn ?? null,
    title,
    titleEn,
    summary,
    level: hit.level ?? '',
    categories: hit.categories ?? [],
    industries: hit.industries ?? [],
    sizes: hit.sizes ?? [],
    regions: hit.regions ?? [],
    minPriceFen: hit.minPriceFen ?? null,
    highlight: {
      title: markedHtml(f.title ?? title),
      titleEn: titleEn === null ? null : markedHtml(f.titleEn ?? titleEn),
      summary: markedHtml(f.summary ?? summary),
    },
  };
}

/** Maps the multi-search results (in buildSearchRequests order) back to the contract. */
export function mapSearchResponse(
  query: SearchQuery,
  results: readonly MeiliResponse[],
  tookMs: number,
): SearchResponse {
  const [main, ...perFacet] = results;
  const filtered = SEARCH_FACETS.filter((f) => query.filters[f].length > 0);
  const facets = emptyFacets();
  for (const facet of SEARCH_FACETS) {
    const source = filtered.includes(facet) ? perFacet[filtered.indexOf(facet)] : main;
    const distribution = source?.facetDistribution?.[FACET_ATTRIBUTES[facet]] ?? {};
    for (const value of FACET_VOCABULARY[facet]) {
      const n = distribution[value];
      if (n) facets[facet][value] = n;
    }
  }
  return {
    engine: 'meilisearch',
    query: query.q,
    total: main?.totalHits ?? main?.estimatedTotalHits ?? 0,
    page: query.page,
    perPage: query.perPage,
    tookMs,
    hits: ((main?.hits ?? []) as Hit[]).map(toHit),
    facets,
  };
}

export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;

  constructor(private readonly options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs ?? 5000,
    });
    this.index = this.client.index<MeiliDocument>(options.indexUid);
  }

  private get wait() {
    return { timeout: this.options.taskTimeoutMs ?? 60_000, interval: this.options.taskIntervalMs ?? 50 };
  }

  private succeeded(task: Task): void {
    if (task.status !== 'succeeded') {
      throw new SearchTaskFailedError(
        `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no detail'}`,
      );
    }
  }

  async prepare(synonyms: readonly SynonymGroup[]): Promise<void> {
    this.succeeded(await this.index.updateSettings(indexSettings(synonyms)).waitTask(this.wait));
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += BATCH) {
      const batch = documents.slice(i, i + BATCH).map(toMeiliDocument);
      this.succeeded(await this.index.addDocuments(batch, { primaryKey: 'id' }).waitTask(this.wait));
    }
  }

  async remove(offeringIds: readonly string[]): Promise<void> {
    for (let i = 0; i < offeringIds.length; i += BATCH) {
      this.succeeded(await this.index.deleteDocuments(offeringIds.slice(i, i + BATCH)).waitTask(this.wait));
    }
  }

  async clear(): Promise<void> {
    this.succeeded(await this.index.deleteAllDocuments().waitTask(this.wait));
  }

  /** Every document id in the index (reindex removes the ones the database no longer shows). */
  async documentIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += BATCH) {
      const page = await this.index.getDocuments({ fields: ['id'], limit: BATCH, offset });
      ids.push(...page.results.map((d) => String(d.id)));
      if (page.results.length < BATCH) return ids;
    }
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.client.health();
      const stats = await this.index.getStats();
      return { engine: 'meilisearch', ok: true, documents: stats.numberOfDocuments };
    } catch (error) {
      return {
        engine: 'meilisearch',
        ok: false,
        documents: null,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async search(query: SearchQuery): Promise<SearchResponse> {
    const started = performance.now();
    const { results } = await this.client.multiSearch({
      queries: buildSearchRequests(query, this.options.indexUid),
    });
    return mapSearchResponse(
      query,
      results as MeiliResponse[],
      Math.round((performance.now() - started) * 10) / 10,
    );
  }
}
