import type { ReactNode } from 'react';
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
      {/* Empty stars are outlined, not only paler: the score is not told by colour alone (适老化). */}
      <span className="text-slate-400">{'☆'.repeat(5 - full)}</span>
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
