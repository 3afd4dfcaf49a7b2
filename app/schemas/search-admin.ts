import { z } from '~/i18n/zod';
import {
  MAX_SYNONYM_LENGTH,
  MAX_SYNONYM_TERMS,
  normaliseSynonymTerms,
  type SynonymTermsError,
} from '../../search/synonyms';

// The officials' search pages (routes official.synonyms and official.search-misses).

/** The field error (a message key with its parameters) for terms that do not make a group. */
export function synonymTermsMessage(error: SynonymTermsError): string {
  switch (error) {
    case 'tooFew':
      return 'synonyms.errorTooFew';
    case 'tooMany':
      return `synonyms.errorTooMany|max=${MAX_SYNONYM_TERMS}`;
    case 'termTooLong':
      return `synonyms.errorTermTooLong|max=${MAX_SYNONYM_LENGTH}`;
    case 'noText':
      return 'synonyms.errorNoText';
  }
}

/**
 * Terms as typed: one a line or separated by commas (half- or full-width), 、 or semicolons; then
 * the model's own check (normaliseSynonymTerms), so whatever it would refuse is a field error here.
 */
const TermsField = z.string().transform((text, ctx) => {
  const checked = normaliseSynonymTerms(text.split(/[\n\r,，、;；]+/));
  if (checked.ok) return checked.terms;
  ctx.addIssue({ code: 'custom', message: synonymTermsMessage(checked.error) });
  return z.NEVER;
});

export const SynonymActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), id: z.number().int().positive().optional(), terms: TermsField }),
  z.object({ intent: z.literal('delete'), id: z.number().int().positive() }),
]);

export const EditParamSchema = z.coerce.number().int().positive().optional().catch(undefined);

// A hand-edited link still shows a page: a bad month or page falls back to the default.
export const MissesParamsSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
