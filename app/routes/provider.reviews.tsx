import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SuccessMessage } from '~/components/form';
import { ReviewActionForm } from '~/components/review-action-form';
import { ReviewCard } from '~/components/reviews';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { answerReview, listProviderReviews } from '~/models/reviews.server';
import { ReviewAnswerSchema } from '~/schemas/reviews.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidReviewForm, reviewFormAnswer, type ReviewFormReply } from '~/utils/review-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /provider/reviews — reviews of the provider's offerings, each answerable once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['provider']);
  const { t } = await getTranslator(request, user);
  const flash = await readFlash(request);
  return data(
    {
      title: `${t('reviews.provider.title')} · ${t('app.name')}`,
      reviews: listProviderReviews(getDb(), user.id),
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['provider']);
  const formData = await request.formData();
  const reviewId = String(formData.get('reviewId') ?? '');
  const submission = parseWithZod(formData, { schema: ReviewAnswerSchema });
  if (submission.status !== 'success') return invalidReviewForm('answer', submission, reviewId);
  const result = answerReview(getDb(), { userId: user.id, ...submission.value });
  return reviewFormAnswer(result, {
    intent: 'answer',
    reviewId,
    submission,
    redirectTo: '/provider/reviews',
    doneKey: 'reviews.done.answered',
  });
}

export default function ProviderReviews() {
  const { reviews, flash } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ReviewFormReply | undefined;
  const t = useT();
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('reviews.provider.title')}
      </h1>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      {reviews.length === 0 ? <p className="text-slate-700">{t('reviews.none')}</p> : null}
      <ul className="card">
        {reviews.map((review) => (
          <ReviewCard key={review.id} review={review}>
            {review.hiddenAt ? (
              <p className="text-sm text-slate-600">{t('reviews.official.hidden')}</p>
            ) : review.providerAnswer ? null : (
              <ReviewActionForm
                review={review}
                intent="answer"
                fieldName="answer"
                label={t('reviews.answer.label')}
                hint={t('reviews.answer.hint')}
                submit={t('reviews.answer.submit')}
                reply={reply}
              />
            )}
          </ReviewCard>
        ))}
      </ul>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
