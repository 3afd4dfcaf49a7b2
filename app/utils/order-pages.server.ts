import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { OrderActionResult } from '~/models/order-actions.server';
import { notFound } from './auth.server';
import { redirectWithFlash } from './flash.server';

// The order pages' actions answer like the other forms (STYLE.md): field errors with 400, a state
// that changed under the page with 409 (the page reloads with the current state), success as a
// redirect carrying its message in the flash cookie.

interface Submission {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

export type OrderFormReply = { intent: string; result: SubmissionResult<string[]> };

export function invalidForm(intent: string, submission: Submission) {
  return data<OrderFormReply>({ intent, result: submission.reply() }, { status: 400 });
}

/** A model's answer to a page form: redirect with the done message, or the form's errors. */
export async function orderFormAnswer<T>(
  result: OrderActionResult<T>,
  opts: { intent: string; submission: Submission; redirectTo: string; doneKey: string },
) {
  if (result.ok) return redirectWithFlash(opts.redirectTo, opts.doneKey);
  const { error } = result;
  if (error.kind === 'notFound') notFound();
  if (error.kind === 'field')
    return data<OrderFormReply>(
      { intent: opts.intent, result: opts.submission.reply({ fieldErrors: { [error.path]: [error.messageKey] } }) },
      { status: 400 },
    );
  const formErrors = [error.code === 'invalid_state' ? 'orders.errors.stale' : error.messageKey];
  return data<OrderFormReply>({ intent: opts.intent, result: opts.submission.reply({ formErrors }) }, { status: 409 });
}
