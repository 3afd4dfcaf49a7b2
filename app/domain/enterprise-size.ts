// Enterprise size class per 《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号).
// Only the four sectors the marketplace serves are encoded; others classify as unknown
// rather than borrowing a neighbour's thresholds.

export type Sector = 'industry' | 'wholesale' | 'retail' | 'software';

export const SIZE_CLASSES = [
  { id: 'large', nameZh: '大型', nameEn: 'Large' },
  { id: 'medium', nameZh: '中型', nameEn: 'Medium' },
  { id: 'small', nameZh: '小型', nameEn: 'Small' },
  { id: 'micro', nameZh: '微型', nameEn: 'Micro' },
  { id: 'unknown', nameZh: '未知', nameEn: 'Unknown' },
] as const;

export type SizeClass = (typeof SIZE_CLASSES)[number]['id'];

export function isSizeClass(value: unknown): value is SizeClass {
  return SIZE_CLASSES.some((c) => c.id === value);
}

export function sizeClassName(id: SizeClass, locale: 'zh-CN' | 'en'): string {
  const entry = SIZE_CLASSES.find((c) => c.id === id);
  return entry ? (locale === 'en' ? entry.nameEn : entry.nameZh) : id;
}

/** Lower limits of a tier: X = 从业人员 (persons), Y = 营业收入 (万元). */
interface Limits {
  employees: number;
  revenueWan: number;
}

// The 2017 table (国统字〔2017〕213号 附表). Each tier requires all its lower limits.
export const SIZE_THRESHOLDS: Readonly<Record<Sector, { large: Limits; medium: Limits; small: Limits }>> = {
  // 工业 (门类 B, C, D)
  industry: {
    large: { employees: 1000, revenueWan: 40000 },
    medium: { employees: 300, revenueWan: 2000 },
    small: { employees: 20, revenueWan: 300 },
  },
  // 批发业 (F51)
  wholesale: {
    large: { employees: 200, revenueWan: 40000 },
    medium: { employees: 20, revenueWan: 5000 },
    small: { employees: 5, revenueWan: 1000 },
  },
  // 零售业 (F52)
  retail: {
    large: { employees: 300, revenueWan: 20000 },
    medium: { employees: 50, revenueWan: 500 },
    small: { employees: 10, revenueWan: 100 },
  },
  // 软件和信息技术服务业 (I65)
  software: {
    large: { employees: 300, revenueWan: 10000 },
    medium: { employees: 100, revenueWan: 1000 },
    small: { employees: 10, revenueWan: 50 },
  },
};

// A negative or non-finite figure is a data-entry error, not a measurement;
// treating it as missing keeps it from pushing an enterprise into 微型.
function known(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value >= 0;
}

function meets(limits: Limits, employees: number, revenueWan: number): boolean {
  return employees >= limits.employees && revenueWan >= limits.revenueWan;
}

/**
 * The highest tier whose every lower limit is met (the rule's 下划一档); 微型 when
 * any one indicator is below the 小型 limit. With one indicator missing, only 微型
 * can be decided (the known one is already below the small limit); otherwise unknown.
 */
export function classifyEnterpriseSize(input: {
  sector: Sector | null;
  employees: number | null;
  revenueWan: number | null;
}): SizeClass {
  if (input.sector === null) return 'unknown';
  const t = SIZE_THRESHOLDS[input.sector];
  const { employees, revenueWan } = input;
  const hasX = known(employees);
  const hasY = known(revenueWan);

  if (hasX && hasY) {
    if (meets(t.large, employees, revenueWan)) return 'large';
    if (meets(t.medium, employees, revenueWan)) return 'medium';
    if (meets(t.small, employees, revenueWan)) return 'small';
    return 'micro';
  }
  if (hasX && employees < t.small.employees) return 'micro';
  if (hasY && revenueWan < t.small.revenueWan) return 'micro';
  return 'unknown';
}

/**
 * The size-rule sector of a GB/T 4754-2017 division code (or 门类 letter).
 * 门类 F and I are not accepted as letters: their divisions fall under different
 * rows of the table (51 批发 vs 52 零售; 63/64 are not 软件和信息技术服务业).
 */
export function sectorOfIndustry(code: string): Sector | null {
  const c = code.trim().toUpperCase();
  if (c === 'B' || c === 'C' || c === 'D') return 'industry';
  if (!/^[0-9]{2}$/.test(c)) return null;
  const division = Number(c);
  // 06–12 采矿业, 13–43 制造业, 44–46 电力、热力、燃气及水生产和供应业.
  if (division >= 6 && division <= 46) return 'industry';
  if (division === 51) return 'wholesale';
  if (division === 52) return 'retail';
  if (division === 65) return 'software';
  return null;
}
