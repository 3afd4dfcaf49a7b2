/**
 * The closed vocabulary of each facet, in a fixed order. Both engines and the /api/search
 * parameter check use it: a value outside it cannot be filtered on (and is refused as a
 * parameter), which keeps facet values out of any query syntax to begin with.
 * The SQLite engine holds a facet in memory as a bit set over this order (bit i = VOCABULARY[i],
 * as many 32-bit words as the vocabulary needs: search/sqlite/facet-pass.ts).
 */
import { ADOPTION_LEVEL_IDS } from '../app/domain/adoption-levels';
import { CATEGORIES, CERTIFICATIONS } from '../app/domain/catalog-vocabulary';
import { MANUFACTURING_DIVISION_CODES } from '../app/domain/industries';
import { PREFECTURES } from '../app/domain/prefectures';
import type { SearchDocument, SearchQuery } from './engine';

/**
 * Facet names as they appear in the URL (`cert=mlps3`) and in `response.facets`, in display order.
 * Here rather than in engine.ts, which holds the zod schema: the catalog page's browser code reads
 * this file (facet names, vocabularies, isFiltered) and should not download zod for it.
 */
export const SEARCH_FACETS = ['level', 'category', 'industry', 'size', 'region', 'cert'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** Whether a search is narrowed by a facet value or a price limit (and not only by its words). */
export function isFiltered(query: Pick<SearchQuery, 'filters' | 'priceMaxFen'>): boolean {
  return query.priceMaxFen !== null || SEARCH_FACETS.some((f) => query.filters[f].length > 0);
}

/**
 * Facets whose empty list means "all" (catalog-import.md: an offering with no industries is
 * made for every industry). Such an offering matches any value of the filter and is counted
 * under every value of the facet, so a count always equals what choosing it would show.
 */
export const UNIVERSAL_WHEN_EMPTY: readonly SearchFacet[] = ['industry', 'size', 'region'];

export const OFFERING_SIZE_VALUES = ['micro', 'small', 'medium', 'large'] as const;

export const FACET_VOCABULARY: Record<SearchFacet, readonly string[]> = {
  level: ADOPTION_LEVEL_IDS,
  category: CATEGORIES.map((c) => c.id),
  industry: MANUFACTURING_DIVISION_CODES,
  size: OFFERING_SIZE_VALUES,
  region: PREFECTURES.map((p) => p.code),
  cert: CERTIFICATIONS.map((c) => c.id),
};

const BIT_OF: Record<SearchFacet, Map<string, number>> = Object.fromEntries(
  Object.entries(FACET_VOCABULARY).map(([facet, values]) => [facet, new Map(values.map((v, i) => [v, i]))]),
) as Record<SearchFacet, Map<string, number>>;

export function isFacetValue(facet: SearchFacet, value: string): boolean {
  return BIT_OF[facet].has(value);
}

/** The value's position in the facet's vocabulary, or -1 for a value outside it. */
export function valueIndex(facet: SearchFacet, value: string): number {
  return BIT_OF[facet].get(value) ?? -1;
}

/** The document's values of a facet, as stored (before the universal expansion). */
export function facetValues(doc: SearchDocument, facet: SearchFacet): string[] {
  switch (facet) {
    case 'level':
      return [doc.level];
    case 'category':
      return doc.categories;
    case 'industry':
      return doc.industries;
    case 'size':
      return doc.sizes;
    case 'region':
      return doc.regions;
    case 'cert':
      return doc.certifications;
  }
}

/** What a document matches on for a facet: its values, or the whole vocabulary for an empty universal list. */
export function matchValues(doc: SearchDocument, facet: SearchFacet): string[] {
  const values = facetValues(doc, facet);
  if (values.length === 0 && UNIVERSAL_WHEN_EMPTY.includes(facet)) return [...FACET_VOCABULARY[facet]];
  return values.filter((v) => isFacetValue(facet, v));
}
