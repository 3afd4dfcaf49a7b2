import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { OrderStatusFilter, OrderTable } from '~/components/orders';
import { useT } from '~/i18n/use-t';
import { listOrderPage } from '~/models/order-pages.server';
import { OrderPageQuerySchema } from '~/schemas/orders.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /provider/orders — the orders for the provider's offerings, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const query = OrderPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    title: `${t('orders.provider.title')} · ${t('app.name')}`,
    status: query.status ?? null,
    ...listOrderPage(db, { role: 'provider', providerId: provider.id }, query),
  };
}

export default function ProviderOrders() {
  const { orders, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('orders.provider.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('orders.provider.lead')}</p>
      <OrderStatusFilter status={status} />
      <OrderTable
        rows={orders}
        counterparty="enterprise"
        basePath="/provider/orders"
        page={page}
        pageSize={pageSize}
        total={total}
        empty={status ? t('orders.empty.filtered') : t('orders.empty.provider')}
      />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
