import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadSichuanMap } from '~/charts/sichuan-map.server';

// GET /charts/sichuan.json — the outline map the browser's interactive charts register, the same
// outlines the server draws (app/charts/data/sichuan.geo.json, built from echarts@4.9.0's
// map/json/province/sichuan.json, Apache-2.0). It changes only with a deployment: cache a day.
export async function loader({ request }: LoaderFunctionArgs) {
  const { text, etag } = loadSichuanMap();
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=86400', ETag: etag };
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers });
}
