import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { SuccessMessage } from '~/components/form';
import { useMoney } from '~/components/orders';
import { PagedTable } from '~/components/paged-table';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { DISPUTES_PAGE_SIZE, listDisputes } from '~/models/order-disputes.server';
import { OrderPageQuerySchema } from '~/schemas/orders.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /official/disputes — disputed orders of enterprises in the official's scope, oldest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { page } = OrderPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const flash = await readFlash(request);
  const { rows, total } = listDisputes(getDb(), { role: 'official', scopePrefecture: user.scopePrefecture }, { page });
  return data(
    {
      title: `${t('orders.disputes.title')} · ${t('app.name')}`,
      rows,
      total,
      page,
      // Sent with the data: a value of a .server module does not exist in the browser.
      pageSize: DISPUTES_PAGE_SIZE,
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

export default function OfficialDisputes() {
  const { rows, total, page, pageSize, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const { dateTime } = useDateFormats();
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('orders.disputes.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('orders.disputes.lead')}</p>
      {flash ? (
        <div className="mt-4">
          <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage>
        </div>
      ) : null}
      <PagedTable
        empty={rows.length === 0 ? t('orders.disputes.empty') : null}
        testId="dispute-list"
        caption={t('orders.disputes.listLabel')}
        page={page}
        pageSize={pageSize}
        total={total}
        head={
          <>
            <th scope="col">{t('orders.disputes.col.enterprise')}</th>
            <th scope="col">{t('orders.disputes.col.provider')}</th>
            <th scope="col">{t('orders.disputes.col.payable')}</th>
            <th scope="col">{t('orders.disputes.col.reason')}</th>
            <th scope="col">{t('orders.disputes.col.disputedAt')}</th>
            <th scope="col">
              <span className="sr-only">{t('orders.disputes.open')}</span>
            </th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="font-medium">
              {r.enterpriseName}
              <span className="block text-xs font-normal text-slate-600">{prefectureName(r.prefecture, locale) ?? r.prefecture}</span>
            </th>
            <td>
              {r.providerName}
              <span className="block text-xs text-slate-600">{r.offeringTitle}</span>
            </td>
            <td className="whitespace-nowrap">{money(r.payableFen)}</td>
            <td className="max-w-xs">
              <span className="line-clamp-2">{r.disputeReason}</span>
            </td>
            <td className="whitespace-nowrap">{dateTime(r.disputedAt)}</td>
            <td>
              <Link to={`/official/disputes/${r.id}`} className="link whitespace-nowrap" aria-label={t('orders.disputes.openLabel', { enterprise: r.enterpriseName })}>
                {t('orders.disputes.open')}
              </Link>
              <Link to={`/official/disputes/${r.id}#thread-section`} className="link mt-1 block whitespace-nowrap text-xs">
                {t('orders.detail.thread')}
              </Link>
            </td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
