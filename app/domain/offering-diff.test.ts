import { describe, expect, it } from 'vitest';
import { changedFieldNames, diffOfferings, matchPlans, type OfferingSnapshot } from './offering-diff';

const base: OfferingSnapshot = {
  titleZh: '设备管理云',
  titleEn: null,
  summary: '设备联网与预测性维护',
  description: '',
  level: 'saas',
  categories: ['设备管理', '物联网'],
  stages: [],
  industries: ['34'],
  sizes: [],
  regions: ['5101'],
  tags: ['设备', '运维'],
  plans: [
    { name: '标准版', priceFen: 1_280_000, billing: 'year', trialDays: null },
    { name: '企业版', priceFen: null, billing: 'quote', trialDays: 30 },
  ],
};

describe('diffOfferings', () => {
  it('finds nothing to change in an identical snapshot', () => {
    const diff = diffOfferings(base, structuredClone(base));
    expect(diff).toEqual({ fields: [], plans: [], plansReordered: false, empty: true });
  });

  it('lists each changed text field with its old and new value', () => {
    const diff = diffOfferings(base, { ...base, titleZh: '设备管理云 2.0', level: 'paas', description: '新的介绍' });
    expect(diff.fields).toEqual([
      { kind: 'text', field: 'titleZh', before: '设备管理云', after: '设备管理云 2.0' },
      { kind: 'text', field: 'description', before: null, after: '新的介绍' },
      { kind: 'text', field: 'level', before: 'saas', after: 'paas' },
    ]);
    expect(diff.empty).toBe(false);
  });

  it('treats an empty English title like none', () => {
    expect(diffOfferings(base, { ...base, titleEn: '  ' }).empty).toBe(true);
    expect(diffOfferings(base, { ...base, titleEn: 'Equipment cloud' }).fields).toEqual([
      { kind: 'text', field: 'titleEn', before: null, after: 'Equipment cloud' },
    ]);
  });

  it('compares lists as sets and names what was added and removed', () => {
    expect(diffOfferings(base, { ...base, categories: ['物联网', '设备管理'] }).empty).toBe(true);
    const diff = diffOfferings(base, { ...base, regions: ['5101', '5107'], tags: ['设备'], industries: [] });
    expect(diff.fields).toEqual([
      { kind: 'list', field: 'industries', before: ['34'], after: [], added: [], removed: ['34'] },
      { kind: 'list', field: 'regions', before: ['5101'], after: ['5101', '5107'], added: ['5107'], removed: [] },
      { kind: 'list', field: 'tags', before: ['设备', '运维'], after: ['设备'], added: [], removed: ['运维'] },
    ]);
  });

  it('reports plans added, removed and changed, matched by name', () => {
    const diff = diffOfferings(base, {
      ...base,
      plans: [
        { name: '标准版', priceFen: 980_000, billing: 'year', trialDays: 14 },
        { name: '旗舰版', priceFen: 5_000_000, billing: 'year', trialDays: null },
      ],
    });
    expect(diff.plans).toEqual([
      { kind: 'removed', before: base.plans[1] },
      {
        kind: 'changed',
        before: base.plans[0],
        after: { name: '标准版', priceFen: 980_000, billing: 'year', trialDays: 14 },
        fields: ['priceFen', 'trialDays'],
      },
      { kind: 'added', after: { name: '旗舰版', priceFen: 5_000_000, billing: 'year', trialDays: null } },
    ]);
    expect(diff.plansReordered).toBe(false);
    expect(changedFieldNames(diff)).toEqual(['plans']);
  });

  it('notices plans put in another order', () => {
    const diff = diffOfferings(base, { ...base, plans: [base.plans[1]!, base.plans[0]!] });
    expect(diff.plans).toEqual([]);
    expect(diff.plansReordered).toBe(true);
    expect(diff.empty).toBe(false);
  });

  it('names changed fields for the audit log', () => {
    const diff = diffOfferings(base, { ...base, summary: '新简介', tags: [], plans: [base.plans[0]!] });
    expect(changedFieldNames(diff)).toEqual(['summary', 'tags', 'plans']);
  });
});

describe('matchPlans', () => {
  it('pairs duplicate names one to one, in order', () => {
    const result = matchPlans([{ name: 'A' }, { name: 'A' }, { name: 'B' }], [{ name: 'A ' }, { name: 'C' }]);
    expect(result).toEqual({ pairs: [[0, 0]], added: [1], removed: [1, 2] });
  });
});
