/**
 * The benchmark's catalog: a deterministic import file (catalog-import.md format) of any number
 * of offerings, built from the seed factories' templates and word lists, so every run measures
 * the same rows. Titles get a descriptor now and then (智能制造, 企业级 …) and every offering a few
 * generated sentences, so terms are not all equally common.
 */
import { PREFECTURES, OUT_OF_PROVINCE } from '../../app/domain/prefectures';
import {
  fakeOffering,
  fakeProviderDetails,
  makeSeedUscc,
  providerIdentity,
  regionCodeOf,
  templatesForProfile,
} from '../../db/seed/factories';
import { createRng, hashSeed } from '../../db/seed/random';

export const OFFERINGS_PER_PROVIDER = 50;

const DESCRIPTORS = [
  '',
  '',
  '',
  '智能',
  '企业级',
  '轻量版',
  '行业版',
  '智能制造',
  '数字化',
  '一体化',
  '云原生',
  'AI',
];
const SENTENCES = [
  '支持私有化部署和混合云部署，满足数据不出厂的要求。',
  '提供7×24小时在线客服与驻场工程师，重大故障15分钟响应。',
  '已服务省内三百多家制造企业，覆盖机械、电子、食品和化工行业。',
  '通过等保三级测评，数据加密存储并每日异地备份。',
  '开放API接口，可对接ERP、MES、WMS等现有系统。',
  '支持移动端和大屏展示，管理者随时掌握生产经营情况。',
  '按需订阅，免去一次性硬件投入，适合中小企业数字化转型。',
  '提供上云咨询、数据迁移和操作培训，两周内完成上线。',
  'Supports single sign-on, open APIs and data export for equipment monitoring and energy reports.',
  '可申请省级企业上云补贴和云服务券抵扣。',
];

export interface BenchEntry {
  provider: Record<string, unknown>;
  offerings: Record<string, unknown>[];
}

/** `count` offerings in provider entries of OFFERINGS_PER_PROVIDER, all deterministic. */
export function benchCatalog(count: number): BenchEntry[] {
  const entries: BenchEntry[] = [];
  const providerCount = Math.ceil(count / OFFERINGS_PER_PROVIDER);
  for (let p = 0; p < providerCount; p++) {
    const rng = createRng(hashSeed('bench-provider', p));
    const location = p % 9 === 8 ? OUT_OF_PROVINCE : (PREFECTURES[p % PREFECTURES.length]?.code ?? '5101');
    const who = providerIdentity(p, location);
    const details = fakeProviderDetails(rng, p, location);
    const templates = templatesForProfile(who.profile);
    const offerings: Record<string, unknown>[] = [];
    const n = Math.min(OFFERINGS_PER_PROVIDER, count - p * OFFERINGS_PER_PROVIDER);
    for (let k = 0; k < n; k++) {
      const orng = createRng(hashSeed('bench-offering', p, k));
      const template = templates[k % templates.length]!;
      const { offering, plans } = fakeOffering(orng, template, { ...who, prefecture: location });
      const descriptor = orng.pick(DESCRIPTORS);
      const extra = orng.sample(SENTENCES, orng.int(1, 3)).join('');
      offerings.push({
        externalId: `${template.key}-${k}`,
        title:
          `${offering.titleZh}${descriptor ? ` ${descriptor}` : ''}${k >= templates.length ? ` ${Math.floor(k / templates.length) + 1}` : ''}`.slice(
            0,
            80,
          ),
        titleEn: offering.titleEn,
        summary: offering.summary,
        description: `${offering.description}\n${extra}`,
        level: offering.level,
        categories: offering.categories,
        stages: offering.stages,
        industries: offering.industries,
        sizes: offering.sizes,
        regions: offering.regions,
        tags: offering.tags,
        plans: plans.map((plan) => ({
          name: plan.name,
          priceFen: plan.priceFen,
          billing: plan.billing,
          ...(plan.trialDays ? { trialDays: plan.trialDays } : {}),
        })),
      });
    }
    entries.push({
      provider: {
        name: who.nameZh,
        nameEn: who.nameEn,
        uscc: makeSeedUscc('test-provider', 100_000 + p, regionCodeOf(location, p)),
        prefecture: location,
        certifications: details.certifications,
        website: details.website,
        contactEmail: details.contactEmail,
        contactPhone: details.contactPhone,
      },
      offerings,
    });
  }
  return entries;
}
