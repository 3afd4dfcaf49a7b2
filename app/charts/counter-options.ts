import type { EChartsOption } from 'echarts';
import type { Translate } from '~/i18n';
import { targetPath, type CampaignWindow } from '~/domain/campaign-pace';
import { barChartHeight, barOption, monthlyLineOption, prefectureMapOption } from './options';
import { mapNameOfPrefecture } from './sichuan-geo';

// The options of the counter's four charts, from the rows its tables show. Pure, so the server
// draws the SVG from them (counter-charts.server.ts) and the public page's browser builds the
// very same option for the interactive chart from the rows it already has, instead of receiving
// every number a second time in the loader data.

export const CHART_WIDTH = 640;
export const MAP_HEIGHT = 520;
export const MONTH_CHART_HEIGHT = 340;

export interface NamedCount {
  id: string;
  label: string;
  count: number;
}

export interface MonthRow {
  month: string;
  count: number;
  cumulative: number;
  /** The straight-line target path at the end of the month. */
  target: number;
}

/** Bars by cluster or by level, in the rows' order. */
export function countsOption(items: readonly NamedCount[], t: Translate): EChartsOption {
  return barOption({
    items: items.map((i) => ({ label: i.label, value: i.count })),
    seriesName: t('dashboard.counted'),
  });
}

export function countsChartHeight(items: readonly NamedCount[]): number {
  return barChartHeight(items.length);
}

/** The choropleth; `items` are prefectures keyed by code (id), in any order (a table may sort them). */
export function prefectureOption(items: readonly NamedCount[], t: Translate): EChartsOption {
  const byCode = [...items].sort((a, b) => a.id.localeCompare(b.id));
  return prefectureMapOption({
    items: byCode.map((i) => ({
      mapName: mapNameOfPrefecture(i.id) ?? i.label,
      label: i.label,
      value: i.count,
    })),
    seriesName: t('dashboard.counted'),
    highLabel: t('dashboard.mapHigh'),
    lowLabel: t('dashboard.mapLow'),
  });
}

/** Cumulative count against the straight-line target, over the whole campaign. */
export function monthOption(
  campaign: CampaignWindow,
  rows: readonly MonthRow[],
  t: Translate,
): EChartsOption {
  const path = targetPath(campaign);
  const byMonth = new Map(rows.map((r) => [r.month, r.cumulative]));
  return monthlyLineOption({
    months: path.map((p) => p.month),
    cumulative: path.map((p) => byMonth.get(p.month) ?? null),
    target: path.map((p) => p.target),
    countedName: t('dashboard.cumulative'),
    targetName: t('dashboard.targetPath'),
  });
}
