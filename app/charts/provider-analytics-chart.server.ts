import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import type { MetricCounts } from '~/domain/provider-analytics';
import { analyticsOption } from './provider-analytics-options';
import { renderChart } from './render.server';
import type { ChartSpec } from './chart-spec';

// The provider analytics chart, rendered to SVG the way the officials' dashboard renders its own
// (counter-charts.server.ts): it shows without JavaScript and its text alternative gives the gist;
// the table beside it has every number.

export function analyticsChart(
  totals: readonly ({ month: string } & MetricCounts)[],
  t: Translate,
  locale: Locale,
): ChartSpec {
  const fmt = new Intl.NumberFormat(locale).format;
  const months = totals.map((m) => m.month);
  const series = (metric: keyof MetricCounts) => totals.map((m) => m[metric]);
  const sum = (metric: keyof MetricCounts) => fmt(series(metric).reduce((a, b) => a + b, 0));
  const option = analyticsOption({
    months,
    funnel: [
      { name: t('analytics.col.requests'), values: series('requests') },
      { name: t('analytics.col.quotes'), values: series('quotes') },
      { name: t('analytics.col.orders'), values: series('orders') },
      { name: t('analytics.col.confirmations'), values: series('confirmations') },
    ],
    views: { name: t('analytics.col.views'), values: series('views') },
  });
  return renderChart(option, {
    width: 720,
    height: 360,
    label: t('analytics.chartAlt', {
      from: months[0] ?? '—',
      to: months.at(-1) ?? '—',
      views: sum('views'),
      requests: sum('requests'),
      quotes: sum('quotes'),
      orders: sum('orders'),
      confirmations: sum('confirmations'),
    }),
  });
}
