import { z } from '~/i18n/zod';
import { parseUscc } from '~/domain/uscc';
import { isPrefectureCode, isProviderLocation } from '~/domain/prefectures';
import { isDivisionCode } from '~/domain/industries';
import { CERTIFICATIONS } from '~/domain/catalog-vocabulary';

/** 统一社会信用代码: normalised and checked by GB 32100-2015 (app/domain/uscc.ts). */
export const usccField = z.string().transform((input, ctx) => {
  const result = parseUscc(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `uscc.${result.error}` });
    return z.NEVER;
  }
  return result.value;
});

export const emailField = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((s) => s.toLowerCase());

export const newPasswordField = z.string().min(10).max(200);

export const prefectureField = z.string().refine(isPrefectureCode, 'errors.choice');
export const providerLocationField = z.string().refine(isProviderLocation, 'errors.choice');
export const industryField = z.string().refine(isDivisionCode, 'errors.choice');

const CERTIFICATION_IDS = CERTIFICATIONS.map((c) => c.id) as [string, ...string[]];
export const certificationsField = z.array(z.enum(CERTIFICATION_IDS)).max(CERTIFICATION_IDS.length).default([]);

/** A count of people: optional (an SME may not know it yet), whole, not negative. */
export const employeesField = z.number().int('errors.integer').min(0).max(10_000_000).optional();
/** 万元, up to two decimals. */
export const revenueWanField = z.number().min(0).max(1_000_000_000).optional();

export const phoneField = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{7,20}$/, 'errors.phone');

export const urlField = z
  .string()
  .trim()
  .max(200)
  .pipe(z.url({ protocol: /^https?$/ }));
