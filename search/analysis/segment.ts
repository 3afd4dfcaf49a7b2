/**
 * Chinese word segmentation with jieba (@node-rs/jieba). Documents are cut in search mode
 * (cutForSearch: 制造执行系统 → 制造, 执行, 系统, 制造执行系统) so a two-character word inside a
 * longer one is still a token; queries are cut in precise mode (设备预测性维护 → 设备, 预测性,
 * 维护) so every query word must be found, not every fragment of it. See
 * docs/decisions/0002-chinese-search.md.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { isHanChar, normalize, scriptRuns, wordPieces } from './text';

let jieba: Jieba | null = null;

/** Loading the dictionary takes a quarter of a second, so it happens on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

function pieces(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) for (const piece of wordPieces(token)) out.push(piece);
  return out;
}

/** Index tokens of a text: search-mode words, normalised, as unicode61 will see them. */
export function segmentForIndex(text: string): string[] {
  const normalized = normalize(text);
  if (!normalized.trim()) return [];
  return pieces(segmenter().cutForSearch(normalized, true));
}

/** Query words in precise mode (HMM on, as for documents, so unknown names cut the same way). */
export function segmentQuery(text: string): string[] {
  const normalized = normalize(text);
  if (!normalized.trim()) return [];
  return pieces(segmenter().cut(normalized, true));
}

/**
 * A fine, non-overlapping cut of a Han run: precise words, with any word of 3+ characters
 * split greedily into the longest shorter words its search-mode cut knows (制造执行系统 →
 * 制造|执行|系统, 预测性 → 预测|性). Pinyin spans are built over these words.
 */
export function fineWords(run: string): string[] {
  const words: string[] = [];
  for (const word of segmenter().cut(run, true)) {
    const chars = [...word];
    if (chars.length < 3) {
      words.push(word);
      continue;
    }
    const known = new Set(
      segmenter()
        .cutForSearch(word, true)
        .filter((w) => w !== word && [...w].length > 1),
    );
    let i = 0;
    while (i < chars.length) {
      let taken = 1;
      for (let len = chars.length - i; len > 1; len--) {
        if (known.has(chars.slice(i, i + len).join(''))) {
          taken = len;
          break;
        }
      }
      words.push(chars.slice(i, i + taken).join(''));
      i += taken;
    }
  }
  return words;
}

/**
 * Unigram text for substring matching: every Han character as its own token, other words kept
 * whole. A phrase query over it ("设 备") finds any substring, including 2-character ones that
 * FTS5's trigram tokenizer cannot.
 */
export function unigramText(text: string): string {
  const out: string[] = [];
  for (const run of scriptRuns(normalize(text))) {
    if (run.han) for (const char of run.text) out.push(char);
    else out.push(run.text);
  }
  return out.join(' ');
}

export function hanCharsOf(word: string): string[] {
  return [...word].filter(isHanChar);
}
