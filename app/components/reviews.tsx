import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { FormErrors, TextAreaField } from '~/components/form';
import { chinaDateOf } from '~/domain/adoption-dates';
import { useT } from '~/i18n/use-t';

// Review pieces shared by the offering page, the SME's order page and the provider's and officials'
// review pages. Stars are drawn for the eye and read out as text ("4.5 分（3 条评价）").

export function Stars({ value }: { value: number }) {
  const t = useT();
  const full = Math.round(value);
  return (
    <span className="text-amber-500" role="img" aria-label={t('reviews.starsLabel', { stars: value })}>
      {'★'.repeat(full)}
      <span className="text-slate-300">{'★'.repeat(5 - full)}</span>
    </span>
  );
}

export function RatingSummaryLine({ rating }: { rating: { average: number; count: number } | null }) {
  const t = useT();
  if (!rating) return <p className="text-sm text-slate-600">{t('reviews.none')}</p>;
  return (
    <p className="flex items-center gap-2" data-testid="rating-summary">
      <span aria-hidden="true">
        <Stars value={rating.average} />
      </span>
      <span>{t('reviews.summary', { average: rating.average.toFixed(1), count: rating.count })}</span>
    </p>
  );
}

export interface ReviewItem {
  id: string;
  stars: number;
  body: string;
  providerAnswer: string | null;
  enterpriseName?: string;
  offeringTitle?: string;
  createdAt: string;
}

export function ReviewCard({ review, children }: { review: ReviewItem; children?: ReactNode }) {
  const t = useT();
  return (
    <li className="space-y-2 border-b border-slate-200 py-3" data-testid="review">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Stars value={review.stars} />
        {review.offeringTitle ? <span className="font-medium">{review.offeringTitle}</span> : null}
        <span className="text-slate-600">
          {review.enterpriseName ?? t('reviews.verified')} · {chinaDateOf(review.createdAt)}
        </span>
      </div>
      <p className="whitespace-pre-line">{review.body}</p>
      {review.providerAnswer ? (
        <div className="rounded-md bg-slate-50 p-2 text-sm">
          <p className="font-medium">{t('reviews.providerAnswer')}</p>
          <p className="whitespace-pre-line">{review.providerAnswer}</p>
        </div>
      ) : null}
      {children}
    </li>
  );
}

/**
 * One small Conform form per review (the provider's answer, an official's hide): `reviewId` rides
 * hidden, and a failed reply shows only on the form of the review it was about.
 */
export function ReviewActionForm(props: {
  review: { id: string };
  intent: string;
  fieldName: string;
  label: string;
  submit: string;
  hint?: string;
  schema: Parameters<typeof parseWithZod>[1]['schema'];
  reply: { intent: string; reviewId?: string; result: SubmissionResult<string[]> } | undefined;
  danger?: boolean;
}) {
  const mine = props.reply?.intent === props.intent && props.reply.reviewId === props.review.id;
  const [form, fields] = useForm({
    id: `${props.intent}-${props.review.id}`,
    lastResult: mine ? props.reply!.result : undefined,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: props.schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="text-sm">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="reviewId" value={props.review.id} />
      <FormErrors errors={form.errors} />
      <TextAreaField label={props.label} field={fields[props.fieldName]!} hint={props.hint} rows={2} />
      <button type="submit" className={props.danger ? 'btn-danger' : 'btn-secondary'}>
        {props.submit}
      </button>
    </Form>
  );
}
