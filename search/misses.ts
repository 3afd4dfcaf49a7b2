/**
 * Searches that found nothing, counted per month (China time) and normalised query, so
 * provincial officials can add synonyms where people actually fail (issue 14). Nothing about
 * who searched is kept: no user, no IP, no time finer than the last occurrence of the query.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { searchMisses } from '../db/schema';
import { cleanText } from './analysis/query';
import { MAX_QUERY_LENGTH } from './engine';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8, no daylight saving

/** YYYY-MM of `now` in China time: a miss at 2026-11-30T17:00Z counts in December. */
export function chinaMonth(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/**
 * The query as it is counted: the search normalisation (full-width folded, lower case,
 * punctuation as one space), so ＭＥＳ系统 and mes 系统 are one line. Null when nothing is left.
 */
export function normaliseMissQuery(q: string): string | null {
  const text = [...cleanText(q)].slice(0, MAX_QUERY_LENGTH).join('');
  return text || null;
}

/** Counts one search that found nothing (an upsert: one row per month and query). */
export function recordSearchMiss(db: Pick<Db, 'insert'>, q: string, now = new Date()): void {
  const query = normaliseMissQuery(q);
  if (!query) return;
  const at = now.toISOString();
  db.insert(searchMisses)
    .values({ month: chinaMonth(now), query, count: 1, lastAt: at })
    .onConflictDoUpdate({
      target: [searchMisses.month, searchMisses.query],
      set: { count: sql`${searchMisses.count} + 1`, lastAt: at },
    })
    .run();
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
