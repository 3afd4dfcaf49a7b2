import { Link } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { facetValueLabel, formatYuan } from './facet-labels';

/** Mirrors Suggestion in app/models/search.server.ts (components cannot import server modules). */
export type SuggestionView =
  | {
      kind: 'removeFilter';
      facet: 'level' | 'category' | 'industry' | 'size' | 'region' | 'cert';
      value: string;
      search: string;
      total: number;
    }
  | { kind: 'removePrice'; priceMaxFen: number; search: string; total: number }
  | { kind: 'shorterQuery'; q: string; search: string; total: number }
  | { kind: 'withoutFilters'; q: string; search: string; total: number }
  | { kind: 'browseAll'; search: string; total: number };

/** The empty state of a search: plain words and links that widen the search, each with its count. */
export function EmptyResults({
  q,
  suggestions,
  filtered,
}: {
  q: string;
  suggestions: SuggestionView[];
  filtered: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const text = (s: SuggestionView) => {
    switch (s.kind) {
      case 'removeFilter':
        return t('search.suggestRemoveFilter', { filter: facetValueLabel(s.facet, s.value, locale) });
      case 'removePrice':
        return t('search.suggestRemovePrice', { price: formatYuan(s.priceMaxFen, locale) });
      case 'shorterQuery':
        return t('search.suggestQuery', { q: s.q });
      case 'withoutFilters':
        return t('search.suggestWithoutFilters', { q: s.q });
      case 'browseAll':
        return t('search.suggestBrowseAll');
    }
  };
  return (
    <section className="card" data-testid="catalog-empty" aria-labelledby="catalog-empty-title">
      <h2 id="catalog-empty-title" className="text-lg font-semibold">
        {q ? t('search.emptyFor', { q }) : t('catalog.empty')}
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        {filtered ? t('search.emptyHintFiltered') : t('catalog.emptyHint')}
      </p>
      {suggestions.length ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-900">{t('search.didYouMean')}</h3>
          <ul className="mt-2 space-y-2" data-testid="search-suggestions">
            {suggestions.map((s) => (
              <li key={`${s.kind}:${s.search}`}>
                <Link to={`/catalog${s.search ? `?${s.search}` : ''}`} className="link" data-kind={s.kind}>
                  {text(s)}
                </Link>{' '}
                <span className="text-sm text-slate-600">{t('search.suggestCount', { n: s.total })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
