import { z } from '~/i18n/zod';
import { consentField } from './accounts';

/**
 * Accepting the privacy notice after sign-up (accounts that accepted an older version, or none).
 * `version` is the one the page showed: a notice that changed while it was being read is not
 * accepted unseen.
 */
export const AcceptPrivacySchema = z.object({
  version: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/),
  acceptPrivacy: consentField('privacy.mustAccept'),
});

/** Account deletion: the current password, and a tick that the person knows it cannot be undone. */
export const DeleteAccountSchema = z.object({
  password: z.string().min(1).max(200),
  confirm: consentField('accountDelete.mustConfirm'),
});

/** The officials' dispute page shows the enterprise's contact person only when asked (?contact=show). */
export const ContactQuerySchema = z.object({ contact: z.literal('show').optional().catch(undefined) });
