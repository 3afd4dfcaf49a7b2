import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { SuccessMessage } from '~/components/form';
import { PagedTable } from '~/components/paged-table';
import { ChinaDate, RequestStatusBadge, UnreadBadge } from '~/components/requests';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { getEnterpriseByOwner } from '~/models/enterprises.server';
import { listSmeRequests, REQUESTS_PAGE_SIZE } from '~/models/request-queries.server';
import { RequestsPageQuerySchema } from '~/schemas/requests.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { pageFlash } from '~/utils/request-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** 我的询价: the enterprise's requests, latest activity first, 20 a page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const db = getDb();
  const { t } = await getTranslator(request, user);
  const { page } = RequestsPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const enterprise = getEnterpriseByOwner(db, user.id);
  const list = enterprise
    ? listSmeRequests(db, { enterpriseId: enterprise.id, page })
    : { rows: [], total: 0 };
  const { flash, headers } = await pageFlash(request);
  return data(
    {
      title: `${t('requests.mine.title')} · ${t('app.name')}`,
      hasEnterprise: enterprise !== null,
      page,
      pageSize: REQUESTS_PAGE_SIZE,
      flash,
      ...list,
    },
    { headers },
  );
}

export default function MyRequests() {
  const { rows, total, page, pageSize, hasEnterprise, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { dateTime } = useDateFormats();
  const empty = !hasEnterprise ? (
    <>
      {t('requests.mine.noEnterprise')}{' '}
      <Link to="/enterprise" className="link underline">
        {t('requests.cta.completeProfile')}
      </Link>
    </>
  ) : rows.length === 0 ? (
    <>
      {t('requests.mine.empty')}{' '}
      <Link to="/catalog" className="link underline">
        {t('requests.mine.browse')}
      </Link>
    </>
  ) : null;
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('requests.mine.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('requests.mine.lead')}</p>
      {flash ? (
        <div className="mt-4">
          <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage>
        </div>
      ) : null}
      <PagedTable
        empty={empty}
        testId="request-list"
        caption={t('requests.mine.title')}
        page={page}
        pageSize={pageSize}
        total={total}
        head={
          <>
            <th scope="col">{t('requests.col.offering')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('requests.col.created')}</th>
            <th scope="col">{t('requests.col.activity')}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="font-medium">
              <Link to={`/enterprise/requests/${r.id}`} className="link">
                {(locale === 'en' && r.offeringTitleEn) || r.offeringTitleZh}
              </Link>
              {r.unread ? <UnreadBadge /> : null}
            </th>
            <td>
              <RequestStatusBadge status={r.status} />
            </td>
            <td className="whitespace-nowrap">
              <ChinaDate iso={r.createdAt} />
            </td>
            <td className="whitespace-nowrap">{dateTime(r.lastMessageAt)}</td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
