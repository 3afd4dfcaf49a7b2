import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { Translate } from '~/i18n';
import type { ModelRefusal } from '~/models/requests.server';
import { notFound } from './auth.server';
import { readFlashMessage } from './flash.server';
import { statusName } from './request-api.server';

// The request pages' side of the models' answers (the API's is request-api.server.ts): a refusal
// becomes 404 or the form's error in plain words, a success a redirect with a message.

export interface ThreadActionData {
  intent: string;
  quoteId: string | null;
  result: SubmissionResult<string[]>;
  /**
   * "Not in this state" (someone acted meanwhile, or a stale page), shown at the top of the page:
   * the form that was sent may no longer be on it (an accepted quote has no buttons).
   */
  stateError?: string;
}

type Reply = (options?: {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}) => SubmissionResult<string[]>;

/**
 * A model's refusal on a page: not found is thrown as 404; "not in this state" is the page's
 * error with the current status in words, 409; a field problem sits on its field, 400.
 */
export function refusalAnswer(
  refusal: ModelRefusal,
  t: Translate,
  reply: Reply,
  meta: { intent: string; quoteId?: string | null },
) {
  if (refusal.reason === 'not-found') notFound();
  const base = { intent: meta.intent, quoteId: meta.quoteId ?? null };
  if (refusal.reason === 'state')
    return data<ThreadActionData>(
      {
        ...base,
        result: reply(),
        stateError: `requests.errors.state|status=${statusName(t, refusal.status)}`,
      },
      { status: 409 },
    );
  return data<ThreadActionData>(
    { ...base, result: reply({ fieldErrors: { [refusal.path]: [refusal.messageKey] } }) },
    { status: 400 },
  );
}

/** The one-time message waiting for this page (only our own message keys are shown). */
export function pageFlash(request: Request) {
  return readFlashMessage(request);
}
