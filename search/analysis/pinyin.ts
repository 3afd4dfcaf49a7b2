/**
 * Pinyin for titles and provider names, so 智能制造 is found by `zhinengzhizao` (全拼) and
 * `znzz` (首字母). Over the fine word cut of each Han run, every span of 1–4 consecutive words
 * gives two tokens: its full pinyin and its initials, both without spaces or tones
 * (智能|制造 → zhineng, zhizao, zhinengzhizao; zn, zz, znzz). A typed pinyin word is then an
 * ordinary token: prefix matching and typo tolerance apply to it like to English.
 */
import { pinyin } from 'pinyin-pro';
import { fineWords } from './segment';
import { scriptRuns } from './text';

export const MAX_SPAN_WORDS = 4;

export interface PinyinSpan {
  /** Offsets in the original text (UTF-16 units), for highlighting. */
  start: number;
  end: number;
  full: string;
  initials: string;
}

const cache = new Map<string, PinyinSpan[]>();
const CACHE_LIMIT = 5000;

function syllablesOf(run: string): string[] {
  const chars = [...run];
  const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }) as string[];
  // One syllable per Han character is what pinyin-pro returns for a pure Han run; anything
  // else (a rare code point it splits differently) falls back to character by character.
  if (syllables.length === chars.length) return syllables.map((s) => s.toLowerCase());
  return chars.map((c) => ((pinyin(c, { toneType: 'none', v: true }) as string) || c).toLowerCase());
}

function computeSpans(text: string): PinyinSpan[] {
  const spans: PinyinSpan[] = [];
  for (const run of scriptRuns(text)) {
    if (!run.han) continue;
    const syllables = syllablesOf(run.text);
    const words: { start: number; end: number; full: string; initials: string }[] = [];
    let charIndex = 0;
    let offset = run.start;
    for (const word of fineWords(run.text)) {
      const length = [...word].length;
      const wordSyllables = syllables.slice(charIndex, charIndex + length);
      words.push({
        start: offset,
        end: offset + word.length,
        full: wordSyllables.join(''),
        initials: wordSyllables.map((s) => s.charAt(0)).join(''),
      });
      charIndex += length;
      offset += word.length;
    }
    for (let i = 0; i < words.length; i++) {
      let full = '';
      let initials = '';
      for (let j = i; j < Math.min(words.length, i + MAX_SPAN_WORDS); j++) {
        const w = words[j]!;
        full += w.full;
        initials += w.initials;
        spans.push({ start: words[i]!.start, end: w.end, full, initials });
      }
    }
  }
  return spans;
}

/** The pinyin spans of a text (memoised: provider names repeat across their offerings). */
export function pinyinSpans(text: string): PinyinSpan[] {
  let spans = cache.get(text);
  if (!spans) {
    spans = computeSpans(text);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(text, spans);
  }
  return spans;
}

/** Index tokens: distinct full-pinyin spans and distinct initials spans of the given texts. */
export function pinyinTokens(texts: readonly string[]): { full: string[]; initials: string[] } {
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const text of texts) {
    for (const span of pinyinSpans(text)) {
      full.add(span.full);
      // Single-letter initials would make every one-letter prefix match: keep 2+ letters.
      if (span.initials.length > 1) initials.add(span.initials);
    }
  }
  return { full: [...full], initials: [...initials] };
}
