import type { LoaderFunctionArgs } from '@remix-run/node';
import { chartImageResponse, ChartImageQuerySchema } from '~/charts/chart-image.server';
import { COUNTER_CHARTS } from '~/charts/counter-view.server';
import { publicChart } from '~/charts/public-progress.server';
import { notFound } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

// GET /charts/counter/:chart?campaign=&taxonomy=&lang=&v= — one chart of the public progress page
// (cluster, prefecture, level, month) as an SVG image: province-wide aggregates only, no cookie
// read, an ETag, drawn once per distinct set of numbers (app/charts/chart-cache.server.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = COUNTER_CHARTS.find((chart) => chart === params.chart);
  if (!name) notFound();
  const query = ChartImageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const chart = publicChart(
    getDb(),
    name,
    { campaign: query.campaign, taxonomy: query.taxonomy },
    query.lang,
  );
  if (!chart) notFound();
  return chartImageResponse(request.headers.get('If-None-Match'), chart, query.v);
}
