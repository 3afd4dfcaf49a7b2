/**
 * Relevance ranking of the SQLite engine. bm25 needs every match's column sizes (a lookup per
 * row) and cost 40–120 ms for a common word over 20,000 offerings, while the matched rowids
 * alone come out of FTS5 in a few milliseconds. Ranking instead follows where the query
 * matched, like Meilisearch's proximity, attribute and exactness rules: first where the whole
 * query stands as typed — in the title, in the summary, anywhere else (description, tags) — so
 * every offering with the phrase ranks above every offering without it (生产管理 whole, not
 * 生产 … 管理); then every word in the title, every word in title or summary, how many words
 * are in the title and in either; ties newest first.
 *
 * "In the title" is asked of FTS5 with the clause restricted to the title column (a cached set,
 * doc-sets.ts), so ranking 60,000 matches is a few bit tests each, not string searches.
 */
import type { QueryPlan } from '../analysis/query';
import type { DocColumns } from './cache';
import { bloomOf, mayContain, SUMMARY_BLOOM_WORDS, TITLE_BLOOM_WORDS } from './bloom';
import { hasDoc, type DocSet } from './doc-sets';
import { topK } from './top-k';

/** A text to look for in the compact title or summary, with its character filters. */
export interface Key {
  text: string;
  title: Int32Array;
  summary: Int32Array;
}

export function key(text: string): Key {
  return { text, title: bloomOf(text, TITLE_BLOOM_WORDS), summary: bloomOf(text, SUMMARY_BLOOM_WORDS) };
}

type Field = 'title' | 'summary';

/** Whether field `field` of document i holds `k` (filter first, then the string). */
function holds(docs: DocColumns, i: number, field: Field, k: Key): boolean {
  if (field === 'title')
    return (
      mayContain(docs.titleBloom, i * TITLE_BLOOM_WORDS, k.title) && docs.titleCompact[i]!.includes(k.text)
    );
  return (
    mayContain(docs.summaryBloom, i * SUMMARY_BLOOM_WORDS, k.summary) &&
    docs.summaryCompact[i]!.includes(k.text)
  );
}

/** Where one clause matched: its matches restricted to the title and to the summary column. */
export interface ClauseFields {
  title: DocSet;
  summary: DocSet;
  /** Han substrings of the clause (single characters, unknown words): FTS5 cannot say which field holds them. */
  chars: Key[];
}

export interface RankInputs {
  clauses: ClauseFields[];
  /**
   * Where the whole query stands as typed. For a Chinese phrase of several words: FTS5 sets of
   * the phrase as one word or join in the title, the summary, any field. For one clause: that
   * clause's own fields. For several non-Han words (energy monitoring): the compact text,
   * looked for in titles and summaries of the documents that have every word there.
   */
  whole:
    { kind: 'sets'; title: DocSet; summary: DocSet; any: DocSet | null } | { kind: 'text'; key: Key } | null;
}

function inField(docs: DocColumns, i: number, clause: ClauseFields, field: Field): boolean {
  if (hasDoc(clause[field], i)) return true;
  for (const k of clause.chars) if (holds(docs, i, field, k)) return true;
  return false;
}

export function relevanceScore(inputs: RankInputs, docs: DocColumns, i: number): number {
  let inTitle = 0;
  let inEither = 0;
  for (const clause of inputs.clauses) {
    if (inField(docs, i, clause, 'title')) {
      inTitle++;
      inEither++;
    } else if (inField(docs, i, clause, 'summary')) {
      inEither++;
    }
  }
  const n = inputs.clauses.length;
  const whole = inputs.whole;
  let tier = 0;
  if (whole?.kind === 'sets') {
    tier = hasDoc(whole.title, i)
      ? 3
      : hasDoc(whole.summary, i)
        ? 2
        : whole.any && hasDoc(whole.any, i)
          ? 1
          : 0;
  } else if (whole?.kind === 'text') {
    tier =
      inTitle === n && holds(docs, i, 'title', whole.key)
        ? 3
        : inEither === n && holds(docs, i, 'summary', whole.key)
          ? 2
          : 0;
  }
  // 11 bits: tier (2), all words in the title (1), all in title or summary (1), counts (3 + 3).
  return (
    (tier << 9) |
    (inTitle === n ? 256 : 0) |
    (inEither === n ? 128 : 0) |
    (Math.min(inTitle, 7) << 3) |
    Math.min(inEither, 7)
  );
}

const MAX_RELEVANCE = 2047;

/**
 * The relevance of each of `results` (document indices) on a 0–1 scale, by the same rules as
 * the ranking above — for a caller that ranks by more than text (matches) and needs every
 * matched document's relevance rather than the first page.
 */
export function relevanceOf(inputs: RankInputs, docs: DocColumns, results: Int32Array): Float64Array {
  const out = new Float64Array(results.length);
  for (let p = 0; p < results.length; p++) out[p] = relevanceScore(inputs, docs, results[p]!) / MAX_RELEVANCE;
  return out;
}

/** The plan's Han substrings per clause (forms FTS5 matches in the shared unigram column). */
export function charKeysOf(plan: QueryPlan): Key[][] {
  return plan.clauses.map((clause) =>
    clause.options.flatMap((option) =>
      option.length === 1 ? option[0]!.forms.filter((f) => f.kind === 'chars').map((f) => key(f.text)) : [],
    ),
  );
}

/**
 * The first `want` of `results` (document indices) by relevance, newest first among equals.
 * Scores are 11-bit integers, so each document is one packed number (score, then newest rank,
 * then position — 51 bits, exact in a double); the best `want` are picked without sorting all.
 */
export function rankByRelevance(
  inputs: RankInputs,
  docs: DocColumns,
  results: Int32Array,
  want: number,
): number[] {
  results = contenders(inputs, results, want);
  const n = results.length;
  const rank = docs.newestRank;
  if (n >= 2 ** 20 || docs.size >= 2 ** 20) {
    const scores = Array.from(results, (i) => relevanceScore(inputs, docs, i));
    return topK(n, want, (a, b) => scores[b]! - scores[a]! || rank[results[a]!]! - rank[results[b]!]!).map(
      (p) => results[p]!,
    );
  }
  const packed = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const i = results[p]!;
    // Ascending order: best score first, then newest first.
    packed[p] = ((MAX_RELEVANCE - relevanceScore(inputs, docs, i)) * 2 ** 20 + rank[i]!) * 2 ** 20 + p;
  }
  return smallest(packed, want).map((v) => results[v % 2 ** 20]!);
}

/**
 * The results that can be among the best `want`, when there are enough of them: every
 * document outside this set scores below every document in it — no phrase and not every word
 * in the title (< 256, against ≥ 256), or for several non-Han words not every word in title or
 * summary (< 128, against ≥ 128). Worked out on bitsets, so a common word's 60,000 matches are
 * bit tests, and only the few thousand contenders are scored. Clauses with Han substrings
 * (which FTS5 cannot place in a field) are scored in full.
 */
function contenders(inputs: RankInputs, results: Int32Array, want: number): Int32Array {
  if (results.length <= want * 4 || inputs.clauses.some((c) => c.chars.length > 0)) return results;
  const whole = inputs.whole;
  const words = inputs.clauses[0]!.title.bits.length;
  const best = new Int32Array(words);
  for (let w = 0; w < words; w++) {
    let all = -1;
    for (const c of inputs.clauses)
      all &= whole?.kind === 'text' ? c.title.bits[w]! | c.summary.bits[w]! : c.title.bits[w]!;
    if (whole?.kind === 'sets')
      all |= whole.title.bits[w]! | whole.summary.bits[w]! | (whole.any ? whole.any.bits[w]! : 0);
    best[w] = all;
  }
  const kept = new Int32Array(results.length);
  let n = 0;
  for (let p = 0; p < results.length; p++) {
    const i = results[p]!;
    if ((best[i >>> 5]! >>> (i & 31)) & 1) kept[n++] = i;
  }
  return n >= want ? kept.subarray(0, n) : results;
}

/** The k smallest values in ascending order: a full sort for small inputs, else a bounded max-heap. */
function smallest(values: Float64Array, k: number): number[] {
  if (values.length <= k * 8) return Array.from(values.sort().subarray(0, k));
  const heap = new Float64Array(k); // max-heap of the k smallest so far
  let size = 0;
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (size < k) {
      let c = size++;
      heap[c] = v;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (heap[parent]! >= heap[c]!) break;
        [heap[parent], heap[c]] = [heap[c]!, heap[parent]!];
        c = parent;
      }
    } else if (v < heap[0]!) {
      heap[0] = v;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let top = c;
        if (l < size && heap[l]! > heap[top]!) top = l;
        if (r < size && heap[r]! > heap[top]!) top = r;
        if (top === c) break;
        [heap[top], heap[c]] = [heap[c]!, heap[top]!];
        c = top;
      }
    }
  }
  return Array.from(heap.subarray(0, size).sort());
}
