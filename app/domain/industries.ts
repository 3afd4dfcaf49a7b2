// GB/T 4754-2017 《国民经济行业分类》: the divisions (大类) the marketplace serves.
// Enterprises record a division so their cluster and size sector are derived, not typed.
// English names follow the National Bureau of Statistics' English edition of the standard.

export type IndustrySection = 'B' | 'C' | 'D' | 'F' | 'I';

export interface IndustryDivision {
  code: string;
  section: IndustrySection;
  nameZh: string;
  nameEn: string;
}

// Some sources only know the 门类 (section), so a letter is a valid, coarser code.
export const INDUSTRY_SECTIONS: readonly { code: IndustrySection; nameZh: string; nameEn: string }[] = [
  { code: 'B', nameZh: '采矿业', nameEn: 'Mining' },
  { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing' },
  {
    code: 'D',
    nameZh: '电力、热力、燃气及水生产和供应业',
    nameEn: 'Production and Supply of Electricity, Heat, Gas and Water',
  },
  { code: 'F', nameZh: '批发和零售业', nameEn: 'Wholesale and Retail Trades' },
  {
    code: 'I',
    nameZh: '信息传输、软件和信息技术服务业',
    nameEn: 'Information Transmission, Software and Information Technology Services',
  },
];

export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = [
  // B 采矿业
  { code: '06', section: 'B', nameZh: '煤炭开采和洗选业', nameEn: 'Mining and Washing of Coal' },
  {
    code: '07',
    section: 'B',
    nameZh: '石油和天然气开采业',
    nameEn: 'Extraction of Petroleum and Natural Gas',
  },
  {
    code: '08',
    section: 'B',
    nameZh: '黑色金属矿采选业',
    nameEn: 'Mining and Processing of Ferrous Metal Ores',
  },
  {
    code: '09',
    section: 'B',
    nameZh: '有色金属矿采选业',
    nameEn: 'Mining and Processing of Non-ferrous Metal Ores',
  },
  {
    code: '10',
    section: 'B',
    nameZh: '非金属矿采选业',
    nameEn: 'Mining and Processing of Non-metallic Ores',
  },
  {
    code: '11',
    section: 'B',
    nameZh: '开采专业及辅助性活动',
    nameEn: 'Professional and Support Activities for Mining',
  },
  { code: '12', section: 'B', nameZh: '其他采矿业', nameEn: 'Other Mining' },
  // C 制造业
  {
    code: '13',
    section: 'C',
    nameZh: '农副食品加工业',
    nameEn: 'Processing of Food from Agricultural Products',
  },
  { code: '14', section: 'C', nameZh: '食品制造业', nameEn: 'Manufacture of Foods' },
  {
    code: '15',
    section: 'C',
    nameZh: '酒、饮料和精制茶制造业',
    nameEn: 'Manufacture of Liquor, Beverages and Refined Tea',
  },
  { code: '16', section: 'C', nameZh: '烟草制品业', nameEn: 'Manufacture of Tobacco' },
  { code: '17', section: 'C', nameZh: '纺织业', nameEn: 'Manufacture of Textiles' },
  {
    code: '18',
    section: 'C',
    nameZh: '纺织服装、服饰业',
    nameEn: 'Manufacture of Textile Wearing Apparel and Clothing',
  },
  {
    code: '19',
    section: 'C',
    nameZh: '皮革、毛皮、羽毛及其制品和制鞋业',
    nameEn: 'Manufacture of Leather, Fur, Feather and Related Products and Footwear',
  },
  {
    code: '20',
    section: 'C',
    nameZh: '木材加工和木、竹、藤、棕、草制品业',
    nameEn: 'Processing of Timber and Manufacture of Wood, Bamboo, Rattan, Palm and Straw Products',
  },
  { code: '21', section: 'C', nameZh: '家具制造业', nameEn: 'Manufacture of Furniture' },
  { code: '22', section: 'C', nameZh: '造纸和纸制品业', nameEn: 'Manufacture of Paper and Paper Products' },
  {
    code: '23',
    section: 'C',
    nameZh: '印刷和记录媒介复制业',
    nameEn: 'Printing and Reproduction of Recording Media',
  },
  {
    code: '24',
    section: 'C',
    nameZh: '文教、工美、体育和娱乐用品制造业',
    nameEn: 'Manufacture of Articles for Culture, Education, Arts and Crafts, Sport and Entertainment',
  },
  {
    code: '25',
    section: 'C',
    nameZh: '石油、煤炭及其他燃料加工业',
    nameEn: 'Processing of Petroleum, Coal and Other Fuels',
  },
  {
    code: '26',
    section: 'C',
    nameZh: '化学原料和化学制品制造业',
    nameEn: 'Manufacture of Raw Chemical Materials and Chemical Products',
  },
  { code: '27', section: 'C', nameZh: '医药制造业', nameEn: 'Manufacture of Medicines' },
  { code: '28', section: 'C', nameZh: '化学纤维制造业', nameEn: 'Manufacture of Chemical Fibres' },
  {
    code: '29',
    section: 'C',
    nameZh: '橡胶和塑料制品业',
    nameEn: 'Manufacture of Rubber and Plastic Products',
  },
  {
    code: '30',
    section: 'C',
    nameZh: '非金属矿物制品业',
    nameEn: 'Manufacture of Non-metallic Mineral Products',
  },
  {
    code: '31',
    section: 'C',
    nameZh: '黑色金属冶炼和压延加工业',
    nameEn: 'Smelting and Pressing of Ferrous Metals',
  },
  {
    code: '32',
    section: 'C',
    nameZh: '有色金属冶炼和压延加工业',
    nameEn: 'Smelting and Pressing of Non-ferrous Metals',
  },
  { code: '33', section: 'C', nameZh: '金属制品业', nameEn: 'Manufacture of Metal Products' },
  { code: '34', section: 'C', nameZh: '通用设备制造业', nameEn: 'Manufacture of General-purpose Machinery' },
  { code: '35', section: 'C', nameZh: '专用设备制造业', nameEn: 'Manufacture of Special-purpose Machinery' },
  { code: '36', section: 'C', nameZh: '汽车制造业', nameEn: 'Manufacture of Automobiles' },
  {
    code: '37',
    section: 'C',
    nameZh: '铁路、船舶、航空航天和其他运输设备制造业',
    nameEn: 'Manufacture of Railway, Ship, Aerospace and Other Transport Equipment',
  },
  {
    code: '38',
    section: 'C',
    nameZh: '电气机械和器材制造业',
    nameEn: 'Manufacture of Electrical Machinery and Apparatus',
  },
  {
    code: '39',
    section: 'C',
    nameZh: '计算机、通信和其他电子设备制造业',
    nameEn: 'Manufacture of Computers, Communication and Other Electronic Equipment',
  },
  {
    code: '40',
    section: 'C',
    nameZh: '仪器仪表制造业',
    nameEn: 'Manufacture of Measuring Instruments and Meters',
  },
  { code: '41', section: 'C', nameZh: '其他制造业', nameEn: 'Other Manufacturing' },
  {
    code: '42',
    section: 'C',
    nameZh: '废弃资源综合利用业',
    nameEn: 'Comprehensive Utilisation of Waste Resources',
  },
  {
    code: '43',
    section: 'C',
    nameZh: '金属制品、机械和设备修理业',
    nameEn: 'Repair of Metal Products, Machinery and Equipment',
  },
  // D 电力、热力、燃气及水生产和供应业
  {
    code: '44',
    section: 'D',
    nameZh: '电力、热力生产和供应业',
    nameEn: 'Production and Supply of Electricity and Heat',
  },
  { code: '45', section: 'D', nameZh: '燃气生产和供应业', nameEn: 'Production and Supply of Gas' },
  { code: '46', section: 'D', nameZh: '水的生产和供应业', nameEn: 'Production and Supply of Water' },
  // F 批发和零售业
  { code: '51', section: 'F', nameZh: '批发业', nameEn: 'Wholesale Trade' },
  { code: '52', section: 'F', nameZh: '零售业', nameEn: 'Retail Trade' },
  // I 信息传输、软件和信息技术服务业
  {
    code: '63',
    section: 'I',
    nameZh: '电信、广播电视和卫星传输服务',
    nameEn: 'Telecommunications, Broadcasting and Satellite Transmission Services',
  },
  { code: '64', section: 'I', nameZh: '互联网和相关服务', nameEn: 'Internet and Related Services' },
  {
    code: '65',
    section: 'I',
    nameZh: '软件和信息技术服务业',
    nameEn: 'Software and Information Technology Services',
  },
];

// Offerings target manufacturers by division (catalog-import `industries`: "13"…"43").
export const MANUFACTURING_DIVISION_CODES: readonly string[] = INDUSTRY_DIVISIONS.filter(
  (d) => d.section === 'C',
).map((d) => d.code);

const DIVISIONS_BY_CODE = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d]));
const SECTIONS_BY_CODE = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s]));

export function isDivisionCode(code: string): boolean {
  return DIVISIONS_BY_CODE.has(code);
}

export function isManufacturingCode(code: string): boolean {
  return DIVISIONS_BY_CODE.get(code)?.section === 'C';
}

/** A known division code ("06"…"65") or 门类 letter ("B", "C", "D", "F", "I"). */
export function isIndustryCode(code: string): boolean {
  return DIVISIONS_BY_CODE.has(code) || SECTIONS_BY_CODE.has(code as IndustrySection);
}

export function industryName(code: string, locale: 'zh-CN' | 'en'): string | null {
  const entry = DIVISIONS_BY_CODE.get(code) ?? SECTIONS_BY_CODE.get(code as IndustrySection);
  if (!entry) return null;
  return locale === 'en' ? entry.nameEn : entry.nameZh;
}
