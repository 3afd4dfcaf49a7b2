import { Link } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { FACET_ORDER, facetValueLabel, formatYuan, type FacetName } from './facet-labels';

/** The catalog URL of `search` without one value of `name` (every value when `value` is undefined), back on page 1. */
export function withoutValue(search: string, name: string, value?: string): string {
  const params = new URLSearchParams(search);
  const kept = params.getAll(name).filter((v) => value !== undefined && v !== value);
  params.delete(name);
  params.delete('page');
  for (const v of kept) params.append(name, v);
  const out = params.toString();
  return out ? `/catalog?${out}` : '/catalog';
}

/**
 * The filters in force as removable chips, plus "clear filters": on a phone, where the facet
 * panel is folded, this is how a user sees and undoes a filter. Plain links (no JavaScript needed).
 */
export function ActiveFilters({
  q,
  filters,
  priceMaxFen,
  search,
}: {
  q: string;
  filters: Record<FacetName, string[]>;
  priceMaxFen: number | null;
  /** The current search as URL parameters. */
  search: string;
}) {
  const t = useT();
  const locale = useLocale();
  const chips = FACET_ORDER.flatMap((facet) =>
    filters[facet].map((value) => ({
      key: `${facet}:${value}`,
      to: withoutValue(search, facet, value),
      label: facetValueLabel(facet, value, locale),
    })),
  );
  if (priceMaxFen !== null) {
    chips.push({
      key: 'price',
      to: withoutValue(search, 'priceMaxFen'),
      label: t('search.priceUpTo', { price: formatYuan(priceMaxFen, locale) }),
    });
  }
  if (chips.length === 0) return null;
  return (
    <ul
      className="flex flex-wrap gap-2"
      aria-label={t('search.activeFiltersLabel')}
      data-testid="active-filters"
    >
      {chips.map((chip) => (
        <li key={chip.key}>
          <Link
            to={chip.to}
            preventScrollReset
            className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {chip.label}
            <span aria-hidden="true">×</span>
            <span className="sr-only">{t('search.removeFilter')}</span>
          </Link>
        </li>
      ))}
      <li>
        <Link
          to={q ? `/catalog?${new URLSearchParams({ q })}` : '/catalog'}
          className="link inline-block px-1 py-1 text-sm"
        >
          {t('catalog.clearFilters')}
        </Link>
      </li>
    </ul>
  );
}
