import type { Db } from '../../db/client.server';
import { counterBuffer, FLUSH_EVERY_MS } from '../../db/write-behind';
import { todayInChina } from '~/domain/adoption-dates';

// Offering page views (浏览量) for provider analytics: one counter per offering and China-time day,
// nothing else — no IP, no user, no user agent is stored (issue 10: "no personal data kept").
// Which requests count is decided by the caller (app/utils/offering-views.server.ts).
//
// A view is counted in memory and written with the others at most every FLUSH_EVERY_MS (30 s), at
// exit, or when 1,000 offering-days are waiting (db/write-behind.ts): a write per view moved
// PRAGMA data_version and so emptied the anonymous page cache and the counter cache on every view.
// Readers of offering_views (provider analytics, the most viewed offerings) lag by up to 30 s.

export const OFFERING_VIEWS_LAG_MS = FLUSH_EVERY_MS;

interface ViewCount {
  offeringId: string;
  day: string;
  views: number;
}

const views = counterBuffer<ViewCount>({
  name: 'offering views',
  // Keys are offerings × days: bounded by the catalog, so a full buffer is written early.
  maxKeys: 1000,
  whenFull: 'flush',
  merge: (a, b) => ({ ...a, views: a.views + b.views }),
  write(sqlite, rows) {
    // An offering deleted since it was viewed (a draft) is skipped: its row would break the foreign key.
    const upsert = sqlite.prepare<[string, string, number, string]>(
      `INSERT INTO offering_views (offering_id, day, views)
       SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM offerings WHERE id = ?)
       ON CONFLICT (offering_id, day) DO UPDATE SET views = views + excluded.views`,
    );
    for (const row of rows) upsert.run(row.offeringId, row.day, row.views, row.offeringId);
  },
});

/** Counts one view of `offeringId` on `now`'s China date (written within 30 s). */
export function recordOfferingView(db: Db, offeringId: string, now: Date = new Date()) {
  const day = todayInChina(now);
  views.add(db.$client, `${day} ${offeringId}`, { offeringId, day, views: 1 });
}
