/**
 * What the Meilisearch index holds and how it is configured. Settings are applied on start
 * (and when synonyms change) through the official client; search/meilisearch/engine.ts sends
 * them. Keep this in step with the SQLite engine: same fields, same weights, same semantics.
 */
import type { Settings } from 'meilisearch';
import { analyseDocument } from '../analysis/document';
import { cleanText } from '../analysis/query';
import { MIN_FIRST_LETTER_TYPO_LENGTH, MIN_TYPO_WORD_LENGTH } from '../analysis/typo';
import type { SearchDocument, SearchFacet, SynonymGroup } from '../engine';
import { matchValues } from '../facets';

/** One document as stored in Meilisearch. */
export interface MeiliDocument {
  id: string;
  externalId: string;
  providerId: string;
  providerName: string;
  providerNameEn: string | null;
  title: string;
  titleEn: string | null;
  summary: string;
  description: string;
  tags: string[];
  level: string;
  categories: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  certifications: string[];
  /** Filter/facet fields: an empty industries / sizes / regions list expanded to every value. */
  industryMatch: string[];
  sizeMatch: string[];
  regionMatch: string[];
  /** Absent when every plan is 面议, so `minPriceFen <= n` excludes it and price sorting puts it last. */
  minPriceFen?: number;
  publishedAt: string;
  publishedAtMs: number;
  /**
   * Pre-segmented text (jieba search mode, space-separated). Meilisearch cuts Chinese with
   * jieba's precise mode, so 制造 inside 制造执行系统 is not a word there
   * (meilisearch/meilisearch#4935); these fields carry the two-character words explicitly.
   */
  titleTokens: string;
  providerTokens: string;
  summaryTokens: string;
  bodyTokens: string;
  /** Full-pinyin and initials spans of title and provider name (zhinengzhizao, znzz). */
  pinyin: string;
}

/** URL facet name → filterable attribute. */
export const FACET_ATTRIBUTES: Record<SearchFacet, string> = {
  level: 'level',
  category: 'categories',
  industry: 'industryMatch',
  size: 'sizeMatch',
  region: 'regionMatch',
  cert: 'certifications',
};

/** In weight order: title > provider > summary > description/tags, like the SQLite bm25 weights. */
export const SEARCHABLE_ATTRIBUTES = [
  'title',
  'titleTokens',
  'titleEn',
  'pinyin',
  'providerName',
  'providerTokens',
  'providerNameEn',
  'summary',
  'summaryTokens',
  'description',
  'tags',
  'bodyTokens',
];

export const DISPLAYED_FIELDS = [
  'id',
  'externalId',
  'providerId',
  'providerName',
  'providerNameEn',
  'title',
  'titleEn',
  'summary',
  'level',
  'categories',
  'industries',
  'sizes',
  'regions',
  'minPriceFen',
];

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  const text = analyseDocument(doc);
  const out: MeiliDocument = {
    id: doc.id,
    externalId: doc.externalId,
    providerId: doc.providerId,
    providerName: doc.providerName,
    providerNameEn: doc.providerNameEn,
    title: doc.title,
    titleEn: doc.titleEn,
    summary: doc.summary,
    description: doc.description,
    tags: doc.tags,
    level: doc.level,
    categories: doc.categories,
    industries: doc.industries,
    sizes: doc.sizes,
    regions: doc.regions,
    certifications: doc.certifications,
    industryMatch: matchValues(doc, 'industry'),
    sizeMatch: matchValues(doc, 'size'),
    regionMatch: matchValues(doc, 'region'),
    publishedAt: doc.publishedAt,
    publishedAtMs: Date.parse(doc.publishedAt) || 0,
    titleTokens: text.title,
    providerTokens: text.provider,
    summaryTokens: text.summary,
    bodyTokens: text.body,
    pinyin: `${text.pinyin} ${text.initials}`.trim(),
  };
  if (doc.minPriceFen !== null) out.minPriceFen = doc.minPriceFen;
  return out;
}

/** Mutual synonyms in Meilisearch's shape: every term maps to all the others of its group(s). */
export function meiliSynonyms(groups: readonly SynonymGroup[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => cleanText(t)).filter(Boolean))];
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries(
    [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, o]) => [t, [...o]]),
  );
}

export function indexSettings(synonyms: readonly SynonymGroup[]): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    displayedAttributes: DISPLAYED_FIELDS,
    filterableAttributes: [...Object.values(FACET_ATTRIBUTES), 'minPriceFen'],
    sortableAttributes: ['publishedAtMs', 'minPriceFen'],
    // `sort` first: an explicit sort (newest, price) orders all matches, as in the SQLite engine;
    // without one, the usual relevance rules apply.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    synonyms: meiliSynonyms(synonyms),
    typoTolerance: {
      enabled: true,
      // One typo from 5 letters (search-api.md; a swap of neighbours is one typo there too, its
      // distance being Damerau-Levenshtein). Meilisearch counts a typo in the first letter as two,
      // so allowing two from 8 letters is what lets `qeuipment` find equipment, as the SQLite
      // engine does (MIN_FIRST_LETTER_TYPO_LENGTH). It also lets two ordinary typos through in
      // such long words, which SQLite does not: documented in README (Catalog search).
      minWordSizeForTypos: { oneTypo: MIN_TYPO_WORD_LENGTH, twoTypos: MIN_FIRST_LETTER_TYPO_LENGTH },
      disableOnNumbers: true,
    },
    localizedAttributes: [
      {
        attributePatterns: [
          'title',
          'titleTokens',
          'providerName',
          'providerTokens',
          'summary',
          'summaryTokens',
          'description',
          'tags',
          'bodyTokens',
        ],
        locales: ['cmn'],
      },
    ],
    faceting: { maxValuesPerFacet: 100 },
    // Exact totals like the SQLite engine's, for every page a query can ask for (MAX_PAGE × MAX_PER_PAGE).
    pagination: { maxTotalHits: 50_000 },
  };
}
