// Provider analytics (服务商数据分析, issue 10): per offering and month, how many people looked at
// it, asked, were quoted, ordered and confirmed. Pure: the month window and the grid of rows the
// page's table, its chart and the CSV export all share (so the three cannot disagree).
import { monthsBetween } from './campaign-pace';

/** The ranges a provider may choose, in months ending with the current one (China time). */
export const ANALYTICS_RANGES = [6, 12, 24] as const;
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number];
export const DEFAULT_ANALYTICS_RANGE: AnalyticsRange = 6;

export const ANALYTICS_METRICS = ['views', 'requests', 'quotes', 'orders', 'confirmations'] as const;
export type AnalyticsMetric = (typeof ANALYTICS_METRICS)[number];

export type MetricCounts = Record<AnalyticsMetric, number>;

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The last `range` months up to the month of `today` (YYYY-MM-DD, China time), oldest first, with
 * the first day of the window and the UTC instant it starts at: timestamps are stored in UTC, and a
 * month is a calendar month in China (UTC+8, no daylight saving), so 1 March starts at 16:00 UTC
 * on the last day of February.
 */
export function analyticsWindow(today: string, range: number) {
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 - (range - 1), 1));
  const fromDay = first.toISOString().slice(0, 10);
  return {
    months: monthsBetween(fromDay, today),
    fromDay,
    fromInstant: new Date(first.getTime() - CHINA_OFFSET_MS).toISOString(),
  };
}

/** The China-time month (YYYY-MM) of a stored UTC timestamp. */
export function chinaMonthOf(instant: string): string {
  return new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

export interface AnalyticsOffering {
  id: string;
  title: string;
  /** Listed in the catalog now: shown even in months with nothing in them. */
  published: boolean;
}

export interface MetricCount {
  offeringId: string;
  month: string;
  metric: AnalyticsMetric;
  count: number;
}

export interface AnalyticsRow extends MetricCounts {
  offeringId: string;
  title: string;
  month: string;
}

export const zeroCounts = (): MetricCounts => ({
  views: 0,
  requests: 0,
  quotes: 0,
  orders: 0,
  confirmations: 0,
});

/**
 * One row per offering and month of the window (zeros included, so a quiet month reads as such),
 * for the offerings that are published now or had anything in the window; offerings in the order
 * given, months oldest first. Counts outside the window or of other offerings are ignored.
 */
export function analyticsRows(
  offerings: readonly AnalyticsOffering[],
  counts: readonly MetricCount[],
  months: readonly string[],
): AnalyticsRow[] {
  const known = new Set(offerings.map((o) => o.id));
  const inWindow = new Set(months);
  const cells = new Map<string, MetricCounts>();
  const active = new Set<string>();
  for (const c of counts) {
    if (!known.has(c.offeringId) || !inWindow.has(c.month) || c.count === 0) continue;
    const key = `${c.offeringId} ${c.month}`;
    const cell = cells.get(key) ?? zeroCounts();
    cell[c.metric] += c.count;
    cells.set(key, cell);
    active.add(c.offeringId);
  }
  const rows: AnalyticsRow[] = [];
  for (const o of offerings) {
    if (!o.published && !active.has(o.id)) continue;
    for (const month of months) {
      rows.push({
        offeringId: o.id,
        title: o.title,
        month,
        ...(cells.get(`${o.id} ${month}`) ?? zeroCounts()),
      });
    }
  }
  return rows;
}

/** Totals per month over the given rows (what the chart draws), every month of the window. */
export function monthTotals(
  rows: readonly AnalyticsRow[],
  months: readonly string[],
): ({ month: string } & MetricCounts)[] {
  const totals = new Map(months.map((month) => [month, zeroCounts()]));
  for (const row of rows) {
    const total = totals.get(row.month);
    if (!total) continue;
    for (const metric of ANALYTICS_METRICS) total[metric] += row[metric];
  }
  return months.map((month) => ({ month, ...totals.get(month)! }));
}
