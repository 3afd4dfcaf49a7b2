// Sichuan's 21 prefecture-level divisions (市州) with their GB/T 2260 codes
// (province 51 + two-digit prefecture). Adoption is attributed to the registered 市州,
// and the plan asks for progress collected from each of them (各市州).

export interface Prefecture {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const PREFECTURES: readonly Prefecture[] = [
  { code: '5101', nameZh: '成都市', nameEn: 'Chengdu' },
  { code: '5103', nameZh: '自贡市', nameEn: 'Zigong' },
  { code: '5104', nameZh: '攀枝花市', nameEn: 'Panzhihua' },
  { code: '5105', nameZh: '泸州市', nameEn: 'Luzhou' },
  { code: '5106', nameZh: '德阳市', nameEn: 'Deyang' },
  { code: '5107', nameZh: '绵阳市', nameEn: 'Mianyang' },
  { code: '5108', nameZh: '广元市', nameEn: 'Guangyuan' },
  { code: '5109', nameZh: '遂宁市', nameEn: 'Suining' },
  { code: '5110', nameZh: '内江市', nameEn: 'Neijiang' },
  { code: '5111', nameZh: '乐山市', nameEn: 'Leshan' },
  { code: '5113', nameZh: '南充市', nameEn: 'Nanchong' },
  { code: '5114', nameZh: '眉山市', nameEn: 'Meishan' },
  { code: '5115', nameZh: '宜宾市', nameEn: 'Yibin' },
  { code: '5116', nameZh: '广安市', nameEn: "Guang'an" },
  { code: '5117', nameZh: '达州市', nameEn: 'Dazhou' },
  { code: '5118', nameZh: '雅安市', nameEn: "Ya'an" },
  { code: '5119', nameZh: '巴中市', nameEn: 'Bazhong' },
  { code: '5120', nameZh: '资阳市', nameEn: 'Ziyang' },
  { code: '5132', nameZh: '阿坝藏族羌族自治州', nameEn: 'Aba' },
  { code: '5133', nameZh: '甘孜藏族自治州', nameEn: 'Garzê' },
  { code: '5134', nameZh: '凉山彝族自治州', nameEn: 'Liangshan' },
];

// Providers may be registered outside Sichuan (catalog import `provider.prefecture`);
// enterprises counted by the provincial campaign are always in one of the 21.
export const OUT_OF_PROVINCE = 'out-of-province';

export const OUT_OF_PROVINCE_NAME = { nameZh: '省外', nameEn: 'Outside Sichuan' } as const;

const BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));

export function isPrefectureCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** A prefecture code or `out-of-province`, as accepted for a provider's location. */
export function isProviderLocation(code: string): boolean {
  return code === OUT_OF_PROVINCE || BY_CODE.has(code);
}

export function prefectureName(code: string, locale: 'zh-CN' | 'en'): string | null {
  const entry = code === OUT_OF_PROVINCE ? OUT_OF_PROVINCE_NAME : BY_CODE.get(code);
  if (!entry) return null;
  return locale === 'en' ? entry.nameEn : entry.nameZh;
}
