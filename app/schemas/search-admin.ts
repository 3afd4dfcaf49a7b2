import { z } from '~/i18n/zod';

// The officials' search pages (routes official.synonyms and official.search-misses).

const MAX_TERMS = 10;
const MAX_TERM_LENGTH = 40;

/** Terms as typed: one a line or separated by commas (half- or full-width), 、 or semicolons; repeats dropped. */
function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n\r,，、;；]+/)) {
    const term = raw.trim().replace(/\s+/g, ' ');
    const key = term.normalize('NFKC').toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

const TermsField = z
  .string()
  .superRefine((text, ctx) => {
    const terms = splitTerms(text);
    if (terms.length < 2) ctx.addIssue({ code: 'custom', message: 'synonyms.errorTooFew' });
    else if (terms.length > MAX_TERMS) ctx.addIssue({ code: 'custom', message: 'synonyms.errorTooMany' });
    else if (terms.some((t) => [...t].length > MAX_TERM_LENGTH))
      ctx.addIssue({ code: 'custom', message: 'synonyms.errorTermTooLong' });
  })
  .transform(splitTerms);

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
