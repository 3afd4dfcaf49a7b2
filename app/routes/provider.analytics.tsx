import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Chart } from '~/charts/chart';
import printStyles from '~/charts/print.css';
import { analyticsChart } from '~/charts/provider-analytics-chart.server';
import {
  ANALYTICS_METRICS,
  ANALYTICS_RANGES,
  type AnalyticsMetric,
  type MetricCounts,
} from '~/domain/provider-analytics';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { providerAnalytics } from '~/models/provider-analytics.server';
import { AnalyticsQuerySchema } from '~/schemas/provider-analytics.server';
import { ScrollRegion } from '~/components/scroll-region';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /provider/analytics — the provider's own offerings per month; ?months=6|12|24&offering=ID. */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const query = AnalyticsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { t, locale } = await getTranslator(request, user);
  const analytics = providerAnalytics(db, {
    providerId: provider.id,
    range: query.months,
    offeringId: query.offering ?? null,
    locale,
  });
  // Another provider's offering (or none at all): not found, as in every provider console page.
  if (!analytics) notFound();
  const scope = query.offering
    ? (analytics.offerings.find((o) => o.id === query.offering)?.title ?? '')
    : t('analytics.allOfferings');
  const search = new URLSearchParams({
    months: String(query.months),
    ...(query.offering ? { offering: query.offering } : {}),
  });
  return {
    title: `${t('analytics.title')} · ${t('app.name')}`,
    filters: { months: query.months, offering: query.offering ?? null },
    offerings: analytics.offerings.map(({ id, title }) => ({ id, title })),
    rows: analytics.rows,
    totals: analytics.totals,
    chartTitle: t('analytics.chartTitle', { scope }),
    chart: analyticsChart(analytics.totals, t, locale),
    csvHref: `/provider/analytics.csv?${search}`,
  };
}

const COLUMN: Record<AnalyticsMetric, MessageKey> = {
  views: 'analytics.col.views',
  requests: 'analytics.col.requests',
  quotes: 'analytics.col.quotes',
  orders: 'analytics.col.orders',
  confirmations: 'analytics.col.confirmations',
};

function MetricHeaders() {
  const t = useT();
  return (
    <>
      {ANALYTICS_METRICS.map((m) => (
        <th key={m} scope="col" className="whitespace-nowrap text-right">
          {t(COLUMN[m])}
        </th>
      ))}
    </>
  );
}

function MetricCells({ counts, strong = false }: { counts: MetricCounts; strong?: boolean }) {
  const fmt = new Intl.NumberFormat(useLocale()).format;
  return (
    <>
      {ANALYTICS_METRICS.map((m) => (
        <td key={m} className={`text-right tabular-nums ${strong ? 'font-semibold' : ''}`} data-col={m}>
          {fmt(counts[m])}
        </td>
      ))}
    </>
  );
}

export default function ProviderAnalytics() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const grand = data.totals.reduce<MetricCounts>(
    (sum, m) => {
      for (const metric of ANALYTICS_METRICS) sum[metric] += m[metric];
      return sum;
    },
    { views: 0, requests: 0, quotes: 0, orders: 0, confirmations: 0 },
  );
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('analytics.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('analytics.lead')}</p>
        <p className="mt-1 text-xs text-slate-600">{t('analytics.viewsNote')}</p>
      </header>

      <Form
        method="get"
        className="flex flex-wrap items-end gap-3 print:hidden"
        aria-label={t('analytics.filters')}
      >
        <div>
          <label htmlFor="a-months" className="label">
            {t('analytics.range')}
          </label>
          <select id="a-months" name="months" defaultValue={String(data.filters.months)} className="input">
            {ANALYTICS_RANGES.map((n) => (
              <option key={n} value={n}>
                {t('analytics.rangeOption', { n })}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 max-w-full">
          <label htmlFor="a-offering" className="label">
            {t('analytics.offering')}
          </label>
          <select
            id="a-offering"
            name="offering"
            defaultValue={data.filters.offering ?? ''}
            className="input max-w-full"
          >
            <option value="">{t('analytics.allOfferings')}</option>
            {data.offerings.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('analytics.apply')}
        </button>
      </Form>

      <section aria-labelledby="analytics-trend" className="card min-w-0">
        <h2 id="analytics-trend" className="sr-only">
          {data.chartTitle}
        </h2>
        <Chart
          spec={data.chart}
          title={data.chartTitle}
          describedBy="analytics-totals"
          testId="chart-analytics"
        />
        <ScrollRegion label={t('analytics.totalsCaption')} className="mt-3 rounded-lg border border-slate-200 bg-white">
          <table className="table" id="analytics-totals" data-testid="analytics-totals">
            <caption className="sr-only">{t('analytics.totalsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.col.month')}</th>
                <MetricHeaders />
              </tr>
            </thead>
            <tbody>
              {data.totals.map((m) => (
                <tr key={m.month} data-row={m.month}>
                  <th scope="row" className="whitespace-nowrap font-normal tabular-nums">
                    {m.month}
                  </th>
                  <MetricCells counts={m} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('analytics.total')}</th>
                <MetricCells counts={grand} strong />
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="analytics-by-offering" className="card min-w-0">
        <h2 id="analytics-by-offering" className="text-lg font-semibold">
          {t('analytics.tableTitle')}
        </h2>
        {data.rows.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="empty-state">
            {t('analytics.empty')}
          </p>
        ) : (
          // A report table: every row is also in the CSV; it scrolls on its own, reachable by keyboard.
          <div
            className="mt-3 max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 print:max-h-none"
            tabIndex={0}
            role="region"
            aria-label={t('analytics.tableTitle')}
          >
            <table className="table" data-testid="analytics-rows">
              <caption className="sr-only">{t('analytics.tableTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analytics.col.offering')}</th>
                  <th scope="col">{t('analytics.col.month')}</th>
                  <MetricHeaders />
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={`${r.offeringId}-${r.month}`} data-row={`${r.offeringId} ${r.month}`}>
                    <th scope="row" className="min-w-[8rem] font-normal">
                      {r.title}
                    </th>
                    <td className="whitespace-nowrap tabular-nums">{r.month}</td>
                    <MetricCells counts={r} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2 text-sm print:hidden">
          <a href={data.csvHref} className="link" download data-testid="analytics-csv-link">
            {t('analytics.exportCsv')}
          </a>
        </p>
      </section>

      <section aria-labelledby="analytics-definitions" className="text-sm text-slate-700">
        <h2 id="analytics-definitions" className="text-base font-semibold text-slate-800">
          {t('analytics.definitions')}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {(['views', 'requests', 'quotes', 'orders', 'confirmations'] as const).map((m) => (
            <li key={m}>{t(`analytics.def.${m}`)}</li>
          ))}
        </ul>
      </section>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
