/**
 * What a loader hands to <Chart>: the server-rendered SVG — inline, or as the address of an image
 * that serves it — the option it was drawn from (plain JSON, re-used in the browser for the
 * interactive chart, unless the page builds it there from its own rows), its size and its text
 * alternative. The option is typed loosely here so that loader data stays plain JSON.
 */
export interface ChartSpec {
  /** The SVG itself, put in the page; null when the page links it as an image instead (`src`). */
  svg: string | null;
  /** A cacheable URL serving the same SVG (public pages: the SVG then travels once, not in both
   * the HTML and the loader data). */
  src?: string;
  /** null when the page builds the same option in the browser (<Chart buildOption>). */
  option: Record<string, unknown> | null;
  width: number;
  height: number;
  /** The option draws the Sichuan map, which the browser fetches from /charts/sichuan.json. */
  map: boolean;
  label: string;
}

/** A chart as the server drew it: always with its SVG, and the digest of what it draws. */
export interface RenderedChart extends ChartSpec {
  svg: string;
  option: Record<string, unknown>;
  /** Changes exactly when the drawing does (app/charts/chart-cache.server.ts). */
  key: string;
}

export const SICHUAN_MAP_URL = '/charts/sichuan.json';
