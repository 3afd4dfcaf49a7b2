import { z } from '~/i18n/zod';
import { ADOPTION_LEVELS } from '~/domain/adoption-levels';
import { BILLING_CYCLES, CATEGORIES, OFFERING_STATUSES, STAGES, type OfferingStatus, type ProviderStatus } from '~/domain/catalog-vocabulary';
import { MANUFACTURING_DIVISION_CODES } from '~/domain/industries';
import { PREFECTURES } from '~/domain/prefectures';
import { MAX_PLANS, OFFERING_SIZES, fenToYuanInput } from '~/domain/offering-options';

// Field rules follow docs/formats/catalog-import.md so a form-made offering and an
// imported one are held to the same standard.

export const EXTERNAL_ID_PATTERN = /^[a-z0-9-]{3,64}$/;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 20;
/** 1 亿元: far above any listed plan; keeps fen well inside a safe integer. */
const MAX_PRICE_YUAN_DIGITS = 9;

export { MAX_PLANS, OFFERING_SIZES, fenToYuanInput };

const ids = <T extends { id: string }>(terms: readonly T[]) => terms.map((t) => t.id) as [T['id'], ...T['id'][]];
const LEVEL_IDS = ids(ADOPTION_LEVELS);
const CATEGORY_IDS = ids(CATEGORIES);
const STAGE_IDS = ids(STAGES);
const BILLING_IDS = ids(BILLING_CYCLES);
const STATUS_IDS = ids(OFFERING_STATUSES);
const PREFECTURE_CODES = PREFECTURES.map((p) => p.code) as [string, ...string[]];
const MANUFACTURING_CODES = [...MANUFACTURING_DIVISION_CODES] as [string, ...string[]];

export type PriceParse = { ok: true; fen: number } | { ok: false; error: string };

/**
 * A price typed in 元 (yuan) → integer fen, computed on the digits so '980.50' is exactly
 * 98050 (no float rounding). Thousands separators and a leading ¥ are forgiven; a third
 * decimal is refused rather than rounded, because rounding would change what the provider typed.
 */
export function parseYuanToFen(input: string): PriceParse {
  const text = input.trim().replace(/^[¥￥]\s*/, '').replace(/[,，]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: 'provider.priceFormat' };
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: 'provider.priceDecimals' };
  if (whole.length > MAX_PRICE_YUAN_DIGITS) return { ok: false, error: 'provider.priceTooBig' };
  return { ok: true, fen: Number(whole) * 100 + Number(decimals.padEnd(2, '0')) };
}

/** Tags typed as one line: separated by commas (half or full width), 、, ; or spaces; duplicates dropped. */
export function parseTags(input: string | undefined): string[] {
  if (!input) return [];
  const seen = new Set<string>();
  for (const raw of input.split(/[,，、;；\s]+/)) {
    const tag = raw.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join('、');
}

const tagsField = z
  .string()
  .optional()
  .transform((input, ctx) => {
    const tags = parseTags(input);
    if (tags.length > MAX_TAGS) ctx.addIssue({ code: 'custom', message: `provider.tagsTooMany|max=${MAX_TAGS}` });
    if (tags.some((t) => [...t].length > MAX_TAG_LENGTH)) {
      ctx.addIssue({ code: 'custom', message: `provider.tagTooLong|max=${MAX_TAG_LENGTH}` });
    }
    return tags;
  });

const priceField = z
  .string()
  .optional()
  .transform((input, ctx): number | null => {
    if (input === undefined || input.trim() === '') return null;
    const result = parseYuanToFen(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    return result.fen;
  });

export const PlanSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    price: priceField,
    billing: z.enum(BILLING_IDS),
    trialDays: z.number().int('errors.integer').min(0).max(3650).optional(),
  })
  // 面议 (no price) is only honest for a plan billed on quote. Checked even when other
  // fields of the plan are wrong, so every error shows on the first submit.
  .refine((plan) => plan.price !== null || plan.billing === 'quote', {
    path: ['price'],
    message: 'provider.priceRequired',
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'price' || i.path?.[0] === 'billing'),
  })
  .transform((plan) => ({ name: plan.name, priceFen: plan.price, billing: plan.billing, trialDays: plan.trialDays ?? null }));

const uniqueList = <T extends string>(values: T[]) => [...new Set(values)];

export const OfferingSchema = z.object({
  externalId: z
    .string()
    .trim()
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(EXTERNAL_ID_PATTERN, 'provider.externalIdFormat')),
  title: z.string().trim().min(2).max(80),
  titleEn: z.string().trim().max(160).optional(),
  summary: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  level: z.enum(LEVEL_IDS),
  categories: z.array(z.enum(CATEGORY_IDS)).min(1, 'provider.categoriesRange').max(5, 'provider.categoriesRange').transform(uniqueList),
  stages: z.array(z.enum(STAGE_IDS)).transform(uniqueList),
  industries: z.array(z.enum(MANUFACTURING_CODES)).transform(uniqueList),
  sizes: z.array(z.enum(OFFERING_SIZES)).transform(uniqueList),
  regions: z.array(z.enum(PREFECTURE_CODES)).transform(uniqueList),
  tags: tagsField,
  plans: z.array(PlanSchema).min(1, 'provider.plansRange').max(MAX_PLANS, 'provider.plansRange'),
});

export type OfferingFormInput = z.input<typeof OfferingSchema>;
export type OfferingInput = z.output<typeof OfferingSchema>;

/** The stored offering as the form's default value (prices back in 元, tags as one line). */
export function offeringToFormValue(o: {
  externalId: string;
  titleZh: string;
  titleEn: string | null;
  summary: string;
  description: string;
  level: string;
  categories: string[];
  stages: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  tags: string[];
  plans: { name: string; priceFen: number | null; billing: string; trialDays: number | null }[];
}) {
  return {
    externalId: o.externalId,
    title: o.titleZh,
    titleEn: o.titleEn ?? '',
    summary: o.summary,
    description: o.description,
    level: o.level,
    categories: o.categories,
    stages: o.stages,
    industries: o.industries,
    sizes: o.sizes,
    regions: o.regions,
    tags: formatTags(o.tags),
    plans: o.plans.map((p) => ({
      name: p.name,
      price: fenToYuanInput(p.priceFen),
      billing: p.billing,
      trialDays: p.trialDays === null ? '' : String(p.trialDays),
    })),
  };
}

// ——— Status rules (服务产品状态) ———
// draft → submitted → published | rejected; rejected → draft (on edit) or submitted;
// published → archived. A submitted offering waits for the official; a published one
// changes only through the later revision flow.

export function canEditOffering(status: OfferingStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

export function canSubmitOffering(status: OfferingStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

export function canDeleteOffering(status: OfferingStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

export function canArchiveOffering(status: OfferingStatus): boolean {
  return status === 'published';
}

/** Drafts may be prepared while the application is pending or even rejected; a suspended provider is frozen. */
export function providerCanPrepare(status: ProviderStatus): boolean {
  return status !== 'suspended';
}

/** Only a vetted (approved) provider sends offerings to officials. */
export function providerCanSubmit(status: ProviderStatus): boolean {
  return status === 'approved';
}

/** The minimum an offering needs before an official sees it (imported rows may predate the form's rules). */
export function offeringProblems(o: { titleZh: string; summary: string; categories: string[]; plans: { priceFen: number | null; billing: string }[] }): string[] {
  const problems: string[] = [];
  if (o.titleZh.trim().length < 2) problems.push('provider.problemTitle');
  if (!o.summary.trim()) problems.push('provider.problemSummary');
  if (o.categories.length < 1 || o.categories.length > 5) problems.push('provider.categoriesRange');
  if (o.plans.length < 1 || o.plans.length > MAX_PLANS) problems.push('provider.plansRange');
  if (o.plans.some((p) => p.priceFen === null && p.billing !== 'quote')) problems.push('provider.priceRequired');
  return problems;
}

/** List query (?status=…&page=…): anything unreadable falls back to all statuses, first page. */
export const OfferingListQuerySchema = z.object({
  status: z.enum(STATUS_IDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
