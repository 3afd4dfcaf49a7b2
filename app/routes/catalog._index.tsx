import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, isRouteErrorResponse, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page';
import { OfferingCard } from '~/components/offering-card';
import { Pagination } from '~/components/pagination';
import { ADOPTION_LEVELS, isAdoptionLevel, type AdoptionLevel } from '~/domain/adoption-levels';
import { z } from '~/i18n/zod';
import { useLocale, useT } from '~/i18n/use-t';
import { CATALOG_PAGE_SIZE, listPublishedOfferings } from '~/models/catalog.server';
import { getUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

// A catalog URL is often typed, shared or stale: anything malformed falls back to a harmless
// default (first page, no filter) rather than an error page.
const CatalogQuerySchema = z.object({
  q: z
    .string()
    .transform((s) => s.trim().slice(0, 100) || undefined)
    .optional()
    .catch(undefined),
  level: z.custom<AdoptionLevel>((v) => isAdoptionLevel(v)).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? '服务目录 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = CatalogQuerySchema.parse(Object.fromEntries(url.searchParams));
  const { t } = await getTranslator(request, await getUser(request));
  const result = listPublishedOfferings(getDb(), { ...query, perPage: CATALOG_PAGE_SIZE });
  return {
    rows: result.rows,
    total: result.total,
    page: result.page,
    pageSize: CATALOG_PAGE_SIZE,
    q: query.q ?? '',
    level: query.level ?? '',
    metaTitle: t('catalog.metaTitle'),
  };
}

export default function Catalog() {
  const { rows, total, page, pageSize, q, level } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const filtered = Boolean(q || level);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('catalog.title')}</h1>
        <p className="mt-2 text-sm text-slate-700">{t('catalog.lead')}</p>
      </header>

      <Form
        method="get"
        // Explicit, or Remix would add ?index to the URL the filters produce.
        action="/catalog"
        role="search"
        aria-label={t('catalog.filters')}
        className="card grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
        // Remount when the URL changes so the fields show the filters actually applied.
        key={`${q}|${level}`}
      >
        <div>
          <label htmlFor="catalog-q" className="label">
            {t('catalog.searchLabel')}
          </label>
          <input id="catalog-q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t('catalog.searchPlaceholder')} className="input" />
        </div>
        <div>
          <label htmlFor="catalog-level" className="label">
            {t('catalog.levelLabel')}
          </label>
          <select id="catalog-level" name="level" defaultValue={level} className="input">
            <option value="">{t('catalog.allLevels')}</option>
            {ADOPTION_LEVELS.map((l) => (
              <option key={l.id} value={l.id}>
                {locale === 'en' ? l.nameEn : l.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary flex-1 sm:flex-none">
            {t('catalog.apply')}
          </button>
          {filtered ? (
            <Link to="/catalog" className="btn-secondary flex-1 sm:flex-none">
              {t('catalog.clearFilters')}
            </Link>
          ) : null}
        </div>
      </Form>

      {rows.length ? (
        <section aria-labelledby="catalog-results">
          <h2 id="catalog-results" className="mb-3 text-sm font-normal text-slate-700">
            {t('catalog.results', { total })}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {rows.map((row) => (
              <li key={row.id}>
                <OfferingCard offering={row} headingLevel={3} />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      ) : (
        <section className="card text-center" data-testid="catalog-empty">
          <h2 className="text-lg font-semibold">{t('catalog.empty')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('catalog.emptyHint')}</p>
          {filtered ? (
            <Link to="/catalog" className="btn-secondary mt-4">
              {t('catalog.clearFilters')}
            </Link>
          ) : null}
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
