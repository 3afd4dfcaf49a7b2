import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { FormErrors, TextAreaField } from '~/components/form';
import { useServerForm } from '~/components/server-form';

// Apart from reviews.tsx, whose stars and cards the catalog shows: those pages need no Conform (issue 13).

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
  reply: { intent: string; reviewId?: string; result: SubmissionResult<string[]> } | undefined;
  danger?: boolean;
}) {
  const mine = props.reply?.intent === props.intent && props.reply.reviewId === props.review.id;
  const [form, fields] = useServerForm<Record<string, string>>({
    id: `${props.intent}-${props.review.id}`,
    lastResult: mine ? props.reply!.result : undefined,
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
