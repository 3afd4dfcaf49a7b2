// The browser's ECharts: only the pieces our charts use, so the lazily loaded chunk stays small.
// Imported with import() from <Chart> after hydration, never during server rendering.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { SICHUAN_MAP_NAME } from './sichuan-geo';
import { SICHUAN_MAP_URL } from './chart-spec';

echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

let mapLoading: Promise<void> | null = null;

export function ensureSichuanMap(): Promise<void> {
  if (echarts.getMap(SICHUAN_MAP_NAME)) return Promise.resolve();
  mapLoading ??= fetch(SICHUAN_MAP_URL, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`map ${response.status}`);
      return response.json();
    })
    .then((json) => {
      echarts.registerMap(SICHUAN_MAP_NAME, json);
    })
    .catch((error: unknown) => {
      mapLoading = null;
      throw error;
    });
  return mapLoading;
}

export { echarts };
