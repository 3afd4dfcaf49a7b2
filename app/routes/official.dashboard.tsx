import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { Chart } from '~/charts/chart';
import printStyles from '~/charts/print.css';
import { CountPanel, Headline, MonthTable, PrefectureTable } from '~/charts/counter-panels';
import { counterSearch, sortPrefectureRows } from '~/charts/counter-rows';
import { campaignOptions, resolveCampaign } from '~/charts/counter-scope.server';
import { counterView } from '~/charts/counter-view.server';
import { prefectureOptions } from '~/components/options';
import { CLUSTER_TAXONOMIES } from '~/domain/clusters';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { getCounterSnapshot } from '~/models/counter.server';
import { DashboardQuerySchema } from '~/schemas/dashboard.server';
import { isProvincialOfficial } from '~/domain/access-policy';
import { notFound, requireRole, requireViewPrefecture } from '~/utils/auth.server';
import { CampaignCountingNotice } from '~/components/campaign-counting';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { CampaignTaxonomyFields } from '~/charts/counter-filters';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const query = DashboardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const prefecture = requireViewPrefecture(user, query.prefecture);
  const db = getDb();
  const { campaigns, campaignId } = resolveCampaign(db, query.campaign);
  const snapshot = getCounterSnapshot(db, { campaignId, taxonomy: query.taxonomy, prefecture });
  if (!snapshot) notFound();
  const { t, locale } = await getTranslator(request, user);
  const view = counterView(snapshot, t, locale);
  return {
    title: `${t('dashboard.title')} · ${t('app.name')}`,
    provincial: isProvincialOfficial(user),
    campaigns: campaignOptions(campaigns, t, locale),
    filters: { campaign: snapshot.campaign.id, taxonomy: snapshot.taxonomy, prefecture: snapshot.prefecture },
    sort: query.sort,
    dir: query.dir,
    ...view,
    prefectures: sortPrefectureRows(view.prefectures, query.sort, query.dir, locale),
  };
}

export default function OfficialDashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { filters } = data;
  const drill = (extra: Record<string, string> = {}) => `/official/dashboard/enterprises${counterSearch(filters, extra)}`;
  const exportLink = (table: string) => (
    <a href={`/official/dashboard/export/${table}${counterSearch(filters)}`} className="link" download>
      {t('dashboard.exportCsv')}
    </a>
  );
  const scopeName = filters.prefecture ? (prefectureName(filters.prefecture, locale) ?? filters.prefecture) : t('dashboard.wholeProvince');
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('dashboard.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">
        {t('dashboard.lead', { campaign: data.campaign.label, scope: scopeName, taxonomy: locale === 'en' ? CLUSTER_TAXONOMIES[filters.taxonomy].nameEn : CLUSTER_TAXONOMIES[filters.taxonomy].nameZh })}
      </p>

      <CampaignCountingNotice counting={data.campaign.counting} />

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 print:hidden" aria-label={t('dashboard.filters')}>
        <CampaignTaxonomyFields idPrefix="f" campaigns={data.campaigns} campaign={filters.campaign} taxonomy={filters.taxonomy} />
        {data.provincial ? (
          <div>
            <label htmlFor="f-prefecture" className="label">
              {t('dashboard.prefecture')}
            </label>
            <select id="f-prefecture" name="prefecture" defaultValue={filters.prefecture ?? ''} className="input">
              <option value="">{t('dashboard.wholeProvince')}</option>
              {prefectureOptions(locale).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <input type="hidden" name="sort" value={data.sort} />
        <input type="hidden" name="dir" value={data.dir} />
        <button type="submit" className="btn-secondary">
          {t('dashboard.apply')}
        </button>
        <Link to={`/official/report${counterSearch(filters)}`} className="btn-secondary">
          {t('dashboard.openReport')}
        </Link>
      </Form>

      <div className="mt-6">
        <Headline
          total={data.total}
          target={data.campaign.target}
          deepening={data.deepening}
          pace={data.pace}
          start={data.campaign.start}
          end={data.campaign.end}
          asOfText={data.asOfText}
          totalHref={drill()}
          deepeningHref={drill({ kind: 'deepening' })}
        />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <CountPanel
          name="cluster"
          title={t('dashboard.byCluster')}
          nameHeader={t('dashboard.colCluster')}
          spec={data.charts.cluster}
          rows={data.clusters}
          total={data.total}
          hrefFor={(row) => drill({ cluster: row.id })}
          totalHref={drill()}
          actions={exportLink('cluster')}
        />
        <CountPanel
          name="level"
          title={t('dashboard.byLevel')}
          nameHeader={t('dashboard.colLevel')}
          spec={data.charts.level}
          rows={data.levels}
          total={data.total}
          hrefFor={(row) => drill({ level: row.id })}
          totalHref={drill()}
          actions={exportLink('level')}
        />
      </div>

      <section aria-labelledby="by-prefecture" className="card mt-6 min-w-0">
        <h2 id="by-prefecture" className="sr-only">
          {t('dashboard.byPrefecture')}
        </h2>
        <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
          <Chart spec={data.charts.prefecture} title={t('dashboard.byPrefecture')} describedBy="by-prefecture-table" testId="chart-prefecture" />
          <PrefectureTable
            rows={data.prefectures}
            total={data.total}
            sort={data.sort}
            dir={data.dir}
            // A prefecture outside the view shows 0 here: its drill-down would list other
            // enterprises (province view filtered) or be refused (a prefecture official).
            hrefFor={(row) => (filters.prefecture === null || filters.prefecture === row.id ? drill({ prefecture: row.id }) : undefined)}
            totalHref={drill()}
            actions={
              <>
                {exportLink('prefecture')} · <a href={`/official/dashboard/export/prefecture-cluster${counterSearch(filters)}`} className="link" download>{t('dashboard.exportMatrix')}</a>
              </>
            }
          />
        </div>
      </section>

      <section aria-labelledby="by-month" className="card mt-6 min-w-0">
        <h2 id="by-month" className="sr-only">
          {t('dashboard.byMonth')}
        </h2>
        <Chart spec={data.charts.month} title={t('dashboard.byMonth')} describedBy="by-month-table" testId="chart-month" />
        <MonthTable
          rows={data.months}
          hrefFor={(month) => drill({ month })}
          cumulativeHrefFor={(month) => drill({ through: month })}
          actions={exportLink('month')}
        />
      </section>
    </section>
  );
}
