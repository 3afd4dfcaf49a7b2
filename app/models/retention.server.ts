/**
 * How long personal data that has served its purpose is kept (issue 13, "Personal information";
 * 个人信息保护法 Art. 19: kept no longer than the purpose needs). One module, used by
 * `npm run retention` (scripts/retention.ts) and by the server's daily `retention` job
 * (app/models/jobs.server.ts), so the two can never disagree on a limit.
 *
 * - login failures (login_failures: the email + IP key of each failed sign-in): 30 days;
 * - read notifications (notifications with read_at set; unread ones are never deleted): 180 days
 *   after they were read;
 * - sent mail (mail_outbox rows with status 'sent': address, subject, body): 90 days after sending;
 *   pending and failed mail stay (failed mail is kept for an operator to look at).
 *
 * A row is deleted when its timestamp is strictly older than now minus the limit.
 *
 * Also, though not personal data (a month, the words and a count: search/misses.ts): searches that
 * found nothing, which public requests add to, are kept for SEARCH_MISSES_MONTHS China-time months,
 * the current one included — a year of them to compare with, and no more.
 */
import type { Db } from '../../db/client.server';
import { chinaMonthOf } from '~/domain/provider-analytics';

const DAY_MS = 24 * 3600 * 1000;

/** The limits in days (the README's "Retention" section states the same). */
export const RETENTION_DAYS = {
  loginFailures: 30,
  readNotifications: 180,
  sentMail: 90,
} as const;

/** Months of search_misses kept, the current China-time month included (the README states the same). */
export const SEARCH_MISSES_MONTHS = 13;

export type RetentionKind = keyof typeof RETENTION_DAYS | 'searchMisses';
export type RetentionCounts = Record<RetentionKind, number>;

/**
 * The oldest value still kept for each kind: a timestamp (ISO 8601, UTC, as the tables store them),
 * or for search misses the oldest month kept (YYYY-MM, China time).
 */
export function retentionCutoffs(now: Date): Record<RetentionKind, string> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const [year, month] = chinaMonthOf(now.toISOString()).split('-').map(Number) as [number, number];
  return {
    loginFailures: before(RETENTION_DAYS.loginFailures),
    readNotifications: before(RETENTION_DAYS.readNotifications),
    sentMail: before(RETENTION_DAYS.sentMail),
    searchMisses: new Date(Date.UTC(year, month - SEARCH_MISSES_MONTHS, 1)).toISOString().slice(0, 7),
  };
}

// Deleting in slices keeps each write transaction short: the server shares one SQLite writer with
// the API, and a first run on a large, never-pruned table must not hold it for seconds.
const BATCH = 1000;

/** Each kind's slice: at most BATCH rows older than the cut-off (bound as the only parameter). */
const DELETE_SLICE: Record<RetentionKind, string> = {
  loginFailures: `DELETE FROM login_failures WHERE id IN
    (SELECT id FROM login_failures WHERE created_at < ? LIMIT ${BATCH})`,
  readNotifications: `DELETE FROM notifications WHERE id IN
    (SELECT id FROM notifications WHERE read_at IS NOT NULL AND read_at < ? LIMIT ${BATCH})`,
  sentMail: `DELETE FROM mail_outbox WHERE id IN
    (SELECT id FROM mail_outbox WHERE status = 'sent' AND sent_at IS NOT NULL AND sent_at < ? LIMIT ${BATCH})`,
  // The primary key (month, query) finds the old months.
  searchMisses: `DELETE FROM search_misses WHERE rowid IN
    (SELECT rowid FROM search_misses WHERE month < ? LIMIT ${BATCH})`,
};

/** Deletes what is past its limit; answers how many rows of each kind were deleted. */
export function applyRetention(db: Db, now: Date = new Date()): RetentionCounts {
  const cutoff = retentionCutoffs(now);
  const counts = { loginFailures: 0, readNotifications: 0, sentMail: 0, searchMisses: 0 };
  for (const kind of Object.keys(DELETE_SLICE) as RetentionKind[]) {
    const slice = db.$client.prepare<[string]>(DELETE_SLICE[kind]);
    for (;;) {
      // Each statement is its own (implicit) transaction: a slice is deleted whole or not at all.
      const { changes } = slice.run(cutoff[kind]);
      counts[kind] += changes;
      if (changes < BATCH) break;
    }
  }
  return counts;
}

/** Each kind's limit in words: "30 days", "13 months". */
export function retentionLimit(kind: RetentionKind): string {
  return kind === 'searchMisses' ? `${SEARCH_MISSES_MONTHS} months` : `${RETENTION_DAYS[kind]} days`;
}

/** One line for logs and the command line: "login failures 3 (older than 30 days), …". */
export function describeRetention(counts: RetentionCounts): string {
  const label: Record<RetentionKind, string> = {
    loginFailures: 'login failures',
    readNotifications: 'read notifications',
    sentMail: 'sent mail',
    searchMisses: 'search misses',
  };
  return (Object.keys(label) as RetentionKind[])
    .map((k) => `${label[k]} ${counts[k]} (older than ${retentionLimit(k)})`)
    .join(', ');
}
