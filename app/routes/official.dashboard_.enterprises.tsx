import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { counterSearch } from '~/charts/counter-rows';
import { resolveCampaign, validCluster } from '~/charts/counter-scope.server';
import { Pagination } from '~/components/pagination';
import { chinaDateOf } from '~/domain/adoption-dates';
import { levelName } from '~/domain/adoption-levels';
import { clusterName } from '~/domain/clusters';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { getCounterSnapshot, listCountedEnterprises, listEnterpriseLedger } from '~/models/counter.server';
import { DrillDownQuerySchema } from '~/schemas/dashboard.server';
import { coversPrefecture } from '~/domain/access-policy';
import { notFound, requireViewPrefecture, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

// /official/dashboard/enterprises — the enterprises counted in one number of the dashboard and,
// for each, the events behind it. (The trailing underscore keeps this page out of the dashboard's
// layout: it renders in the officials' console, not inside the dashboard.)

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const query = DrillDownQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const prefecture = requireViewPrefecture(user, query.prefecture);
  const db = getDb();
  const { campaignId } = resolveCampaign(db, query.campaign);
  // The snapshot names the campaign actually shown (the current one when none was asked for).
  const snapshot = getCounterSnapshot(db, { campaignId, taxonomy: query.taxonomy, prefecture });
  if (!snapshot) notFound();
  const cluster = validCluster(query.cluster, query.taxonomy);
  const filter = { cluster, level: query.level, month: query.month, through: query.through, kind: query.kind };
  const list = listCountedEnterprises(db, {
    campaignId: snapshot.campaign.id,
    taxonomy: query.taxonomy,
    prefecture,
    ...filter,
    page: query.page,
    pageSize: PAGE_SIZE,
  });
  const { t, locale } = await getTranslator(request, user);
  const heading = t(query.kind === 'deepening' ? 'dashboard.drillTitleDeepening' : 'dashboard.drillTitle');
  const rows = list.rows.map((row) => {
    // Rows are already limited to the official's prefecture; this is the last guard on names.
    const visible = coversPrefecture(user, row.prefecture);
    return {
      ...row,
      name: visible ? row.name : null,
      uscc: visible ? row.uscc : null,
      events: visible ? listEnterpriseLedger(db, row.enterpriseId) : [],
    };
  });
  return {
    title: `${heading} · ${t('app.name')}`,
    heading,
    campaign: { id: snapshot.campaign.id, label: (locale === 'en' ? snapshot.campaign.nameEn : null) ?? snapshot.campaign.name },
    filters: { campaign: snapshot.campaign.id, taxonomy: snapshot.taxonomy, prefecture },
    cell: filter,
    page: query.page,
    pageSize: PAGE_SIZE,
    total: list.total,
    rows,
  };
}

function Badge({ status }: { status: string }) {
  const t = useT();
  const colour =
    status === 'verified' ? 'bg-green-100 text-green-900' : status === 'revoked' ? 'bg-red-100 text-red-900' : 'bg-amber-100 text-amber-900';
  const key = `adoption.status.${status}` as 'adoption.status.verified';
  return <span className={`badge ${colour}`}>{t(key)}</span>;
}

export default function DrillDown() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { filters, cell } = data;
  const taxonomy = filters.taxonomy;
  const parts = [
    filters.prefecture ? prefectureName(filters.prefecture, locale) : t('dashboard.wholeProvince'),
    cell.cluster ? clusterName(cell.cluster, taxonomy, locale) : null,
    cell.level ? levelName(cell.level, locale) : null,
    cell.month,
    cell.through ? t('dashboard.drillThrough', { month: cell.through }) : null,
  ].filter(Boolean);
  const exportHref = `/official/dashboard/export/enterprises${counterSearch(filters, {
    cluster: cell.cluster,
    level: cell.level,
    month: cell.month,
    through: cell.through,
    kind: cell.kind === 'new' ? undefined : cell.kind,
  })}`;
  const fmt = new Intl.NumberFormat(locale).format;
  return (
    <section>
      <p className="text-sm print:hidden">
        <Link to={`/official/dashboard${counterSearch(filters)}`} className="link">
          ← {t('dashboard.backToDashboard')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold" data-testid="console-title">
        {data.heading}
      </h1>
      <p className="mt-2 text-slate-700" data-testid="drill-cell">
        {t('dashboard.drillLead', { campaign: data.campaign.label, cell: parts.join(' · '), n: fmt(data.total) })}
      </p>
      {cell.kind === 'deepening' ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="drill-kind-note">
          {t('dashboard.drillNoteDeepening')}
        </p>
      ) : null}
      <p className="mt-1 text-sm text-slate-700">{t('dashboard.drillNote')}</p>
      {data.total > 0 ? (
        <p className="mt-2 text-sm">
          <a href={exportHref} className="link" download>
            {t('dashboard.exportCsv')}
          </a>
        </p>
      ) : null}

      {data.rows.length === 0 ? (
        <p className="card mt-4 text-slate-700" data-testid="empty-state">
          {t('dashboard.drillEmpty')}
        </p>
      ) : (
        <ol className="mt-4 space-y-3" data-testid="drill-list">
          {data.rows.map((row) => (
            <li key={row.enterpriseId} className="card p-4" data-enterprise={row.enterpriseId}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold">{row.name ?? t('dashboard.nameHidden')}</h2>
                <span className="font-mono text-xs text-slate-700">{row.uscc ?? '—'}</span>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {[
                  prefectureName(row.prefecture, locale),
                  industryName(row.industry, locale) ?? row.industry,
                  clusterName(row.cluster, taxonomy, locale),
                  levelName(row.level, locale),
                  row.month,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {row.events.length > 0 ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-700">{t('dashboard.eventsSummary', { n: row.events.length })}</summary>
                  <div className="mt-2 overflow-x-auto">
                    <table className="table">
                      <caption className="sr-only">{t('dashboard.eventsCaption', { name: row.name ?? '' })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('dashboard.colOccurred')}</th>
                          <th scope="col">{t('dashboard.colLevel')}</th>
                          <th scope="col">{t('dashboard.colSource')}</th>
                          <th scope="col">{t('dashboard.colProvider')}</th>
                          <th scope="col">{t('dashboard.colStatus')}</th>
                          <th scope="col">{t('dashboard.colHistory')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {row.events.map((event) => (
                          <tr key={event.id} className={event.id === row.firstEventId ? 'bg-brand-50' : undefined}>
                            <th scope="row" className="whitespace-nowrap font-normal">
                              {event.occurredOn}
                              {event.id === row.firstEventId ? <span className="badge ml-1 bg-brand-100 text-brand-800">{t('dashboard.countedEvent')}</span> : null}
                            </th>
                            <td>{levelName(event.level, locale)}</td>
                            <td>{t(`adoption.source.${event.source}`)}</td>
                            <td>{event.providerName ?? event.providerUscc ?? '—'}</td>
                            <td>
                              <Badge status={event.status} />
                            </td>
                            <td>
                              <ul className="space-y-0.5 text-xs text-slate-700">
                                {event.actions.map((action, i) => (
                                  <li key={i}>
                                    {chinaDateOf(action.at)} {t(`adoption.action.${action.kind}`)}
                                    {action.actorName ? ` · ${action.actorName}` : action.actorKind === 'api-key' ? ` · ${t('adoption.actor.apiKey')}` : ''}
                                    {action.reason ? ` · ${action.reason}` : ''}
                                  </li>
                                ))}
                              </ul>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </section>
  );
}
