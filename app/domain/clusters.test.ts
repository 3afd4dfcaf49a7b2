import { describe, it, expect } from 'vitest';
import {
  CLUSTER_TAXONOMIES,
  DEFAULT_TAXONOMY,
  OTHER_CLUSTER,
  TAXONOMY_VERSIONS,
  clusterName,
  clusterOf,
  isTaxonomyVersion,
  listClusters,
} from './clusters';
import { MANUFACTURING_DIVISION_CODES, isDivisionCode } from './industries';

describe.each(TAXONOMY_VERSIONS)('cluster taxonomy %s', (version) => {
  const taxonomy = CLUSTER_TAXONOMIES[version];

  it('puts no division in two clusters', () => {
    const all = taxonomy.clusters.flatMap((c) => c.divisions);
    expect(new Set(all).size).toBe(all.length);
  });

  it('maps every manufacturing division to some cluster', () => {
    for (const code of MANUFACTURING_DIVISION_CODES) {
      expect(clusterOf(code, version), `division ${code}`).not.toBe('other');
    }
  });

  it('maps only known GB/T 4754 division codes', () => {
    for (const code of taxonomy.clusters.flatMap((c) => c.divisions)) {
      expect(isDivisionCode(code), `division ${code}`).toBe(true);
    }
  });

  it('has six clusters with unique ids, none of them other', () => {
    const ids = taxonomy.clusters.map((c) => c.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ids).not.toContain('other');
  });

  it('maps an unknown code or a 门类 letter to other', () => {
    expect(clusterOf('99', version)).toBe('other');
    expect(clusterOf('C', version)).toBe('other');
    expect(clusterOf('', version)).toBe('other');
  });

  it('lists other last', () => {
    const list = listClusters(version);
    expect(list).toHaveLength(7);
    expect(list[list.length - 1]).toEqual(OTHER_CLUSTER);
  });
});

describe('clusters', () => {
  it('names the 2018 "5+1" system', () => {
    expect(CLUSTER_TAXONOMIES['2018'].clusters.map((c) => [c.id, c.nameZh])).toEqual([
      ['electronics', '电子信息'],
      ['equipment', '装备制造'],
      ['food', '食品饮料'],
      ['materials', '先进材料'],
      ['energy-chemical', '能源化工'],
      ['digital', '数字经济'],
    ]);
  });

  it('names the 2023 六大优势产业', () => {
    expect(CLUSTER_TAXONOMIES['2023'].clusters.map((c) => [c.id, c.nameZh])).toEqual([
      ['electronics', '电子信息'],
      ['equipment', '装备制造'],
      ['food-textile', '食品轻纺'],
      ['energy-chemical', '能源化工'],
      ['materials', '先进材料'],
      ['pharma-health', '医药健康'],
    ]);
  });

  it('maps 27 医药制造业 to pharma-health in 2023 and energy-chemical in 2018', () => {
    expect(clusterOf('27', '2023')).toBe('pharma-health');
    expect(clusterOf('27', '2018')).toBe('energy-chemical');
  });

  it('maps software and internet services to digital in 2018 and electronics in 2023', () => {
    expect(clusterOf('65', '2018')).toBe('digital');
    expect(clusterOf('65', '2023')).toBe('electronics');
  });

  it('defaults to the 2023 taxonomy', () => {
    expect(DEFAULT_TAXONOMY).toBe('2023');
    expect(isTaxonomyVersion('2018')).toBe(true);
    expect(isTaxonomyVersion('2020')).toBe(false);
  });

  it('names clusters, including other, in both languages', () => {
    expect(clusterName('food-textile', '2023', 'zh-CN')).toBe('食品轻纺');
    expect(clusterName('other', '2018', 'en')).toBe('Other');
    expect(clusterName('food-textile', '2018', 'zh-CN')).toBeNull();
  });
});
