// ECharts 4 ships its maps as "compressed GeoJSON" ("UTF8Encoding": each ring a string of
// zigzag/delta-encoded character pairs, scale 1024 per degree). Only the map build script reads
// that format (scripts/geo/build-sichuan.ts); the app reads the committed plain GeoJSON.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export interface RegionProperties {
  name: string;
  cp?: [number, number];
  childNum?: number;
}

interface EncodedFeature {
  type: 'Feature';
  id?: string;
  properties: RegionProperties;
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
}

export interface EncodedGeoJSON {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EncodedFeature[];
}

export type RegionFeature = Feature<Polygon | MultiPolygon, RegionProperties>;

function decodeRing(encoded: string, offsets: readonly number[], scale: number): Position[] {
  const ring: Position[] = [];
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
export function decodeEChartsGeoJSON(
  json: EncodedGeoJSON,
): FeatureCollection<Polygon | MultiPolygon, RegionProperties> {
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((feature): RegionFeature => {
    const { geometry } = feature;
    const base = { type: 'Feature' as const, id: feature.id, properties: feature.properties };
    if (!json.UTF8Encoding) return { ...base, geometry: geometry as Polygon | MultiPolygon };
    if (geometry.type === 'Polygon') {
      const rings = geometry.coordinates as string[];
      const offsets = geometry.encodeOffsets as number[][];
      return {
        ...base,
        geometry: {
          type: 'Polygon',
          coordinates: rings.map((r, i) => decodeRing(r, offsets[i] ?? [], scale)),
        },
      };
    }
    if (geometry.type === 'MultiPolygon') {
      const polygons = geometry.coordinates as string[][];
      const offsets = geometry.encodeOffsets as number[][][];
      return {
        ...base,
        geometry: {
          type: 'MultiPolygon',
          coordinates: polygons.map((rings, p) =>
            rings.map((r, i) => decodeRing(r, offsets[p]?.[i] ?? [], scale)),
          ),
        },
      };
    }
    throw new Error(`Unexpected geometry ${geometry.type} in an ECharts map`);
  });
  return { type: 'FeatureCollection', features };
}
