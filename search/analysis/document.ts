/**
 * The analysed text of a search document: one string of space-separated tokens per FTS5
 * column, produced once at write time (SQLite) or sent as pre-segmented fields (Meilisearch),
 * so searching never has to segment documents.
 */
import { ADOPTION_LEVELS } from '../../app/domain/adoption-levels';
import type { SearchDocument } from '../engine';
import { pinyinTokens } from './pinyin';
import { segmentForIndex, unigramText, wordJoins } from './segment';
import { stemOf } from './stem';

export interface AnalysedDocument {
  /** Title (Chinese and English): the heaviest field. */
  title: string;
  provider: string;
  summary: string;
  /** Description, tags, categories, stages and the level's name. */
  body: string;
  /** Full-pinyin spans of the title and provider name. */
  pinyin: string;
  /** Initials spans of the title and provider name. */
  initials: string;
  /** Han unigrams of title, summary and tags, for substring phrases. */
  chars: string;
  /** The Latin words typed text may be corrected towards (not stems, joins or initials). */
  dictionary: string[];
}

const LEVEL_NAMES = new Map<string, string>(ADOPTION_LEVELS.map((l) => [l.id, l.nameZh]));

/**
 * One word column: the search-mode tokens, then the joins of neighbouring words (segment.ts,
 * wordJoins) and the English stems that differ from their word (servers → server,
 * monitoring → monitor). Extras go last so NEAR distances between real tokens stay as cut.
 */
function column(base: string[], ...texts: (string | null | undefined)[]): string {
  const seen = new Set(base);
  const extras: string[] = [];
  const add = (token: string) => {
    if (!seen.has(token)) {
      seen.add(token);
      extras.push(token);
    }
  };
  for (const token of base) {
    const stem = stemOf(token);
    if (stem) add(stem);
  }
  for (const text of texts) if (text) for (const join of wordJoins(text)) add(join);
  return [...base, ...extras].join(' ');
}

const cut = (...texts: (string | null | undefined)[]) => segmentForIndex(texts.filter(Boolean).join('\n'));

/** Latin words of 4+ letters (English and pinyin) that typo correction may correct towards. */
function dictionaryWords(...fields: string[][]): string[] {
  const words = new Set<string>();
  for (const field of fields)
    for (const token of field) if (token.length >= 4 && /^[a-z]+$/.test(token)) words.add(token);
  return [...words];
}

export function analyseDocument(doc: SearchDocument): AnalysedDocument {
  const py = pinyinTokens([doc.title, doc.providerName]);
  const bodyTexts = [
    doc.description,
    doc.tags.join('\n'),
    doc.categories.join('\n'),
    doc.stages.join('\n'),
    LEVEL_NAMES.get(doc.level),
  ];
  const title = cut(doc.title, doc.titleEn);
  const provider = cut(doc.providerName, doc.providerNameEn);
  const summary = cut(doc.summary);
  const body = cut(...bodyTexts);
  return {
    title: column(title, doc.title),
    provider: provider.join(' '),
    summary: column(summary, doc.summary),
    body: column(body, ...bodyTexts),
    pinyin: py.full.join(' '),
    initials: py.initials.join(' '),
    chars: [unigramText(doc.title), unigramText(doc.summary), unigramText(doc.tags.join(' '))].join(' '),
    dictionary: dictionaryWords(title, provider, summary, body, py.full),
  };
}
