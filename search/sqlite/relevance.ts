/**
 * Relevance ranking of the SQLite engine. bm25 needs every match's column sizes (a lookup per
 * row) and cost 40–120 ms for a common word over 20,000 offerings, while the matched rowids
 * alone come out of FTS5 in a few milliseconds. Ranking instead follows where the query
 * matched, like Meilisearch's attribute and exactness rules: the whole query in the title,
 * every word in the title, the whole query in the summary, every word in title or summary,
 * then how many words are in the title; ties newest first.
 */
import type { QueryPlan } from '../analysis/query';
import type { DocColumns } from './cache';
import { bloomOf, mayContain, SUMMARY_BLOOM_WORDS, TITLE_BLOOM_WORDS } from './bloom';
import { topK } from './top-k';

/** A text to look for, with its character filters for titles and summaries. */
interface Key {
  text: string;
  title: Int32Array;
  summary: Int32Array;
}

/** Per clause, its options; per option, its terms; per term, the keys any of which may appear. */
type Keys = Key[][][][];

function key(text: string): Key {
  return { text, title: bloomOf(text, TITLE_BLOOM_WORDS), summary: bloomOf(text, SUMMARY_BLOOM_WORDS) };
}

function keysOf(plan: QueryPlan): Keys {
  return plan.clauses.map((clause) =>
    clause.options.map((option) =>
      option.map((term) => term.forms.flatMap((f) => (f.kind === 'near' ? f.words : [f.text])).map(key)),
    ),
  );
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

function contains(docs: DocColumns, i: number, field: Field, options: Key[][][]): boolean {
  for (const terms of options) {
    let all = true;
    for (const keys of terms) {
      let any = false;
      for (const k of keys) {
        if (holds(docs, i, field, k)) {
          any = true;
          break;
        }
      }
      if (!any) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

export function relevanceScore(keys: Keys, whole: Key | null, docs: DocColumns, i: number): number {
  let inTitle = 0;
  let inEither = 0;
  for (const options of keys) {
    if (contains(docs, i, 'title', options)) {
      inTitle++;
      inEither++;
    } else if (contains(docs, i, 'summary', options)) {
      inEither++;
    }
  }
  const n = keys.length;
  return (
    (whole !== null && holds(docs, i, 'title', whole) ? 256 : 0) +
    (inTitle === n ? 128 : 0) +
    (whole !== null && holds(docs, i, 'summary', whole) ? 64 : 0) +
    (inEither === n ? 32 : 0) +
    Math.min(inTitle, 15) +
    Math.min(inEither, 15) / 16
  );
}

// The most relevanceScore gives: whole query and every word in the title and the summary.
const MAX_RELEVANCE = 256 + 128 + 64 + 32 + 15 + 15 / 16;

/**
 * The relevance of each of `results` (document indices) on a 0–1 scale, by the same rules as
 * the ranking above — for a caller that ranks by more than text (matches) and needs every
 * matched document's relevance rather than the first page.
 */
export function relevanceOf(plan: QueryPlan, docs: DocColumns, results: Int32Array): Float64Array {
  const keys = keysOf(plan);
  const whole = plan.compact.length > 1 ? key(plan.compact) : null;
  const out = new Float64Array(results.length);
  for (let p = 0; p < results.length; p++)
    out[p] = relevanceScore(keys, whole, docs, results[p]!) / MAX_RELEVANCE;
  return out;
}

function allInTitle(keys: Keys, docs: DocColumns, i: number): boolean {
  for (const options of keys) if (!contains(docs, i, 'title', options)) return false;
  return true;
}

/**
 * The first `want` of `results` (document indices) by relevance. Documents matching every
 * clause in the title outrank all others (score ≥ 128 against < 128), so when there are
 * enough of them only they are scored and sorted.
 */
export function rankByRelevance(
  plan: QueryPlan,
  docs: DocColumns,
  results: Int32Array,
  want: number,
): number[] {
  const keys = keysOf(plan);
  const whole = plan.compact.length > 1 ? key(plan.compact) : null;
  let pool: ArrayLike<number> = results;
  if (results.length > want * 4) {
    const inTitle: number[] = [];
    for (let p = 0; p < results.length; p++)
      if (allInTitle(keys, docs, results[p]!)) inTitle.push(results[p]!);
    if (inTitle.length >= want) pool = inTitle;
  }
  // One number per document sorts natively: score (in 1/16ths, < 2^13), then newest (rank
  // < 2^20), then the position (< 2^20) to read the document back — 53 bits, exact in a double.
  const n = pool.length;
  const rank = docs.newestRank;
  if (n >= 2 ** 20 || docs.size >= 2 ** 20) {
    const scores = Array.from(pool, (i) => relevanceScore(keys, whole, docs, i));
    return topK(n, want, (a, b) => scores[b]! - scores[a]! || rank[pool[a]!]! - rank[pool[b]!]!).map(
      (p) => pool[p]!,
    );
  }
  const packed = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const i = pool[p]!;
    const score = Math.round(relevanceScore(keys, whole, docs, i) * 16);
    // Ascending sort: best score first, then newest first.
    packed[p] = ((8191 - score) * 2 ** 20 + rank[i]!) * 2 ** 20 + p;
  }
  packed.sort();
  const out: number[] = [];
  for (let k = 0; k < Math.min(want, n); k++) out.push(pool[packed[k]! % 2 ** 20]!);
  return out;
}
