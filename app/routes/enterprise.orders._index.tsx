import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { OrderStatusFilter, OrderTable } from '~/components/orders';
import { useT } from '~/i18n/use-t';
import { listOrderPage } from '~/models/order-pages.server';
import { OrderPageQuerySchema } from '~/schemas/orders.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { requestCallerOfUser } from '~/utils/request-api.server';
import { HelpLink } from '~/components/help-link';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /enterprise/orders — the SME's orders, newest first (formats/marketplace-api.md, "Orders"). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const { t } = await getTranslator(request, user);
  const query = OrderPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    title: `${t('orders.mine.title')} · ${t('app.name')}`,
    status: query.status ?? null,
    ...listOrderPage(getDb(), requestCallerOfUser(user).viewer, query),
  };
}

export default function EnterpriseOrders() {
  const { orders, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('orders.mine.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('orders.mine.lead')}</p>
      <p className="mt-1">
        <HelpLink topic="orders" />
      </p>
      <OrderStatusFilter status={status} />
      <OrderTable
        rows={orders}
        counterparty="provider"
        basePath="/enterprise/orders"
        page={page}
        pageSize={pageSize}
        total={total}
        empty={
          status ? (
            t('orders.empty.filtered')
          ) : (
            <>
              {t('orders.empty.sme')}{' '}
              <Link to="/catalog" className="link underline">
                {t('orders.browseCatalog')}
              </Link>
            </>
          )
        }
      />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
