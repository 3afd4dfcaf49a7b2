import { describe, it, expect } from 'vitest';
import {
  SIZE_CLASSES,
  classifyEnterpriseSize,
  isSizeClass,
  sectorOfIndustry,
  sizeClassName,
  type Sector,
} from './enterprise-size';

type Limits = { employees: number; revenueWan: number };

/**
 * The 2017 table (国统字〔2017〕213号 附表), copied from the rule rather than read from the code
 * under test, so a mistyped threshold there fails here: X = 从业人员 (persons), Y = 营业收入 (万元).
 */
const RULE_2017: Record<Sector, { large: Limits; medium: Limits; small: Limits }> = {
  // 工业 (B, C, D): X≥1000 and Y≥40000 | X≥300 and Y≥2000 | X≥20 and Y≥300
  industry: {
    large: { employees: 1000, revenueWan: 40000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 300 },
  },
  // 批发 (F51): X≥200 and Y≥40000 | X≥20 and Y≥5000 | X≥5 and Y≥1000
  wholesale: {
    large: { employees: 200, revenueWan: 40000 },
    medium: { employees: 20, revenueWan: 5000 },
    small: { employees: 5, revenueWan: 1000 },
  },
  // 零售 (F52): X≥300 and Y≥20000 | X≥50 and Y≥500 | X≥10 and Y≥100
  retail: {
    large: { employees: 300, revenueWan: 20000 },
    medium: { employees: 50, revenueWan: 500 },
    small: { employees: 10, revenueWan: 100 },
  },
  // 软件和信息技术服务业 (I65): X≥300 and Y≥10000 | X≥100 and Y≥1000 | X≥10 and Y≥50
  software: {
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 50 },
  },
};

const SECTORS = Object.keys(RULE_2017) as Sector[];

describe('classifyEnterpriseSize', () => {
  describe.each(SECTORS)('sector %s', (sector) => {
    const t = RULE_2017[sector];
    const classify = (employees: number, revenueWan: number) =>
      classifyEnterpriseSize({ sector, employees, revenueWan });

    it.each([
      ['large', 'medium'],
      ['medium', 'small'],
      ['small', 'micro'],
    ] as const)('is %s exactly at both limits and one tier lower one below either', (tier, lower) => {
      const limits = t[tier];
      expect(classify(limits.employees, limits.revenueWan)).toBe(tier);
      expect(classify(limits.employees - 1, limits.revenueWan)).toBe(lower);
      expect(classify(limits.employees, limits.revenueWan - 1)).toBe(lower);
    });

    it('is micro when one indicator is below the small limit however large the other', () => {
      expect(classify(t.small.employees - 1, 1e9)).toBe('micro');
      expect(classify(1e9, t.small.revenueWan - 1)).toBe('micro');
    });
  });

  it('gives the 2017 rule example: industry X=1500, Y=1000 is small', () => {
    expect(classifyEnterpriseSize({ sector: 'industry', employees: 1500, revenueWan: 1000 })).toBe('small');
  });

  it('with one indicator missing is micro if the known one is below the small limit', () => {
    expect(classifyEnterpriseSize({ sector: 'industry', employees: 19, revenueWan: null })).toBe('micro');
    expect(classifyEnterpriseSize({ sector: 'retail', employees: null, revenueWan: 99 })).toBe('micro');
  });

  it('with one indicator missing is unknown if the known one meets the small limit', () => {
    expect(classifyEnterpriseSize({ sector: 'industry', employees: 5000, revenueWan: null })).toBe('unknown');
    expect(classifyEnterpriseSize({ sector: 'software', employees: null, revenueWan: 50 })).toBe('unknown');
  });

  it('with both indicators missing is unknown', () => {
    expect(classifyEnterpriseSize({ sector: 'wholesale', employees: null, revenueWan: null })).toBe(
      'unknown',
    );
  });

  it('without a sector is unknown', () => {
    expect(classifyEnterpriseSize({ sector: null, employees: 1, revenueWan: 1 })).toBe('unknown');
  });

  it('treats negative or non-finite figures as missing', () => {
    expect(classifyEnterpriseSize({ sector: 'industry', employees: -1, revenueWan: null })).toBe('unknown');
    expect(classifyEnterpriseSize({ sector: 'industry', employees: Number.NaN, revenueWan: 10 })).toBe(
      'micro',
    );
  });
});

describe('sectorOfIndustry', () => {
  it('maps divisions 06–46 (门类 B, C, D) to industry', () => {
    for (let d = 6; d <= 46; d++) {
      expect(sectorOfIndustry(String(d).padStart(2, '0'))).toBe('industry');
    }
  });

  it('maps 51 to wholesale, 52 to retail and 65 to software', () => {
    expect(sectorOfIndustry('51')).toBe('wholesale');
    expect(sectorOfIndustry('52')).toBe('retail');
    expect(sectorOfIndustry('65')).toBe('software');
  });

  it('maps other divisions, including 63 and 64, to null', () => {
    for (const code of ['01', '05', '47', '50', '53', '63', '64', '66', '6', '', '3411', 'xx']) {
      expect(sectorOfIndustry(code)).toBeNull();
    }
  });

  it('accepts the 门类 letters B, C and D as industry but not F or I', () => {
    expect(sectorOfIndustry('B')).toBe('industry');
    expect(sectorOfIndustry('c')).toBe('industry');
    expect(sectorOfIndustry('D')).toBe('industry');
    expect(sectorOfIndustry('F')).toBeNull();
    expect(sectorOfIndustry('I')).toBeNull();
  });
});

describe('SIZE_CLASSES', () => {
  it('labels every class in Chinese and English', () => {
    expect(SIZE_CLASSES.map((c) => [c.id, c.nameZh, c.nameEn])).toEqual([
      ['large', '大型', 'Large'],
      ['medium', '中型', 'Medium'],
      ['small', '小型', 'Small'],
      ['micro', '微型', 'Micro'],
      ['unknown', '未知', 'Unknown'],
    ]);
    expect(sizeClassName('micro', 'zh-CN')).toBe('微型');
    expect(sizeClassName('micro', 'en')).toBe('Micro');
  });

  it('guards size class ids', () => {
    expect(isSizeClass('small')).toBe(true);
    expect(isSizeClass('tiny')).toBe(false);
  });
});
