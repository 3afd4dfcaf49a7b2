import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { todayInChina } from '~/domain/adoption-dates';
import { campaignPace } from '~/domain/campaign-pace';
import type { CounterSnapshot } from '~/models/counter.server';
import {
  clusterChart,
  levelChart,
  monthChart,
  monthRows,
  prefectureChart,
  type NamedCount,
} from './counter-charts.server';
import type { RenderedChart } from './chart-spec';
import { dateTimeFormat } from './intl-format';

/**
 * The snapshot time in Sichuan's clock, formatted once on the server: browsers format dates
 * slightly differently, and a different string would break hydration.
 */
export function formatAsOf(iso: string, locale: Locale, dateStyle: 'medium' | 'long' = 'medium'): string {
  return dateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle, timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The four charts every counter page shows, by the name their images are served under. */
export const COUNTER_CHARTS = ['cluster', 'prefecture', 'level', 'month'] as const;
export type CounterChartName = (typeof COUNTER_CHARTS)[number];

/** The rows a counter page shows, in the reader's language, and the day they run up to. */
function counterRows(snapshot: CounterSnapshot, locale: Locale) {
  const en = locale === 'en';
  const window = {
    target: snapshot.campaign.target,
    start: snapshot.campaign.start,
    end: snapshot.campaign.end,
  };
  // Campaign dates are calendar days in Sichuan.
  const today = todayInChina(new Date(snapshot.asOf));
  const clusters: NamedCount[] = snapshot.byCluster.map((c) => ({
    id: c.id,
    label: en ? c.nameEn : c.name,
    count: c.count,
  }));
  const prefectures: NamedCount[] = snapshot.byPrefecture.map((p) => ({
    id: p.code,
    label: en ? p.nameEn : p.name,
    count: p.count,
  }));
  const levels: NamedCount[] = snapshot.byLevel.map((l) => ({
    id: l.level,
    label: en ? l.nameEn : l.name,
    count: l.count,
  }));
  const months = monthRows(window, snapshot.byMonth, today);
  return { window, today, clusters, prefectures, levels, months };
}

type CounterRows = ReturnType<typeof counterRows>;

function drawChart(name: CounterChartName, rows: CounterRows, t: Translate, locale: Locale): RenderedChart {
  switch (name) {
    case 'cluster':
      return clusterChart(rows.clusters, t, locale);
    case 'prefecture':
      return prefectureChart(rows.prefectures, t, locale);
    case 'level':
      return levelChart(rows.levels, t, locale);
    case 'month':
      return monthChart(rows.window, rows.months, t, locale);
  }
}

/**
 * Everything a counter page shows, from one snapshot: headline with pace, the four breakdowns
 * with names in the reader's language, the month rows against the target path, and the charts.
 * Plain data, ready for a loader to return.
 */
export function counterView(snapshot: CounterSnapshot, t: Translate, locale: Locale) {
  const en = locale === 'en';
  const rows = counterRows(snapshot, locale);
  const { window, today, clusters, prefectures, levels, months } = rows;
  return {
    campaign: {
      ...snapshot.campaign,
      label: (en ? snapshot.campaign.nameEn : null) ?? snapshot.campaign.name,
    },
    taxonomy: snapshot.taxonomy,
    prefecture: snapshot.prefecture,
    total: snapshot.total,
    deepening: snapshot.deepening,
    asOf: snapshot.asOf,
    asOfText: formatAsOf(snapshot.asOf, locale),
    today,
    pace: campaignPace(window, snapshot.total, today),
    clusters,
    prefectures,
    levels,
    months,
    charts: {
      cluster: drawChart('cluster', rows, t, locale),
      prefecture: drawChart('prefecture', rows, t, locale),
      level: drawChart('level', rows, t, locale),
      month: drawChart('month', rows, t, locale),
    },
  };
}

export type CounterView = ReturnType<typeof counterView>;
