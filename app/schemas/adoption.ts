import { z } from '~/i18n/zod';
import { parseIsoDate, todayInChina } from '~/domain/adoption-dates';
import { ADOPTION_LEVEL_IDS } from '~/domain/adoption-levels';
import { isIndustryCode } from '~/domain/industries';
import { prefectureField, usccField } from './fields';

const LEVELS = ADOPTION_LEVEL_IDS as [string, ...string[]];

// Today's date changes once a day; batches of 1,000 events need not compute it 1,000 times.
let today = { at: 0, date: '' };
function todayCached() {
  const now = Date.now();
  if (now - today.at > 1000) today = { at: now, date: todayInChina(new Date(now)) };
  return today.date;
}

/** A real YYYY-MM-DD day, not after today in China (an adoption cannot be reported in advance). */
export const eventDateField = z.string().transform((input, ctx) => {
  const date = parseIsoDate(input);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'adoption.errors.date' });
    return z.NEVER;
  }
  if (date > todayCached()) {
    ctx.addIssue({ code: 'custom', message: 'adoption.errors.futureDate' });
    return z.NEVER;
  }
  return date;
});

export const levelField = z.enum(LEVELS).transform((v) => v as (typeof ADOPTION_LEVEL_IDS)[number]);
export const eventIndustryField = z.string().trim().refine(isIndustryCode, 'errors.choice');

/** The JSON body of POST /api/adoption-events (one element of a batch, without idempotencyKey). */
export const ApiEventSchema = z.object({
  uscc: usccField,
  enterpriseName: z.string().trim().min(1).max(100),
  prefecture: prefectureField,
  industry: eventIndustryField,
  employees: z.number().int('errors.integer').min(0).max(10_000_000).nullish(),
  revenueWan: z.number().min(0).max(1_000_000_000).nullish(),
  level: levelField,
  offeringExternalId: z.string().trim().min(1).max(100).nullish(),
  occurredAt: eventDateField,
  note: z.string().trim().max(500).nullish(),
});
export type ApiEvent = z.output<typeof ApiEventSchema>;

/** A provider reports from its console that an enterprise went live on one of its offerings. */
export const ReportDeploymentSchema = z.object({
  offeringId: z.string().min(1).max(40),
  uscc: usccField,
  enterpriseName: z.string().trim().min(2).max(100),
  prefecture: prefectureField,
  industry: eventIndustryField,
  occurredOn: eventDateField,
  note: z.string().trim().max(500).optional(),
});
export type ReportDeployment = z.output<typeof ReportDeploymentSchema>;

const reasonField = z.string().trim().min(2).max(500);

export const DeploymentDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('confirm'), eventId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal('dispute'), eventId: z.string().min(1).max(40), reason: reasonField }),
]);

export const OfficialEventDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify'), reason: z.string().trim().max(500).optional() }),
  z.object({ intent: z.literal('revoke'), reason: reasonField }),
]);

export const FraudMarkSchema = z.object({
  targetType: z.enum(['enterprise', 'provider']),
  uscc: usccField,
  reason: reasonField,
});

export const FraudLiftSchema = z.object({
  caseId: z.string().min(1).max(40),
  reason: reasonField,
});

export const ApiKeyCreateSchema = z.object({
  name: z.string().trim().min(1).max(60),
  /** Officials only; a prefecture-scoped official's own prefecture is used whatever is sent. */
  prefecture: prefectureField.optional(),
});

export const ApiKeyRevokeSchema = z.object({ keyId: z.string().min(1).max(40) });

// Query strings are typed and bookmarked by people: a bad value falls back to the default.
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
export const LedgerPageQuerySchema = z.object({ page: pageParam });
export const QueueQuerySchema = z.object({
  status: z.enum(['pending', 'disputed']).catch('pending'),
  page: pageParam,
});
