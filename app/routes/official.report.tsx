import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Chart } from '~/charts/chart';
import { counterSearch } from '~/charts/counter-rows';
import { resolveCampaign } from '~/charts/counter-scope.server';
import { monthlyReport } from '~/charts/monthly-report.server';
import printStyles from '~/charts/print.css';
import { CLUSTER_TAXONOMIES } from '~/domain/clusters';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { getCounterSnapshot } from '~/models/counter.server';
import { ReportQuerySchema } from '~/schemas/dashboard.server';
import { notFound, requireViewPrefecture, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { useHydrated } from '~/components/use-hydrated';
import { ScrollRegion } from '~/components/scroll-region';

// /official/report — the 企业上云 section of the monthly 信息消费评估报告, laid out for print.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const query = ReportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const prefecture = requireViewPrefecture(user, query.prefecture);
  const db = getDb();
  const { campaignId } = resolveCampaign(db, query.campaign);
  const snapshot = getCounterSnapshot(db, { campaignId, taxonomy: query.taxonomy, prefecture });
  if (!snapshot) notFound();
  const { t, locale } = await getTranslator(request, user);
  return {
    title: `${t('report.title')} · ${t('app.name')}`,
    filters: { campaign: snapshot.campaign.id, taxonomy: snapshot.taxonomy, prefecture },
    ...monthlyReport(db, snapshot, query.month, t, locale),
  };
}

function PrintButton() {
  const t = useT();
  // window.print needs JavaScript: without it the button would do nothing, so it appears after hydration.
  if (!useHydrated()) return null;
  return (
    <button type="button" className="btn-primary" onClick={() => window.print()}>
      {t('report.print')}
    </button>
  );
}

export default function MonthlyReport() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const fmt = new Intl.NumberFormat(locale).format;
  const { filters, figures } = data;
  const scope = filters.prefecture ? (prefectureName(filters.prefecture, locale) ?? filters.prefecture) : t('dashboard.wholeProvince');
  const taxonomy = CLUSTER_TAXONOMIES[filters.taxonomy];
  return (
    <article className="space-y-6">
      <div>
        <p className="text-sm font-semibold text-slate-700">{t('report.series')}</p>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('report.title')}
        </h1>
        <p className="mt-1 text-slate-800" data-testid="report-subtitle">
          {t('report.subtitle', { month: data.month ?? '—', scope, campaign: data.campaign.label })}
        </p>
      </div>

      <Form method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label={t('dashboard.filters')}>
        <input type="hidden" name="campaign" value={filters.campaign} />
        <input type="hidden" name="taxonomy" value={filters.taxonomy} />
        {filters.prefecture ? <input type="hidden" name="prefecture" value={filters.prefecture} /> : null}
        <div>
          <label htmlFor="r-month" className="label">
            {t('report.month')}
          </label>
          <select id="r-month" name="month" defaultValue={data.month ?? ''} className="input">
            {[...data.months].reverse().map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('dashboard.apply')}
        </button>
        <PrintButton />
        <a href={`/official/dashboard${counterSearch(filters)}`} className="link self-center text-sm">
          {t('dashboard.backToDashboard')}
        </a>
      </Form>

      {!figures ? (
        <p className="card text-slate-700" data-testid="empty-state">
          {t('report.notStarted', { start: data.campaign.start })}
        </p>
      ) : (
        <>
          <section aria-labelledby="r-headline" className="card">
            <h2 id="r-headline" className="text-lg font-semibold">
              {t('report.sectionHeadline')}
            </h2>
            <dl className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="report-figures">
              {[
                [t('report.cumulative', { month: data.month ?? '' }), `${fmt(figures.cumulative)} / ${fmt(data.campaign.target)}`],
                [t('report.newInMonth'), fmt(figures.newInMonth)],
                [t('report.newThisYear', { year: (data.month ?? '').slice(0, 4) }), fmt(figures.newThisYear)],
                [t('report.progress'), t('dashboard.percent', { percent: figures.pace.percent })],
                [t('report.expected'), fmt(figures.expected)],
                [
                  t('report.paceNeeded'),
                  figures.pace.reached
                    ? t('dashboard.paceReached')
                    : figures.pace.pacePerMonth === null
                      ? t('report.paceEnded', { remaining: fmt(figures.pace.remaining) })
                      : t('report.pace', { pace: fmt(figures.pace.pacePerMonth), months: figures.pace.monthsLeft }),
                ],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-sm text-slate-700">{label}</dt>
                  <dd className="text-xl font-bold text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="r-charts" className="card space-y-6">
            <h2 id="r-charts" className="text-lg font-semibold">
              {t('report.sectionCharts')}
            </h2>
            <Chart spec={figures.charts.month} title={t('dashboard.byMonth')} describedBy="r-matrix" />
            <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2">
              <Chart spec={figures.charts.cluster} title={t('dashboard.byCluster')} describedBy="r-matrix" />
              <Chart spec={figures.charts.prefecture} title={t('dashboard.byPrefecture')} describedBy="r-matrix" />
            </div>
          </section>

          <section aria-labelledby="r-table" className="card">
            <h2 id="r-table" className="text-lg font-semibold">
              {t('report.sectionTable', { month: data.month ?? '' })}
            </h2>
            <ScrollRegion label={t('report.sectionTable', { month: data.month ?? '' })} className="mt-3">
              <table className="table text-xs" id="r-matrix" data-testid="report-matrix">
                <caption className="sr-only">{t('report.sectionTable', { month: data.month ?? '' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.colPrefecture')}</th>
                    {figures.clusterLabels.map((label) => (
                      <th key={label} scope="col" className="text-right">
                        {label}
                      </th>
                    ))}
                    <th scope="col" className="text-right">
                      {t('dashboard.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {figures.matrix.rows.map((row) => (
                    <tr key={row.prefecture}>
                      <th scope="row" className="whitespace-nowrap font-normal">
                        {row.label}
                      </th>
                      {row.counts.map((n, i) => (
                        <td key={i} className="text-right tabular-nums">
                          {fmt(n)}
                        </td>
                      ))}
                      <td className="text-right font-semibold tabular-nums">{fmt(row.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('dashboard.total')}</th>
                    {figures.matrix.columnTotals.map((n, i) => (
                      <td key={i} className="text-right font-semibold tabular-nums">
                        {fmt(n)}
                      </td>
                    ))}
                    <td className="text-right font-semibold tabular-nums">{fmt(figures.matrix.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
            <p className="mt-2 text-sm print:hidden">
              <a href={`/official/dashboard/export/prefecture-cluster${counterSearch(filters, { month: data.month ?? undefined })}`} className="link" download>
                {t('dashboard.exportCsv')}
              </a>
            </p>
          </section>

          <section aria-labelledby="r-notes" className="card">
            <h2 id="r-notes" className="text-lg font-semibold">
              {t('report.sectionNotes')}
            </h2>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-800">
              <li>{t('report.noteRule')}</li>
              <li>{t('report.noteAttribution', { taxonomy: `${filters.taxonomy} ${locale === 'en' ? taxonomy.nameEn : taxonomy.nameZh}` })}</li>
              <li>{t('report.noteTarget', { target: fmt(data.campaign.target), start: data.campaign.start, end: data.campaign.end })}</li>
              <li>{t('report.noteSource', { time: data.generatedText })}</li>
              <li>{t('progress.mapCredit')}</li>
            </ol>
          </section>
        </>
      )}
    </article>
  );
}
