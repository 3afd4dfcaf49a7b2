/**
 * The closed vocabulary of each facet, in a fixed order. Both engines and the /api/search
 * parameter check use it: a value outside it cannot be filtered on (and is refused as a
 * parameter), which keeps facet values out of any query syntax to begin with.
 * The SQLite engine stores a facet as a bitmask over this order (bit i = VOCABULARY[i]);
 * every vocabulary has at most 31 values so a mask is a positive 32-bit integer.
 */
import { ADOPTION_LEVEL_IDS } from '../app/domain/adoption-levels';
import { CATEGORIES, CERTIFICATIONS } from '../app/domain/catalog-vocabulary';
import { MANUFACTURING_DIVISION_CODES } from '../app/domain/industries';
import { PREFECTURES } from '../app/domain/prefectures';
import type { SearchDocument, SearchFacet } from './engine';

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

for (const [facet, values] of Object.entries(FACET_VOCABULARY)) {
  if (values.length > 31) throw new Error(`facet ${facet} has ${values.length} values; a mask holds 31`);
}

const BIT_OF: Record<SearchFacet, Map<string, number>> = Object.fromEntries(
  Object.entries(FACET_VOCABULARY).map(([facet, values]) => [facet, new Map(values.map((v, i) => [v, i]))]),
) as Record<SearchFacet, Map<string, number>>;

export function isFacetValue(facet: SearchFacet, value: string): boolean {
  return BIT_OF[facet].has(value);
}

/** Every bit of the facet's vocabulary set: what an empty "universal" list stands for. */
export function fullMask(facet: SearchFacet): number {
  return FACET_VOCABULARY[facet].length === 31 ? 0x7fffffff : (1 << FACET_VOCABULARY[facet].length) - 1;
}

/** The mask of a list of values; unknown values are dropped. */
export function maskOf(facet: SearchFacet, values: readonly string[]): number {
  if (values.length === 0 && UNIVERSAL_WHEN_EMPTY.includes(facet)) return fullMask(facet);
  let mask = 0;
  for (const value of values) {
    const bit = BIT_OF[facet].get(value);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
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
