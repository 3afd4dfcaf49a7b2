import type { Db } from '../../db/client.server';
import { todayInChina } from '~/domain/adoption-dates';
import { prepared } from './prepared.server';

// Offering page views (浏览量) for provider analytics: one counter per offering and China-time day,
// nothing else — no IP, no user, no user agent is stored (issue 10: "no personal data kept").
// Which requests count is decided by the caller (app/utils/offering-views.server.ts).

/** Adds one view of `offeringId` on today's China date: one prepared upsert. */
export function recordOfferingView(db: Db, offeringId: string, now: Date = new Date()) {
  const upsert = prepared(db, 'offering-views.upsert', (sqlite) =>
    sqlite.prepare<[string, string]>(
      `INSERT INTO offering_views (offering_id, day, views) VALUES (?, ?, 1)
       ON CONFLICT (offering_id, day) DO UPDATE SET views = views + 1`,
    ),
  );
  upsert.run(offeringId, todayInChina(now));
}
