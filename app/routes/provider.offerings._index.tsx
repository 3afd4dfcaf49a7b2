import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { OfferingStatusBadge, formatDateTime } from '~/components/offering-form';
import { Pagination } from '~/components/pagination';
import { levelName } from '~/domain/adoption-levels';
import { OFFERING_STATUSES, formatFen } from '~/domain/catalog-vocabulary';
import { useLocale, useT } from '~/i18n/use-t';
import { listProviderOfferings } from '~/models/offerings.server';
import { OfferingListQuerySchema, providerCanPrepare } from '~/schemas/offerings.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const query = OfferingListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listProviderOfferings(db, { providerId: provider.id, status: query.status, page: query.page });
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('provider.offerings.title')} · ${t('app.name')}`,
      status: query.status ?? null,
      canPrepare: providerCanPrepare(provider.status),
      flash,
      ...list,
    },
    { headers },
  );
}

export default function ProviderOfferings() {
  const { rows, total, page, pageSize, status, canPrepare, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {t('provider.offerings.title')}
        </h1>
        {canPrepare ? (
          <Link to="/provider/offerings/new" className="btn-primary">
            {t('provider.nav.newOffering')}
          </Link>
        ) : null}
      </div>
      <FlashMessage message={flash} />

      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="status-filter" className="label">
            {t('provider.offerings.filter')}
          </label>
          <select id="status-filter" name="status" defaultValue={status ?? ''} className="input">
            <option value="">{t('common.all')}</option>
            {OFFERING_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {locale === 'en' ? s.nameEn : s.nameZh}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('provider.offerings.filterSubmit')}
        </button>
      </Form>

      {rows.length === 0 ? (
        <div className="card text-center">
          <p className="text-slate-700">{status ? t('provider.offerings.emptyFiltered') : t('provider.offerings.empty')}</p>
          {canPrepare && !status ? (
            <Link to="/provider/offerings/new" className="btn-primary mt-4">
              {t('provider.nav.newOffering')}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="table">
            <caption className="sr-only">{t('provider.offerings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('provider.col.title')}</th>
                <th scope="col">{t('provider.col.level')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('provider.col.updatedAt')}</th>
                <th scope="col">{t('provider.col.minPrice')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className="min-w-[10rem] bg-white font-normal">
                    <Link to={`/provider/offerings/${o.id}`} className="link font-medium">
                      {locale === 'en' && o.titleEn ? o.titleEn : o.titleZh}
                    </Link>
                    <span className="block text-xs text-slate-600">{o.externalId}</span>
                  </th>
                  <td>{levelName(o.level, locale)}</td>
                  <td>
                    <span className="flex flex-wrap gap-1">
                      <OfferingStatusBadge status={o.status} />
                      {o.status === 'published' && o.revisionStatus === 'pending' ? (
                        <span className="badge bg-amber-100 text-amber-900">{t('provider.revision.pendingBadge')}</span>
                      ) : null}
                      {o.status === 'published' && o.revisionStatus === 'rejected' ? (
                        <span className="badge bg-red-100 text-red-900">{t('provider.revision.rejectedBadge')}</span>
                      ) : null}
                    </span>
                  </td>
                  <td className="whitespace-nowrap">{formatDateTime(o.updatedAt, locale)}</td>
                  <td className="whitespace-nowrap">{formatFen(o.minPriceFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
