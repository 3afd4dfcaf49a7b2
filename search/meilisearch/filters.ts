/**
 * Meilisearch filter expressions built from a query. Every value is a double-quoted string
 * with backslashes and double quotes escaped the way Meilisearch's filter parser unescapes
 * them (crates/filter-parser: `\"` → `"`, then `\\` → `\`), and control characters dropped,
 * so no value can close its quotes and inject syntax. Numbers are checked integers.
 */
import { SEARCH_FACETS, type SearchFacet, type SearchQuery } from '../engine';
import { FACET_ATTRIBUTES } from './schema';

export function quoteFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function facetCondition(facet: SearchFacet, values: readonly string[]): string {
  return `${FACET_ATTRIBUTES[facet]} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

function priceCondition(priceMaxFen: number): string {
  if (!Number.isSafeInteger(priceMaxFen) || priceMaxFen < 0)
    throw new RangeError(`priceMaxFen must be a whole number ≥ 0: ${priceMaxFen}`);
  return `minPriceFen <= ${priceMaxFen}`;
}

/**
 * The filter of a query, optionally leaving one facet out (the disjunctive count of that
 * facet). Undefined when nothing filters.
 */
export function buildFilter(query: SearchQuery, except?: SearchFacet): string | undefined {
  const conditions: string[] = [];
  for (const facet of SEARCH_FACETS) {
    if (facet === except || query.filters[facet].length === 0) continue;
    conditions.push(facetCondition(facet, query.filters[facet]));
  }
  if (query.priceMaxFen !== null) conditions.push(priceCondition(query.priceMaxFen));
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}
