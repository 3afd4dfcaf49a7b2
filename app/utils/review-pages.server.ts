import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { ReviewResult } from '~/models/reviews.server';
import { redirectWithFlash } from './flash.server';

// The review forms answer like the order forms (STYLE.md): field errors with 400, a refusal of the
// model (wrong state, not found, out of scope) as a form error with its status, success as a
// redirect carrying its message in the flash cookie.

interface Submission {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

export type ReviewFormReply = { intent: string; reviewId?: string; result: SubmissionResult<string[]> };

const STATUS = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 } as const;

export function invalidReviewForm(intent: string, submission: Submission, reviewId?: string) {
  return data<ReviewFormReply>({ intent, reviewId, result: submission.reply() }, { status: 400 });
}

export async function reviewFormAnswer(
  result: ReviewResult,
  opts: { intent: string; submission: Submission; redirectTo: string; doneKey: string; reviewId?: string },
) {
  if (result.ok) return redirectWithFlash(opts.redirectTo, opts.doneKey);
  const formErrors = [`reviews.errors.${result.code}|reason=${result.reason}`];
  return data<ReviewFormReply>(
    { intent: opts.intent, reviewId: opts.reviewId, result: opts.submission.reply({ formErrors }) },
    { status: STATUS[result.code] },
  );
}
