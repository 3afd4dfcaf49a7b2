import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { OfferingCard, type OfferingCardData } from './offering-card';

/** Mirrors DidYouMean in app/models/search.server.ts (components cannot import server modules). */
export interface DidYouMeanView {
  q: string;
  search: string;
  total: number;
}

/**
 * The rest of a search's empty state: "您是不是要找 …" with a nearby query that finds something
 * (same typo, pinyin and synonym rules as search), and the most viewed offerings, so a visitor
 * who typed something we do not have still has a way on.
 */
export function SearchSuggestions({
  didYouMean,
  popular,
}: {
  didYouMean: DidYouMeanView | null;
  popular: OfferingCardData[];
}) {
  const t = useT();
  if (!didYouMean && popular.length === 0) return null;
  return (
    <div className="space-y-4" data-testid="zero-results-help">
      {didYouMean ? (
        <p className="card text-base" data-testid="did-you-mean">
          {t('search.didYouMeanQuery')}{' '}
          <Link to={`/catalog?${didYouMean.search}`} className="link font-semibold">
            {didYouMean.q}
          </Link>{' '}
          <span className="text-sm text-slate-600">{t('search.suggestCount', { n: didYouMean.total })}</span>
        </p>
      ) : null}
      {popular.length ? (
        <section aria-labelledby="popular-offerings-title">
          <h2 id="popular-offerings-title" className="mb-3 text-lg font-semibold">
            {t('search.popularHeading')}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2" data-testid="popular-offerings">
            {popular.map((offering) => (
              <li key={offering.id}>
                <OfferingCard offering={offering} headingLevel={3} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
