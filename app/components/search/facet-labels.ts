/**
 * The values each search facet can take, in display order, and their labels. The names and
 * vocabularies are the engines' own (search/facets.ts, which indexes its bit sets by these lists
 * and holds no zod, so the catalog page's browser code can read it); the labels are the page's.
 */
import { isAdoptionLevel, levelName } from '~/domain/adoption-levels';
import { CATEGORIES, CERTIFICATIONS, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import type { Locale } from '~/i18n/locale';
import { FACET_VOCABULARY, SEARCH_FACETS, type SearchFacet } from '../../../search/facets';

export { isFiltered } from '../../../search/facets';

export const FACET_ORDER = SEARCH_FACETS;
export type FacetName = SearchFacet;
export const FACET_VALUES = FACET_VOCABULARY;

export function facetValueLabel(facet: FacetName, value: string, locale: Locale): string {
  switch (facet) {
    case 'level':
      return isAdoptionLevel(value) ? levelName(value, locale) : value;
    case 'category':
      return vocabularyName(CATEGORIES, value, locale);
    case 'industry':
      return industryName(value, locale) ?? value;
    case 'size':
      return isSizeClass(value) ? sizeClassName(value, locale) : value;
    case 'region':
      return prefectureName(value, locale) ?? value;
    case 'cert':
      return vocabularyName(CERTIFICATIONS, value, locale);
  }
}

/** Price bands offered as "up to" limits, in fen (¥1,000 … ¥50,000). */
export const PRICE_BANDS_FEN = [100_000, 500_000, 1_000_000, 5_000_000] as const;

/** A whole-yuan amount without the cents formatFen adds ("¥5,000"). */
export function formatYuan(fen: number, locale: Locale): string {
  return formatFen(fen, locale).replace(/\.00$/, '');
}
