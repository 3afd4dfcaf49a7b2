// The provider analytics chart: per month, requests, quotes, orders and confirmations as grouped
// bars (left axis) and views as a line (right axis — views run tens of times higher than the
// funnel counts, and one axis would flatten the bars). Pure JSON, like app/charts/options.ts: the
// same option is rendered to SVG on the server and made interactive in the browser, whose ECharts
// build (echarts-client.ts) has the bar and line charts, grid, legend and tooltip it needs.
import type { EChartsOption } from 'echarts';
import { CHART_FONT } from './options';

const TEXT = '#334155';
const AXIS = '#64748b';
const GRID_LINE = '#e2e8f0';
// Brand blues from dark to light for the funnel (each ≥ 3:1 against white), amber for views.
const FUNNEL_COLOURS = ['#1e3a8a', '#1d4ed8', '#3b82f6', '#0f766e'];
const VIEWS_COLOUR = '#b45309';

export interface AnalyticsSeries {
  name: string;
  values: readonly number[];
}

export function analyticsOption({
  months,
  funnel,
  views,
}: {
  months: readonly string[];
  /** requests, quotes, orders, confirmations — in that order, each one value per month. */
  funnel: readonly AnalyticsSeries[];
  views: AnalyticsSeries;
}): EChartsOption {
  return {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: CHART_FONT, color: TEXT },
    grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
    legend: { top: 4, textStyle: { color: TEXT, fontFamily: CHART_FONT } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [...months], axisLabel: { color: AXIS } },
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: AXIS },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      { type: 'value', minInterval: 1, axisLabel: { color: VIEWS_COLOUR }, splitLine: { show: false } },
    ],
    series: [
      ...funnel.map((s, i) => ({
        type: 'bar' as const,
        name: s.name,
        data: [...s.values],
        yAxisIndex: 0,
        barMaxWidth: 14,
        itemStyle: { color: FUNNEL_COLOURS[i % FUNNEL_COLOURS.length] },
      })),
      {
        type: 'line' as const,
        name: views.name,
        data: [...views.values],
        yAxisIndex: 1,
        symbolSize: 6,
        lineStyle: { color: VIEWS_COLOUR, width: 2 },
        itemStyle: { color: VIEWS_COLOUR },
      },
    ],
  };
}
