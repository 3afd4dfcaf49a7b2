import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Chart } from '~/charts/chart';
import printStyles from '~/charts/print.css';
import { CountPanel, Headline, MonthTable, PrefectureTable } from '~/charts/counter-panels';
import { counterSearch, sortPrefectureRows } from '~/charts/counter-rows';
import { linkCharts } from '~/charts/chart-image.server';
import { countsOption, monthOption, prefectureOption } from '~/charts/counter-options';
import { publicProgress } from '~/charts/public-progress.server';
import { useT } from '~/i18n/use-t';
import { DashboardQuerySchema } from '~/schemas/dashboard.server';
import { getUser, notFound } from '~/utils/auth.server';
import { CampaignCountingNotice } from '~/components/campaign-counting';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { CampaignTaxonomyFields } from '~/charts/counter-filters';

// /progress — the public page of the provincial counter: no login, aggregates only (no
// enterprise is named), the province as a whole.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles, media: 'print' }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? '云桥' },
  { name: 'description', content: data?.description ?? '' },
];

// The same for every visitor without cookies (the language and the signed-in header come from
// cookies): the anonymous page cache may keep it until the counter's data changes.
export { alwaysShareable as headers } from '~/utils/shareable';

export async function loader({ request }: LoaderFunctionArgs) {
  const query = DashboardQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const user = await getUser(request);
  const { t, locale } = await getTranslator(request, user);
  // Computed once per database change, day and language, shared by every visitor.
  const progress = publicProgress(getDb(), { campaign: query.campaign, taxonomy: query.taxonomy }, locale);
  if (!progress) notFound();
  const { view } = progress;
  const filters = { campaign: view.campaign.id, taxonomy: view.taxonomy, prefecture: null };
  return {
    title: `${t('progress.title')} · ${t('app.name')}`,
    description: t('progress.lead'),
    campaigns: progress.campaigns,
    filters,
    sort: query.sort,
    dir: query.dir,
    ...view,
    // Each SVG travels once, as a cached image, instead of in both the HTML and the loader data;
    // the interactive charts' options are built in the browser from the rows below.
    charts: linkCharts(view.charts, filters, locale),
    prefectures: sortPrefectureRows(view.prefectures, query.sort, query.dir, locale),
  };
}

export default function PublicProgress() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { filters } = data;
  const search = counterSearch(filters);
  return (
    <article>
      <h1 className="text-2xl font-bold" data-testid="progress-title">
        {t('progress.title')}
      </h1>
      <p className="mt-2 text-slate-700">{t('progress.lead')}</p>
      <CampaignCountingNotice counting={data.campaign.counting} />

      <Form
        method="get"
        className="mt-4 flex flex-wrap items-end gap-3 print:hidden"
        aria-label={t('dashboard.filters')}
      >
        <CampaignTaxonomyFields
          idPrefix="p"
          campaigns={data.campaigns}
          campaign={filters.campaign}
          taxonomy={filters.taxonomy}
        />
        <button type="submit" className="btn-secondary">
          {t('dashboard.apply')}
        </button>
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
        />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <CountPanel
          name="cluster"
          title={t('dashboard.byCluster')}
          nameHeader={t('dashboard.colCluster')}
          spec={data.charts.cluster}
          buildOption={() => countsOption(data.clusters, t)}
          rows={data.clusters}
          total={data.total}
        />
        <CountPanel
          name="level"
          title={t('dashboard.byLevel')}
          nameHeader={t('dashboard.colLevel')}
          spec={data.charts.level}
          buildOption={() => countsOption(data.levels, t)}
          rows={data.levels}
          total={data.total}
        />
      </div>

      <section aria-label={t('dashboard.byPrefecture')} className="card mt-6 min-w-0">
        <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
          <Chart
            spec={data.charts.prefecture}
            buildOption={() => prefectureOption(data.prefectures, t)}
            title={t('dashboard.byPrefecture')}
            describedBy="by-prefecture-table"
            testId="chart-prefecture"
          />
          <PrefectureTable rows={data.prefectures} total={data.total} sort={data.sort} dir={data.dir} />
        </div>
      </section>

      <section aria-label={t('dashboard.byMonth')} className="card mt-6 min-w-0">
        <Chart
          spec={data.charts.month}
          buildOption={() =>
            monthOption(
              { target: data.campaign.target, start: data.campaign.start, end: data.campaign.end },
              data.months,
              t,
            )
          }
          title={t('dashboard.byMonth')}
          describedBy="by-month-table"
          testId="chart-month"
        />
        <MonthTable rows={data.months} />
      </section>

      <section aria-labelledby="open-data" className="card mt-6">
        <h2 id="open-data" className="text-base font-semibold text-slate-800">
          {t('progress.openData')}
        </h2>
        <p className="mt-2 text-sm text-slate-700">{t('progress.rule')}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>
            <a href={`/open-data/counter.csv${search}`} className="link underline" download>
              {t('progress.openDataCsv')}
            </a>
            <span className="text-slate-700"> — {t('progress.suppression')}</span>
          </li>
          <li>
            <a href={`/api/counter${search}`} className="link underline">
              {t('progress.api')}
            </a>
            <span className="text-slate-700"> — {t('progress.apiNote')}</span>
          </li>
        </ul>
        <p className="mt-3 text-xs text-slate-600">{t('progress.mapCredit')}</p>
      </section>
    </article>
  );
}
