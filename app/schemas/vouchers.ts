import { z } from '~/i18n/zod';
import { parseIsoDate } from '~/domain/adoption-dates';
import { ADOPTION_LEVELS } from '~/domain/adoption-levels';
import { SIZE_CLASSES } from '~/domain/enterprise-size';
import { PREFECTURES } from '~/domain/prefectures';
import { VOUCHER_KINDS } from '~/domain/vouchers';
import { parseYuanToFen } from './offerings';

// Cloud voucher (上云券) forms and bodies: the officials' programme form (amounts typed in 元,
// saved in fen), the SME's "apply" form on its order page and the JSON body of
// POST /api/orders/:id/voucher. Errors are message keys (app/i18n/zod.ts).

const PREFECTURE_CODES = PREFECTURES.map((p) => p.code) as [string, ...string[]];
const LEVEL_IDS = ADOPTION_LEVELS.map((l) => l.id) as [string, ...string[]];
const SIZE_IDS = SIZE_CLASSES.map((c) => c.id) as [string, ...string[]];

/** An amount in 元 → integer fen (no float rounding); `min` in fen. */
const yuanField = (min: number) =>
  z.string().transform((input, ctx) => {
    const result = parseYuanToFen(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    if (result.fen < min) {
      ctx.addIssue({ code: 'custom', message: min > 0 ? 'vouchers.errors.positive' : 'vouchers.errors.notNegative' });
      return z.NEVER;
    }
    return result.fen;
  });

const dateField = z
  .string()
  .trim()
  .refine((s) => parseIsoDate(s) !== null, 'vouchers.errors.date');

/** A list of choices from checkboxes (none ticked = any). */
const choices = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length).default([]);

/** A refinement's condition: the fields it reads passed their own checks. */
const validFields =
  (...names: string[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((i) => names.includes(String(i.path?.[0])));

/** The programme form of /official/vouchers/new and /official/vouchers/:id (create and edit alike). */
export const ProgrammeFormSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    kind: z.enum(VOUCHER_KINDS),
    amount: yuanField(1).optional(),
    percent: z.number().int('errors.integer').min(1).max(100).optional(),
    capPerOrder: yuanField(1),
    firstClaimCap: yuanField(1),
    // 0 is meaningful: one live claim per enterprise, no later ones.
    laterClaimsCap: yuanField(0),
    eligibleLevels: choices(LEVEL_IDS),
    eligibleSizeClasses: choices(SIZE_IDS),
    prefectureCodes: choices(PREFECTURE_CODES),
    budget: yuanField(1),
    validFrom: dateField,
    validUntil: dateField,
    confirmWithinDays: z.number().int('errors.integer').min(1).max(365),
  })
  // Checked even when other fields are wrong (only their own fields must be valid), so every
  // error shows on the first submit.
  .refine((v) => v.kind !== 'fixed' || v.amount !== undefined, {
    path: ['amount'],
    message: 'vouchers.errors.amountRequired',
    when: validFields('kind', 'amount'),
  })
  .refine((v) => v.kind !== 'percent' || v.percent !== undefined, {
    path: ['percent'],
    message: 'vouchers.errors.percentRequired',
    when: validFields('kind', 'percent'),
  })
  .refine((v) => v.validUntil >= v.validFrom, {
    path: ['validUntil'],
    message: 'vouchers.errors.endBeforeStart',
    when: validFields('validFrom', 'validUntil'),
  })
  .transform((v) => ({
    name: v.name,
    kind: v.kind,
    amountFen: v.kind === 'fixed' ? (v.amount ?? null) : null,
    percent: v.kind === 'percent' ? (v.percent ?? null) : null,
    capPerOrderFen: v.capPerOrder,
    firstClaimCapFen: v.firstClaimCap,
    laterClaimsCapFen: v.laterClaimsCap,
    eligibleLevels: v.eligibleLevels,
    eligibleSizeClasses: v.eligibleSizeClasses,
    prefectureCodes: v.prefectureCodes,
    budgetFen: v.budget,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    confirmWithinDays: v.confirmWithinDays,
  }));

/** The form field of a model's field name, for refusals the model makes (scope, budget below claims). */
export function programmeFormField(path: string): string {
  return path.endsWith('Fen') ? path.slice(0, -'Fen'.length) : path;
}

/** The SME's order page: apply one of the programmes offered. */
export const VoucherApplyFormSchema = z.object({
  intent: z.literal('voucher'),
  voucherProgrammeId: z.string({ error: 'vouchers.errors.choose' }).min(1, 'vouchers.errors.choose').max(40),
});

/** POST /api/orders/:id/voucher */
export const VoucherApiSchema = z.object({ voucherProgrammeId: z.string().min(1).max(40) });
