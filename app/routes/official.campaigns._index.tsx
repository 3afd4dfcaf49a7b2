import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { FlashMessage } from '~/components/flash-message';
import { useLocale, useT } from '~/i18n/use-t';
import { currentCampaignId } from '~/models/adoption-ledger.server';
import { listCampaignRows } from '~/models/campaigns.server';
import { getCampaignProgress } from '~/models/counter.server';
import { isProvincialOfficial } from '~/domain/access-policy';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** Every official sees the campaigns (the dashboard offers them all); provincial officials edit them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const db = getDb();
  const current = currentCampaignId(db);
  const campaigns = listCampaignRows(db).map((c) => ({
    ...c,
    counted: getCampaignProgress(db, c.id)?.total ?? 0,
    current: c.id === current,
  }));
  // After creating or editing a campaign (official.campaigns.new, official.campaigns.$campaignId).
  const { flash, headers } = await readFlashMessage(request);
  return data({ title: t('campaigns.metaTitle'), canEdit: isProvincialOfficial(user), campaigns, flash }, { headers });
}

export default function OfficialCampaigns() {
  const { campaigns, canEdit, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const building = campaigns.some((c) => c.countsStatus === 'building');
  // While a campaign is being counted, the page follows its progress (without JS: reload).
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [building, revalidator]);
  const number = new Intl.NumberFormat(locale);
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="console-title">
            {t('campaigns.title')}
          </h1>
          <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('campaigns.lead')}</p>
          {!canEdit ? <p className="mt-2 text-sm text-slate-700">{t('campaigns.readOnly')}</p> : null}
        </div>
        {canEdit ? (
          <Link to="/official/campaigns/new" className="btn-primary">
            {t('campaigns.new')}
          </Link>
        ) : null}
      </header>
      <FlashMessage message={flash} sticky />
      {campaigns.length === 0 ? (
        <p className="card text-slate-700" data-testid="empty-state">
          {t('campaigns.empty')}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="campaigns">
            <caption className="sr-only">{t('campaigns.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.colName')}</th>
                <th scope="col">{t('campaigns.colWindow')}</th>
                <th scope="col" className="text-right">
                  {t('campaigns.colTarget')}
                </th>
                <th scope="col" className="text-right">
                  {t('campaigns.colCounted')}
                </th>
                <th scope="col">{t('campaigns.colStatus')}</th>
                {canEdit ? <th scope="col">{t('campaigns.colActions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => {
                const name = (locale === 'en' ? c.nameEn : null) ?? c.name;
                return (
                  <tr key={c.id} data-campaign={c.id}>
                    <th scope="row" className="min-w-[14rem] font-normal">
                      <Link to={`/official/dashboard?campaign=${encodeURIComponent(c.id)}`} className="link font-medium">
                        {name}
                      </Link>
                      <span className="ml-2 text-xs text-slate-600">{c.id}</span>
                      {c.current ? (
                        <span className="badge ml-2 bg-brand-50 text-brand-800">{t('campaigns.current')}</span>
                      ) : null}
                    </th>
                    <td className="whitespace-nowrap">{t('campaigns.window', { start: c.startsOn, end: c.endsOn })}</td>
                    <td className="text-right tabular-nums">{number.format(c.target)}</td>
                    <td className="text-right tabular-nums">{number.format(c.counted)}</td>
                    <td className="min-w-[10rem]" data-testid="campaign-status">
                      {c.countsStatus === 'building' ? (
                        <CampaignBuildProgress done={c.buildDone} total={c.buildTotal} />
                      ) : (
                        t('campaigns.ready')
                      )}
                    </td>
                    {canEdit ? (
                      <td>
                        <Link
                          to={`/official/campaigns/${encodeURIComponent(c.id)}`}
                          className="btn-secondary whitespace-nowrap px-3 py-1"
                          aria-label={t('campaigns.editCampaign', { name })}
                        >
                          {t('campaigns.edit')}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CampaignBuildProgress({ done, total }: { done: number; total: number }) {
  const t = useT();
  const label = t('campaigns.buildingProgress', { done, total });
  return (
    <div>
      <span className="font-medium text-amber-800">{t('campaigns.building')}</span>
      <progress className="mt-1 block w-full" max={Math.max(total, 1)} value={Math.min(done, total)} aria-label={label} />
      <span className="text-xs text-slate-600">{label}</span>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
