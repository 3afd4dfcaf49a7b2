/**
 * `npm run retention`: deletes the personal data past its retention limit from DATABASE_PATH
 * (app/models/retention.server.ts: login failures after 30 days, read notifications after 180,
 * sent mail after 90), and search misses (not personal data) older than 13 months, and prints how
 * many rows of each kind went. The server does the same once a day (the `retention` job); this is
 * for operators and cron on instances that run without it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/client.server';
import { applyRetention, retentionLimit, type RetentionCounts } from '../app/models/retention.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const LABELS: Record<keyof RetentionCounts, string> = {
  loginFailures: 'login failures (login_failures)',
  readNotifications: 'read notifications (notifications)',
  sentMail: 'sent mail (mail_outbox)',
  searchMisses: 'search misses (search_misses)',
};

/** The printed report: one line per kind with its limit, then the total. */
export function retentionReport(counts: RetentionCounts, file: string): string[] {
  const kinds = Object.keys(LABELS) as (keyof RetentionCounts)[];
  const width = Math.max(...kinds.map((k) => LABELS[k].length));
  const limitWidth = Math.max(...kinds.map((k) => retentionLimit(k).length));
  const total = kinds.reduce((sum, k) => sum + counts[k], 0);
  return [
    `retention (${file}):`,
    ...kinds.map(
      (k) =>
        `  ${LABELS[k].padEnd(width)}  older than ${retentionLimit(k).padStart(limitWidth)}: ${counts[k]} deleted`,
    ),
    `  total: ${total} deleted`,
  ];
}

function main() {
  loadDotEnv();
  const file = databasePath();
  const db = openDatabase(file);
  try {
    for (const line of retentionReport(applyRetention(db, new Date()), file)) console.log(line);
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
