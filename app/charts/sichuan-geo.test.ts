import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '~/domain/prefectures';
import { mapNameOfPrefecture, prefectureCodeOfMapName } from './sichuan-geo';
import { loadSichuanMap } from './sichuan-map.server';

describe('the committed Sichuan map (app/charts/data/sichuan.geo.json)', () => {
  const { json, text } = loadSichuanMap();
  const names = json.features.map((f) => f.properties.name);

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
    // The 21 codes of GB/T 2260 for Sichuan's 市州, written out rather than read from the list under test.
    const codes = ['5101', '5103', '5104', '5105', '5106', '5107', '5108', '5109', '5110', '5111', '5113'];
    codes.push('5114', '5115', '5116', '5117', '5118', '5119', '5120', '5132', '5133', '5134');
    expect(json.features.map((f) => `${f.id}`.slice(0, 4)).sort()).toEqual(codes);
    for (const feature of json.features) {
      expect(`${feature.id}`.slice(0, 4)).toBe(prefectureCodeOfMapName(feature.properties.name));
    }
    for (const p of PREFECTURES) expect(mapNameOfPrefecture(p.code)).toBe(p.nameZh);
  });

  it('has plain longitudes and latitudes inside Sichuan', () => {
    const chengdu = json.features.find((f) => f.properties.name === '成都市')!;
    const rings =
      chengdu.geometry.type === 'Polygon'
        ? chengdu.geometry.coordinates
        : chengdu.geometry.coordinates.flat();
    for (const [lng, lat] of rings.flat()) {
      expect(lng).toBeGreaterThan(102.9);
      expect(lng).toBeLessThan(105.0);
      expect(lat).toBeGreaterThan(30.0);
      expect(lat).toBeLessThan(31.5);
    }
  });

  it('is served thinned, with every region and without the compressed encoding', () => {
    expect(json.features).toHaveLength(21);
    expect(text).not.toContain('UTF8Encoding');
    expect(text.length).toBeLessThan(150_000);
  });
});
