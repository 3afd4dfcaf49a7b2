import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { ProgrammeWriteResult } from '~/models/voucher-programmes.server';
import { programmeFormField } from '~/schemas/vouchers';
import { notFound } from './auth.server';
import { redirectWithFlash } from './flash.server';

interface Submission {
  reply(options?: { fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
}

/** A programme write's answer to the officials' form: the programme page with its message, or the field's error (400). */
export async function programmeFormAnswer(result: ProgrammeWriteResult, submission: Submission, doneKey: string) {
  if (result.ok) return redirectWithFlash(`/official/vouchers/${result.id}`, doneKey);
  if (result.error === 'not-found') notFound();
  return data(submission.reply({ fieldErrors: { [programmeFormField(result.path)]: [result.messageKey] } }), { status: 400 });
}
