// Closed vocabularies of the catalog (docs/formats/catalog-import.md). Categories
// and stages are stored as their Chinese words because that is what the import
// format and provincial guidance use; English labels are for display only.

interface Term {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

// The typical services of the three MIIT tiers (《推动企业上云实施指南（2018-2020年）》)
// plus the manufacturing management areas (equipment, quality, supply chain, energy).
export const CATEGORIES = [
  { id: '计算', nameZh: '计算', nameEn: 'Compute' },
  { id: '存储', nameZh: '存储', nameEn: 'Storage' },
  { id: '网络', nameZh: '网络', nameEn: 'Networking' },
  { id: '安全防护', nameZh: '安全防护', nameEn: 'Security' },
  { id: '办公桌面', nameZh: '办公桌面', nameEn: 'Cloud desktop' },
  { id: '数据库', nameZh: '数据库', nameEn: 'Database' },
  { id: '大数据分析', nameZh: '大数据分析', nameEn: 'Big data analytics' },
  { id: '物联网', nameZh: '物联网', nameEn: 'Internet of Things' },
  { id: '软件开发', nameZh: '软件开发', nameEn: 'Software development' },
  { id: '电商平台', nameZh: '电商平台', nameEn: 'E-commerce platform' },
  { id: '协同办公', nameZh: '协同办公', nameEn: 'Collaboration and office' },
  { id: '经营管理', nameZh: '经营管理', nameEn: 'Business management' },
  { id: '运营管理', nameZh: '运营管理', nameEn: 'Operations management' },
  { id: '研发设计', nameZh: '研发设计', nameEn: 'R&D and design' },
  { id: '生产管理', nameZh: '生产管理', nameEn: 'Production management' },
  { id: '设备管理', nameZh: '设备管理', nameEn: 'Equipment management' },
  { id: '质量管理', nameZh: '质量管理', nameEn: 'Quality management' },
  { id: '供应链', nameZh: '供应链', nameEn: 'Supply chain' },
  { id: '能耗管理', nameZh: '能耗管理', nameEn: 'Energy management' },
] as const satisfies readonly Term[];
export type Category = (typeof CATEGORIES)[number]['id'];

// Business stages of 工业APP, as the MIIT guide groups them.
export const STAGES = [
  { id: '研发设计', nameZh: '研发设计', nameEn: 'R&D and design' },
  { id: '生产制造', nameZh: '生产制造', nameEn: 'Production' },
  { id: '经营管理', nameZh: '经营管理', nameEn: 'Business management' },
  { id: '运营维护', nameZh: '运营维护', nameEn: 'Operation and maintenance' },
] as const satisfies readonly Term[];
export type Stage = (typeof STAGES)[number]['id'];

// Credentials officials look for when vetting the resource pool (资源池).
export const CERTIFICATIONS = [
  { id: 'mlps2', nameZh: '等保二级', nameEn: 'MLPS level 2' },
  { id: 'mlps3', nameZh: '等保三级', nameEn: 'MLPS level 3' },
  { id: 'iso27001', nameZh: 'ISO/IEC 27001', nameEn: 'ISO/IEC 27001' },
  { id: 'iso20000', nameZh: 'ISO/IEC 20000', nameEn: 'ISO/IEC 20000' },
  { id: 'trusted-cloud', nameZh: '可信云', nameEn: 'Trusted Cloud' },
  {
    id: 'cross-industry-platform',
    nameZh: '双跨平台',
    nameEn: 'Cross-industry industrial internet platform',
  },
  { id: 'itss', nameZh: 'ITSS', nameEn: 'ITSS' },
] as const satisfies readonly Term[];
export type Certification = (typeof CERTIFICATIONS)[number]['id'];

// 'quote' (面议) plans carry no price: B2B deals are often priced per customer.
export const BILLING_CYCLES = [
  { id: 'month', nameZh: '按月', nameEn: 'per month' },
  { id: 'year', nameZh: '按年', nameEn: 'per year' },
  { id: 'once', nameZh: '一次性', nameEn: 'one-off' },
  { id: 'quote', nameZh: '面议', nameEn: 'on quote' },
] as const satisfies readonly Term[];
export type BillingCycle = (typeof BILLING_CYCLES)[number]['id'];

// Offerings wait for official vetting before they are published.
export const OFFERING_STATUSES = [
  { id: 'draft', nameZh: '草稿', nameEn: 'Draft' },
  { id: 'submitted', nameZh: '待审核', nameEn: 'Submitted' },
  { id: 'published', nameZh: '已发布', nameEn: 'Published' },
  { id: 'rejected', nameZh: '已驳回', nameEn: 'Rejected' },
  { id: 'archived', nameZh: '已归档', nameEn: 'Archived' },
] as const satisfies readonly Term[];
export type OfferingStatus = (typeof OFFERING_STATUSES)[number]['id'];

// Sichuan's pool is vetted, unlike Zhejiang's open enrolment: providers apply first.
export const PROVIDER_STATUSES = [
  { id: 'applied', nameZh: '待审核', nameEn: 'Applied' },
  { id: 'approved', nameZh: '已通过', nameEn: 'Approved' },
  { id: 'rejected', nameZh: '已驳回', nameEn: 'Rejected' },
  { id: 'suspended', nameZh: '已暂停', nameEn: 'Suspended' },
] as const satisfies readonly Term[];
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number]['id'];

function guard<T extends string>(terms: readonly { readonly id: T }[]) {
  return (value: unknown): value is T => terms.some((t) => t.id === value);
}

export const isCategory = guard<Category>(CATEGORIES);
export const isStage = guard<Stage>(STAGES);
export const isCertification = guard<Certification>(CERTIFICATIONS);
export const isBillingCycle = guard<BillingCycle>(BILLING_CYCLES);
export const isOfferingStatus = guard<OfferingStatus>(OFFERING_STATUSES);
export const isProviderStatus = guard<ProviderStatus>(PROVIDER_STATUSES);

/** The label of a term in any of the vocabularies above; the id itself if unknown. */
export function vocabularyName(terms: readonly Term[], id: string, locale: 'zh-CN' | 'en'): string {
  const entry = terms.find((t) => t.id === id);
  if (!entry) return id;
  return locale === 'en' ? entry.nameEn : entry.nameZh;
}

/**
 * Money is stored as integer fen (分) to avoid floating-point drift; this renders it
 * as yuan with two decimals and thousands separators. `null` is a 面议 price.
 */
export function formatFen(fen: number | null, locale: 'zh-CN' | 'en'): string {
  if (fen === null) return locale === 'en' ? 'Price on request' : '面议';
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`amount must be an integer number of fen: ${fen}`);
  }
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}
