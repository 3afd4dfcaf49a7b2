/**
 * What a loader hands to <Chart>: the server-rendered SVG, the option it was drawn from
 * (plain JSON, re-used in the browser for the interactive chart), its size and its text
 * alternative. The option is typed loosely here so that loader data stays plain JSON.
 */
export interface ChartSpec {
  svg: string;
  option: Record<string, unknown>;
  width: number;
  height: number;
  /** The option draws the Sichuan map, which the browser fetches from /charts/sichuan.json. */
  map: boolean;
  label: string;
}

export const SICHUAN_MAP_URL = '/charts/sichuan.json';
