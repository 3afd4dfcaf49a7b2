/**
 * `<mark>` highlights that are safe to put in HTML: every piece of the text is escaped and
 * the only markup added is <mark> and </mark> (search-api.md). Matching follows the query
 * plan, so a highlight shows what actually matched: Han words and substrings anywhere,
 * English words and prefixes at word starts, pinyin spans over the Han words they spell.
 */
import { pinyinRanges } from './pinyin';
import { planForms, type QueryPlan, type TermForm } from './query';
import { stemKey } from './stem';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export const MARK_OPEN = '<mark>';
export const MARK_CLOSE = '</mark>';

type Range = [start: number, end: number];

/** The text lower-cased and NFKC-folded character by character, with each folded index's origin. */
function folded(text: string): { text: string; origin: number[] | null } {
  // Almost always folding keeps every character's length (full-width → ASCII, upper → lower
  // case), and offsets carry over as they are.
  const whole = text.normalize('NFKC').toLowerCase();
  if (whole.length === text.length && [...whole].length === [...text].length)
    return { text: whole, origin: null };
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const char of text) {
    const f = char.normalize('NFKC').toLowerCase();
    for (let k = 0; k < f.length; k++) origin.push(i);
    out += f;
    i += char.length;
  }
  origin.push(i);
  return { text: out, origin };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c) && !HAN.test(c);
}

function occurrences(haystack: string, needle: string, wordStart: boolean, wordEnd: boolean): Range[] {
  const ranges: Range[] = [];
  if (!needle) return ranges;
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) break;
    from = at + 1;
    if (wordStart && isWordChar(haystack[at - 1])) continue;
    if (wordEnd && isWordChar(haystack[at + needle.length])) continue;
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Wraps the given ranges (UTF-16 offsets into `text`) in <mark>, escaping everything. */
export function markRanges(text: string, ranges: readonly Range[]): string {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let out = '';
  let at = 0;
  for (const [s, e] of merged) {
    out += escapeHtml(text.slice(at, s)) + MARK_OPEN + escapeHtml(text.slice(s, e)) + MARK_CLOSE;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * The highlighted HTML of `text` for a query plan (null plan: just escaped).
 * `pinyin`: also mark Han words spelled by pinyin query words (titles and provider names,
 * the fields that are indexed with pinyin).
 */
export function highlight(text: string, plan: QueryPlan | null, opts: { pinyin?: boolean } = {}): string {
  if (!plan || plan.clauses.length === 0 || !text) return escapeHtml(text);
  const { text: haystack, origin } = folded(text);
  const ranges: Range[] = [];
  const forms = planForms(plan);
  const stems = new Set(forms.filter((f) => f.kind === 'stem').map((f) => f.text));
  if (stems.size > 0) {
    // A stem marks the whole words that share it (Servers for server, Monitoring for monitor).
    for (const m of haystack.matchAll(/[a-z]+/g)) {
      const at = m.index ?? 0;
      if (isWordChar(haystack[at - 1]) || isWordChar(haystack[at + m[0].length])) continue;
      if (!stems.has(stemKey(m[0]))) continue;
      const end = at + m[0].length;
      ranges.push(origin ? [origin[at] ?? 0, origin[end] ?? text.length] : [at, end]);
    }
  }
  for (const form of forms.flatMap((f): TermForm[] =>
    f.kind === 'near' ? f.words.map((w) => ({ kind: 'word', text: w })) : f.kind === 'stem' ? [] : [f],
  )) {
    const han = HAN.test(form.text);
    const found =
      form.kind === 'prefix'
        ? occurrences(haystack, form.text, true, false)
        : occurrences(haystack, form.text, !han, !han && form.kind === 'word');
    for (const [s, e] of found) ranges.push(origin ? [origin[s] ?? 0, origin[e] ?? text.length] : [s, e]);
  }
  if (opts.pinyin) {
    const latin = forms
      .filter((f) => f.kind === 'word' || f.kind === 'prefix')
      .map((f) => ({ text: f.text, prefix: f.kind === 'prefix' }));
    if (latin.length > 0) ranges.push(...pinyinRanges(text, latin));
  }
  return markRanges(text, ranges);
}
