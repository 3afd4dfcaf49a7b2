import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { todayInChina } from '~/domain/adoption-dates';
import { campaignPace } from '~/domain/campaign-pace';
import type { CounterSnapshot } from '~/models/counter.server';
import { clusterChart, levelChart, monthChart, monthRows, prefectureChart, type NamedCount } from './counter-charts.server';

/**
 * Everything a counter page shows, from one snapshot: headline with pace, the four breakdowns
 * with names in the reader's language, the month rows against the target path, and the charts.
 * Plain data, ready for a loader to return.
 */
/**
 * The snapshot time in Sichuan's clock, formatted once on the server: browsers format dates
 * slightly differently, and a different string would break hydration.
 */
export function formatAsOf(iso: string, locale: Locale, dateStyle: 'medium' | 'long' = 'medium'): string {
  return new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', dateStyle, timeStyle: 'short' });
}

export function counterView(snapshot: CounterSnapshot, t: Translate, locale: Locale) {
  const en = locale === 'en';
  const window = { target: snapshot.campaign.target, start: snapshot.campaign.start, end: snapshot.campaign.end };
  // Campaign dates are calendar days in Sichuan.
  const today = todayInChina(new Date(snapshot.asOf));
  const clusters: NamedCount[] = snapshot.byCluster.map((c) => ({ id: c.id, label: en ? c.nameEn : c.name, count: c.count }));
  const prefectures: NamedCount[] = snapshot.byPrefecture.map((p) => ({ id: p.code, label: en ? p.nameEn : p.name, count: p.count }));
  const levels: NamedCount[] = snapshot.byLevel.map((l) => ({ id: l.level, label: en ? l.nameEn : l.name, count: l.count }));
  const months = monthRows(window, snapshot.byMonth, today);
  return {
    campaign: { ...snapshot.campaign, label: (en ? snapshot.campaign.nameEn : null) ?? snapshot.campaign.name },
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
      cluster: clusterChart(clusters, t, locale),
      prefecture: prefectureChart(prefectures, t, locale),
      level: levelChart(levels, t, locale),
      month: monthChart(window, months, t, locale),
    },
  };
}

export type CounterView = ReturnType<typeof counterView>;
