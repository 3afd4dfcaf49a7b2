import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { PagedTable } from '~/components/paged-table';
import { Age, ChinaDate, RequestStatusBadge, UnreadBadge } from '~/components/requests';
import { REQUEST_STATUSES } from '~/domain/marketplace-states';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { listLeads, REQUESTS_PAGE_SIZE } from '~/models/request-queries.server';
import { RequestsPageQuerySchema } from '~/schemas/requests.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** The lead inbox: unanswered requests first, the oldest first; filter by status; 20 a page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const { status, page } = RequestsPageQuerySchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return {
    title: `${t('requests.leads.title')} · ${t('app.name')}`,
    status: status ?? null,
    page,
    pageSize: REQUESTS_PAGE_SIZE,
    ...listLeads(db, { providerId: provider.id, status, page, now: new Date() }),
  };
}

export default function Leads() {
  const { rows, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const tab = (value: string | null) => {
    const current = value === status;
    return (
      <li key={value ?? 'all'}>
        <Link
          to={{ pathname: location.pathname, search: value ? `?status=${value}` : '' }}
          aria-current={current ? 'page' : undefined}
          className={`inline-block rounded-md border px-3 py-1.5 text-sm ${
            current
              ? 'border-brand-700 bg-brand-700 font-semibold text-white'
              : 'border-slate-300 bg-white text-slate-800 hover:bg-brand-50'
          }`}
        >
          {value ? t(`requests.status.${value}` as MessageKey) : t('common.all')}
        </Link>
      </li>
    );
  };
  const empty =
    rows.length === 0 ? (status ? t('requests.leads.emptyFiltered') : t('requests.leads.empty')) : null;
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('requests.leads.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('requests.leads.lead')}</p>
      <nav aria-label={t('requests.leads.filter')} className="mt-4">
        <ul className="flex flex-wrap gap-2">{[null, ...REQUEST_STATUSES].map(tab)}</ul>
      </nav>
      <PagedTable
        empty={empty}
        testId="lead-list"
        caption={t('requests.leads.title')}
        page={page}
        pageSize={pageSize}
        total={total}
        head={
          <>
            <th scope="col">{t('requests.col.enterprise')}</th>
            <th scope="col">{t('requests.col.offering')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('requests.col.created')}</th>
            <th scope="col">{t('requests.col.age')}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="font-medium">
              <Link to={`/provider/leads/${r.id}`} className="link">
                {r.enterpriseName}
              </Link>
              {r.unread ? <UnreadBadge /> : null}
            </th>
            <td>{(locale === 'en' && r.offeringTitleEn) || r.offeringTitleZh}</td>
            <td>
              <RequestStatusBadge status={r.status} />
            </td>
            <td className="whitespace-nowrap">
              <ChinaDate iso={r.createdAt} />
            </td>
            <td className="whitespace-nowrap">
              <Age hours={r.ageHours} />
            </td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
