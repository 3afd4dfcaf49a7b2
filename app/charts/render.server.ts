import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { SICHUAN_MAP_NAME } from './sichuan-geo';
import { loadSichuanMap } from './sichuan-map.server';
import { usesSichuanMap } from './options';
import type { RenderedChart } from './chart-spec';
import { cachedChartSvg, chartKey } from './chart-cache.server';

let mapRegistered = false;

function ensureSichuanMap() {
  if (mapRegistered) return;
  // ECharts' typings want its own GeoJSON type; ours is the same structure, decoded.
  echarts.registerMap(
    SICHUAN_MAP_NAME,
    loadSichuanMap().json as unknown as Parameters<typeof echarts.registerMap>[1],
  );
  mapRegistered = true;
}

/**
 * Renders an option to an SVG string with ECharts' server-side renderer, so the chart shows
 * without JavaScript and prints as vectors. `label` is the chart's text alternative. A chart
 * already drawn with the same option and size comes from the cache (chart-cache.server.ts).
 */
export function renderChart(
  option: EChartsOption,
  { width, height, label }: { width: number; height: number; label: string },
): RenderedChart {
  const map = usesSichuanMap(option);
  const key = chartKey(option, width, height);
  const svg = cachedChartSvg(key, () => {
    if (map) ensureSichuanMap();
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      chart.setOption(option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  });
  return { svg, key, option: option as RenderedChart['option'], width, height, map, label };
}
