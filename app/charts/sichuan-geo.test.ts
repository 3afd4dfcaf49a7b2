import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '~/domain/prefectures';
import { decodeEChartsGeoJSON, mapNameOfPrefecture, prefectureCodeOfMapName, simplifyRing } from './sichuan-geo';
import { loadSichuanMap, readRawSichuanMap } from './sichuan-map.server';

describe('the Sichuan map of echarts@4.9.0', () => {
  const raw = readRawSichuanMap();
  const names = raw.features.map((f) => f.properties.name);

  it('has one region for each of the 21 prefectures, named exactly as the project names them', () => {
    expect(names).toHaveLength(21);
    expect(new Set(names).size).toBe(21);
    expect([...names].sort()).toEqual(PREFECTURES.map((p) => p.nameZh).sort());
    for (const name of names) expect(prefectureCodeOfMapName(name)).not.toBeNull();
  });

  it('uses the full names of the autonomous prefectures', () => {
    expect(names).toContain('阿坝藏族羌族自治州');
    expect(names).toContain('甘孜藏族自治州');
    expect(names).toContain('凉山彝族自治州');
  });

  it('agrees with the GB/T 2260 codes of the prefecture list (feature id 510100 ↔ 5101)', () => {
    for (const feature of raw.features) {
      expect(`${feature.id}`.slice(0, 4)).toBe(prefectureCodeOfMapName(feature.properties.name));
    }
    for (const p of PREFECTURES) expect(mapNameOfPrefecture(p.code)).toBe(p.nameZh);
  });

  it('decodes to longitudes and latitudes inside Sichuan', () => {
    const decoded = decodeEChartsGeoJSON(raw);
    const chengdu = decoded.features.find((f) => f.properties.name === '成都市')!;
    const ring = chengdu.geometry.type === 'Polygon' ? chengdu.geometry.coordinates[0]! : chengdu.geometry.coordinates[0]![0]!;
    for (const [lng, lat] of ring) {
      expect(lng).toBeGreaterThan(102.9);
      expect(lng).toBeLessThan(105.0);
      expect(lat).toBeGreaterThan(30.0);
      expect(lat).toBeLessThan(31.5);
    }
  });

  it('is served thinned but with every region and without the compressed encoding', () => {
    const { json, text } = loadSichuanMap();
    expect(json.features).toHaveLength(21);
    expect(text).not.toContain('UTF8Encoding');
    expect(text.length).toBeLessThan(150_000);
  });
});

describe('simplifyRing', () => {
  it('drops points that lie on a straight edge and keeps the corners', () => {
    const square: [number, number][] = [
      [0, 0],
      [0.5, 0],
      [1, 0],
      [1, 0.5],
      [1, 1],
      [0.5, 1],
      [0, 1],
      [0, 0.5],
      [0, 0],
    ];
    const out = simplifyRing(square, 0.01);
    expect(out).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('keeps a tiny ring rather than collapse it', () => {
    const tiny: [number, number][] = [
      [0, 0],
      [0.001, 0],
      [0.001, 0.001],
      [0, 0.001],
      [0, 0],
    ];
    expect(simplifyRing(tiny, 0.01)).toEqual(tiny);
  });
});
