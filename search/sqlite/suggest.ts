/**
 * "您是不是要找 …" for a search that found nothing: a nearby query that does find something,
 * looked for with the same rules as searching — typos (a little wider: short words and the
 * first letter too, since nothing matched as typed), pinyin (a Chinese word typed with the
 * wrong characters of the same sound: 设被 → 设备) and synonyms (the suggestion is planned
 * again, so MES still means 制造执行系统). Words that match nothing and have no near
 * neighbour are left out; when every word matches alone but not together, the word whose
 * absence finds most is left out. Only the zero-results path runs this, so it may afford a
 * few extra FTS5 counts.
 */
import type Database from 'better-sqlite3';
import { pinyinRanges, pinyinSpans } from '../analysis/pinyin';
import { cleanText, planQuery, type Clause } from '../analysis/query';
import { hasHan } from '../analysis/text';
import { withinOneEdit } from '../analysis/typo';
import type { SynonymGroup } from '../engine';
import { freshCache, SqliteVocabulary } from './cache';
import { statement } from './client';
import { compileClause, HAN_WORD_COLUMNS, LATIN_WORD_COLUMNS, quote } from './fts-query';

const COUNT_SQL = 'SELECT count(*) FROM offerings_fts WHERE offerings_fts MATCH ?';
const TITLES_SQL = `SELECT d.title FROM offerings_fts f JOIN search_documents d ON d.doc_id = f.rowid
  WHERE offerings_fts MATCH ? LIMIT 20`;
const MAX_CANDIDATES = 12;

function count(sqlite: Database.Database, match: string): number {
  return statement(sqlite, COUNT_SQL).pluck().get(match) as number;
}

/** Optimal string alignment distance, stopping early past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = [...Array(a.length + 1)].map((_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Latin words near `word`: one edit from 3 letters (any letter), two from 7; synonym terms too. */
function latinNeighbours(word: string, dictionary: Map<number, string[]>, synonymTerms: string[]): string[] {
  const max = word.length >= 7 ? 2 : 1;
  const out: string[] = [];
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const term of dictionary.get(len) ?? []) {
      if (term !== word && (max === 1 ? withinOneEdit(word, term) : editDistance(word, term, 2) <= 2))
        out.push(term);
    }
  }
  for (const term of synonymTerms) if (term !== word && withinOneEdit(word, term)) out.push(term);
  return out.slice(0, 200);
}

/** Chinese words of the index that sound like `word` (the IME picked the wrong characters). */
function homophones(sqlite: Database.Database, word: string): string[] {
  const whole = pinyinSpans(word).find((s) => s.start === 0 && s.end === word.length);
  if (!whole || whole.full.length < 2) return [];
  const found = new Set<string>();
  const titles = statement(sqlite, TITLES_SQL)
    .pluck()
    .all(`tokens_pinyin : ${quote(whole.full)}`) as string[];
  for (const title of titles) {
    for (const [start, end] of pinyinRanges(title, [{ text: whole.full, prefix: false }])) {
      const spelled = title.slice(start, end);
      if (spelled !== word && hasHan(spelled)) found.add(spelled);
    }
  }
  return [...found];
}

/** The replacement for a clause that matches nothing: the neighbour that finds most, or null. */
function replacement(
  sqlite: Database.Database,
  clause: Clause,
  dictionary: Map<number, string[]>,
  synonymTerms: string[],
): string | null {
  const source = clause.source;
  const han = hasHan(source);
  const candidates = han ? homophones(sqlite, source) : latinNeighbours(source, dictionary, synonymTerms);
  let best: { text: string; n: number } | null = null;
  for (const text of candidates.slice(0, MAX_CANDIDATES * 4)) {
    const match = han
      ? `${HAN_WORD_COLUMNS} : ${quote(text)}`
      : synonymTerms.includes(text)
        ? null
        : `${LATIN_WORD_COLUMNS} : ${quote(text)}`;
    // A synonym term finds what its group finds: take it when nothing in the index is nearer.
    const n = match === null ? 0.5 : count(sqlite, match);
    if (n > 0 && (best === null || n > best.n)) best = { text, n };
  }
  return best?.text ?? null;
}

function joinWords(words: string[]): string {
  let out = '';
  for (const word of words) {
    const last = out.at(-1);
    out += out && !(last !== undefined && hasHan(last) && hasHan(word[0] ?? '')) ? ` ${word}` : word;
  }
  return out;
}

/**
 * A query near `q` that finds something in the index, or null. The caller runs it through the
 * engine to count its results (with the user's filters) before offering it.
 */
export function suggestQuery(sqlite: Database.Database, q: string): string | null {
  const cache = freshCache(sqlite);
  const synonyms: readonly SynonymGroup[] = cache.synonyms;
  const plan = planQuery(`${q} `, new SqliteVocabulary(sqlite, cache.dictionary, cache.vocabulary), synonyms);
  if (plan.clauses.length === 0) return null;
  const synonymTerms = synonyms.flatMap((g) => g.map(cleanText)).filter((t) => /^[a-z0-9 ]+$/.test(t));
  const words: (string | null)[] = [];
  let changed = false;
  for (const clause of plan.clauses) {
    if (count(sqlite, compileClause(clause)) > 0) {
      words.push(clause.source);
      continue;
    }
    words.push(replacement(sqlite, clause, cache.dictionary.byLength, synonymTerms));
    changed = true;
  }
  let kept = words.filter((w): w is string => w !== null);
  if (!changed && plan.clauses.length > 1) {
    // Every word matches alone, not together: leave out the one whose absence finds most.
    let best: { words: string[]; n: number } | null = null;
    plan.clauses.forEach((_, skip) => {
      const rest = plan.clauses.filter((__, i) => i !== skip);
      const n = count(sqlite, rest.map(compileClause).join(' AND '));
      if (n > 0 && (best === null || n > best.n)) best = { words: rest.map((c) => c.source), n };
    });
    kept = (best as { words: string[] } | null)?.words ?? [];
  }
  const suggestion = joinWords(kept);
  return suggestion && cleanText(suggestion) !== cleanText(q) ? suggestion : null;
}
