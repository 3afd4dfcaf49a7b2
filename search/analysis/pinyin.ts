/**
 * Pinyin for titles and provider names, so 智能制造 is found by `zhinengzhizao` (全拼) and
 * `znzz` (首字母). Over the fine word cut of each Han run, every span from any character to the
 * end of one of the next 1–4 words gives two tokens: its full pinyin and its initials, both
 * without spaces or tones (智能|制造 → zhineng, zhinengzhizao, neng, nengzhizao, zhizao, zao;
 * zn, znzz, nzz, zz). A typed pinyin word is then an
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

const spanCache = new Map<string, PinyinSpan[]>();
const wordCache = new Map<string, string[]>();
const CACHE_LIMIT = 20_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * The syllables of one word, one per character. Converting word by word keeps the readings
 * that depend on the word (银行 → yin hang, 重庆 → chong qing) and lets a small cache answer
 * almost every call: catalog words repeat (平台, 管理, 系统 …), while pinyin-pro on a whole title
 * costs ~0.4 ms.
 */
function syllablesOf(word: string): string[] {
  const cached = wordCache.get(word);
  if (cached) return cached;
  const chars = [...word];
  const syllables = (pinyin(word, { toneType: 'none', type: 'array', v: true }) as string[]).map((s) =>
    s.toLowerCase(),
  );
  // One syllable per Han character is what pinyin-pro returns for Han text; anything else (a
  // rare code point it splits differently) falls back to character by character.
  const result =
    syllables.length === chars.length
      ? syllables
      : chars.map((c) => ((pinyin(c, { toneType: 'none', v: true }) as string) || c).toLowerCase());
  return remember(wordCache, word, result);
}

function computeSpans(text: string): PinyinSpan[] {
  const spans: PinyinSpan[] = [];
  for (const run of scriptRuns(text)) {
    if (!run.han) continue;
    const words: { start: number; chars: { end: number; syllable: string }[] }[] = [];
    let offset = run.start;
    for (const word of fineWords(run.text)) {
      const syllables = syllablesOf(word);
      const chars = [...word].map((char, k) => {
        offset += char.length;
        return { end: offset, syllable: syllables[k] ?? '' };
      });
      words.push({ start: offset - word.length, chars });
    }
    // A span may start at any character (能|制造 → nengzhizao, 联|网 → lianwang: pinyin typed from
    // the middle of a word), and ends at the end of one of the next MAX_SPAN_WORDS words, so a
    // title of n characters gives at most 4n spans.
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      for (let c = 0; c < word.chars.length; c++) {
        const start = c === 0 ? word.start : word.chars[c - 1]!.end;
        let full = '';
        let initials = '';
        for (let j = i; j < Math.min(words.length, i + MAX_SPAN_WORDS); j++) {
          for (const ch of words[j]!.chars.slice(j === i ? c : 0)) {
            full += ch.syllable;
            initials += ch.syllable.charAt(0);
          }
          spans.push({ start, end: words[j]!.chars.at(-1)!.end, full, initials });
        }
      }
    }
  }
  return spans;
}

/** The pinyin spans of a text (memoised: provider names repeat across their offerings). */
export function pinyinSpans(text: string): PinyinSpan[] {
  return spanCache.get(text) ?? remember(spanCache, text, computeSpans(text));
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

/**
 * Where pinyin typed by a user spells Han characters of a text, for highlighting: the text's own
 * pinyin spans — the very spans the index holds, read word by word, so 中国银行 gives yinhang and
 * 重庆 chongqing where a character alone reads xing and zhong — whose full pinyin or initials are
 * the word, or begin with it when it is still being typed (then the shortest such span from each
 * start). The spans are memoised per text, and titles and provider names repeat from page to page.
 */
export function pinyinRanges(
  text: string,
  words: readonly { text: string; prefix: boolean }[],
): [number, number][] {
  const spans = pinyinSpans(text);
  const ranges: [number, number][] = [];
  for (const { text: word, prefix } of words) {
    if (!/^[a-z]{2,}$/.test(word)) continue;
    const spells = (pinyin: string) => pinyin === word || (prefix && pinyin.startsWith(word));
    // The spans of one start come together, shortest first (computeSpans).
    let start = -1;
    let full = false;
    let initials = false;
    for (const span of spans) {
      if (span.start !== start) {
        start = span.start;
        full = false;
        initials = false;
      }
      if (!full && spells(span.full)) {
        full = true;
        ranges.push([span.start, span.end]);
      }
      if (!initials && spells(span.initials)) {
        initials = true;
        ranges.push([span.start, span.end]);
      }
    }
  }
  return ranges;
}
