/**
 * The search contract shared by both engines (docs/formats/search-api.md): what is indexed,
 * what a query asks, what an answer looks like, and the interface the SQLite and Meilisearch
 * engines implement. Types, constants and the parameter schema: no I/O, safe to import anywhere.
 */
import { z } from 'zod';
import { FACET_VOCABULARY, isFacetValue, isFiltered, SEARCH_FACETS, type SearchFacet } from './facets';

export { isFiltered, SEARCH_FACETS, type SearchFacet } from './facets';

export const ENGINE_KINDS = ['sqlite', 'meilisearch'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

export const SEARCH_SORTS = ['relevance', 'newest', 'price-asc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const MAX_QUERY_LENGTH = 100;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;

export type SearchFilters = Record<SearchFacet, string[]>;

export interface SearchQuery {
  /** Free text as typed (trimmed); '' = browse. */
  q: string;
  /** Per facet, "any of these"; an empty list does not filter. */
  filters: SearchFilters;
  /** At least one plan priced at or under this (面议 plans never match); null = no limit. */
  priceMaxFen: number | null;
  sort: SearchSort;
  page: number;
  perPage: number;
}

/** What an engine indexes for one visible offering (search/documents.ts builds it). */
export interface SearchDocument {
  id: string;
  externalId: string;
  providerId: string;
  providerName: string;
  providerNameEn: string | null;
  title: string;
  titleEn: string | null;
  summary: string;
  description: string;
  level: string;
  categories: string[];
  stages: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  tags: string[];
  certifications: string[];
  /** Lowest priced plan in fen; null when every plan is 面议. */
  minPriceFen: number | null;
  publishedAt: string;
}

/** HTML-escaped text where only <mark> and </mark> are markup. */
export interface SearchHighlight {
  title: string;
  titleEn: string | null;
  summary: string;
}

export interface SearchHit {
  id: string;
  externalId: string;
  providerId: string;
  providerName: string;
  providerNameEn: string | null;
  title: string;
  titleEn: string | null;
  summary: string;
  level: string;
  categories: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  minPriceFen: number | null;
  highlight: SearchHighlight;
}

export type SearchFacets = Record<SearchFacet, Record<string, number>>;

export interface SearchResponse {
  engine: EngineKind;
  query: string;
  total: number;
  page: number;
  perPage: number;
  tookMs: number;
  hits: SearchHit[];
  facets: SearchFacets;
}

export interface EngineHealth {
  engine: EngineKind;
  ok: boolean;
  documents: number | null;
  detail?: string;
}

/** A set of words that mean the same thing (MES ↔ 制造执行系统), as stored in search_synonyms. */
export type SynonymGroup = readonly string[];

export interface SearchEngine {
  readonly kind: EngineKind;
  /** Applies index settings (Meilisearch: attributes, synonyms, typo rules). Idempotent. */
  prepare(synonyms: readonly SynonymGroup[]): Promise<void>;
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  remove(offeringIds: readonly string[]): Promise<void>;
  /** Drops every document (a full reindex starts from here). */
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResponse>;
  health(): Promise<EngineHealth>;
}

/** A document-level rejection (a failed Meilisearch task), as opposed to the service being unreachable. */
export class SearchTaskFailedError extends Error {
  override readonly name = 'SearchTaskFailedError';
}

export function emptyFilters(): SearchFilters {
  return { level: [], category: [], industry: [], size: [], region: [], cert: [] };
}

export function emptyFacets(): SearchFacets {
  return { level: {}, category: {}, industry: {}, size: {}, region: {}, cert: {} };
}

/** A complete query from a partial one (tests, the catalog page): the contract's defaults. */
export function makeQuery(
  partial: Partial<Omit<SearchQuery, 'filters'>> & { filters?: Partial<SearchFilters> } = {},
): SearchQuery {
  const q = (partial.q ?? '').trim();
  return {
    q,
    filters: { ...emptyFilters(), ...partial.filters },
    priceMaxFen: partial.priceMaxFen ?? null,
    sort: partial.sort ?? (q ? 'relevance' : 'newest'),
    page: partial.page ?? 1,
    perPage: partial.perPage ?? DEFAULT_PER_PAGE,
  };
}

// ---------------------------------------------------------------------------
// GET /api/search parameters (search-api.md → Request). Plain-words English messages: the
// API answers 400 with { errors: [{ path, message }] }. Empty values count as absent, because a
// plain GET form without JavaScript sends every field, filled or not.
// ---------------------------------------------------------------------------

export interface SearchParamError {
  path: string;
  message: string;
}

export const MAX_PAGE = 1000;

const FACET_HINTS: Record<SearchFacet, string> = {
  level: `one of ${FACET_VOCABULARY.level.join(', ')}`,
  category: 'a catalog category such as 生产管理',
  industry: 'a GB/T 4754 manufacturing division code from 13 to 43',
  size: `one of ${FACET_VOCABULARY.size.join(', ')}`,
  region: 'a Sichuan prefecture code such as 5101',
  cert: `one of ${FACET_VOCABULARY.cert.join(', ')}`,
};

const facetList = (facet: SearchFacet) =>
  z
    .array(z.string())
    .transform((values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))])
    .superRefine((values, ctx) => {
      for (const value of values) {
        if (!isFacetValue(facet, value)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown value ${JSON.stringify(value)}: must be ${FACET_HINTS[facet]}`,
          });
        }
      }
    });

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .regex(/^\d{1,12}$/, { error: message })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }));

export const SearchParamsSchema = z.object({
  q: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => [...s].length <= MAX_QUERY_LENGTH, {
      error: `must be at most ${MAX_QUERY_LENGTH} characters`,
    }),
  level: facetList('level'),
  category: facetList('category'),
  industry: facetList('industry'),
  size: facetList('size'),
  region: facetList('region'),
  cert: facetList('cert'),
  priceMaxFen: wholeNumber('must be a whole number of fen, 0 or more', 0, Number.MAX_SAFE_INTEGER).optional(),
  sort: z.enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` }).optional(),
  page: wholeNumber(`must be a whole number from 1 to ${MAX_PAGE}`, 1, MAX_PAGE).optional(),
  perPage: wholeNumber(`must be a whole number from 1 to ${MAX_PER_PAGE}`, 1, MAX_PER_PAGE).optional(),
});

export type SearchParseResult = { ok: true; query: SearchQuery } | { ok: false; errors: SearchParamError[] };

/** Reads /api/search (and catalog page) parameters; unknown names are ignored. */
export function parseSearchParams(params: URLSearchParams): SearchParseResult {
  const single = (name: string) => {
    const value = params.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const result = SearchParamsSchema.safeParse({
    q: params.get('q') ?? '',
    ...Object.fromEntries(SEARCH_FACETS.map((f) => [f, params.getAll(f)])),
    priceMaxFen: single('priceMaxFen'),
    sort: single('sort'),
    page: single('page'),
    perPage: single('perPage'),
  });
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => ({
        path: issue.path.filter((p) => typeof p === 'string').join('.') || 'query',
        message: issue.message,
      })),
    };
  }
  const v = result.data;
  return {
    ok: true,
    query: makeQuery({
      q: v.q,
      filters: {
        level: v.level,
        category: v.category,
        industry: v.industry,
        size: v.size,
        region: v.region,
        cert: v.cert,
      },
      priceMaxFen: v.priceMaxFen ?? null,
      sort: v.sort,
      page: v.page,
      perPage: v.perPage,
    }),
  };
}

/** The query as URL parameters (shareable links, the catalog page's facet links). */
export function searchParamsOf(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const facet of SEARCH_FACETS) for (const value of query.filters[facet]) params.append(facet, value);
  if (query.priceMaxFen !== null) params.set('priceMaxFen', String(query.priceMaxFen));
  if (query.sort !== (query.q ? 'relevance' : 'newest')) params.set('sort', query.sort);
  if (query.page !== 1) params.set('page', String(query.page));
  if (query.perPage !== DEFAULT_PER_PAGE) params.set('perPage', String(query.perPage));
  return params;
}

/**
 * The one rule for counting a search as a miss (search_misses, issue 14), for the catalog page
 * and /api/search alike: words were typed, nothing was found, and the words alone find nothing —
 * under filters an empty answer may be the filters' doing, so then `totalOf` the words without
 * them decides (asked only then). Page, size and order change no total, so they do not count.
 * Whether a search was submitted (not a prefix typed into the live results) is the caller's to say.
 */
export async function shouldRecordMiss(
  query: SearchQuery,
  total: number,
  totalOf: (query: SearchQuery) => Promise<number>,
): Promise<boolean> {
  if (!query.q || total > 0) return false;
  if (!isFiltered(query)) return true;
  return (await totalOf(makeQuery({ q: query.q }))) === 0;
}
