import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { SICHUAN_MAP_NAME } from './sichuan-geo';
import { loadSichuanMap } from './sichuan-map.server';
import { usesSichuanMap } from './options';
import type { ChartSpec } from './chart-spec';

let mapRegistered = false;

function ensureSichuanMap() {
  if (mapRegistered) return;
  // ECharts' typings want its own GeoJSON type; ours is the same structure, decoded.
  echarts.registerMap(SICHUAN_MAP_NAME, loadSichuanMap().json as unknown as Parameters<typeof echarts.registerMap>[1]);
  mapRegistered = true;
}

/**
 * Renders an option to an SVG string with ECharts' server-side renderer, so the chart shows
 * without JavaScript and prints as vectors. `label` is the chart's text alternative.
 */
export function renderChart(option: EChartsOption, { width, height, label }: { width: number; height: number; label: string }): ChartSpec {
  const map = usesSichuanMap(option);
  if (map) ensureSichuanMap();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return { svg: chart.renderToSVGString(), option: option as ChartSpec['option'], width, height, map, label };
  } finally {
    chart.dispose();
  }
}
