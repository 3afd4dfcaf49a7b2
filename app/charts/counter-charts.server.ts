import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { cumulativeSeries, elapsedMonths, targetPath, type CampaignWindow } from '~/domain/campaign-pace';
import { renderChart } from './render.server';
import {
  CHART_WIDTH,
  MAP_HEIGHT,
  MONTH_CHART_HEIGHT,
  countsChartHeight,
  countsOption,
  monthOption,
  prefectureOption,
  type MonthRow,
  type NamedCount,
} from './counter-options';
import type { RenderedChart } from './chart-spec';
import { numberFormat } from './intl-format';

// Turns the counter's numbers into the four charts every counter page shows (officials'
// dashboard, monthly report, public progress page), each rendered to SVG with its text alternative.

export type { MonthRow, NamedCount } from './counter-options';

/** "A 12, B 8, C 3" for the largest few: the gist of a chart in words (the table has every number). */
function summary(items: readonly NamedCount[], locale: Locale, limit = 3): string {
  const fmt = numberFormat(locale);
  const top = [...items].sort((a, b) => b.count - a.count).slice(0, limit);
  return top.map((i) => `${i.label} ${fmt.format(i.count)}`).join(locale === 'en' ? ', ' : '，');
}

export function clusterChart(items: readonly NamedCount[], t: Translate, locale: Locale): RenderedChart {
  return renderChart(countsOption(items, t), {
    width: CHART_WIDTH,
    height: countsChartHeight(items),
    label: t('dashboard.chartAlt', { title: t('dashboard.byCluster'), summary: summary(items, locale) }),
  });
}

export function levelChart(items: readonly NamedCount[], t: Translate, locale: Locale): RenderedChart {
  return renderChart(countsOption(items, t), {
    width: CHART_WIDTH,
    height: countsChartHeight(items),
    label: t('dashboard.chartAlt', { title: t('dashboard.byLevel'), summary: summary(items, locale) }),
  });
}

/** `items` are prefectures keyed by code (id). */
export function prefectureChart(items: readonly NamedCount[], t: Translate, locale: Locale): RenderedChart {
  return renderChart(prefectureOption(items, t), {
    width: CHART_WIDTH,
    height: MAP_HEIGHT,
    label: t('dashboard.chartAlt', { title: t('dashboard.byPrefecture'), summary: summary(items, locale) }),
  });
}

/**
 * The month rows of a campaign up to `today` (all of them once it has ended), with the
 * straight-line target beside each.
 */
export function monthRows(
  campaign: CampaignWindow,
  byMonth: readonly { month: string; count: number }[],
  today: string,
): MonthRow[] {
  const targets = new Map(targetPath(campaign).map((p) => [p.month, p.target]));
  return cumulativeSeries(byMonth, elapsedMonths(campaign, today)).map((row) => ({
    ...row,
    target: targets.get(row.month) ?? 0,
  }));
}

export function monthChart(
  campaign: CampaignWindow,
  rows: readonly MonthRow[],
  t: Translate,
  locale: Locale,
): RenderedChart {
  const fmt = numberFormat(locale);
  const last = rows.at(-1);
  return renderChart(monthOption(campaign, rows, t), {
    width: CHART_WIDTH,
    height: MONTH_CHART_HEIGHT,
    label: t('dashboard.monthAlt', {
      month: last?.month ?? '—',
      cumulative: fmt.format(last?.cumulative ?? 0),
      target: fmt.format(last?.target ?? 0),
      end: fmt.format(campaign.target),
    }),
  });
}
