import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Form,
  Link,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
} from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { OfferingCard, type OfferingCardData } from '~/components/offering-card';
import { ratingsByOffering } from '~/models/reviews.server';
import { Pagination } from '~/components/pagination';
import { ActiveFilters } from '~/components/search/active-filters';
import { isFiltered } from '~/components/search/facet-labels';
import { FacetSidebar } from '~/components/search/facet-sidebar';
import { SearchBox } from '~/components/search/search-box';
import { EmptyResults } from '~/components/search/suggestions';
import { SearchSuggestions } from '~/components/search-suggestions';
import { useT } from '~/i18n/use-t';
import {
  emptySearchSuggestions,
  parseCatalogParams,
  zeroResultsHelp,
  searchCatalog,
  searchParamsOf,
  searchTotals,
  SEARCH_SORTS,
  type SearchHit,
} from '~/models/search.server';
import { getUser } from '~/utils/auth.server';
import { SHAREABLE } from '~/utils/shareable';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? '服务目录 · 云桥' },
];

const FORM_ID = 'catalog-search';
const RESULTS_ID = 'catalog-results';
const DEBOUNCE_MS = 250;

// The catalog is the search page. A typed, shared or stale URL always shows a page: bad
// parameters are ignored (and named), a page past the end shows the last page.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, ignored } = parseCatalogParams(url.searchParams);
  const db = getDb();
  const result = await searchCatalog(db, query);
  // An empty page asks for several other searches, often the same ones: each is made once.
  const totals = searchTotals(db, { query, total: result.total });
  const suggestions = result.total === 0 ? await emptySearchSuggestions(db, query, totals) : [];
  // The live results (fetcher, ?index) ask for every prefix typed: only a submitted search counts as a miss.
  const zeroHelp =
    result.total === 0
      ? await zeroResultsHelp(db, query, { record: !url.searchParams.has('index'), totals, suggestions })
      : null;
  const user = await getUser(request);
  const { t } = await getTranslator(request, user);
  const sortParam = url.searchParams.get('sort') ?? '';
  // Review averages for the page's hits only: one aggregate query, the search documents untouched.
  const ratings = Object.fromEntries(ratingsByOffering(db, result.hits.map((hit) => hit.id)));
  const page = {
    // What the page renders of the answer (the engine name, timings and the hits' other document
    // fields stay on the server): the loader data is sent with the HTML and again on every search.
    result: {
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      facets: result.facets,
      hits: result.hits.map(cardOf),
    },
    ratings,
    query,
    // Only a sort the user chose is kept in the form; otherwise the default follows q.
    sort: (SEARCH_SORTS as readonly string[]).includes(sortParam) ? sortParam : '',
    ignored,
    suggestions,
    zeroHelp,
    search: searchParamsOf({ ...query, page: result.page }).toString(),
    metaTitle: t('catalog.metaTitle'),
    // An SME's own recommendations replace the visitors' 找适合我的 form.
    smeViewer: user?.role === 'sme',
  };
  // A search that found nothing is counted as a miss: only answers with hits may be reused.
  return data(page, { headers: result.total > 0 ? SHAREABLE : {} });
}

export { shareableHeaders as headers } from '~/utils/shareable';

type CatalogData = ReturnType<typeof useLoaderData<typeof loader>>;

/** A highlight only where it marks something: '' makes the card show the plain text instead. */
const marked = (html: string) => (html.includes('<mark>') ? html : '');

/** The fields of a hit a card shows, highlights only where the query marked something. */
function cardOf(hit: SearchHit): OfferingCardData & { highlight: SearchHit['highlight'] } {
  const { highlight } = hit;
  return {
    id: hit.id,
    title: hit.title,
    titleEn: hit.titleEn,
    summary: hit.summary,
    level: hit.level,
    categories: hit.categories,
    providerName: hit.providerName,
    providerNameEn: hit.providerNameEn,
    minPriceFen: hit.minPriceFen,
    highlight: {
      title: marked(highlight.title),
      titleEn: highlight.titleEn === null ? null : marked(highlight.titleEn),
      summary: marked(highlight.summary),
    },
  };
}

/** The form's filled-in fields (inputs tied to it by `form=` included) as clean URL parameters. */
function paramsOf(form: HTMLFormElement | null): URLSearchParams {
  const params = new URLSearchParams();
  if (!form) return params;
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
  }
  return params;
}

export default function Catalog() {
  const loaderData = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof loader>();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<number | null>(null);
  // Whether the next fetcher answer is still wanted (a navigation since makes it stale).
  const awaiting = useRef(false);
  const [live, setLive] = useState<CatalogData | null>(null);
  // A navigation drops the live results, during render rather than in an effect (no extra render
  // showing stale results; React's "adjusting state when a prop changes").
  const [liveFor, setLiveFor] = useState(location.key);
  if (liveFor !== location.key) {
    setLiveFor(location.key);
    setLive(null);
  }

  useEffect(() => {
    awaiting.current = false;
  }, [location.key]);
  // The form and the filters remount with every search (key={formKey}), which would drop keyboard
  // focus to the page body: it goes back to the control that searched (box, filter, sort).
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (refocus.current) document.getElementById(refocus.current)?.focus();
    refocus.current = null;
  }, [location.key]);
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && awaiting.current) {
      awaiting.current = false;
      setLive(fetcher.data);
    }
  }, [fetcher.state, fetcher.data]);
  useEffect(
    () => () => {
      if (timer.current) window.clearTimeout(timer.current);
    },
    [],
  );

  // Results as you type: the same loader through a fetcher, so the URL (and history) changes
  // only when the search is submitted.
  const onQueryInput = () => {
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      const params = paramsOf(formRef.current);
      awaiting.current = true;
      fetcher.load(`/catalog?index${params.toString() ? `&${params}` : ''}`);
    }, DEBOUNCE_MS);
  };
  const submitNow = () => {
    refocus.current = document.activeElement?.id || null;
    if (timer.current) window.clearTimeout(timer.current);
    awaiting.current = false;
    const params = paramsOf(formRef.current).toString();
    navigate(params ? `/catalog?${params}` : '/catalog', { preventScrollReset: true });
  };

  const view = live ?? loaderData;
  const { result, query, suggestions } = view;
  const busy = fetcher.state !== 'idle' || navigation.state === 'loading';
  const filtered = isFiltered(query);
  // Inputs outside the <Form> remount with it, so they show what the URL actually applied.
  const formKey = location.search;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('catalog.title')}</h1>
        <p className="mt-2 text-sm text-slate-700">{t('catalog.lead')}</p>
        <FitCallout sme={loaderData.smeViewer} />
      </header>

      <Form
        ref={formRef}
        id={FORM_ID}
        key={formKey}
        method="get"
        // Explicit, or Remix would add ?index to the URL the form produces.
        action="/catalog"
        role="search"
        aria-label={t('catalog.filters')}
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          submitNow();
        }}
      >
        <SearchBox
          defaultValue={loaderData.query.q}
          busy={busy}
          resultsId={RESULTS_ID}
          onQueryInput={onQueryInput}
        />
        {loaderData.query.perPage !== 20 ? (
          <input type="hidden" name="perPage" value={loaderData.query.perPage} />
        ) : null}
      </Form>

      {loaderData.ignored.length ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {t('search.ignoredParams', { names: loaderData.ignored.join(', ') })}
        </p>
      ) : null}

      <div className="grid gap-6 md:grid-cols-[16rem_minmax(0,1fr)] md:items-start">
        <aside aria-label={t('search.filtersHeading')}>
          <FacetSidebar
            key={formKey}
            formId={FORM_ID}
            onChange={submitNow}
            facets={result.facets}
            selected={query.filters}
            priceMaxFen={query.priceMaxFen}
          />
        </aside>

        <section
          id={RESULTS_ID}
          aria-labelledby="catalog-results-count"
          aria-busy={busy}
          className="min-w-0 space-y-4"
        >
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <h2
              id="catalog-results-count"
              className="text-sm font-normal text-slate-700"
              aria-live="polite"
              data-testid="results-count"
            >
              {query.q
                ? t('search.resultsFor', { total: result.total, q: query.q })
                : t('catalog.results', { total: result.total })}
            </h2>
            <div className="flex items-center gap-2">
              <label htmlFor="catalog-sort" className="text-sm text-slate-700">
                {t('search.sortLabel')}
              </label>
              <select
                key={formKey}
                id="catalog-sort"
                name="sort"
                form={FORM_ID}
                defaultValue={loaderData.sort}
                onChange={submitNow}
                className="input w-auto py-1.5"
              >
                <option value="">{t('search.sortDefault')}</option>
                <option value="relevance">{t('search.sortRelevance')}</option>
                <option value="newest">{t('search.sortNewest')}</option>
                <option value="price-asc">{t('search.sortPriceAsc')}</option>
              </select>
            </div>
          </div>

          <ActiveFilters
            q={query.q}
            filters={query.filters}
            priceMaxFen={query.priceMaxFen}
            search={view.search}
          />

          {result.hits.length ? (
            <>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {result.hits.map((hit) => (
                  <li key={hit.id}>
                    <OfferingCard offering={hit} headingLevel={3} rating={view.ratings[hit.id] ?? null} />
                  </li>
                ))}
              </ul>
              {live ? (
                result.total > result.hits.length ? (
                  <p className="text-center">
                    <Link to={`/catalog?${live.search}`} className="btn-secondary">
                      {t('search.seeAll', { total: result.total })}
                    </Link>
                  </p>
                ) : null
              ) : (
                <Pagination page={result.page} pageSize={result.perPage} total={result.total} />
              )}
            </>
          ) : (
            <>
              <EmptyResults q={query.q} suggestions={suggestions} filtered={filtered} />
              <SearchSuggestions
                didYouMean={view.zeroHelp?.didYouMean ?? null}
                popular={view.zeroHelp?.popular ?? []}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** The way into 找适合我的 (or, for a signed-in SME, 为您推荐): plain words and one clear link. */
function FitCallout({ sme }: { sme: boolean }) {
  const t = useT();
  return (
    <div
      className="mt-4 flex flex-col gap-3 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:flex-row sm:items-center sm:justify-between"
      data-testid="fit-callout"
    >
      <div>
        <p className="font-semibold text-brand-800">{t('matchPages.catalogCtaTitle')}</p>
        <p className="mt-1 text-sm text-slate-800">{t(sme ? 'matchPages.catalogCtaSme' : 'matchPages.catalogCtaText')}</p>
      </div>
      <Link to={sme ? '/enterprise/matches' : '/catalog/fit'} className="btn-primary shrink-0">
        {t(sme ? 'matchPages.catalogCtaSmeLink' : 'matchPages.catalogCtaLink')}
      </Link>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
