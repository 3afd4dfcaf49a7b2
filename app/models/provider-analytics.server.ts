import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offerings } from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import {
  analyticsRows,
  analyticsWindow,
  monthTotals,
  type AnalyticsOffering,
  type AnalyticsRange,
  type MetricCount,
} from '~/domain/provider-analytics';
import type { Locale } from '~/i18n/locale';
import { prepared } from './prepared.server';

// Provider analytics (/provider/analytics and its CSV): per offering and China-time month, the
// views, requests, quotes, orders and confirmations of one provider's offerings — one aggregate
// statement over the provider's indexes, a UNION of five grouped counts.
//   views          offering_views (already per day, bots and the provider itself not counted;
//                  written behind, so up to 30 s late: app/models/offering-views.server.ts)
//   requests       requests received (created) in the month
//   quotes         quotes the provider sent in the month
//   orders         orders made in the month, whatever became of them
//   confirmations  orders whose delivery was confirmed in the month (by the buyer, or by an
//                  official deciding a dispute for the provider) — the history's 'confirmed' entries

interface CountParams {
  providerId: string;
  fromDay: string;
  fromInstant: string;
}

function countStatement(db: Db) {
  return prepared(db, 'provider-analytics.counts', (sqlite) =>
    sqlite.prepare<[CountParams], MetricCount>(
      `SELECT v.offering_id AS offeringId, substr(v.day, 1, 7) AS month, 'views' AS metric, SUM(v.views) AS count
         FROM offering_views v JOIN offerings o ON o.id = v.offering_id
        WHERE o.provider_id = @providerId AND v.day >= @fromDay
        GROUP BY 1, 2
       UNION ALL
       SELECT r.offering_id, strftime('%Y-%m', r.created_at, '+8 hours'), 'requests', COUNT(*)
         FROM service_requests r
        WHERE r.provider_id = @providerId AND r.created_at >= @fromInstant
        GROUP BY 1, 2
       UNION ALL
       SELECT r.offering_id, strftime('%Y-%m', q.created_at, '+8 hours'), 'quotes', COUNT(*)
         FROM quotes q JOIN service_requests r ON r.id = q.request_id
        WHERE r.provider_id = @providerId AND q.created_at >= @fromInstant
        GROUP BY 1, 2
       UNION ALL
       SELECT o.offering_id, strftime('%Y-%m', o.created_at, '+8 hours'), 'orders', COUNT(*)
         FROM orders o
        WHERE o.provider_id = @providerId AND o.created_at >= @fromInstant
        GROUP BY 1, 2
       UNION ALL
       SELECT o.offering_id, strftime('%Y-%m', h.created_at, '+8 hours'), 'confirmations', COUNT(DISTINCT o.id)
         FROM orders o
         JOIN marketplace_history h ON h.subject_type = 'order' AND h.subject_id = o.id
        WHERE o.provider_id = @providerId AND h.to_status = 'confirmed' AND h.created_at >= @fromInstant
        GROUP BY 1, 2`,
    ),
  );
}

/** Every offering of the provider (any status: an archived one keeps its history), by title. */
export function listAnalyticsOfferings(db: Db, providerId: string, locale: Locale) {
  return db
    .select({
      id: offerings.id,
      titleZh: offerings.titleZh,
      titleEn: offerings.titleEn,
      status: offerings.status,
    })
    .from(offerings)
    .where(eq(offerings.providerId, providerId))
    .orderBy(asc(offerings.titleZh), asc(offerings.id))
    .all()
    .map((o) => ({
      id: o.id,
      title: (locale === 'en' && o.titleEn) || o.titleZh,
      published: o.status === 'published',
    }));
}

/**
 * The analytics of one provider over the last `range` months, for all its offerings or for one
 * (`offeringId`). null when `offeringId` is not one of this provider's offerings: the caller
 * answers 404, so another provider's offering ids learn nothing.
 */
export function providerAnalytics(
  db: Db,
  opts: { providerId: string; range: AnalyticsRange; offeringId: string | null; locale: Locale; now?: Date },
) {
  const all = listAnalyticsOfferings(db, opts.providerId, opts.locale);
  let selected: AnalyticsOffering[] = all;
  if (opts.offeringId !== null) {
    selected = all.filter((o) => o.id === opts.offeringId);
    if (selected.length === 0) return null;
  }
  const window = analyticsWindow(todayInChina(opts.now ?? new Date()), opts.range);
  const counts = countStatement(db).all({
    providerId: opts.providerId,
    fromDay: window.fromDay,
    fromInstant: window.fromInstant,
  });
  const rows = analyticsRows(selected, counts, window.months);
  return { offerings: all, months: window.months, rows, totals: monthTotals(rows, window.months) };
}
export type ProviderAnalytics = NonNullable<ReturnType<typeof providerAnalytics>>;
