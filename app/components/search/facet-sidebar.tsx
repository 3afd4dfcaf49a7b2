import { useEffect, useRef } from 'react';
import { useLocale, useT } from '~/i18n/use-t';
import type { MessageKey } from '~/i18n';
import {
  FACET_ORDER,
  FACET_VALUES,
  PRICE_BANDS_FEN,
  facetValueLabel,
  formatYuan,
  type FacetName,
} from './facet-labels';

const LEGEND: Record<FacetName, MessageKey> = {
  level: 'search.facet.level',
  category: 'search.facet.category',
  industry: 'search.facet.industry',
  size: 'search.facet.size',
  region: 'search.facet.region',
  cert: 'search.facet.cert',
};

// Long vocabularies (31 industries, 21 prefectures) scroll inside their group.
const LONG: ReadonlySet<FacetName> = new Set(['industry', 'region', 'category']);

export interface FacetSidebarProps {
  /** The id of the GET form these inputs belong to (the sidebar sits outside it in the layout). */
  formId: string;
  onChange?: () => void;
  facets: Record<FacetName, Record<string, number>>;
  selected: Record<FacetName, string[]>;
  priceMaxFen: number | null;
}

/**
 * Facet checkboxes with disjunctive counts, and price bands, inside the page's GET form: without
 * JavaScript the apply button submits them; with it, the page submits on every change. On a
 * phone the whole panel is a closed <details>; on wider screens it starts open.
 */
export function FacetSidebar({ formId, onChange, facets, selected, priceMaxFen }: FacetSidebarProps) {
  const t = useT();
  const locale = useLocale();
  const panel = useRef<HTMLDetailsElement>(null);

  // Server HTML has the panel open (usable without JavaScript); phones fold it once on load.
  useEffect(() => {
    if (panel.current && window.matchMedia('(max-width: 767px)').matches) panel.current.open = false;
  }, []);

  const bands: number[] = [...PRICE_BANDS_FEN];
  if (priceMaxFen !== null && !bands.includes(priceMaxFen)) bands.push(priceMaxFen);
  bands.sort((a, b) => a - b);
  const activeCount =
    FACET_ORDER.reduce((n, f) => n + selected[f].length, 0) + (priceMaxFen === null ? 0 : 1);

  return (
    <details
      ref={panel}
      open
      onChange={onChange}
      className="group rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="facet-panel"
    >
      <summary className="flex cursor-pointer items-center justify-between rounded-lg px-4 py-3 text-base font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600">
        <span>
          {t('search.filtersHeading')}
          {activeCount ? (
            <span className="ml-2 badge bg-brand-50 text-brand-800">
              {t('search.activeFilters', { n: activeCount })}
            </span>
          ) : null}
        </span>
        <span aria-hidden="true" className="text-slate-600 group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="space-y-5 border-t border-slate-200 px-4 py-4">
        {FACET_ORDER.map((facet) => {
          const counts = facets[facet];
          const chosen = new Set(selected[facet]);
          const values = FACET_VALUES[facet].filter((v) => (counts[v] ?? 0) > 0 || chosen.has(v));
          return (
            <fieldset key={facet} data-facet={facet}>
              <legend className="mb-2 text-sm font-semibold text-slate-900">{t(LEGEND[facet])}</legend>
              {values.length === 0 ? (
                <p className="text-sm text-slate-600">{t('search.facetNone')}</p>
              ) : (
                <ul className={`space-y-1 ${LONG.has(facet) ? 'max-h-56 overflow-y-auto pr-1' : ''}`}>
                  {values.map((value) => {
                    const id = `facet-${facet}-${value}`;
                    return (
                      <li key={value}>
                        <label
                          htmlFor={id}
                          className="flex cursor-pointer items-start gap-2 text-sm text-slate-800"
                        >
                          <input
                            id={id}
                            form={formId}
                            type="checkbox"
                            name={facet}
                            value={value}
                            defaultChecked={chosen.has(value)}
                            className="mt-0.5 h-4 w-4 shrink-0"
                          />
                          <span className="flex-1">{facetValueLabel(facet, value, locale)}</span>
                          <span className="tabular-nums text-slate-600" aria-hidden="true">
                            {counts[value] ?? 0}
                          </span>
                          <span className="sr-only">{t('search.countLabel', { n: counts[value] ?? 0 })}</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              )}
            </fieldset>
          );
        })}
        <fieldset data-facet="price">
          <legend className="mb-2 text-sm font-semibold text-slate-900">{t('search.facet.price')}</legend>
          <ul className="space-y-1">
            <li>
              <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
                <input
                  form={formId}
                  type="radio"
                  name="priceMaxFen"
                  value=""
                  defaultChecked={priceMaxFen === null}
                  className="h-4 w-4"
                />
                {t('search.priceAny')}
              </label>
            </li>
            {bands.map((fen) => (
              <li key={fen}>
                <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-800">
                  <input
                    form={formId}
                    type="radio"
                    name="priceMaxFen"
                    value={fen}
                    defaultChecked={priceMaxFen === fen}
                    className="h-4 w-4"
                  />
                  {t('search.priceUpTo', { price: formatYuan(fen, locale) })}
                </label>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-600">{t('search.priceHint')}</p>
        </fieldset>
        <button type="submit" form={formId} className="btn-secondary w-full">
          {t('search.applyFilters')}
        </button>
      </div>
    </details>
  );
}
