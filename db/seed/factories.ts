/**
 * Deterministic factories shared by the demo seed (db/seed/demo.ts) and by tests:
 * fictional but realistic enterprises (企业), providers (服务商) and offerings (服务产品).
 * Everything here is a pure function of a PRNG or an index: no database, no clock.
 * Company names are invented from word lists; any likeness to a real company is chance.
 */
import { nanoid } from 'nanoid';
import type { enterprises, offeringPlans, offerings, providers } from '../schema';
import type { AdoptionLevel } from '../../app/domain/adoption-levels';
import type { Category, Certification, Stage } from '../../app/domain/catalog-vocabulary';
import { classifyEnterpriseSize, sectorOfIndustry } from '../../app/domain/enterprise-size';
import { INDUSTRY_DIVISIONS } from '../../app/domain/industries';
import { OUT_OF_PROVINCE, PREFECTURES } from '../../app/domain/prefectures';
import { makeUscc } from '../../app/domain/uscc';
import { createRng, fmix32, hashSeed, type Rng } from './random';

export type EnterpriseInsert = typeof enterprises.$inferInsert;
export type ProviderInsert = typeof providers.$inferInsert;
export type OfferingInsert = typeof offerings.$inferInsert;
export type OfferingPlanInsert = typeof offeringPlans.$inferInsert;

// ---------------------------------------------------------------------------
// Ids and USCCs
// ---------------------------------------------------------------------------

// nanoid's URL alphabet, so seeded ids look like the application's own.
const ID_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';

/**
 * A nanoid-shaped (21 characters) id that is a pure function of (kind, index): re-running
 * the seed finds the same rows. The first 6 characters encode a bijection of the index
 * (fmix32), so two indexes of one kind never share an id; the rest is filler.
 */
export function seedId(kind: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new RangeError(`seed id index out of range: ${index}`);
  }
  let v = fmix32((index ^ hashSeed('seed-id', kind)) >>> 0);
  let id = '';
  for (let i = 0; i < 6; i++) {
    id += ID_ALPHABET.charAt(v & 63);
    v = Math.floor(v / 64);
  }
  const rng = createRng(hashSeed('seed-id-tail', kind, index));
  for (let i = 0; i < 15; i++) id += ID_ALPHABET.charAt(rng.int(0, 63));
  return id;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const BODY_SPACE = 31 ** 6; // 887,503,681 distinct 6-character tails per series

/**
 * Which numbering series a generated 主体标识码 belongs to. The series character sits at
 * position 3 of the 9-character body, so codes of different series can never be equal —
 * seeded enterprises, seeded providers and test rows never collide, whatever the region.
 */
export type UsccSeries = 'seed-enterprise' | 'seed-provider' | 'test-enterprise' | 'test-provider';
const SERIES_CHAR: Record<UsccSeries, string> = {
  'seed-enterprise': '6',
  'seed-provider': '7',
  'test-enterprise': 'E',
  'test-provider': 'P',
};

// Registration regions of out-of-province providers (GB/T 2260 district codes).
const OUT_OF_PROVINCE_CITIES = [
  { zh: '北京', en: 'Beijing', region: '110108', area: '010' },
  { zh: '杭州', en: 'Hangzhou', region: '330106', area: '0571' },
  { zh: '深圳', en: 'Shenzhen', region: '440305', area: '0755' },
  { zh: '重庆', en: 'Chongqing', region: '500112', area: '023' },
  { zh: '上海', en: 'Shanghai', region: '310115', area: '021' },
] as const;

/**
 * A valid USCC, unique per (series, index) for index < 887,503,681. Prefix 91 = 工商 + 企业
 * (GB 32100-2015); the region is the 市州 code + '00'; the body starts with MA, as codes
 * issued since 2015 do, and its last 6 characters are an affine permutation of the index
 * (multiplier 5^10 is coprime with 31^6, and the product stays below 2^53).
 */
export function makeSeedUscc(series: UsccSeries, index: number, regionCode6: string): string {
  if (!Number.isInteger(index) || index < 0 || index >= BODY_SPACE) {
    throw new RangeError(`USCC index out of range: ${index}`);
  }
  let v = (index * 9_765_625 + 123_456_789) % BODY_SPACE;
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail = USCC_ALPHABET.charAt(v % 31) + tail;
    v = Math.floor(v / 31);
  }
  return makeUscc('91', regionCode6, `MA${SERIES_CHAR[series]}${tail}`);
}

/** The GB/T 2260 region of a provider location (a 市州 code or `out-of-province`). */
export function regionCodeOf(location: string, index = 0): string {
  if (location === OUT_OF_PROVINCE) return outOfProvinceCity(index).region;
  return `${location}00`;
}

function outOfProvinceCity(index: number) {
  return OUT_OF_PROVINCE_CITIES[
    index % OUT_OF_PROVINCE_CITIES.length
  ] as (typeof OUT_OF_PROVINCE_CITIES)[number];
}

// ---------------------------------------------------------------------------
// Places and people
// ---------------------------------------------------------------------------

/** 成都市 → 成都, 阿坝藏族羌族自治州 → 阿坝: the form used in company names. */
export function prefectureShortName(code: string): string {
  const p = PREFECTURES.find((x) => x.code === code);
  if (!p) throw new RangeError(`unknown prefecture: ${code}`);
  return p.nameZh.endsWith('市') ? p.nameZh.slice(0, -1) : p.nameZh.slice(0, 2);
}

function prefectureEnglishName(code: string): string {
  const name = PREFECTURES.find((x) => x.code === code)?.nameEn ?? 'Sichuan';
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

// Telephone area codes (眉山 and 资阳 joined Chengdu's 028 in 2019).
// prettier-ignore
const AREA_CODES: Record<string, string> = {
  '5101': '028', '5103': '0813', '5104': '0812', '5105': '0830', '5106': '0838', '5107': '0816',
  '5108': '0839', '5109': '0825', '5110': '0832', '5111': '0833', '5113': '0817', '5114': '028',
  '5115': '0831', '5116': '0826', '5117': '0818', '5118': '0835', '5119': '0827', '5120': '028',
  '5132': '0837', '5133': '0836', '5134': '0834',
};

// prettier-ignore
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗',
  '高', '林', '郑', '梁', '谢', '唐', '许', '冯', '宋', '韩', '邓', '彭', '曾', '蒋', '袁', '蔡', '魏', '母',
];
// prettier-ignore
const GIVEN_NAMES = [
  '伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平',
  '刚', '丽', '鑫', '浩', '宇', '婷', '雪', '佳', '欣', '晨', '思远', '子涵', '俊杰', '雨桐', '建华', '志强',
];

export function fakePersonName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

function fakePhone(rng: Rng, area: string): string {
  // Three-digit area codes and a few large cities have 8-digit numbers, the rest 7.
  const digits = area.length === 3 || area === '0571' || area === '0755' ? 8 : 7;
  let n = String(rng.int(6, 8));
  for (let i = 1; i < digits; i++) n += String(rng.int(0, 9));
  return `${area}-${n}`;
}

// ---------------------------------------------------------------------------
// Enterprises (SMEs)
// ---------------------------------------------------------------------------

// Roughly by industrial output: Chengdu leads, then the Chengdu plain and the south.
// prettier-ignore
export const PREFECTURE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['5101', 28], ['5103', 3], ['5104', 3], ['5105', 4], ['5106', 6], ['5107', 6], ['5108', 2.5],
  ['5109', 3], ['5110', 3], ['5111', 4], ['5113', 4.5], ['5114', 3.5], ['5115', 5], ['5116', 3],
  ['5117', 4], ['5118', 2], ['5119', 2], ['5120', 2.5], ['5132', 0.8], ['5133', 0.6], ['5134', 2.5],
];

// GB/T 4754-2017 divisions: mostly manufacturing (13–43, with Sichuan's liquor, food,
// furniture, machinery and electronics clusters heavier), about 13% other sectors.
// 16 烟草 is a state monopoly and never an SME, so it is left out.
// prettier-ignore
export const INDUSTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['13', 6], ['14', 5], ['15', 6], ['17', 2], ['18', 3], ['19', 2], ['20', 3], ['21', 4], ['22', 2],
  ['23', 3], ['24', 2], ['25', 1], ['26', 5], ['27', 4], ['28', 1], ['29', 4], ['30', 6], ['31', 2],
  ['32', 2], ['33', 6], ['34', 6], ['35', 5], ['36', 4], ['37', 2], ['38', 5], ['39', 5], ['40', 2],
  ['41', 1], ['42', 2], ['43', 2],
  ['06', 1], ['08', 0.5], ['09', 0.5], ['10', 1], ['44', 1.5], ['45', 0.5], ['46', 1], ['51', 4],
  ['52', 2], ['64', 1], ['65', 3],
];

// The trade word of a company name, by division.
// prettier-ignore
const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  '06': ['煤业'], '07': ['油气'], '08': ['矿业'], '09': ['矿业', '锂业'], '10': ['矿业', '石材'],
  '11': ['矿山工程'], '12': ['矿业'],
  '13': ['农副食品', '粮油', '饲料', '肉类食品'], '14': ['食品', '调味品', '火锅底料'],
  '15': ['酒业', '茶业', '饮品'], '16': ['烟叶'], '17': ['纺织', '丝绸'], '18': ['服饰', '制衣'],
  '19': ['皮革', '鞋业'], '20': ['木业', '竹制品'], '21': ['家具', '家居'], '22': ['纸业', '包装'],
  '23': ['印务', '彩印'], '24': ['文体用品', '工艺品'], '25': ['燃料'], '26': ['化工', '新材料', '精细化工'],
  '27': ['药业', '制药', '生物医药'], '28': ['化纤'], '29': ['塑胶', '橡胶制品', '塑料制品'],
  '30': ['建材', '陶瓷', '玻璃', '混凝土'], '31': ['钢铁', '特钢'], '32': ['铝业', '有色金属'],
  '33': ['金属制品', '五金', '钢结构'], '34': ['精密机械', '通用机械', '阀门', '泵业'],
  '35': ['专用设备', '农机', '环保设备'], '36': ['汽车零部件', '汽配'],
  '37': ['轨道交通装备', '航空部件', '船舶配件'], '38': ['电气', '电器', '电缆', '电机'],
  '39': ['电子', '电子科技', '通信设备'], '40': ['仪器仪表', '仪表'], '41': ['日用制品'],
  '42': ['再生资源', '资源回收'], '43': ['机械维修', '设备修理'],
  '44': ['电力', '能源'], '45': ['燃气'], '46': ['水务'], '51': ['商贸', '贸易'], '52': ['商业连锁', '商贸'],
  '63': ['通信'], '64': ['网络科技'], '65': ['软件', '信息技术'],
};

// prettier-ignore
const BRAND_FIRST = [
  '鑫', '华', '瑞', '宏', '金', '恒', '泰', '兴', '盛', '德', '天', '川', '蜀', '新', '嘉', '永', '安', '佳',
  '康', '正', '博', '创', '远', '明', '丰', '荣', '益', '锦', '信', '中', '长', '宇', '昊', '诚',
];
// prettier-ignore
const BRAND_SECOND = [
  '达', '源', '泰', '丰', '兴', '盛', '力', '美', '诚', '昌', '和', '通', '信', '发', '誉', '晟', '鼎', '润',
  '峰', '宇', '辉', '业', '成', '海', '汇', '福', '祥', '隆', '翔', '威', '铭', '航',
];

function fakeBrand(rng: Rng): string {
  for (;;) {
    const a = rng.pick(BRAND_FIRST);
    const b = rng.pick(BRAND_SECOND);
    if (a !== b) return a + b;
  }
}

/** e.g. 成都鑫达精密机械有限公司: 市州 + brand + trade word (matching the division) + legal form. */
export function fakeEnterpriseName(
  rng: Rng,
  prefecture: string,
  industry: string,
  sizeClass?: string,
): string {
  const word = rng.pick(INDUSTRY_WORDS[industry] ?? ['实业']);
  const big = sizeClass === 'large' || sizeClass === 'medium';
  const form = big && rng.chance(0.4) ? '股份有限公司' : rng.chance(0.12) ? '有限责任公司' : '有限公司';
  return prefectureShortName(prefecture) + fakeBrand(rng) + word + form;
}

/**
 * 从业人员 and 营业收入 (万元) drawn per tier of the industry table of the 2017 size rules,
 * so the mix is mostly 小型 and 微型 as in Sichuan's SME population; about 2% leave one
 * figure out, as real registrations do.
 */
function fakeFigures(rng: Rng): { employees: number | null; revenueWan: number | null } {
  const tier = rng.weighted([
    ['micro', 55],
    ['small', 33],
    ['medium', 9],
    ['large', 1],
    ['partial', 2],
  ] as const);
  const wan = (min: number, max: number) => Math.round(rng.float(min, max) * 10) / 10;
  switch (tier) {
    case 'micro':
      return rng.chance(0.8)
        ? { employees: rng.int(2, 19), revenueWan: wan(15, 900) }
        : { employees: rng.int(20, 60), revenueWan: wan(30, 299) };
    case 'small':
      return { employees: rng.int(20, 299), revenueWan: wan(300, 1999) };
    case 'medium':
      return { employees: rng.int(300, 999), revenueWan: wan(2000, 39999) };
    case 'large':
      return { employees: rng.int(1000, 6000), revenueWan: wan(40000, 300000) };
    case 'partial':
      return rng.chance(0.5)
        ? { employees: rng.int(3, 200), revenueWan: null }
        : { employees: null, revenueWan: null };
  }
}

export function fakeEnterprise(
  rng: Rng,
  fixed: { prefecture?: string; industry?: string } = {},
): Omit<EnterpriseInsert, 'id' | 'uscc' | 'ownerUserId'> {
  const prefecture = fixed.prefecture ?? rng.weighted(PREFECTURE_WEIGHTS);
  const industry = fixed.industry ?? rng.weighted(INDUSTRY_WEIGHTS);
  const { employees, revenueWan } = fakeFigures(rng);
  const sizeClass = classifyEnterpriseSize({ sector: sectorOfIndustry(industry), employees, revenueWan });
  return {
    name: fakeEnterpriseName(rng, prefecture, industry, sizeClass),
    prefecture,
    industry,
    employees,
    revenueWan,
    sizeClass,
    onCloudBeforeCampaign: rng.chance(0.05),
  };
}

// ---------------------------------------------------------------------------
// Offering templates: what Sichuan's 资源池 typically lists per level (MIIT 上云指南 tiers
// plus 工业互联网平台 and 工业APP). A provider's brand is put in front of the title.
// ---------------------------------------------------------------------------

/** [plan name, price in fen per billing period, or null for 面议]. */
export type PlanSpec = readonly [name: string, priceFen: number | null];

export interface OfferingTemplate {
  /** Also the seeded externalId, so it follows `[a-z0-9-]{3,64}`. */
  key: string;
  level: AdoptionLevel;
  titleZh: string;
  titleEn: string;
  summary: string;
  features: readonly string[];
  categories: readonly Category[];
  stages: readonly Stage[];
  tags: readonly string[];
  /** Manufacturing divisions the offering is made for; absent = any industry. */
  industries?: readonly string[];
  billing: 'month' | 'year' | 'once';
  plans: readonly PlanSpec[];
  trialDays?: number;
}

const PLATFORM_FEATURES = [
  '设备联网：支持 PLC、数控系统和各类传感器接入，提供边缘网关与协议转换',
  '生产可视化：车间、产线、设备三级看板，实时掌握产能与设备状态',
  '行业模型库：沉淀工艺参数、质量和能耗分析模型，可按企业需要定制',
  '工业APP应用市场：按需订阅排产、质量、设备、能耗等应用',
];

function platform(
  key: string,
  industry: string,
  industryEn: string,
  industries: readonly string[],
  tags: readonly string[],
): OfferingTemplate {
  return {
    key: `platform-${key}`,
    level: 'platform',
    titleZh: `${industry}工业互联网平台`,
    titleEn: `Industrial Internet Platform for ${industryEn}`,
    summary: `面向${industry}企业的行业级工业互联网平台，提供设备上云、生产数据采集、工艺优化和产业链协同服务，支持中小企业低成本接入。`,
    features: PLATFORM_FEATURES,
    categories: ['物联网', '大数据分析', '生产管理', '设备管理'],
    stages: ['生产制造', '运营维护'],
    tags: ['工业互联网', ...tags],
    industries,
    billing: 'year',
    plans: [
      ['平台接入年费', 2_980_000],
      ['深度应用包', 8_800_000],
      ['私有化部署', null],
    ],
    trialDays: 30,
  };
}

// prettier-ignore
export const OFFERING_TEMPLATES: readonly OfferingTemplate[] = [
  // --- iaas 基础设施上云
  {
    key: 'ecs', level: 'iaas', titleZh: '云主机', titleEn: 'Elastic Cloud Server',
    summary: '按需开通的弹性云服务器，分钟级交付，支持按月或按年付费，适合企业官网、ERP、财务软件等业务系统迁移上云。',
    features: ['多种规格实例，在线升降配', '云硬盘三副本存储，快照备份', '免费提供上云迁移评估和迁移工具', '本地机房部署，访问延迟低'],
    categories: ['计算'], stages: [], tags: ['云服务器', '弹性伸缩', '上云迁移'],
    billing: 'month', plans: [['入门型 2核4G', 12_900], ['标准型 4核8G', 25_800], ['企业型 8核16G', 51_600]], trialDays: 7,
  },
  {
    key: 'oss', level: 'iaas', titleZh: '对象存储', titleEn: 'Object Storage',
    summary: '海量、安全、低成本的对象存储服务，适合存放产品图纸、质检影像、监控视频和备份归档数据，按容量包计费。',
    features: ['标准、低频、归档三种存储类型', '数据多副本冗余，设计可靠性 99.9999999%', '支持生命周期规则自动转存归档', '兼容 S3 接口，常用备份软件可直接对接'],
    categories: ['存储'], stages: [], tags: ['对象存储', '备份归档', '图纸存储'],
    billing: 'month', plans: [['500GB 容量包', 3_900], ['2TB 容量包', 13_900], ['10TB 容量包', 59_900]],
  },
  {
    key: 'backup', level: 'iaas', titleZh: '云备份与容灾', titleEn: 'Cloud Backup and Disaster Recovery',
    summary: '为本地服务器和数据库提供定时备份与异地容灾，防范硬件故障、误删除和勒索病毒，保障生产数据安全。',
    features: ['文件、数据库、整机多种备份方式', '备份数据加密传输、加密存储', '一键恢复到本地或云上', '异地容灾演练报告'],
    categories: ['存储', '安全防护'], stages: ['运营维护'], tags: ['数据备份', '容灾', '勒索病毒防护'],
    billing: 'month', plans: [['基础版 200GB', 4_900], ['标准版 1TB', 19_900], ['企业版 5TB', 79_900]], trialDays: 14,
  },
  {
    key: 'desktop', level: 'iaas', titleZh: '云桌面', titleEn: 'Cloud Desktop',
    summary: '办公与设计人员的云端桌面，数据集中存放不落地，支持瘦终端、笔记本和手机随时接入，降低终端运维成本。',
    features: ['办公型与 GPU 设计型桌面', '数据集中存储，防止图纸外泄', '统一镜像，批量下发软件', '兼容国产终端和操作系统'],
    categories: ['办公桌面', '计算'], stages: ['经营管理'], tags: ['云桌面', '远程办公', '数据不落地'],
    billing: 'month', plans: [['办公型（每席位）', 6_900], ['设计型 GPU（每席位）', 39_900]], trialDays: 14,
  },
  {
    key: 'sdwan', level: 'iaas', titleZh: 'SD-WAN 企业组网', titleEn: 'SD-WAN Enterprise Networking',
    summary: '连接总部、厂区、仓库和云上资源的软件定义广域网，即插即用，比传统专线部署更快、费用更低。',
    features: ['盒子即插即用，分支一天开通', '多链路智能选路，保障 ERP、视频会议体验', '云端集中管理与流量可视', '可选 4G/5G 备份链路'],
    categories: ['网络'], stages: [], tags: ['SD-WAN', '多厂区组网', '专线'],
    billing: 'month', plans: [['单站点', 39_900], ['5 站点', 168_000], ['20 站点', 580_000]],
  },
  {
    key: 'security', level: 'iaas', titleZh: '云安全防护套餐（等保合规）', titleEn: 'Cloud Security Bundle (MLPS Compliance)',
    summary: '主机安全、Web 应用防火墙、日志审计和漏洞扫描一站式套餐，协助企业业务系统通过等级保护测评。',
    features: ['Web 应用防火墙与 DDoS 基础防护', '主机入侵检测和漏洞扫描', '日志审计留存 6 个月以上', '等保测评辅导与整改建议'],
    categories: ['安全防护', '网络'], stages: ['运营维护'], tags: ['等保2.0', 'Web应用防火墙', '主机安全'],
    billing: 'year', plans: [['等保二级套餐', 1_980_000], ['等保三级套餐', 4_980_000], ['定制安全服务', null]],
  },
  {
    key: 'gpu', level: 'iaas', titleZh: 'GPU 算力云', titleEn: 'GPU Cloud Compute',
    summary: '面向 AI 视觉质检、工业仿真和三维渲染的 GPU 云服务器，按月租用，免去自建机房和显卡采购投入。',
    features: ['多种 GPU 型号可选', '预装主流深度学习框架', '高速云盘与对象存储联动', '算力专家支持模型部署'],
    categories: ['计算'], stages: ['研发设计'], tags: ['GPU', 'AI训练', '渲染'],
    billing: 'month', plans: [['单卡 T4', 129_900], ['单卡 A10', 359_900], ['多卡集群', null]],
  },
  // --- paas 平台系统上云
  {
    key: 'rds-mysql', level: 'paas', titleZh: '云数据库 MySQL', titleEn: 'Cloud Database for MySQL',
    summary: '全托管的 MySQL 数据库服务，主备高可用、自动备份和监控告警，企业无需专职 DBA 即可稳定运行业务系统。',
    features: ['主备架构，故障自动切换', '每日自动备份，可按时间点恢复', '慢查询分析与性能优化建议', '支持从自建数据库在线迁移'],
    categories: ['数据库'], stages: [], tags: ['MySQL', '高可用', '自动备份'],
    billing: 'month', plans: [['基础版 1核2G', 8_900], ['高可用版 2核4G', 39_800], ['高可用版 4核16G', 118_000]], trialDays: 7,
  },
  {
    key: 'iot-hub', level: 'paas', titleZh: '物联网平台', titleEn: 'IoT Platform',
    summary: '设备接入与管理平台，支持 MQTT、Modbus、OPC UA 等协议，帮助工厂把机床、仪表和传感器数据安全地接入云端。',
    features: ['百万级设备连接与设备影子', '规则引擎转发数据到数据库和应用', '边缘网关远程配置与 OTA 升级', '设备告警短信、微信推送'],
    categories: ['物联网'], stages: ['生产制造', '运营维护'], tags: ['设备接入', 'MQTT', 'Modbus', '数据采集'],
    billing: 'month', plans: [['100 台设备', 29_900], ['1000 台设备', 199_900], ['不限设备数', null]], trialDays: 30,
  },
  {
    key: 'bi-analytics', level: 'paas', titleZh: '数据分析与可视化 BI', titleEn: 'BI Analytics and Visualization',
    summary: '拖拽式数据分析与报表工具，连接 ERP、MES 和 Excel 数据，快速搭建经营驾驶舱和车间看板。',
    features: ['数十种数据源连接', '拖拽式报表与大屏设计', '移动端查看与订阅推送', '行级数据权限控制'],
    categories: ['大数据分析'], stages: ['经营管理'], tags: ['数据可视化', '报表', '驾驶舱'],
    billing: 'year', plans: [['5 用户', 360_000], ['20 用户', 1_180_000], ['企业版', null]], trialDays: 30,
  },
  {
    key: 'lowcode', level: 'paas', titleZh: '低代码开发平台', titleEn: 'Low-code Development Platform',
    summary: '通过表单、流程和报表的可视化配置搭建个性化管理应用，企业 IT 人员几天就能上线一个业务系统。',
    features: ['可视化表单与流程设计器', '丰富的行业应用模板', '开放接口对接 ERP、钉钉、企业微信', '支持私有化部署'],
    categories: ['软件开发'], stages: ['经营管理'], tags: ['低代码', '表单流程', '快速开发'],
    billing: 'year', plans: [['团队版', 680_000], ['企业版', 1_980_000]], trialDays: 30,
  },
  {
    key: 'container', level: 'paas', titleZh: '容器云平台', titleEn: 'Container Cloud Platform',
    summary: '基于 Kubernetes 的容器应用托管平台，提供持续集成、灰度发布和弹性伸缩，适合有自研系统的企业。',
    features: ['托管 Kubernetes 集群', 'CI/CD 流水线与镜像仓库', '灰度发布与自动扩缩容', '日志与监控一体化'],
    categories: ['软件开发', '计算'], stages: [], tags: ['Kubernetes', '容器', 'DevOps'],
    billing: 'month', plans: [['标准集群', 99_900], ['生产集群', 299_900]],
  },
  {
    key: 'tsdb', level: 'paas', titleZh: '工业时序数据库', titleEn: 'Industrial Time-series Database',
    summary: '面向设备与传感器数据的高性能时序数据库，高压缩比存储多年历史数据，支撑设备分析与工艺追溯。',
    features: ['每秒百万点写入', '10 倍以上压缩比', '降采样与连续查询', '兼容 SQL 查询'],
    categories: ['数据库', '物联网'], stages: ['生产制造'], tags: ['时序数据', '设备数据', '历史数据'],
    billing: 'month', plans: [['开发版', 19_900], ['生产版', 89_900]],
  },
  // --- saas 业务应用上云
  {
    key: 'mes', level: 'saas', titleZh: 'MES 制造执行系统', titleEn: 'MES Manufacturing Execution System',
    summary: '面向离散制造中小企业的云 MES，覆盖工单下达、扫码报工、质量检验和生产看板，两周即可上线。',
    features: ['生产工单与工序路线管理', '扫码报工、计件统计', '来料、过程、成品检验', '车间电子看板与异常呼叫'],
    categories: ['生产管理', '质量管理'], stages: ['生产制造'], tags: ['MES', '工单报工', '生产看板', '离散制造'],
    billing: 'year', plans: [['基础版（20 用户）', 1_980_000], ['标准版（50 用户）', 4_680_000], ['旗舰版', null]], trialDays: 14,
  },
  {
    key: 'erp', level: 'saas', titleZh: '云 ERP', titleEn: 'Cloud ERP',
    summary: '业财一体化的云 ERP，覆盖采购、销售、库存、生产和财务，适合年营收数千万元以内的制造企业。',
    features: ['进销存与生产计划', '总账、应收应付、成本核算', '多组织、多仓库管理', '与电子发票、银企直连对接'],
    categories: ['经营管理', '供应链'], stages: ['经营管理'], tags: ['ERP', '进销存', '业财一体化'],
    billing: 'year', plans: [['标准版', 598_000], ['专业版', 1_580_000], ['集团版', null]], trialDays: 30,
  },
  {
    key: 'office-oa', level: 'saas', titleZh: '协同办公 OA', titleEn: 'Collaborative Office (OA)',
    summary: '审批、公告、考勤、文档和会议一体化的协同办公平台，手机电脑同步使用，告别纸质签字流转。',
    features: ['自定义审批流程', '公告、制度与知识库', '移动考勤与外勤签到', '与企业微信、钉钉集成'],
    categories: ['协同办公'], stages: ['经营管理'], tags: ['审批流程', '移动办公', '知识库'],
    billing: 'year', plans: [['50 人版', 298_000], ['200 人版', 980_000], ['不限人数版', 2_680_000]], trialDays: 30,
  },
  {
    key: 'crm', level: 'saas', titleZh: 'CRM 客户关系管理', titleEn: 'CRM Customer Relationship Management',
    summary: '管理线索、客户、商机、合同和回款的销售管理系统，帮助制造企业规范销售过程、提升订单转化。',
    features: ['线索与客户公海池', '商机阶段与销售漏斗', '合同、回款与开票跟踪', '经销商门户'],
    categories: ['经营管理'], stages: ['经营管理'], tags: ['销售管理', '客户跟进', '经销商'],
    billing: 'year', plans: [['标准版（每用户）', 60_000], ['专业版（每用户）', 120_000]], trialDays: 14,
  },
  {
    key: 'wms', level: 'saas', titleZh: '仓储管理 WMS', titleEn: 'Warehouse Management System (WMS)',
    summary: '条码化的云仓储管理系统，支持收货上架、拣货出库、盘点和库位管理，让账实相符、发货不错漏。',
    features: ['条码/二维码扫码出入库', '库位与批次管理', 'PDA 移动作业', '与 ERP、电商平台对接'],
    categories: ['供应链'], stages: ['生产制造', '经营管理'], tags: ['WMS', '条码', '库位管理'],
    billing: 'year', plans: [['单仓版', 880_000], ['多仓版', 1_980_000], ['定制版', null]], trialDays: 14,
  },
  {
    key: 'ems', level: 'saas', titleZh: '能耗管理系统', titleEn: 'Energy Management System',
    summary: '对电、水、气、蒸汽进行分项计量和在线监测，分析峰谷用电与单位产品能耗，帮助企业节能降本和核算碳排放。',
    features: ['多能源分项计量与在线监测', '峰谷平电量与电费分析', '单位产品能耗对标', '碳排放核算报表'],
    categories: ['能耗管理'], stages: ['生产制造', '运营维护'], tags: ['能耗监测', '碳排放', '峰谷电价', '节能'],
    billing: 'year', plans: [['基础版（50 计量点）', 1_280_000], ['标准版（200 计量点）', 3_580_000]], trialDays: 30,
  },
  {
    key: 'finance', level: 'saas', titleZh: '财务云', titleEn: 'Cloud Finance',
    summary: '面向小微企业的在线记账与财税管理，自动生成凭证和报表，对接电子发票与电子税务局。',
    features: ['发票自动识别生成凭证', '资产负债表、利润表一键生成', '税费计算与申报提醒', '代账机构协同'],
    categories: ['经营管理'], stages: ['经营管理'], tags: ['记账', '电子发票', '税务'],
    billing: 'year', plans: [['标准版', 398_000], ['专业版', 898_000]], trialDays: 30,
  },
  {
    key: 'b2b-shop', level: 'saas', titleZh: '工业品 B2B 订货商城', titleEn: 'Industrial B2B Ordering Store',
    summary: '制造企业自有的在线订货商城，经销商和客户在线下单、对账，订单自动流转到 ERP 和仓库。',
    features: ['客户专属价格与信用额度', '小程序与 PC 商城', '在线对账与电子合同', '对接 ERP 与物流'],
    categories: ['电商平台', '供应链'], stages: ['经营管理'], tags: ['B2B商城', '在线订货', '经销商'],
    billing: 'year', plans: [['标准版', 598_000], ['旗舰版', 1_680_000]], trialDays: 14,
  },
  {
    key: 'hr-attendance', level: 'saas', titleZh: '人力资源与考勤', titleEn: 'HR and Attendance',
    summary: '员工档案、排班考勤、计件工资和社保管理一体化，适合多班次、一线工人多的工厂。',
    features: ['多班次排班与人脸考勤', '计件、计时工资自动核算', '员工电子档案与合同', '个税与社保报表'],
    categories: ['运营管理', '协同办公'], stages: ['经营管理'], tags: ['考勤排班', '计件工资', '社保'],
    billing: 'year', plans: [['100 人版', 360_000], ['500 人版', 1_280_000]], trialDays: 30,
  },
  {
    key: 'srm', level: 'saas', titleZh: '供应商协同 SRM', titleEn: 'Supplier Relationship Management (SRM)',
    summary: '采购询比价、订单协同、送货与对账的供应商协同平台，缩短采购周期、降低采购成本。',
    features: ['在线询价、比价与招标', '采购订单与送货单协同', '供应商准入与绩效评估', '对账与发票协同'],
    categories: ['供应链'], stages: ['经营管理'], tags: ['采购协同', '供应商门户', '询比价'],
    billing: 'year', plans: [['标准版', 980_000], ['企业版', null]],
  },
  // --- platform 工业互联网平台
  platform('liquor', '白酒酿造', 'Liquor Brewing', ['15'], ['白酒', '窖池监测', '酿造工艺']),
  platform('equipment', '装备制造', 'Equipment Manufacturing', ['34', '35', '43'], ['设备联网', '远程运维', '服务型制造']),
  platform('electronics', '电子信息', 'Electronics', ['38', '39', '40'], ['SMT', '良率分析', '供应链协同']),
  platform('food', '食品饮料', 'Food and Beverages', ['13', '14', '15'], ['食品安全', '冷链', '批次追溯']),
  platform('chemical', '化工园区', 'Chemical Parks', ['26', '28', '29'], ['安全生产', '危化品', '园区管理']),
  platform('auto-parts', '汽车零部件', 'Automotive Parts', ['33', '36'], ['主机厂协同', 'IATF16949', '质量追溯']),
  platform('furniture', '家具家居', 'Furniture', ['20', '21'], ['定制家居', '拆单', '板材优化']),
  platform('textile', '纺织服装', 'Textiles and Apparel', ['17', '18', '19'], ['小单快反', '共享工厂', '订单协同']),
  platform('pharma', '医药制造', 'Pharmaceuticals', ['27'], ['GMP', '批记录', '药品追溯']),
  platform('metals', '钒钛钢铁', 'Vanadium, Titanium and Steel', ['31', '32'], ['钒钛', '高炉', '能耗优化']),
  platform('building', '建材', 'Building Materials', ['30'], ['水泥', '窑炉', '能耗']),
  {
    key: 'platform-general', level: 'platform', titleZh: '综合型工业互联网平台', titleEn: 'Cross-industry Industrial Internet Platform',
    summary: '跨行业、跨领域的综合型工业互联网平台，提供工业 PaaS、数据中台和工业APP应用商店，服务各类制造企业数字化转型。',
    features: PLATFORM_FEATURES,
    categories: ['物联网', '大数据分析', '软件开发'], stages: ['研发设计', '生产制造', '经营管理', '运营维护'],
    tags: ['工业互联网', '工业PaaS', '数字化转型'], billing: 'year',
    plans: [['中小企业普惠版', 1_980_000], ['私有化部署', null]], trialDays: 30,
  },
  // --- industrial-app 工业APP
  {
    key: 'predictive-maintenance', level: 'industrial-app', titleZh: '设备预测性维护', titleEn: 'Predictive Equipment Maintenance',
    summary: '通过振动、温度、电流等传感器数据分析设备健康状态，提前预警轴承、电机故障，减少非计划停机。',
    features: ['无线振动温度传感器快速安装', '设备健康评分与故障预警', '点检、保养与维修工单', '备品备件管理'],
    categories: ['设备管理'], stages: ['运营维护'], tags: ['振动监测', '故障预警', '点检'],
    billing: 'year', plans: [['10 台设备', 680_000], ['50 台设备', 2_580_000], ['100 台以上', null]], trialDays: 30,
  },
  {
    key: 'quality-trace', level: 'industrial-app', titleZh: '产品质量追溯', titleEn: 'Product Quality Traceability',
    summary: '一物一码贯通原料、生产、检验和销售环节，出现质量问题时分钟级定位批次和流向，支撑精准召回。',
    features: ['一物一码赋码与关联', '原料批次到成品的正反向追溯', '检验记录与质量证书', '消费者扫码查询'],
    categories: ['质量管理'], stages: ['生产制造'], tags: ['一物一码', '批次追溯', '召回'],
    billing: 'year', plans: [['标准版', 880_000], ['专业版', 2_280_000]], trialDays: 14,
  },
  {
    key: 'digital-twin', level: 'industrial-app', titleZh: '产线数字孪生', titleEn: 'Production Line Digital Twin',
    summary: '对产线和车间进行三维建模，实时映射设备运行状态，支持产线布局仿真与节拍优化。',
    features: ['车间三维建模与实时映射', '产线布局与物流仿真', '节拍与瓶颈分析', '与 MES、SCADA 数据联动'],
    categories: ['研发设计', '生产管理'], stages: ['研发设计', '生产制造'], tags: ['数字孪生', '三维可视化', '仿真'],
    billing: 'once', plans: [['单条产线', 15_800_000], ['整厂方案', null]],
  },
  {
    key: 'cloud-cad', level: 'industrial-app', titleZh: '云 CAD 协同设计', titleEn: 'Cloud CAD Collaborative Design',
    summary: '浏览器即可使用的二维/三维 CAD 与图纸管理工具，设计、工艺和车间共享同一版本图纸。',
    features: ['在线看图、批注与测量', '图纸版本与审批管理', 'BOM 自动提取', '兼容 DWG、STEP 等主流格式'],
    categories: ['研发设计'], stages: ['研发设计'], tags: ['CAD', '图纸协同', '版本管理'],
    billing: 'year', plans: [['单用户', 198_000], ['5 用户', 880_000]], trialDays: 30,
  },
  {
    key: 'aps', level: 'industrial-app', titleZh: 'APS 高级排产', titleEn: 'Advanced Planning and Scheduling (APS)',
    summary: '基于订单交期、产能和物料约束自动生成生产计划，插单改单快速重排，提升准时交付率。',
    features: ['有限产能排程', '物料齐套检查', '插单模拟与交期承诺', '甘特图可视化调整'],
    categories: ['生产管理'], stages: ['生产制造'], tags: ['排产', '产能平衡', '交期'],
    billing: 'year', plans: [['标准版', 1_280_000], ['专业版', 3_280_000]], trialDays: 14,
  },
  {
    key: 'ai-inspection', level: 'industrial-app', titleZh: 'AI 视觉质检', titleEn: 'AI Visual Inspection',
    summary: '利用机器视觉和深度学习检测表面划痕、缺件和印刷缺陷，替代人工目检，检出率稳定可追溯。',
    features: ['小样本缺陷模型训练', '工位相机与光源选型', '检测结果与 MES 联动', '模型持续迭代'],
    categories: ['质量管理'], stages: ['生产制造'], tags: ['机器视觉', '缺陷检测', '深度学习'],
    billing: 'once', plans: [['单工位部署', 9_800_000], ['产线方案', null]],
  },
  {
    key: 'work-safety', level: 'industrial-app', titleZh: '安全生产监测预警', titleEn: 'Work Safety Monitoring and Early Warning',
    summary: '结合视频 AI 与物联网传感器，识别未戴安全帽、烟火、气体泄漏等隐患，实现隐患排查治理闭环。',
    features: ['视频 AI 违规行为识别', '可燃、有毒气体在线监测', '隐患排查与整改闭环', '应急预案与演练记录'],
    categories: ['生产管理', '物联网'], stages: ['运营维护'], tags: ['隐患排查', '视频AI', '应急预案'],
    billing: 'year', plans: [['基础版', 980_000], ['园区版', null]], trialDays: 14,
  },
  {
    key: 'compressor-control', level: 'industrial-app', titleZh: '空压站群控节能', titleEn: 'Air Compressor Group Control',
    summary: '对空压站多台空压机联动控制，按用气需求自动加卸载，一般可节电 10%–20%，支持按节能效果付费。',
    features: ['多品牌空压机联控', '管网压力与流量监测', '节能量核算报告', '设备故障远程诊断'],
    categories: ['能耗管理', '设备管理'], stages: ['运营维护'], tags: ['空压站', '节能改造', '合同能源管理'],
    billing: 'year', plans: [['单站版', 1_580_000], ['效果付费', null]],
  },
  {
    key: 'andon', level: 'industrial-app', titleZh: '安灯与车间电子看板', titleEn: 'Andon and Shop-floor Boards',
    summary: '工位一键呼叫缺料、质量和设备异常，消息逐级推送并统计响应时长，车间看板实时展示生产进度。',
    features: ['工位按钮与平板呼叫', '异常逐级升级推送', '响应与处理时长统计', '车间大屏看板'],
    categories: ['生产管理'], stages: ['生产制造'], tags: ['安灯', '异常呼叫', '车间看板'],
    billing: 'month', plans: [['10 工位', 29_900], ['50 工位', 99_900]], trialDays: 30,
  },
];

// ---------------------------------------------------------------------------
// Providers (服务商)
// ---------------------------------------------------------------------------

// prettier-ignore
export const PROVIDER_BRANDS = [
  ['云鼎', 'Yunding'], ['蜀云', 'Shuyun'], ['锦数', 'Jinshu'], ['川智', 'Chuanzhi'], ['数擎', 'Shuqing'],
  ['云栈', 'Yunzhan'], ['青城', 'Qingcheng'], ['岷江', 'Minjiang'], ['芙蓉', 'Furong'], ['银杏', 'Yinxing'],
  ['睿工', 'Ruigong'], ['聚能', 'Juneng'], ['博数', 'Boshu'], ['恒云', 'Hengyun'], ['通联', 'Tonglian'],
  ['智链', 'Zhilian'], ['匠云', 'Jiangyun'], ['数智', 'Shuzhi'], ['凌云', 'Lingyun'], ['翼联', 'Yilian'],
  ['灵犀', 'Lingxi'], ['易工', 'Yigong'], ['优制', 'Youzhi'], ['精诚', 'Jingcheng'], ['云犀', 'Yunxi'],
  ['川云', 'Chuanyun'], ['工云', 'Gongyun'], ['众联', 'Zhonglian'], ['锦程', 'Jincheng'], ['蓉数', 'Rongshu'],
  ['天工', 'Tiangong'], ['海纳', 'Haina'], ['云帆', 'Yunfan'], ['嘉数', 'Jiashu'], ['远图', 'Yuantu'],
  ['链川', 'Lianchuan'], ['弘毅', 'Hongyi'], ['星云', 'Xingyun'],
] as const;

const PROVIDER_KINDS = [
  ['数字科技', 'Digital Technology', 'digital'],
  ['信息技术', 'Information Technology', 'it'],
  ['软件', 'Software', 'soft'],
  ['智能科技', 'Intelligent Technology', 'ai'],
  ['云计算', 'Cloud Computing', 'cloud'],
  ['网络科技', 'Network Technology', 'net'],
  ['工业互联网', 'Industrial Internet', 'iiot'],
  ['数据科技', 'Data Technology', 'data'],
] as const;

/** What a provider mostly sells; decides which offering templates it draws from. */
export type ProviderProfile = 'cloud' | 'saas' | 'industrial' | 'full';
export const PROVIDER_PROFILES: readonly ProviderProfile[] = ['cloud', 'saas', 'industrial', 'saas', 'full'];

const PROFILE_LEVELS: Record<ProviderProfile, readonly AdoptionLevel[]> = {
  cloud: ['iaas', 'paas'],
  saas: ['saas', 'paas', 'industrial-app'],
  industrial: ['platform', 'industrial-app', 'paas'],
  full: ['iaas', 'paas', 'saas', 'platform', 'industrial-app'],
};

export function templatesForProfile(profile: ProviderProfile): readonly OfferingTemplate[] {
  const levels = PROFILE_LEVELS[profile];
  return OFFERING_TEMPLATES.filter((t) => levels.includes(t.level));
}

export interface ProviderIdentity {
  nameZh: string;
  nameEn: string;
  brandZh: string;
  brandEn: string;
  slug: string;
  profile: ProviderProfile;
}

/**
 * e.g. 四川云鼎数字科技有限公司 / Sichuan Yunding Digital Technology Co., Ltd. Distinct for the
 * first 38 × 8 indexes; the place part is the 市州 (or 四川 for some Chengdu companies).
 */
export function providerIdentity(index: number, location: string): ProviderIdentity {
  const [brandZh, brandEn] = PROVIDER_BRANDS[
    index % PROVIDER_BRANDS.length
  ] as (typeof PROVIDER_BRANDS)[number];
  const kindIndex = (index * 3 + Math.floor(index / PROVIDER_BRANDS.length)) % PROVIDER_KINDS.length;
  const [kindZh, kindEn, kindSlug] = PROVIDER_KINDS[kindIndex] as (typeof PROVIDER_KINDS)[number];
  let placeZh: string;
  let placeEn: string;
  if (location === OUT_OF_PROVINCE) {
    const city = outOfProvinceCity(index);
    [placeZh, placeEn] = [city.zh, city.en];
  } else if (location === '5101' && index % 2 === 0) {
    [placeZh, placeEn] = ['四川', 'Sichuan'];
  } else {
    [placeZh, placeEn] = [prefectureShortName(location), prefectureEnglishName(location)];
  }
  return {
    nameZh: `${placeZh}${brandZh}${kindZh}有限公司`,
    nameEn: `${placeEn} ${brandEn} ${kindEn} Co., Ltd.`,
    brandZh,
    brandEn,
    slug: `${brandEn.toLowerCase()}-${kindSlug}`,
    profile: PROVIDER_PROFILES[index % PROVIDER_PROFILES.length] as ProviderProfile,
  };
}

const CERTIFICATION_POOL: readonly Certification[] = [
  'mlps2',
  'mlps3',
  'iso27001',
  'iso20000',
  'trusted-cloud',
  'itss',
];

export function fakeProviderDetails(
  rng: Rng,
  index: number,
  location: string,
): Omit<ProviderInsert, 'id' | 'uscc' | 'status' | 'ownerUserId'> {
  const who = providerIdentity(index, location);
  const certifications: string[] = rng.sample(CERTIFICATION_POOL, rng.int(0, 3));
  // 双跨平台 is a national list of a few dozen platforms: only some industrial providers.
  if (who.profile === 'industrial' && location === OUT_OF_PROVINCE)
    certifications.push('cross-industry-platform');
  const area = location === OUT_OF_PROVINCE ? outOfProvinceCity(index).area : (AREA_CODES[location] ?? '028');
  return {
    nameZh: who.nameZh,
    nameEn: who.nameEn,
    prefecture: location,
    certifications,
    website: `https://www.${who.slug}.example.com`,
    contactName: fakePersonName(rng),
    contactEmail: `bd@${who.slug}.example.com`,
    contactPhone: fakePhone(rng, area),
  };
}

// ---------------------------------------------------------------------------
// Offerings (服务产品) and plans
// ---------------------------------------------------------------------------

export type PlanDraft = Pick<OfferingPlanInsert, 'name' | 'priceFen' | 'billing' | 'trialDays'>;

// prettier-ignore
const SIZE_CHOICES: readonly (readonly string[])[] = [
  [], [], ['micro', 'small'], ['small', 'medium'], ['micro', 'small', 'medium'], ['medium', 'large'],
];

/** ¥ amounts as sellers write them: whole yuan, tens of yuan, or hundreds of yuan. */
function roundPrice(fen: number): number {
  const step = fen < 10_000 ? 100 : fen < 1_000_000 ? 1_000 : 10_000;
  return Math.max(step, Math.round(fen / step) * step);
}

function fakePlans(rng: Rng, t: OfferingTemplate): PlanDraft[] {
  const factor = rng.float(0.85, 1.25);
  const count = Math.min(3, rng.int(1, t.plans.length));
  const specs: PlanSpec[] = t.plans.slice(0, count);
  // Some sellers add a 面议 tier for large customers.
  const last = specs[specs.length - 1];
  if (specs.length < 3 && last && last[1] !== null && rng.chance(0.2)) specs.push(['定制版', null]);
  return specs.map(([name, fen]) => {
    if (fen === null) return { name, priceFen: null, billing: 'quote', trialDays: null };
    const trial = t.trialDays && rng.chance(0.7) ? t.trialDays : null;
    return { name, priceFen: roundPrice(fen * factor), billing: t.billing, trialDays: trial };
  });
}

const DIVISION_NAMES = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d.nameZh]));
const GENERIC_INDUSTRY_CHOICES = [
  '13',
  '14',
  '15',
  '21',
  '26',
  '29',
  '30',
  '33',
  '34',
  '35',
  '36',
  '38',
  '39',
];

export interface OfferingDraft {
  offering: Omit<OfferingInsert, 'id' | 'providerId' | 'externalId' | 'status'>;
  plans: PlanDraft[];
}

/** An offering of `template` as sold by `provider`, with 1–3 plans. */
export function fakeOffering(
  rng: Rng,
  template: OfferingTemplate,
  provider: { nameZh: string; brandZh: string; brandEn: string; prefecture: string },
): OfferingDraft {
  const t = template;
  let industries: string[] = [...(t.industries ?? [])];
  if (!t.industries && (t.level === 'saas' || t.level === 'industrial-app') && rng.chance(0.3)) {
    industries = rng.sample(GENERIC_INDUSTRY_CHOICES, rng.int(1, 4)).sort();
  }
  const sizes = t.level === 'platform' ? ['small', 'medium', 'large'] : [...rng.pick(SIZE_CHOICES)];
  let regions: string[] = [];
  if (provider.prefecture !== OUT_OF_PROVINCE && rng.chance(0.3)) {
    const others = PREFECTURES.map((p) => p.code).filter((c) => c !== provider.prefecture);
    regions = [provider.prefecture, ...rng.sample(others, rng.int(0, 3))].sort();
  }
  // 云鼎 MES…, 蜀云 云主机 (not 蜀云云主机), 云鼎物联网平台.
  const space =
    /^[A-Za-z]/.test(t.titleZh) || (provider.brandZh.endsWith('云') && t.titleZh.startsWith('云')) ? ' ' : '';
  const lines = [t.summary, '', '主要功能：', ...t.features.map((f, i) => `${i + 1}. ${f}`), ''];
  if (industries.length > 0) {
    lines.push(`适用行业：${industries.map((c) => DIVISION_NAMES.get(c) ?? c).join('、')}`);
  }
  lines.push(`服务说明：由${provider.nameZh}提供开通、上线实施、操作培训和7×12 小时运维支持。`);
  return {
    offering: {
      titleZh: `${provider.brandZh}${space}${t.titleZh}`,
      titleEn: `${provider.brandEn} ${t.titleEn}`,
      summary: t.summary,
      description: lines.join('\n'),
      level: t.level,
      categories: [...t.categories],
      stages: [...t.stages],
      industries,
      sizes,
      regions,
      tags: [...t.tags],
    },
    plans: fakePlans(rng, t),
  };
}

// ---------------------------------------------------------------------------
// Test helpers: plain insert objects with fresh nanoid ids and deterministic content.
// Their USCCs use the test series, so they never collide with seeded rows.
// ---------------------------------------------------------------------------

/** Enterprise number `i` (deterministic apart from the id); overrides win. */
export function buildEnterpriseInput(i: number, overrides: Partial<EnterpriseInsert> = {}): EnterpriseInsert {
  const rng = createRng(hashSeed('test-enterprise', i));
  const base = fakeEnterprise(rng, { prefecture: overrides.prefecture, industry: overrides.industry });
  const row = { ...base, ...overrides };
  const sizeClass =
    overrides.sizeClass ??
    classifyEnterpriseSize({
      sector: sectorOfIndustry(row.industry),
      employees: row.employees ?? null,
      revenueWan: row.revenueWan ?? null,
    });
  return {
    id: nanoid(),
    uscc: makeSeedUscc('test-enterprise', i, `${row.prefecture}00`),
    ownerUserId: null,
    ...row,
    sizeClass,
  };
}

/** An approved provider number `i` in a rotating 市州 (every 7th out of province); overrides win. */
export function buildProviderInput(i: number, overrides: Partial<ProviderInsert> = {}): ProviderInsert {
  const rng = createRng(hashSeed('test-provider', i));
  const location =
    overrides.prefecture ??
    (i % 7 === 6 ? OUT_OF_PROVINCE : (PREFECTURES[i % PREFECTURES.length]?.code ?? '5101'));
  return {
    id: nanoid(),
    uscc: makeSeedUscc('test-provider', i, regionCodeOf(location, i)),
    status: 'approved',
    ownerUserId: null,
    ...fakeProviderDetails(rng, i, location),
    ...overrides,
  };
}

const LEVEL_ORDER: readonly AdoptionLevel[] = ['iaas', 'paas', 'saas', 'platform', 'industrial-app'];

/** Levels rotate with the index, so any 5 consecutive indexes cover every level. */
function templateForIndex(i: number): OfferingTemplate {
  const level = LEVEL_ORDER[i % LEVEL_ORDER.length];
  const ofLevel = OFFERING_TEMPLATES.filter((t) => t.level === level);
  return ofLevel[Math.floor(i / LEVEL_ORDER.length) % ofLevel.length] as OfferingTemplate;
}

/**
 * A published offering number `i` (its level is i mod 5 in the order iaas, paas, saas,
 * platform, industrial-app). Pass `{ providerId }`: the row references a provider.
 */
export function buildOfferingInput(i: number, overrides: Partial<OfferingInsert> = {}): OfferingInsert {
  const rng = createRng(hashSeed('test-offering', i));
  const template = templateForIndex(i);
  const who = providerIdentity(i, '5101');
  const { offering } = fakeOffering(rng, template, { ...who, prefecture: '5101' });
  return {
    id: nanoid(),
    providerId: '',
    externalId: `${template.key}-${i}`,
    status: 'published',
    submittedAt: '2025-06-01T02:00:00.000Z',
    publishedAt: '2025-06-03T02:00:00.000Z',
    ...offering,
    ...overrides,
  };
}

/** The 1–3 plans of offering number `i` (same content as the seed would give its template). */
export function buildOfferingPlanInputs(offeringId: string, i: number): OfferingPlanInsert[] {
  const rng = createRng(hashSeed('test-offering', i));
  const template = templateForIndex(i);
  const who = providerIdentity(i, '5101');
  const { plans } = fakeOffering(rng, template, { ...who, prefecture: '5101' });
  return plans.map((p, position) => ({ id: nanoid(), offeringId, position, ...p }));
}
