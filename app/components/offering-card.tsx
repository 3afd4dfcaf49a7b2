import { Link } from '@remix-run/react';
import { isAdoptionLevel, levelName } from '~/domain/adoption-levels';
import { CATEGORIES, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { useLocale, useT } from '~/i18n/use-t';
import { Highlight } from './search/highlight';
import { Stars } from './reviews';

/** The fields of a search hit a card shows (search/engine.ts SearchHit). */
export interface OfferingCardData {
  id: string;
  title: string;
  titleEn: string | null;
  summary: string;
  level: string;
  categories: string[];
  providerName: string;
  providerNameEn: string | null;
  /** Lowest plan price in fen; null when every plan is 面议. */
  minPriceFen: number | null;
  /** Engine highlights: escaped text where only <mark> is markup. */
  highlight?: { title: string; titleEn: string | null; summary: string };
}

/** One offering in a catalog list; the title is the link to its detail page, matches are marked. */
export function OfferingCard({
  offering,
  headingLevel = 2,
  rating,
}: {
  offering: OfferingCardData;
  headingLevel?: 2 | 3;
  /** Verified reviews' average and count (visible ones only); absent or null = none shown. */
  rating?: { average: number; count: number } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  const useEnTitle = en && Boolean(offering.titleEn);
  const title = useEnTitle ? (offering.titleEn as string) : offering.title;
  const titleHtml = useEnTitle ? offering.highlight?.titleEn : offering.highlight?.title;
  const provider = (en && offering.providerNameEn) || offering.providerName;
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const price = formatFen(offering.minPriceFen, locale);

  return (
    <article className="card flex h-full flex-col gap-3" data-testid="offering-card">
      <div>
        <Heading className="text-lg font-semibold leading-snug">
          <Link to={`/catalog/${offering.id}`} className="link text-brand-800">
            <Highlight html={titleHtml} fallback={title} />
          </Link>
        </Heading>
        <p className="mt-1 text-sm text-slate-700">
          <span className="sr-only">{t('catalog.providerLabel')}: </span>
          {provider}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <span className="badge bg-brand-50 text-brand-800">
          <span className="sr-only">{t('catalog.level')}: </span>
          {isAdoptionLevel(offering.level) ? levelName(offering.level, locale) : offering.level}
        </span>
        {offering.categories.length ? (
          <ul className="flex flex-wrap gap-1" aria-label={t('catalog.categories')}>
            {offering.categories.map((c) => (
              <li key={c} className="badge bg-slate-100 text-slate-800">
                {vocabularyName(CATEGORIES, c, locale)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="line-clamp-3 flex-1 text-sm text-slate-700">
        <Highlight html={offering.highlight?.summary} fallback={offering.summary} />
      </p>
      {rating ? (
        <p className="flex items-center gap-1 text-sm text-slate-700" data-testid="offering-rating">
          <span aria-hidden="true">
            <Stars value={rating.average} />
          </span>
          {t('reviews.summary', { average: rating.average.toFixed(1), count: rating.count })}
        </p>
      ) : null}
      <p className="text-base font-semibold text-slate-900" data-testid="offering-price">
        {offering.minPriceFen === null ? price : t('catalog.priceFrom', { price })}
      </p>
    </article>
  );
}
