import { z } from '~/i18n/zod';
import { parseIsoDate } from '~/domain/adoption-dates';

// A campaign as officials (console) and operators (npm run campaign:create) enter it. Errors are
// message keys (app/i18n/zod.ts), translated where they are shown.

const dateField = z
  .string()
  .trim()
  .refine((s) => parseIsoDate(s) !== null, 'campaigns.errorDate');

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const CampaignFields = z.object({
  name: z.string().trim().min(4).max(100),
  nameEn: z.preprocess(emptyToNull, z.string().trim().min(4).max(150).nullable().default(null)),
  // The provincial plan's targets are in the tens of thousands; a bound catches a mistyped extra digit.
  target: z.number().int('errors.integer').min(1).max(10_000_000),
  startsOn: dateField,
  endsOn: dateField,
});

function endNotBeforeStart(value: { startsOn: string; endsOn: string }, ctx: z.RefinementCtx) {
  if (value.endsOn < value.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'campaigns.errorEndBeforeStart' });
}

/** Lower-case letters, digits and hyphens, as in sc-2020-2022: it appears in URLs and exports. */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,47}$/;

export const CampaignCreateSchema = CampaignFields.extend({
  id: z.string().trim().regex(CAMPAIGN_ID_PATTERN, 'campaigns.errorId'),
}).superRefine(endNotBeforeStart);

export const CampaignEditSchema = CampaignFields.superRefine(endNotBeforeStart);

export type CampaignCreateInput = z.output<typeof CampaignCreateSchema>;
