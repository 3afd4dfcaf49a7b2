/**
 * English stemming with the Porter algorithm (the `stemmer` package, Martin Porter 1980), so
 * inflected forms meet: servers → server, monitoring → monitor. Stems are an extra way to
 * match, never a replacement for the word: pinyin typed in Latin letters (xinxing, shebei)
 * keeps matching as typed, and a stem only adds the English words that share it.
 */
import { stemmer } from 'stemmer';

const MIN_STEM_WORD_LENGTH = 4;
const cache = new Map<string, string | null>();

/** The stem of a lower-case Latin word when it differs from the word; null otherwise. */
export function stemOf(word: string): string | null {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = null;
    if (word.length >= MIN_STEM_WORD_LENGTH && /^[a-z]+$/.test(word)) {
      const s = stemmer(word);
      if (s !== word && s.length >= 3) stem = s;
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/** The word's stem, or the word itself: what two words must share to be one word inflected. */
export function stemKey(word: string): string {
  return stemOf(word) ?? word;
}
