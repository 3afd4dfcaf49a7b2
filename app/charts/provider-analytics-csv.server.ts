import type { AnalyticsRow } from '~/domain/provider-analytics';
import type { Translate } from '~/i18n';
import type { CsvValue } from './csv.server';

// The CSV export of /provider/analytics: exactly the rows of the page's table (offering, month and
// the five counts), with headers in the reader's language and the offering id for spreadsheets.

export function analyticsCsvTable(
  rows: readonly AnalyticsRow[],
  t: Translate,
): { header: string[]; rows: CsvValue[][] } {
  return {
    header: [
      t('analytics.col.offeringId'),
      t('analytics.col.offering'),
      t('analytics.col.month'),
      t('analytics.col.views'),
      t('analytics.col.requests'),
      t('analytics.col.quotes'),
      t('analytics.col.orders'),
      t('analytics.col.confirmations'),
    ],
    rows: rows.map((r) => [
      r.offeringId,
      r.title,
      r.month,
      r.views,
      r.requests,
      r.quotes,
      r.orders,
      r.confirmations,
    ]),
  };
}
