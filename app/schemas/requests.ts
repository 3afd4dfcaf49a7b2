import { z } from '~/i18n/zod';
import { parseIsoDate, todayInChina } from '~/domain/adoption-dates';
import { REQUEST_STATUSES } from '~/domain/marketplace-states';
import { parseYuanToFen } from './offerings';
import { CONTACT_PREFERENCES, QUOTE_BILLINGS } from '~/domain/request-options';

// Requests (询价) and quotes: the JSON bodies of formats/marketplace-api.md ("Requests (询价) and
// quotes", "Orders" first bullet) and the page forms that send the same things in yuan (元).
// Messages are i18n keys (app/i18n/zod.ts); `params.code` is the API's stable code for our own checks.

export { CONTACT_PREFERENCES, QUOTE_BILLINGS };

/** A real YYYY-MM-DD day, today or later in China (a wish date or a validity cannot lie in the past). */
export const dateFromTodayField = z.string().transform((input, ctx) => {
  const date = parseIsoDate(input);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'requests.errors.date', params: { code: 'invalid_date' } });
    return z.NEVER;
  }
  if (date < todayInChina(new Date())) {
    ctx.addIssue({ code: 'custom', message: 'requests.errors.pastDate', params: { code: 'date_in_past' } });
    return z.NEVER;
  }
  return date;
});

const idField = z.string().min(1).max(40);
/** An enum whose absence the API reports as `required` (zod reports a missing enum as invalid_value). */
const requiredEnum = <T extends readonly [string, ...string[]]>(values: T) => z.string().pipe(z.enum(values));
const messageField = z.string().trim().min(10).max(2000);
const bodyField = z.string().trim().min(1).max(2000);
const termsField = z.string().trim().max(2000);
const reasonField = z.string().trim().max(2000);

/** POST /api/requests */
export const RequestApiSchema = z.object({
  offeringId: idField,
  planId: idField.nullish(),
  message: messageField,
  budgetFen: z.number().int('errors.integer').min(0).nullish(),
  wantedBy: dateFromTodayField.nullish(),
  contact: requiredEnum(CONTACT_PREFERENCES),
});

/** POST /api/requests/:id/messages */
export const MessageApiSchema = z.object({ body: bodyField });

/** POST /api/requests/:id/quotes */
export const QuoteApiSchema = z.object({
  priceFen: z.number().int('errors.integer').min(0),
  billing: requiredEnum(QUOTE_BILLINGS),
  terms: termsField.default(''),
  validUntil: dateFromTodayField,
});

/** POST /api/quotes/:id/decline */
export const DeclineApiSchema = z.object({ reason: reasonField.nullish() });

/** POST /api/orders */
export const OrderApiSchema = z.object({
  offeringId: idField,
  planId: idField,
  // 上云券 programmes arrive with a later issue: accepted now so clients need not change then.
  voucherProgrammeId: idField.nullish(),
});

/** GET /api/leads and GET /api/requests: a wrong value is the caller's mistake (422), not a default. */
export const RequestListQuerySchema = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The list pages' query: navigation, not input — a typed or stale bad value falls back to the default. */
export const RequestsPageQuerySchema = z.object({
  status: z.enum(REQUEST_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Yuan as typed (980 or 980.50), kept as integer fen; empty = none. */
const yuanField = z
  .string()
  .optional()
  .transform((input, ctx): number | undefined => {
    if (input === undefined || input.trim() === '') return undefined;
    const result = parseYuanToFen(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    return result.fen;
  });

/** The offering page's 申请服务 form. */
export const RequestFormSchema = z.object({
  message: messageField,
  planId: idField.optional(),
  budget: yuanField,
  wantedBy: dateFromTodayField.optional(),
  contact: z.enum(CONTACT_PREFERENCES, { error: 'requests.errors.contact' }),
});

/** The thread pages' forms, told apart by `intent` (each is a plain POST, so they work without JavaScript). */
export const MessageFormSchema = z.object({ intent: z.literal('message'), body: bodyField });
export const WithdrawFormSchema = z.object({ intent: z.literal('withdraw') });
export const AcceptFormSchema = z.object({ intent: z.literal('accept'), quoteId: idField });
export const DeclineFormSchema = z.object({
  intent: z.literal('decline'),
  quoteId: idField,
  reason: reasonField.optional(),
});
export const QuoteFormSchema = z.object({
  intent: z.literal('quote'),
  price: yuanField.pipe(z.number({ error: 'requests.errors.price' })),
  billing: z.enum(QUOTE_BILLINGS),
  terms: termsField.optional(),
  validUntil: dateFromTodayField,
});

export const SmeThreadFormSchema = z.discriminatedUnion('intent', [
  MessageFormSchema,
  WithdrawFormSchema,
  AcceptFormSchema,
  DeclineFormSchema,
]);
export const ProviderThreadFormSchema = z.discriminatedUnion('intent', [MessageFormSchema, QuoteFormSchema]);
