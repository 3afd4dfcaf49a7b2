import { describe, it, expect } from 'vitest';
import {
  BILLING_CYCLES,
  CATEGORIES,
  CERTIFICATIONS,
  OFFERING_STATUSES,
  PROVIDER_STATUSES,
  STAGES,
  formatFen,
  isBillingCycle,
  isCategory,
  isCertification,
  isOfferingStatus,
  isProviderStatus,
  isStage,
  vocabularyName,
} from './catalog-vocabulary';

describe('catalog vocabularies', () => {
  it('lists the 19 categories of the import format, each with an English label', () => {
    expect(CATEGORIES.map((c) => c.id)).toEqual([
      '计算',
      '存储',
      '网络',
      '安全防护',
      '办公桌面',
      '数据库',
      '大数据分析',
      '物联网',
      '软件开发',
      '电商平台',
      '协同办公',
      '经营管理',
      '运营管理',
      '研发设计',
      '生产管理',
      '设备管理',
      '质量管理',
      '供应链',
      '能耗管理',
    ]);
    for (const c of CATEGORIES) expect(c.nameEn).toMatch(/^[A-Za-z]/);
  });

  it('lists the four 工业APP stages', () => {
    expect(STAGES.map((s) => s.id)).toEqual(['研发设计', '生产制造', '经营管理', '运营维护']);
  });

  it('lists the known certifications with labels', () => {
    expect(CERTIFICATIONS.map((c) => c.id)).toEqual([
      'mlps2',
      'mlps3',
      'iso27001',
      'iso20000',
      'trusted-cloud',
      'cross-industry-platform',
      'itss',
    ]);
    expect(vocabularyName(CERTIFICATIONS, 'mlps3', 'zh-CN')).toBe('等保三级');
    expect(vocabularyName(CERTIFICATIONS, 'cross-industry-platform', 'zh-CN')).toBe('双跨平台');
  });

  it('labels billing cycles and statuses in Chinese and English', () => {
    expect(BILLING_CYCLES.map((b) => b.nameZh)).toEqual(['按月', '按年', '一次性', '面议']);
    expect(vocabularyName(BILLING_CYCLES, 'quote', 'en')).toBe('on quote');
    expect(OFFERING_STATUSES.map((s) => s.nameZh)).toEqual(['草稿', '待审核', '已发布', '已驳回', '已归档']);
    expect(PROVIDER_STATUSES.map((s) => s.nameZh)).toEqual(['待审核', '已通过', '已驳回', '已暂停']);
    expect(vocabularyName(PROVIDER_STATUSES, 'suspended', 'en')).toBe('Suspended');
    expect(vocabularyName(PROVIDER_STATUSES, 'unknown', 'en')).toBe('unknown');
  });

  it('guards each vocabulary by its own ids only', () => {
    expect(isCategory('物联网')).toBe(true);
    expect(isCategory('生产制造')).toBe(false);
    expect(isStage('生产制造')).toBe(true);
    expect(isStage('物联网')).toBe(false);
    expect(isCertification('iso27001')).toBe(true);
    expect(isCertification('ISO27001')).toBe(false);
    expect(isBillingCycle('once')).toBe(true);
    expect(isBillingCycle('week')).toBe(false);
    expect(isOfferingStatus('published')).toBe(true);
    expect(isOfferingStatus('approved')).toBe(false);
    expect(isProviderStatus('approved')).toBe(true);
    expect(isProviderStatus('published')).toBe(false);
    expect(isProviderStatus(null)).toBe(false);
  });
});

describe('formatFen', () => {
  it('renders fen as yuan with two decimals', () => {
    expect(formatFen(98000, 'zh-CN')).toBe('¥980.00');
    expect(formatFen(98000, 'en')).toBe('¥980.00');
    expect(formatFen(0, 'zh-CN')).toBe('¥0.00');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
    expect(formatFen(199, 'zh-CN')).toBe('¥1.99');
  });

  it('groups thousands', () => {
    expect(formatFen(123456789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatFen(100000, 'en')).toBe('¥1,000.00');
  });

  it('renders a negative amount with a leading minus', () => {
    expect(formatFen(-500, 'zh-CN')).toBe('-¥5.00');
  });

  it('renders a null price as 面议 or Price on request', () => {
    expect(formatFen(null, 'zh-CN')).toBe('面议');
    expect(formatFen(null, 'en')).toBe('Price on request');
  });

  it('throws on an amount that is not an integer number of fen', () => {
    expect(() => formatFen(1.5, 'zh-CN')).toThrow(RangeError);
    expect(() => formatFen(Number.NaN, 'zh-CN')).toThrow(RangeError);
  });
});
