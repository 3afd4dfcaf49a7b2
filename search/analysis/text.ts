/**
 * Text normalisation shared by indexing and querying, so both sides agree on what a word is.
 * NFKC folds full-width Latin and digits typed with a Chinese IME (ＭＥＳ → MES); lower case
 * makes English case-insensitive. A "word piece" is what SQLite's unicode61 tokenizer keeps
 * as one token: a run of letters and digits (a run of Han characters counts as letters).
 */

const HAN = /\p{Script=Han}/u;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const LATIN_WORD = /^[\p{L}\p{N}]+$/u;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function isHanChar(char: string): boolean {
  return HAN.test(char);
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** True for a piece with no Han character (English words, pinyin, numbers, model codes). */
export function isLatinPiece(piece: string): boolean {
  return LATIN_WORD.test(piece) && !HAN.test(piece);
}

/** Splits a token the way unicode61 will: on anything that is not a letter or digit. */
export function wordPieces(token: string): string[] {
  return token.split(NON_WORD).filter(Boolean);
}

export interface Run {
  text: string;
  /** Offset of the run in the string it was cut from (UTF-16 units). */
  start: number;
  han: boolean;
}

/** Maximal runs of Han characters and of other letters/digits; separators are dropped. */
export function scriptRuns(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;
  for (const match of text.matchAll(pattern)) {
    runs.push({ text: match[0], start: match.index ?? 0, han: match[1] !== undefined });
  }
  return runs;
}

/** Compact form for "contains the whole query" checks: normalised, without spaces or punctuation. */
export function compact(text: string): string {
  return normalize(text).replace(/[^\p{L}\p{N}]+/gu, '');
}
