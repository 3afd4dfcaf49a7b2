import { z } from '~/i18n/zod';
import { DEFAULT_TAXONOMY, TAXONOMY_VERSIONS } from '~/domain/clusters';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '~/i18n/locale';
import type { ChartSpec, RenderedChart } from './chart-spec';
import { etagMatches } from './http-cache.server';
import type { CounterChartName } from './counter-view.server';

// The public counter's charts as images (GET /charts/counter/:chart): the progress page links
// each SVG instead of carrying it twice (in its HTML and again in its loader data), and browsers
// and proxies keep it. An image depends only on its URL — campaign, taxonomy and language are in
// the query, never in a cookie — so it may be cached publicly; v= is the chart's digest
// (chart-cache.server.ts), so a URL whose v= is current names that drawing for ever.

const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Hand-edited or stale queries fall back to the defaults, as the counter pages' do. */
export const ChartImageQuerySchema = z.object({
  campaign: z.string().regex(CAMPAIGN_ID).optional().catch(undefined),
  taxonomy: z.enum(TAXONOMY_VERSIONS).catch(DEFAULT_TAXONOMY),
  lang: z.enum(LOCALES).catch(DEFAULT_LOCALE),
  v: z
    .string()
    .regex(/^[\w-]{1,40}$/)
    .optional()
    .catch(undefined),
});

export function chartImageUrl(
  name: CounterChartName,
  filters: { campaign: string; taxonomy: string },
  locale: Locale,
  key: string,
): string {
  const params = new URLSearchParams({
    campaign: filters.campaign,
    taxonomy: filters.taxonomy,
    lang: locale,
    v: key,
  });
  return `/charts/counter/${name}?${params}`;
}

/**
 * The page's charts with their SVG left out and its image URL in its place, and without their
 * option: the page builds it from its rows (counter-options.ts), which the tables need anyway.
 */
export function linkCharts(
  charts: Record<CounterChartName, RenderedChart>,
  filters: { campaign: string; taxonomy: string },
  locale: Locale,
): Record<CounterChartName, ChartSpec> {
  const link = (name: CounterChartName): ChartSpec => {
    const { svg: _svg, option: _option, key, ...chart } = charts[name];
    return { ...chart, svg: null, option: null, src: chartImageUrl(name, filters, locale, key) };
  };
  return {
    cluster: link('cluster'),
    prefecture: link('prefecture'),
    level: link('level'),
    month: link('month'),
  };
}

/**
 * The SVG with its validator: 304 when the browser already has this drawing. A request whose v=
 * is the current digest may be kept for a year (that URL will never show anything else); any
 * other is revalidated on every use, so a stale link still ends up on the current numbers.
 */
export function chartImageResponse(
  ifNoneMatch: string | null,
  chart: RenderedChart,
  version: string | undefined,
): Response {
  const etag = `"${chart.key}"`;
  const headers = {
    'Content-Type': 'image/svg+xml; charset=utf-8',
    ETag: etag,
    'Cache-Control': version === chart.key ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  };
  if (etagMatches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(chart.svg, { status: 200, headers });
}
