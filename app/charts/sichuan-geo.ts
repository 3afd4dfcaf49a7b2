// The outline map of Sichuan's 21 市州: app/charts/data/sichuan.geo.json, built once from
// echarts@4.9.0's map/json/province/sichuan.json (Apache License 2.0, © The Apache Software
// Foundation) by scripts/geo/build-sichuan.ts, which thins the borders as a shared topology so
// neighbouring 市州 keep identical borders. Source, licence and changes: scripts/geo/source/NOTICE.

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
