import { z } from '~/i18n/zod';
import { isAdoptionLevel, type AdoptionLevel } from '~/domain/adoption-levels';
import { isDivisionCode } from '~/domain/industries';
import { isPrefectureCode } from '~/domain/prefectures';
import { employeesField, revenueWanField } from './fields';

// The GET forms of the match pages. Both are read from the URL (a shared link shows the same
// page) by Conform in the loader and in the browser.

/** Matches per page on the full pages; the console home shows the first few. */
export const MATCHES_PAGE_SIZE = 10;
export const MATCHES_HOME_COUNT = 3;

/** A page number is navigation, not input: a typed or stale bad one falls back to the first page. */
const pageField = z.number().int().min(1).max(10_000).optional().catch(undefined);

/** 找适合我的: what a visitor tells about a firm like theirs. Numbers only serve the 2017 size rules. */
export const FitFormSchema = z.object({
  industry: z.string({ error: 'matchPages.fitIndustryRequired' }).refine(isDivisionCode, 'errors.choice'),
  prefecture: z
    .string({ error: 'matchPages.fitPrefectureRequired' })
    .refine(isPrefectureCode, 'errors.choice'),
  employees: employeesField,
  revenueWan: revenueWanField,
  page: pageField,
});
export type FitForm = z.output<typeof FitFormSchema>;

/** The fields of the fit form: any of them in the URL means the form was sent (even all empty). */
export const FIT_FORM_FIELDS = ['industry', 'prefecture', 'employees', 'revenueWan'] as const;

/** Yuan with at most two decimals (fen are whole), as typed in a budget field. */
const yuanField = z
  .number()
  .min(0)
  .max(100_000_000)
  .refine((yuan) => Math.abs(yuan * 100 - Math.round(yuan * 100)) < 1e-6, 'matchPages.budgetCents')
  .optional();

/** The SME page's filters: levels to show, a monthly budget in yuan, a need in words. */
export const SmeMatchesQuerySchema = z.object({
  // One error on the group (not on the n-th box) for a level that is not ours, e.g. a hand-edited URL.
  level: z
    .array(z.string())
    .default([])
    .refine((levels) => levels.every(isAdoptionLevel), 'errors.choice')
    .transform((levels) => [...new Set(levels)] as AdoptionLevel[]),
  budget: yuanField,
  q: z.string().trim().max(100).optional(),
  page: pageField,
});
export type SmeMatchesQuery = z.output<typeof SmeMatchesQuerySchema>;

/** Money is kept in integer fen (分); the form speaks yuan. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
