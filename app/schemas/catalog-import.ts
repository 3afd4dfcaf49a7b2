/**
 * The catalog import format (docs/formats/catalog-import.md), checked entry by entry so a
 * report can list every problem with its path (`[3].offerings[12].plans[0].priceFen: must be
 * an integer ≥ 0`). Messages are plain English sentences rather than i18n keys: the same
 * report is printed by `catalog:import` and shown by the provider console's upload form.
 */
import { z } from 'zod';
import { ADOPTION_LEVEL_IDS } from '~/domain/adoption-levels';
import { BILLING_CYCLES, CATEGORIES, CERTIFICATIONS, STAGES } from '~/domain/catalog-vocabulary';
import { isManufacturingCode } from '~/domain/industries';
import { isPrefectureCode, isProviderLocation } from '~/domain/prefectures';
import { parseUscc } from '~/domain/uscc';

export const MAX_OFFERINGS_PER_PROVIDER = 500;
export const EXTERNAL_ID_PATTERN = /^[a-z0-9-]{3,64}$/;
const SIZES = ['micro', 'small', 'medium', 'large'] as const;

const ids = (terms: readonly { id: string }[]) => terms.map((t) => t.id);
const CATEGORY_IDS = ids(CATEGORIES);
const STAGE_IDS = ids(STAGES);
const CERTIFICATION_IDS = ids(CERTIFICATIONS);
const BILLING_IDS = ids(BILLING_CYCLES) as ['month', 'year', 'once', 'quote'];
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;

const length = (s: string) => [...s].length;

/** Trimmed text of min–max characters (code points, so 80 Chinese characters are 80). */
const text = (min: number, max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .superRefine((s, ctx) => {
      if (min > 0 && s.length === 0) ctx.addIssue({ code: 'custom', message: 'is required' });
      else if (length(s) < min)
        ctx.addIssue({ code: 'custom', message: `must be at least ${min} characters` });
      else if (length(s) > max)
        ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters` });
    });

/** Optional text: absent, null or blank all mean "not given". */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    text(0, max).optional(),
  );

/** A list of known values, duplicates dropped. */
const valueList = (
  isValue: (v: string) => boolean,
  message: string,
  opts: { min?: number; max?: number } = {},
) =>
  z
    .array(z.string({ error: message }).refine(isValue, { message }), { error: 'must be a list' })
    .superRefine((list, ctx) => {
      if (opts.min !== undefined && list.length < opts.min)
        ctx.addIssue({ code: 'custom', message: `must have at least ${opts.min}` });
      if (opts.max !== undefined && list.length > opts.max)
        ctx.addIssue({ code: 'custom', message: `must have at most ${opts.max}` });
    })
    .transform((list) => [...new Set(list)]);

const enumOf = <T extends string>(values: readonly T[]) =>
  z.enum(values as [T, ...T[]], { error: oneOf(values) });

const wholeNumber = (message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .min(0, { error: message })
    .max(Number.MAX_SAFE_INTEGER, { error: message });

export const ImportPlanSchema = z
  .object({
    name: text(1, 50),
    priceFen: z.union([wholeNumber('must be an integer ≥ 0 (fen), or null for 面议'), z.null()], {
      error: 'must be an integer ≥ 0 (fen), or null for 面议',
    }),
    billing: enumOf(BILLING_IDS),
    trialDays: z.preprocess(
      (v) => (v === null ? undefined : v),
      wholeNumber('must be an integer ≥ 0').max(3650, { error: 'must be at most 3650' }).optional(),
    ),
  })
  // 面议 (no price) is only honest for a plan billed on quote, as in the console's form.
  .superRefine((plan, ctx) => {
    if (plan.priceFen === null && plan.billing !== 'quote') {
      ctx.addIssue({
        code: 'custom',
        path: ['billing'],
        message: 'must be "quote" when priceFen is null (面议)',
      });
    }
  })
  .transform((p) => ({
    name: p.name,
    priceFen: p.priceFen,
    billing: p.billing,
    trialDays: p.trialDays ?? null,
  }));

export const ImportOfferingSchema = z.object({
  externalId: z
    .string({ error: 'is required' })
    .regex(EXTERNAL_ID_PATTERN, { error: 'must be 3–64 characters of a-z, 0-9 and -' }),
  title: text(2, 80),
  titleEn: optionalText(160),
  summary: text(1, 200),
  description: optionalText(5000),
  level: enumOf(ADOPTION_LEVEL_IDS),
  categories: valueList((v) => CATEGORY_IDS.includes(v), oneOf(CATEGORY_IDS), { min: 1, max: 5 }),
  stages: valueList((v) => STAGE_IDS.includes(v), oneOf(STAGE_IDS)).optional(),
  industries: valueList(
    isManufacturingCode,
    'must be a GB/T 4754 manufacturing division code from "13" to "43"',
  ).optional(),
  sizes: valueList((v) => (SIZES as readonly string[]).includes(v), oneOf(SIZES)).optional(),
  regions: valueList(isPrefectureCode, 'must be a Sichuan 市州 code such as 5101').optional(),
  plans: z
    .array(ImportPlanSchema, { error: 'must be a list of plans' })
    .min(1, { error: 'must have at least 1 plan' })
    .max(10, { error: 'must have at most 10 plans' }),
  tags: z
    .array(text(1, 20), { error: 'must be a list' })
    .max(20, { error: 'must have at most 20 tags' })
    .transform((list) => [...new Set(list)])
    .optional(),
});

const usccField = z.string({ error: 'is required' }).transform((input, ctx) => {
  const result = parseUscc(input);
  if (!result.ok) {
    const why = {
      length: 'must be 18 characters',
      format: 'has characters a 统一社会信用代码 cannot contain',
      checksum: 'has a wrong check character',
    }[result.error];
    ctx.addIssue({ code: 'custom', message: `is not a valid 统一社会信用代码: ${why}` });
    return z.NEVER;
  }
  return result.value;
});

export const ImportProviderSchema = z.object({
  name: text(2, 100),
  nameEn: optionalText(120),
  uscc: usccField,
  prefecture: z
    .string({ error: 'is required' })
    .refine(isProviderLocation, { error: 'must be a Sichuan 市州 code such as 5101, or out-of-province' }),
  certifications: valueList((v) => CERTIFICATION_IDS.includes(v), oneOf(CERTIFICATION_IDS)).optional(),
  website: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: 'must be text' })
      .trim()
      .max(200, { error: 'must be at most 200 characters' })
      .pipe(z.url({ protocol: /^https?$/, error: 'must be a well-formed http(s) URL' }))
      .optional(),
  ),
  contactEmail: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: 'must be text' })
      .trim()
      .max(254, { error: 'must be at most 254 characters' })
      .pipe(z.email({ error: 'must be a well-formed email address' }))
      .transform((s) => s.toLowerCase())
      .optional(),
  ),
  contactPhone: optionalText(20).refine((v) => v === undefined || /^[0-9+\-() ]{7,20}$/.test(v), {
    error: 'must be a phone number such as 028-12345678',
  }),
});

export const ImportEntrySchema = z.object({
  provider: ImportProviderSchema,
  offerings: z
    .array(z.unknown(), { error: 'must be a list of offerings' })
    .max(MAX_OFFERINGS_PER_PROVIDER, { error: `must have at most ${MAX_OFFERINGS_PER_PROVIDER} offerings` }),
});

export type ImportProvider = z.output<typeof ImportProviderSchema>;
export type ImportOffering = z.output<typeof ImportOfferingSchema>;
export type ImportPlan = z.output<typeof ImportPlanSchema>;

export interface ImportIssue {
  /** Where, as in the file: `[3].offerings[12].plans[0].priceFen` ('' for the whole file). */
  path: string;
  message: string;
}

export interface ValidEntry {
  index: number;
  provider: ImportProvider;
  offerings: ImportOffering[];
}

// Built-in checks without their own message (an object where a string was expected, say) read
// as plain words too, whatever error map the rest of the app has configured.
const fallback = (issue: { code: string; input?: unknown }) =>
  issue.code === 'invalid_type'
    ? issue.input === undefined
      ? 'is required'
      : 'has the wrong type'
    : 'is not valid';

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[]): ImportIssue[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

/**
 * Checks one provider entry: every problem, with its path. Offerings are checked one by one, so
 * a bad offering does not hide the problems of the next.
 */
export function validateEntry(
  raw: unknown,
  index: number,
): { entry: ValidEntry | null; issues: ImportIssue[] } {
  const head = ImportEntrySchema.safeParse(raw, { error: fallback });
  // The offerings are checked even when the provider part is wrong, so one report lists everything.
  const rawOfferings = head.success
    ? head.data.offerings
    : raw && typeof raw === 'object' && Array.isArray((raw as { offerings?: unknown }).offerings)
      ? (raw as { offerings: unknown[] }).offerings
      : [];
  const issues: ImportIssue[] = head.success ? [] : issuesOf(head.error, [index]);
  const offerings: ImportOffering[] = [];
  const seen = new Map<string, number>();
  rawOfferings.forEach((o, k) => {
    const r = ImportOfferingSchema.safeParse(o, { error: fallback });
    if (!r.success) {
      issues.push(...issuesOf(r.error, [index, 'offerings', k]));
      return;
    }
    const first = seen.get(r.data.externalId);
    if (first !== undefined) {
      issues.push({
        path: formatPath([index, 'offerings', k, 'externalId']),
        message: `duplicates offerings[${first}]: an externalId must be unique within the provider`,
      });
      return;
    }
    seen.set(r.data.externalId, k);
    offerings.push(r.data);
  });
  if (!head.success) return { entry: null, issues };
  return { entry: issues.length === 0 ? { index, provider: head.data.provider, offerings } : null, issues };
}
