import { describe, it, expect } from 'vitest';
import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  MANUFACTURING_DIVISION_CODES,
  industryName,
  isDivisionCode,
  isIndustryCode,
  isManufacturingCode,
} from './industries';

describe('industries (GB/T 4754-2017)', () => {
  it('lists the 31 manufacturing divisions 13–43 in order', () => {
    const expected = Array.from({ length: 31 }, (_, i) => String(13 + i));
    expect(MANUFACTURING_DIVISION_CODES).toEqual(expected);
    expect(INDUSTRY_DIVISIONS.filter((d) => d.section === 'C')).toHaveLength(31);
  });

  it('has no duplicate division codes', () => {
    const codes = INDUSTRY_DIVISIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses two-digit codes and a non-empty name in both languages', () => {
    for (const d of INDUSTRY_DIVISIONS) {
      expect(d.code).toMatch(/^[0-9]{2}$/);
      expect(d.nameZh.length).toBeGreaterThan(0);
      expect(d.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('puts each division in its section', () => {
    const sectionOf = (code: string) => INDUSTRY_DIVISIONS.find((d) => d.code === code)?.section;
    expect(['06', '12'].map(sectionOf)).toEqual(['B', 'B']);
    expect(['44', '46'].map(sectionOf)).toEqual(['D', 'D']);
    expect(['51', '52'].map(sectionOf)).toEqual(['F', 'F']);
    expect(['63', '64', '65'].map(sectionOf)).toEqual(['I', 'I', 'I']);
  });

  it('names spot-checked divisions as the standard does', () => {
    expect(industryName('13', 'zh-CN')).toBe('农副食品加工业');
    expect(industryName('15', 'zh-CN')).toBe('酒、饮料和精制茶制造业');
    expect(industryName('27', 'zh-CN')).toBe('医药制造业');
    expect(industryName('37', 'zh-CN')).toBe('铁路、船舶、航空航天和其他运输设备制造业');
    expect(industryName('39', 'zh-CN')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('43', 'zh-CN')).toBe('金属制品、机械和设备修理业');
    expect(industryName('11', 'zh-CN')).toBe('开采专业及辅助性活动');
    expect(industryName('65', 'zh-CN')).toBe('软件和信息技术服务业');
    expect(industryName('36', 'en')).toBe('Manufacture of Automobiles');
  });

  it('names the 门类 letters and returns null for unknown codes', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code)).toEqual(['B', 'C', 'D', 'F', 'I']);
    expect(industryName('C', 'zh-CN')).toBe('制造业');
    expect(industryName('C', 'en')).toBe('Manufacturing');
    expect(industryName('99', 'zh-CN')).toBeNull();
    expect(industryName('A', 'en')).toBeNull();
  });

  it('recognises division codes and 门类 letters as industry codes', () => {
    expect(isIndustryCode('34')).toBe(true);
    expect(isIndustryCode('C')).toBe(true);
    expect(isIndustryCode('3')).toBe(false);
    expect(isIndustryCode('47')).toBe(false);
    expect(isDivisionCode('C')).toBe(false);
    expect(isDivisionCode('06')).toBe(true);
  });

  it('recognises manufacturing divisions only in 门类 C', () => {
    expect(isManufacturingCode('13')).toBe(true);
    expect(isManufacturingCode('43')).toBe(true);
    expect(isManufacturingCode('12')).toBe(false);
    expect(isManufacturingCode('44')).toBe(false);
  });
});
