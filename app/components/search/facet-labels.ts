/**
 * The values each search facet can take, in display order, and their labels. The same closed
 * vocabularies the engines filter on (search/facets.ts indexes its bit sets by these lists).
 */
import { ADOPTION_LEVEL_IDS, isAdoptionLevel, levelName } from '~/domain/adoption-levels';
import { CATEGORIES, CERTIFICATIONS, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName, MANUFACTURING_DIVISION_CODES } from '~/domain/industries';
import { PREFECTURES, prefectureName } from '~/domain/prefectures';
import type { Locale } from '~/i18n/locale';

export const FACET_ORDER = ['level', 'category', 'industry', 'size', 'region', 'cert'] as const;
export type FacetName = (typeof FACET_ORDER)[number];

export const FACET_VALUES: Record<FacetName, readonly string[]> = {
  level: ADOPTION_LEVEL_IDS,
  category: CATEGORIES.map((c) => c.id),
  industry: MANUFACTURING_DIVISION_CODES,
  size: ['micro', 'small', 'medium', 'large'],
  region: PREFECTURES.map((p) => p.code),
  cert: CERTIFICATIONS.map((c) => c.id),
};

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
