/**
 * `npm run geo:sichuan`: builds app/charts/data/sichuan.geo.json, the outline map of Sichuan's 21
 * 市州, from scripts/geo/source/sichuan.json (echarts 4.9.0's map/json/province/sichuan.json,
 * Apache-2.0; see scripts/geo/source/NOTICE). Run once when the source or the settings change;
 * the output is committed, so neither the app nor its install needs the 44 MB echarts 4 package.
 *
 * The borders are thinned as a topology (topojson-server): a border two 市州 share is one arc,
 * simplified once (Visvalingam, topojson-simplify), so both sides keep exactly the same points and
 * no gap or overlap opens between neighbours — which thinning each polygon on its own would cause.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { decodeEChartsGeoJSON, type EncodedGeoJSON, type RegionProperties } from './echarts-encoding';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_FILE = path.join(here, 'source/sichuan.json');
export const OUTPUT_FILE = path.resolve(here, '../../app/charts/data/sichuan.geo.json');

/**
 * Smallest triangle (square degrees) a point must span to stay (Visvalingam's effective area).
 * 5e-4 ≈ a triangle 0.03° wide and high: at dashboard size (640 px for ~13° of longitude) a pixel
 * is about 0.02°, so little that is dropped can be seen, and the map keeps about as many points
 * (≈ 4,700) and bytes as the per-polygon Douglas–Peucker thinning at 0.01° it replaces.
 */
export const MIN_WEIGHT = 5e-4;
/** 4 decimals ≈ 10 m; the source grid is 1/1024° (≈ 100 m), so rounding loses nothing visible. */
const DECIMALS = 4;

type SichuanMap = FeatureCollection<Polygon | MultiPolygon, RegionProperties>;

/** Keeps closed single-arc rings (islands, enclaves) from collapsing below a triangle. */
function keepClosedArcs(presimplified: { arcs: unknown }): void {
  for (const arc of presimplified.arcs as unknown as number[][][]) {
    const first = arc[0]!;
    const last = arc[arc.length - 1]!;
    if (arc.length < 4 || first[0] !== last[0] || first[1] !== last[1]) continue;
    const interior = arc.slice(1, -1).sort((a, b) => b[2]! - a[2]!);
    for (const point of interior.slice(0, 2)) point[2] = Infinity;
  }
}

function round(position: Position): Position {
  const factor = 10 ** DECIMALS;
  return [Math.round(position[0]! * factor) / factor, Math.round(position[1]! * factor) / factor];
}

/** The committed map, built from the ECharts source file's contents. */
export function buildSichuanMap(raw: EncodedGeoJSON, minWeight = MIN_WEIGHT): SichuanMap {
  const decoded = decodeEChartsGeoJSON(raw);
  // No quantisation: the source's 1/1024° grid already makes shared borders exactly equal points.
  type Regions = Topology<{ regions: GeometryCollection<RegionProperties> }>;
  const topo = presimplify(topology({ regions: decoded }) as unknown as Regions);
  keepClosedArcs(topo);
  const simplified = simplify(topo, minWeight);
  const regions = feature(simplified, simplified.objects.regions) as SichuanMap;
  return {
    type: 'FeatureCollection',
    features: regions.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      properties: f.properties,
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map((r) => r.map(round)) }
          : {
              type: 'MultiPolygon',
              coordinates: f.geometry.coordinates.map((p) => p.map((r) => r.map(round))),
            },
    })),
  };
}

export function readSource(): EncodedGeoJSON {
  return JSON.parse(fs.readFileSync(SOURCE_FILE, 'utf8')) as EncodedGeoJSON;
}

/** The file as written: one line, so the committed bytes are exactly what /charts/sichuan.json serves. */
export function serialise(map: SichuanMap): string {
  return `${JSON.stringify(map)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const minWeight = process.argv[2] ? Number(process.argv[2]) : MIN_WEIGHT;
  const map = buildSichuanMap(readSource(), minWeight);
  const text = serialise(map);
  const points = map.features
    .flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates))
    .flat()
    .reduce((n, ring) => n + ring.length, 0);
  if (process.argv.includes('--dry-run')) {
    console.log(`would write ${Buffer.byteLength(text)} bytes, ${points} points (min weight ${minWeight})`);
  } else {
    fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
    fs.writeFileSync(OUTPUT_FILE, text);
    console.log(
      `${path.relative(process.cwd(), OUTPUT_FILE)}: ${Buffer.byteLength(text)} bytes, ${map.features.length} regions, ${points} points`,
    );
  }
}
