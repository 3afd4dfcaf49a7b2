import fs from 'node:fs';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildSichuanMap, OUTPUT_FILE, readSource, serialise } from './build-sichuan';
import { decodeEChartsGeoJSON } from './echarts-encoding';

type SichuanMap = ReturnType<typeof buildSichuanMap>;

/** Undirected edges of every region: "x,y|x,y" → the names of the regions that have that edge. */
function edgesByRegion(map: SichuanMap): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of map.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = `${ring[i]![0]},${ring[i]![1]}`;
        const b = `${ring[i + 1]![0]},${ring[i + 1]![1]}`;
        if (a === b) continue;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        const regions = edges.get(key) ?? new Set<string>();
        regions.add(f.properties.name);
        edges.set(key, regions);
      }
    }
  }
  return edges;
}

function length(key: string): number {
  const [a, b] = key.split('|').map((p) => p.split(',').map(Number) as Position);
  return Math.hypot(a![0]! - b![0]!, a![1]! - b![1]!);
}

/** Length (degrees) of the border each pair of regions shares, keyed "A|B". */
function sharedBorders(map: SichuanMap): Map<string, number> {
  const shared = new Map<string, number>();
  for (const [key, regions] of edgesByRegion(map)) {
    if (regions.size !== 2) continue;
    const pair = [...regions].sort().join('|');
    shared.set(pair, (shared.get(pair) ?? 0) + length(key));
  }
  return shared;
}

/** Length (degrees) of the edges only one region has: the province's outline, plus any gap. */
function unsharedLength(map: SichuanMap): number {
  let total = 0;
  for (const [key, regions] of edgesByRegion(map)) if (regions.size === 1) total += length(key);
  return total;
}

describe('scripts/geo/build-sichuan', () => {
  const raw = readSource();

  it('decodes the ECharts encoding to longitudes and latitudes inside Sichuan', () => {
    const chengdu = decodeEChartsGeoJSON(raw).features.find((f) => f.properties.name === '成都市')!;
    const rings =
      chengdu.geometry.type === 'Polygon'
        ? chengdu.geometry.coordinates
        : chengdu.geometry.coordinates.flat();
    expect(rings.flat().length).toBeGreaterThan(1000);
    for (const [lng, lat] of rings.flat()) {
      expect(lng).toBeGreaterThan(102.9);
      expect(lng).toBeLessThan(105.0);
      expect(lat).toBeGreaterThan(30.0);
      expect(lat).toBeLessThan(31.5);
    }
  });

  it('wrote the committed map from the committed source (run npm run geo:sichuan after changing either)', () => {
    expect(fs.readFileSync(OUTPUT_FILE, 'utf8')).toBe(serialise(buildSichuanMap(raw)));
  });

  it('keeps every border two 市州 share in the source shared point for point, so no gap opens', () => {
    const source = decodeEChartsGeoJSON(raw);
    const map = buildSichuanMap(raw);
    const before = sharedBorders(source);
    const after = sharedBorders(map);
    // 成都 alone borders 德阳, 阿坝, 雅安, 眉山, 资阳: a realistic number of neighbour pairs.
    expect(before.size).toBeGreaterThan(40);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // Thinning shortens a wiggly border, but a shared one stays most of its length ...
    for (const [pair, length] of before) expect(after.get(pair)!, pair).toBeGreaterThan(length * 0.6);
    // ... and no border turns into two separate edges: what only one region has is the outline,
    // no longer than before (thinning each polygon on its own would add every inner border twice).
    expect(unsharedLength(map)).toBeLessThanOrEqual(unsharedLength(source));
  });

  it('thins the borders: no edge belongs to more than two regions, and the map is far smaller', () => {
    const map = buildSichuanMap(raw);
    for (const regions of edgesByRegion(map).values()) expect(regions.size).toBeLessThanOrEqual(2);
    expect(serialise(map).length).toBeLessThan(JSON.stringify(decodeEChartsGeoJSON(raw)).length / 5);
  });
});
