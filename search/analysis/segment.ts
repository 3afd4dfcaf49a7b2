/**
 * Chinese word segmentation with jieba (@node-rs/jieba). Documents are cut in search mode
 * (cutForSearch: 制造执行系统 → 制造, 执行, 系统, 制造执行系统) so a two-character word inside a
 * longer one is still a token; queries are cut in precise mode (设备预测性维护 → 设备, 预测性,
 * 维护) so every query word must be found, not every fragment of it. See
 * docs/decisions/0002-chinese-search.md.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normalize, scriptRuns, wordPieces } from './text';

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

/** Longest run of precise words joined into one token (see wordJoins). */
export const MAX_JOIN_WORDS = 3;
const MAX_JOIN_CHARS = 8;

/**
 * Tokens for runs of 2–3 neighbouring precise words of each Han run, joined (上|云 → 上云,
 * 时序|数据库|云 → 时序数据库云). A query word or synonym that is such a join then matches as a
 * whole word where its words stand side by side — in descriptions too (免费的上云诊断, cut
 * 上|云) — but never inside a longer word: 云服务器 is cut 云|服务器, so it yields 云服务器 and
 * never 云服务. They also tell, by one token lookup, where a phrase such as 生产管理 stands whole
 * (joins never cross punctuation, unlike FTS5 NEAR).
 */
export function wordJoins(text: string): string[] {
  const out = new Set<string>();
  const add = (joined: string) => {
    if (joined.length <= MAX_JOIN_CHARS) out.add(joined);
  };
  for (const run of scriptRuns(normalize(text))) {
    if (!run.han) continue;
    const words = segmenter().cut(run.text, true);
    for (let i = 0; i < words.length; i++) {
      let joined = words[i]!;
      for (let j = i + 1; j < Math.min(words.length, i + MAX_JOIN_WORDS); j++) {
        joined += words[j]!;
        add(joined);
      }
      // A phrase may also end inside the next word or start inside this one when that word is a
      // compound (仓储|管理系统 holds 仓储管理, 客户关系|管理 holds 关系管理): join the sub-words
      // search mode knows at the edge.
      const next = words[i + 1];
      if (next === undefined) continue;
      for (const head of edgeWords(next, 'head')) add(words[i]! + head);
      for (const tail of edgeWords(words[i]!, 'tail')) add(tail + next);
    }
  }
  return [...out];
}

/** The shorter words search mode finds at the start (head) or end (tail) of a word of 3+ characters. */
function edgeWords(word: string, edge: 'head' | 'tail'): string[] {
  if (word.length < 3) return [];
  let parts = subWords.get(word);
  if (!parts) {
    parts = segmenter()
      .cutForSearch(word, true)
      .filter((w) => w !== word && w.length > 1);
    if (subWords.size > 50_000) subWords.clear();
    subWords.set(word, parts);
  }
  // Only where the word is a compound of words (管理|系统): a word with a one-character ending
  // (服务|器) is one thing, and 云服务 must not be found in 云服务器.
  return parts.filter((w) =>
    edge === 'head'
      ? word.startsWith(w) && word.length - w.length > 1
      : word.endsWith(w) && word.length - w.length > 1,
  );
}

// Catalog words repeat (管理系统, 数据库 …): their sub-words are cut once.
const subWords = new Map<string, string[]>();

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

