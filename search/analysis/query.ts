/**
 * Turns typed text into an engine-neutral query plan: clauses that must all match; a clause
 * is one or more options (a word and its synonyms); an option is a list of terms that must
 * all match; a term is one or more forms (the word, a prefix, typo corrections, a Han
 * substring). The SQLite engine compiles the plan to an FTS5 expression; the highlighter
 * uses the same plan, so what is marked is what matched.
 */
import type { SynonymGroup } from '../engine';
import { MAX_JOIN_WORDS, segmentQuery } from './segment';
import { stemOf } from './stem';
import { compact, isHanChar, normalize, scriptRuns } from './text';
import { typoTolerant } from './typo';

export type TermForm =
  /** A whole token in the word columns (and, for Latin, the pinyin columns). */
  | { kind: 'word'; text: string }
  /** A Latin token prefix: the word being typed. */
  | { kind: 'prefix'; text: string }
  /** An English stem (servers → server): any word column token with that stem. */
  | { kind: 'stem'; text: string }
  /** A Han substring, matched as a phrase over the unigram column. */
  | { kind: 'chars'; text: string }
  /** Han words close together in one field (a multi-word synonym such as 产品|生命周期|管理); text = the words joined. */
  | { kind: 'near'; text: string; words: string[] };

export interface Term {
  source: string;
  forms: TermForm[];
}

export interface Clause {
  source: string;
  options: Term[][];
}

export interface QueryPlan {
  clauses: Clause[];
  /** The query without spaces or punctuation, for "contains the whole query" ranking. */
  compact: string;
  /**
   * For a Chinese query of several words (生产管理 → 生产|管理), the words as typed side by side:
   * the phrase every offering containing it ranks by above every offering without it. Null for
   * one word or when the query is not all Han.
   */
  phrase: { text: string; words: string[] } | null;
}

/** What the planner needs to know about the indexed words. */
export interface Vocabulary {
  has(term: string): boolean;
  hasPrefix(prefix: string): boolean;
  typos(word: string, prefix: boolean): { words: string[]; prefixes: string[] };
}

// Function words that carry no meaning on their own; dropped from queries (not from documents).
const STOP_CHARS = new Set(['的', '了', '和', '与', '及', '或', '之', '等', '和', '并']);

/** Normalised text with every separator as one space: the form synonyms are matched in. */
export function cleanText(text: string): string {
  return normalize(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Piece {
  text: string;
  synonyms: string[] | null;
}

/** Cuts the cleaned query into synonym occurrences (longest first, left to right) and plain text. */
function splitOnSynonyms(text: string, groups: readonly string[][]): Piece[] {
  const terms: { term: string; group: string[] }[] = [];
  for (const group of groups) for (const term of group) if (term) terms.push({ term, group });
  terms.sort((a, b) => b.term.length - a.term.length);
  const pieces: Piece[] = [];
  let plain = '';
  let i = 0;
  const latin = (c: string | undefined) =>
    c !== undefined && /[\p{L}\p{N}]/u.test(c) && !/\p{Script=Han}/u.test(c);
  outer: while (i < text.length) {
    for (const { term, group } of terms) {
      if (!text.startsWith(term, i)) continue;
      // A Latin synonym must be a whole word (ERP, not the middle of "erpx"); Han ones may sit anywhere.
      if (latin(term[0]) && latin(text[i - 1])) continue;
      if (latin(term[term.length - 1]) && latin(text[i + term.length])) continue;
      if (plain.trim()) pieces.push({ text: plain, synonyms: null });
      plain = '';
      pieces.push({ text: term, synonyms: group });
      i += term.length;
      continue outer;
    }
    plain += text[i];
    i++;
  }
  if (plain.trim()) pieces.push({ text: plain, synonyms: null });
  return pieces;
}

function hanTerm(word: string, vocab: Vocabulary): Term {
  const forms: TermForm[] = [];
  if (vocab.has(word)) forms.push({ kind: 'word', text: word });
  // A single character, or a word jieba cut differently in the documents, is still found as a
  // substring of titles, summaries and tags.
  if ([...word].length === 1 || forms.length === 0) forms.push({ kind: 'chars', text: word });
  return { source: word, forms };
}

function latinTerm(word: string, vocab: Vocabulary, opts: { prefix: boolean; typos: boolean }): Term {
  const forms: TermForm[] = [opts.prefix ? { kind: 'prefix', text: word } : { kind: 'word', text: word }];
  // Stemming is part of the same tolerance as typos: not applied to synonyms, which are exact.
  const stem = opts.typos ? stemOf(word) : null;
  if (stem) forms.push({ kind: 'stem', text: stem });
  const known = opts.prefix ? vocab.hasPrefix(word) : vocab.has(word);
  if (opts.typos && !known && typoTolerant(word)) {
    const { words, prefixes } = vocab.typos(word, opts.prefix);
    for (const w of words) forms.push({ kind: 'word', text: w });
    for (const p of prefixes) forms.push({ kind: 'prefix', text: p });
  }
  return { source: word, forms };
}

/**
 * Han words of a run in precise mode. Characters jieba leaves on their own next to each other
 * (上云 → 上|云) make one substring term, not unrelated characters found anywhere.
 */
function hanWords(run: string): string[] {
  const words: string[] = [];
  let singles = '';
  for (const w of segmentQuery(run)) {
    if ([...w].length === 1) {
      if (!STOP_CHARS.has(w)) singles += w;
      continue;
    }
    if (singles) words.push(singles);
    singles = '';
    words.push(w);
  }
  if (singles) words.push(singles);
  return words;
}

interface Word {
  text: string;
  han: boolean;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const run of scriptRuns(text)) {
    if (run.han) for (const w of hanWords(run.text)) words.push({ text: w, han: true });
    else words.push({ text: run.text, han: false });
  }
  return words;
}

/**
 * The options one synonym adds. A Han synonym matches as a whole: a word of the index — a
 * jieba word or a join of up to three neighbouring words (segment.ts, wordJoins) — or its
 * words close together in any field (产品|生命周期|管理 in a description). It never matches
 * inside a longer word: 云服务 is not found in 云服务器 (cut 云|服务器), and its words scattered
 * anywhere would not do either. Only a synonym too long to be a join (数据采集与监视控制) falls
 * back to a substring of title, summary or tags.
 */
function synonymOptions(member: string, vocab: Vocabulary): Term[][] {
  const words = wordsOf(member);
  if (words.length === 0) return [];
  if (words.some((w) => !w.han)) {
    return [
      words.map((w) =>
        w.han ? hanTerm(w.text, vocab) : latinTerm(w.text, vocab, { prefix: false, typos: false }),
      ),
    ];
  }
  const whole = compact(member);
  const forms: TermForm[] = [{ kind: 'word', text: whole }];
  if (!vocab.has(whole) && segmentQuery(whole).length > MAX_JOIN_WORDS)
    forms.splice(0, 1, { kind: 'chars', text: whole });
  // Close together only when every part is a real word (客户|关系|管理): 云|服务 near each other is
  // still 云主机 … 服务 far too often.
  if (words.length > 1 && words.every((w) => [...w.text].length > 1))
    forms.push({ kind: 'near', text: whole, words: words.map((w) => w.text) });
  return [[{ source: whole, forms }]];
}

/**
 * The plan of a query. `prefixLast`: the last word is still being typed (the query does not
 * end with a space), so it matches as a prefix — like Meilisearch's last-word prefix rule.
 */
export function planQuery(q: string, vocab: Vocabulary, synonyms: readonly SynonymGroup[]): QueryPlan {
  const text = cleanText(q);
  const prefixLast = !/\s$/.test(q);
  const groups = synonyms.map((g) => [...new Set(g.map(cleanText).filter(Boolean))]);
  const pieces = splitOnSynonyms(text, groups);
  const clauses: Clause[] = [];
  pieces.forEach((piece, pieceIndex) => {
    const isLastPiece = pieceIndex === pieces.length - 1;
    if (piece.synonyms) {
      const options = piece.synonyms.flatMap((member) => synonymOptions(member, vocab));
      if (options.length > 0) clauses.push({ source: piece.text, options });
      return;
    }
    const words = wordsOf(piece.text);
    words.forEach((word, i) => {
      const last = isLastPiece && i === words.length - 1;
      const term = word.han
        ? hanTerm(word.text, vocab)
        : latinTerm(word.text, vocab, { prefix: last && prefixLast, typos: true });
      clauses.push({ source: word.text, options: [[term]] });
    });
  });
  const whole = compact(q);
  const hanOnly = whole.length > 1 && [...whole].every(isHanChar);
  const phraseWords = hanOnly ? segmentQuery(whole) : [];
  return {
    clauses,
    compact: whole,
    phrase: hanOnly && clauses.length > 1 ? { text: whole, words: phraseWords } : null,
  };
}

/** Every form in the plan, for highlighting. */
export function planForms(plan: QueryPlan): TermForm[] {
  const forms: TermForm[] = [];
  for (const clause of plan.clauses)
    for (const option of clause.options) for (const term of option) forms.push(...term.forms);
  return forms;
}
