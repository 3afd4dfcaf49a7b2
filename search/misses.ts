/**
 * Searches that found nothing, counted per month (China time) and normalised query, so
 * provincial officials can add synonyms where people actually fail (issue 14). Nothing about
 * who searched is kept: no user, no IP, no time finer than the last occurrence of the query.
 *
 * A miss is counted in memory and written with the others at most every 30 s and at exit
 * (db/write-behind.ts): a write per search emptied the anonymous page cache and the counter cache
 * every time. The officials' page lags by up to 30 s. The words come from the public, so one
 * process keeps at most MAX_MISS_QUERIES_PER_FLUSH distinct queries between two writes; further
 * new queries are dropped until the next write (repeats of kept ones still count).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { searchMisses } from '../db/schema';
import { counterBuffer } from '../db/write-behind';
import { chinaMonthOf } from '../app/domain/provider-analytics';
import { cleanText } from './analysis/query';
import { MAX_QUERY_LENGTH } from './engine';

/**
 * The query as it is counted: the search normalisation (full-width folded, lower case,
 * punctuation as one space), so ＭＥＳ系统 and mes 系统 are one line. Null when nothing is left.
 */
export function normaliseMissQuery(q: string): string | null {
  const text = [...cleanText(q)].slice(0, MAX_QUERY_LENGTH).join('');
  return text || null;
}

/**
 * Distinct queries one process writes at most per flush (every 30 s): 200 is hundreds of times the
 * misses real visitors make, and caps what a script sending random words adds to search_misses.
 */
export const MAX_MISS_QUERIES_PER_FLUSH = 200;

interface MissCount {
  month: string;
  query: string;
  count: number;
  lastAt: string;
}

const misses = counterBuffer<MissCount>({
  name: 'search misses',
  maxKeys: MAX_MISS_QUERIES_PER_FLUSH,
  whenFull: 'drop',
  merge: (a, b) => ({ ...a, count: a.count + b.count, lastAt: a.lastAt > b.lastAt ? a.lastAt : b.lastAt }),
  write(sqlite, rows) {
    const upsert = sqlite.prepare<[string, string, number, string]>(
      `INSERT INTO search_misses (month, query, count, last_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (month, query) DO UPDATE SET count = count + excluded.count,
         last_at = max(last_at, excluded.last_at)`,
    );
    for (const row of rows) upsert.run(row.month, row.query, row.count, row.lastAt);
  },
});

/** Counts one search that found nothing (one row per month and query; written within 30 s). */
export function recordSearchMiss(db: Db, q: string, now = new Date()): void {
  const query = normaliseMissQuery(q);
  if (!query) return;
  // China time: a miss at 2026-11-30T17:00Z counts in December.
  const month = chinaMonthOf(now.toISOString());
  misses.add(db.$client, `${month} ${query}`, { month, query, count: 1, lastAt: now.toISOString() });
}

export interface SearchMissRow {
  query: string;
  count: number;
  lastAt: string;
}

/** A month's misses, most frequent first (ties: most recent first), one page at a time. */
export function listSearchMisses(
  db: Pick<Db, 'select'>,
  opts: { month: string; page: number; perPage: number },
): { rows: SearchMissRow[]; total: number; searches: number } {
  const where = eq(searchMisses.month, opts.month);
  const totals = db
    .select({ total: sql<number>`count(*)`, searches: sql<number>`coalesce(sum(${searchMisses.count}), 0)` })
    .from(searchMisses)
    .where(where)
    .get();
  const rows = db
    .select({ query: searchMisses.query, count: searchMisses.count, lastAt: searchMisses.lastAt })
    .from(searchMisses)
    .where(where)
    .orderBy(desc(searchMisses.count), desc(searchMisses.lastAt), searchMisses.query)
    .limit(opts.perPage)
    .offset((opts.page - 1) * opts.perPage)
    .all();
  return { rows, total: totals?.total ?? 0, searches: totals?.searches ?? 0 };
}

/** The months that have misses, newest first (the page's month picker). */
export function searchMissMonths(db: Pick<Db, 'select'>, limit = 24): string[] {
  return db
    .select({ month: searchMisses.month })
    .from(searchMisses)
    .groupBy(searchMisses.month)
    .orderBy(desc(searchMisses.month))
    .limit(limit)
    .all()
    .map((r) => r.month);
}

/** How often one query missed in a month (tests, and the page's "still failing?" check). */
export function missCount(db: Pick<Db, 'select'>, month: string, q: string): number {
  const query = normaliseMissQuery(q);
  if (!query) return 0;
  return (
    db
      .select({ count: searchMisses.count })
      .from(searchMisses)
      .where(and(eq(searchMisses.month, month), eq(searchMisses.query, query)))
      .get()?.count ?? 0
  );
}
