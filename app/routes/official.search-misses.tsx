import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/offering-form';
import { Pagination } from '~/components/pagination';
import { useLocale, useT } from '~/i18n/use-t';
import { searchMissesReport } from '~/models/search.server';
import { MissesParamsSchema } from '~/schemas/search-admin.server';
import { requireProvincialOfficial } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

// Searches that found nothing, for the officials who edit synonyms (provincial only, like /official/synonyms).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const { t } = await getTranslator(request, user);
  const url = new URL(request.url);
  const params = MissesParamsSchema.parse({
    month: url.searchParams.get('month') || undefined,
    page: url.searchParams.get('page') ?? 1,
  });
  return { title: t('searchMisses.metaTitle'), ...searchMissesReport(getDb(), params) };
}

export default function OfficialSearchMisses() {
  const report = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('searchMisses.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('searchMisses.lead')}</p>
      </header>

      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="misses-month" className="mb-1 block text-sm font-medium">
            {t('searchMisses.monthLabel')}
          </label>
          <select id="misses-month" name="month" defaultValue={report.month} className="input w-auto">
            {report.months.map((month) => (
              <option key={month} value={month}>
                {month}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('searchMisses.show')}
        </button>
      </Form>

      <p className="text-sm text-slate-700" data-testid="misses-summary">
        {t('searchMisses.summary', { month: report.month, queries: report.total, searches: report.searches })}
      </p>

      {report.rows.length === 0 ? (
        <p className="card text-slate-700" data-testid="empty-state">
          {t('searchMisses.empty')}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table" data-testid="search-misses">
              <caption className="sr-only">{t('searchMisses.caption', { month: report.month })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('searchMisses.colQuery')}</th>
                  <th scope="col" className="text-right">
                    {t('searchMisses.colCount')}
                  </th>
                  <th scope="col">{t('searchMisses.colLast')}</th>
                  <th scope="col">{t('searchMisses.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.query}>
                    <th scope="row" className="font-normal">
                      {row.query}
                    </th>
                    <td className="text-right tabular-nums">{row.count}</td>
                    <td className="whitespace-nowrap">{formatDateTime(row.lastAt, locale)}</td>
                    <td>
                      <div className="flex flex-wrap gap-2">
                        <Link
                          to={`/official/synonyms?${new URLSearchParams({ terms: row.query })}`}
                          className="btn-secondary px-3 py-1"
                          aria-label={t('searchMisses.addSynonymFor', { q: row.query })}
                        >
                          {t('searchMisses.addSynonym')}
                        </Link>
                        <Link
                          to={`/catalog?${new URLSearchParams({ q: row.query })}`}
                          className="link px-1 py-1 text-sm"
                          aria-label={t('searchMisses.tryFor', { q: row.query })}
                        >
                          {t('searchMisses.try')}
                        </Link>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={report.page} pageSize={report.perPage} total={report.total} />
        </>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
