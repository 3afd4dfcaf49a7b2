import { describe, it, expect } from 'vitest';
import {
  OUT_OF_PROVINCE,
  PREFECTURES,
  isPrefectureCode,
  isProviderLocation,
  prefectureName,
} from './prefectures';

describe('prefectures (GB/T 2260)', () => {
  it('lists the 21 市州 of Sichuan', () => {
    expect(PREFECTURES).toHaveLength(21);
  });

  it('has unique codes', () => {
    expect(new Set(PREFECTURES.map((p) => p.code)).size).toBe(21);
  });

  it('uses four-digit codes that start with the province code 51', () => {
    for (const p of PREFECTURES) expect(p.code).toMatch(/^51[0-9]{2}$/);
  });

  it('names spot-checked prefectures in Chinese and English', () => {
    expect(prefectureName('5101', 'zh-CN')).toBe('成都市');
    expect(prefectureName('5101', 'en')).toBe('Chengdu');
    expect(prefectureName('5116', 'en')).toBe("Guang'an");
    expect(prefectureName('5133', 'zh-CN')).toBe('甘孜藏族自治州');
    expect(prefectureName('5133', 'en')).toBe('Garzê');
    expect(prefectureName('5134', 'zh-CN')).toBe('凉山彝族自治州');
  });

  it('does not know the unused codes 5102 and 5112 or other provinces', () => {
    expect(isPrefectureCode('5102')).toBe(false);
    expect(isPrefectureCode('5112')).toBe(false);
    expect(isPrefectureCode('5001')).toBe(false);
    expect(prefectureName('5112', 'zh-CN')).toBeNull();
    expect(isPrefectureCode('5120')).toBe(true);
  });

  it('accepts out-of-province as a provider location but not as a prefecture', () => {
    expect(isPrefectureCode(OUT_OF_PROVINCE)).toBe(false);
    expect(isProviderLocation(OUT_OF_PROVINCE)).toBe(true);
    expect(isProviderLocation('5101')).toBe(true);
    expect(isProviderLocation('5102')).toBe(false);
    expect(prefectureName(OUT_OF_PROVINCE, 'zh-CN')).toBe('省外');
  });
});
