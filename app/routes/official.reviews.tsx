import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SuccessMessage } from '~/components/form';
import { ReviewActionForm } from '~/components/review-action-form';
import { ReviewCard } from '~/components/reviews';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { hideReview, keepReview, listReportedReviews } from '~/models/reviews.server';
import { ReviewHideSchema } from '~/schemas/reviews.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidReviewForm, reviewFormAnswer, type ReviewFormReply } from '~/utils/review-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /official/reviews — reported, still visible reviews of enterprises in the official's scope. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const flash = await readFlash(request);
  return data(
    {
      title: `${t('reviews.official.title')} · ${t('app.name')}`,
      reviews: listReportedReviews(getDb(), user.scopePrefecture),
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

/** Hide, or keep (the reports declined), with a reason (audited in the model); out of scope answers 404. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const formData = await request.formData();
  const reviewId = String(formData.get('reviewId') ?? '');
  const intent = formData.get('intent') === 'keep' ? 'keep' : 'hide';
  const submission = parseWithZod(formData, { schema: ReviewHideSchema });
  if (submission.status !== 'success') return invalidReviewForm(intent, submission, reviewId);
  const input = { userId: user.id, scopePrefecture: user.scopePrefecture, ...submission.value };
  const result = intent === 'keep' ? keepReview(getDb(), input) : hideReview(getDb(), input);
  return reviewFormAnswer(result, {
    intent,
    reviewId,
    submission,
    redirectTo: '/official/reviews',
    doneKey: intent === 'keep' ? 'reviews.done.kept' : 'reviews.done.hidden',
  });
}

export default function OfficialReviews() {
  const { reviews, flash } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ReviewFormReply | undefined;
  const t = useT();
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('reviews.official.title')}
      </h1>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      {reviews.length === 0 ? <p className="text-slate-700">{t('reviews.official.none')}</p> : null}
      <ul className="card">
        {reviews.map((review) => (
          <ReviewCard key={review.id} review={{ ...review, providerAnswer: null }}>
            <p className="text-sm text-slate-700">
              {t('reviews.official.reports', { count: review.reports, reasons: review.reasons })}
            </p>
            <ReviewActionForm
              review={review}
              intent="hide"
              fieldName="reason"
              label={t('reviews.official.reason')}
              submit={t('reviews.official.hide')}
              reply={reply}
              danger
            />
            <ReviewActionForm
              review={review}
              intent="keep"
              fieldName="reason"
              label={t('reviews.official.keepReason')}
              submit={t('reviews.official.keep')}
              reply={reply}
            />
          </ReviewCard>
        ))}
      </ul>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
