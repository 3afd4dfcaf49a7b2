// Pure ECharts option builders. The same option is rendered to SVG on the server
// (render.server.ts) and handed to the browser to make the chart interactive, so an option
// holds only JSON (no formatter functions) and every label is already in the reader's language.
import type { EChartsOption } from 'echarts';
import { SICHUAN_MAP_NAME } from './sichuan-geo';

// Single quotes: ECharts' SVG renderer writes the family into a double-quoted style attribute
// without escaping it, and a double quote there ends the attribute (the font is lost inline, and
// the SVG is not well-formed XML, so it would not load as an image).
export const CHART_FONT =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif";

// Tailwind's brand and slate shades, so charts match the page (text ≥ 4.5:1 on white).
const BRAND = '#1e40af';
const TEXT = '#334155';
const AXIS = '#64748b';
const GRID_LINE = '#e2e8f0';
const TARGET = '#b45309';
const MAP_LOW = '#eff6ff';
const MAP_HIGH = '#1e3a8a';

const base = {
  animation: false,
  // Our own caption, aria-label and data table describe each chart; ECharts' generated
  // description would repeat them in English-only wording.
  aria: { enabled: false },
  textStyle: { fontFamily: CHART_FONT, color: TEXT },
} satisfies EChartsOption;

export interface BarItem {
  label: string;
  value: number;
}

/** Horizontal bars, first item on top, each bar labelled with its value (readable in print). */
export function barOption({
  items,
  seriesName,
}: {
  items: readonly BarItem[];
  seriesName: string;
}): EChartsOption {
  return {
    ...base,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: AXIS },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.label),
      axisLabel: { color: TEXT, fontSize: 12 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: items.map((i) => i.value),
        itemStyle: { color: BRAND, borderRadius: [0, 3, 3, 0] },
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: TEXT, fontSize: 12 },
      },
    ],
  };
}

/** Height in px that gives each bar a readable row. */
export function barChartHeight(count: number): number {
  return Math.max(160, 28 + count * 34);
}

export interface MapItem {
  /** The region's name in the map file (full Chinese name, e.g. 阿坝藏族羌族自治州). */
  mapName: string;
  /** The name shown on the map and in tooltips, in the reader's language. */
  label: string;
  value: number;
}

/** A shorter label for crowded regions: 成都市 → 成都, 阿坝藏族羌族自治州 → 阿坝州. English names pass through. */
export function shortPrefectureLabel(name: string): string {
  if (name.endsWith('自治州')) return `${name.slice(0, 2)}州`;
  if (name.endsWith('市') && name.length > 2) return name.slice(0, -1);
  return name;
}

/** Choropleth of the 21 市州: colour from pale (0) to brand blue (the largest count). */
export function prefectureMapOption({
  items,
  seriesName,
  highLabel,
  lowLabel,
}: {
  items: readonly MapItem[];
  seriesName: string;
  highLabel: string;
  lowLabel: string;
}): EChartsOption {
  const max = Math.max(1, ...items.map((i) => i.value));
  const nameMap: Record<string, string> = {};
  for (const item of items) nameMap[item.mapName] = item.label;
  return {
    ...base,
    tooltip: { trigger: 'item' },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      left: 8,
      bottom: 8,
      itemHeight: 120,
      text: [`${highLabel} ${max}`, `${lowLabel} 0`],
      textStyle: { color: TEXT, fontFamily: CHART_FONT },
      inRange: { color: [MAP_LOW, MAP_HIGH] },
      calculable: false,
    },
    series: [
      {
        type: 'map',
        name: seriesName,
        map: SICHUAN_MAP_NAME,
        nameMap,
        roam: false,
        layoutCenter: ['55%', '50%'],
        layoutSize: '95%',
        itemStyle: { borderColor: '#94a3b8', borderWidth: 0.6 },
        emphasis: { itemStyle: { areaColor: '#fbbf24' }, label: { color: '#0f172a' } },
        select: { disabled: true },
        data: items.map((item) => ({
          name: item.label,
          value: item.value,
          // Dark fills get white labels so the names stay legible.
          label: {
            show: true,
            fontSize: 10,
            formatter: shortPrefectureLabel(item.label),
            color: item.value / max > 0.55 ? '#ffffff' : '#0f172a',
          },
        })),
      },
    ],
  };
}

/** Cumulative counted enterprises per month against the straight-line target path. */
export function monthlyLineOption({
  months,
  cumulative,
  target,
  countedName,
  targetName,
}: {
  months: readonly string[];
  /** One value per month; null after the last elapsed month (the line stops there). */
  cumulative: readonly (number | null)[];
  target: readonly number[];
  countedName: string;
  targetName: string;
}): EChartsOption {
  return {
    ...base,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 4, textStyle: { color: TEXT, fontFamily: CHART_FONT } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: [...months], axisLabel: { color: AXIS } },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: AXIS },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'line',
        name: countedName,
        data: [...cumulative],
        showSymbol: false,
        lineStyle: { color: BRAND, width: 3 },
        itemStyle: { color: BRAND },
        areaStyle: { color: 'rgba(30, 64, 175, 0.08)' },
      },
      {
        type: 'line',
        name: targetName,
        data: [...target],
        showSymbol: false,
        lineStyle: { color: TARGET, width: 2, type: 'dashed' },
        itemStyle: { color: TARGET },
      },
    ],
  };
}

/** Whether an option draws the Sichuan map (the browser must load it before drawing). */
export function usesSichuanMap(option: EChartsOption): boolean {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return series.some((s) => s && s.type === 'map');
}
