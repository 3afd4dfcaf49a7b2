import crypto from 'node:crypto';
import type { SichuanGeoJSON } from './sichuan-geo';
// Built once by scripts/geo/build-sichuan.ts from echarts@4.9.0's sichuan.json (Apache-2.0; see
// app/charts/data/NOTICE). Imported, so the compiler bundles it into the server build.
import sichuanMap from './data/sichuan.geo.json';

let cached: { json: SichuanGeoJSON; text: string; etag: string } | null = null;

/**
 * The thinned outline map: registered for server rendering and served to the browser as
 * /charts/sichuan.json, so both draw exactly the same outlines.
 */
export function loadSichuanMap(): { json: SichuanGeoJSON; text: string; etag: string } {
  if (!cached) {
    const json = sichuanMap as unknown as SichuanGeoJSON;
    const text = JSON.stringify(json);
    cached = {
      json,
      text,
      etag: `"${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 16)}"`,
    };
  }
  return cached;
}
