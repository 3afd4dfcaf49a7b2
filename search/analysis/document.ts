/**
 * The analysed text of a search document: one string of space-separated tokens per FTS5
 * column, produced once at write time (SQLite) or sent as pre-segmented fields (Meilisearch),
 * so searching never has to segment documents.
 */
import { ADOPTION_LEVELS } from '../../app/domain/adoption-levels';
import type { SearchDocument } from '../engine';
import { pinyinTokens } from './pinyin';
import { segmentForIndex, unigramText } from './segment';

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
}

const LEVEL_NAMES = new Map<string, string>(ADOPTION_LEVELS.map((l) => [l.id, l.nameZh]));

function tokens(...texts: (string | null | undefined)[]): string {
  return segmentForIndex(texts.filter(Boolean).join('\n')).join(' ');
}

export function analyseDocument(doc: SearchDocument): AnalysedDocument {
  const py = pinyinTokens([doc.title, doc.providerName]);
  return {
    title: tokens(doc.title, doc.titleEn),
    provider: tokens(doc.providerName, doc.providerNameEn),
    summary: tokens(doc.summary),
    body: tokens(
      doc.description,
      doc.tags.join('\n'),
      doc.categories.join('\n'),
      doc.stages.join('\n'),
      LEVEL_NAMES.get(doc.level),
    ),
    pinyin: py.full.join(' '),
    initials: py.initials.join(' '),
    chars: [unigramText(doc.title), unigramText(doc.summary), unigramText(doc.tags.join(' '))].join(' '),
  };
}
