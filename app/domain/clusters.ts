// Sichuan's industry-cluster taxonomies, versioned because the province changed
// systems: the 2018 "5+1" 现代产业体系 (五大万亿支柱产业 + 数字经济) and, since 2023,
// the 六大优势产业. An enterprise's cluster is derived from its GB/T 4754-2017
// division so that totals by cluster always add up to the counter's total.
//
// UNVERIFIED: the division → cluster mapping below is our reading, not a published
// table; an administrator may change it later. Two constraints are kept (and tested):
// a division belongs to at most one cluster per version, and every manufacturing
// division (13–43) belongs to some cluster. Light-industry divisions 17–24 and 41,
// which the 2018 system does not name, sit with 食品饮料 as 2023's 食品轻纺 does,
// and 42 废弃资源综合利用 (recovered metals and materials) with 先进材料.

export const TAXONOMY_VERSIONS = ['2018', '2023'] as const;
export type TaxonomyVersion = (typeof TAXONOMY_VERSIONS)[number];

// New campaigns report by the current provincial system.
export const DEFAULT_TAXONOMY: TaxonomyVersion = '2023';

export interface ClusterLabel {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface ClusterDefinition extends ClusterLabel {
  divisions: readonly string[];
}

export interface ClusterTaxonomy {
  version: TaxonomyVersion;
  nameZh: string;
  nameEn: string;
  clusters: readonly ClusterDefinition[];
}

// Enterprises whose division maps to no cluster (or who only gave a 门类 letter).
export const OTHER_CLUSTER = { id: 'other', nameZh: '其他', nameEn: 'Other' } as const satisfies ClusterLabel;

function divisions(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));
}

export const CLUSTER_TAXONOMIES: Readonly<Record<TaxonomyVersion, ClusterTaxonomy>> = {
  '2018': {
    version: '2018',
    nameZh: '“5+1”现代产业体系',
    nameEn: '"5+1" modern industrial system',
    clusters: [
      { id: 'electronics', nameZh: '电子信息', nameEn: 'Electronic information', divisions: ['39', '40'] },
      {
        id: 'equipment',
        nameZh: '装备制造',
        nameEn: 'Equipment manufacturing',
        divisions: [...divisions(34, 38), '43'],
      },
      {
        id: 'food',
        nameZh: '食品饮料',
        nameEn: 'Food and beverages',
        divisions: [...divisions(13, 24), '41'],
      },
      {
        id: 'materials',
        nameZh: '先进材料',
        nameEn: 'Advanced materials',
        divisions: [...divisions(28, 33), '42'],
      },
      {
        id: 'energy-chemical',
        nameZh: '能源化工',
        nameEn: 'Energy and chemicals',
        divisions: [...divisions(6, 12), '25', '26', '27', ...divisions(44, 46)],
      },
      { id: 'digital', nameZh: '数字经济', nameEn: 'Digital economy', divisions: ['63', '64', '65'] },
    ],
  },
  '2023': {
    version: '2023',
    nameZh: '六大优势产业',
    nameEn: 'Six advantageous industries',
    clusters: [
      {
        id: 'electronics',
        nameZh: '电子信息',
        nameEn: 'Electronic information',
        divisions: ['39', '40', '63', '64', '65'],
      },
      {
        id: 'equipment',
        nameZh: '装备制造',
        nameEn: 'Equipment manufacturing',
        divisions: [...divisions(34, 38), '43'],
      },
      {
        id: 'food-textile',
        nameZh: '食品轻纺',
        nameEn: 'Food and light textiles',
        divisions: [...divisions(13, 24), '41'],
      },
      {
        id: 'energy-chemical',
        nameZh: '能源化工',
        nameEn: 'Energy and chemicals',
        divisions: [...divisions(6, 12), '25', '26', ...divisions(44, 46)],
      },
      {
        id: 'materials',
        nameZh: '先进材料',
        nameEn: 'Advanced materials',
        divisions: [...divisions(28, 33), '42'],
      },
      // 2023 names 医药健康 as its own cluster, so 27 leaves 能源化工 (where 2018 has it).
      { id: 'pharma-health', nameZh: '医药健康', nameEn: 'Pharmaceuticals and health', divisions: ['27'] },
    ],
  },
};

const CLUSTER_BY_DIVISION: Readonly<Record<TaxonomyVersion, ReadonlyMap<string, string>>> = {
  '2018': indexByDivision(CLUSTER_TAXONOMIES['2018']),
  '2023': indexByDivision(CLUSTER_TAXONOMIES['2023']),
};

function indexByDivision(taxonomy: ClusterTaxonomy): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const cluster of taxonomy.clusters) {
    for (const division of cluster.divisions) {
      if (!index.has(division)) index.set(division, cluster.id);
    }
  }
  return index;
}

export function isTaxonomyVersion(value: unknown): value is TaxonomyVersion {
  return TAXONOMY_VERSIONS.some((v) => v === value);
}

/** The cluster id of a division code under a taxonomy, or 'other'. */
export function clusterOf(industryCode: string, version: TaxonomyVersion): string {
  return CLUSTER_BY_DIVISION[version].get(industryCode.trim()) ?? OTHER_CLUSTER.id;
}

/** Every cluster of a version, 'other' last: public totals list every cluster, with 0s. */
export function listClusters(version: TaxonomyVersion): readonly ClusterLabel[] {
  return [...CLUSTER_TAXONOMIES[version].clusters, OTHER_CLUSTER];
}

export function clusterName(id: string, version: TaxonomyVersion, locale: 'zh-CN' | 'en'): string | null {
  const entry = listClusters(version).find((c) => c.id === id);
  if (!entry) return null;
  return locale === 'en' ? entry.nameEn : entry.nameZh;
}
