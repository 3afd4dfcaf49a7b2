import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EventStatusBadge, LevelName } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import { Pagination } from '~/components/pagination';
import { ScrollRegion } from '~/components/scroll-region';
import { useT } from '~/i18n/use-t';
import { listProviderDeployments } from '~/models/adoption-queries.server';
import { LedgerPageQuerySchema } from '~/schemas/adoption.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const { page } = LedgerPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('adoption.deploy.title')} · ${t('app.name')}`,
      page,
      flash,
      ...listProviderDeployments(db, { providerId: provider.id, page }),
    },
    { headers },
  );
}

export default function ProviderDeployments() {
  const { rows, total, page, pageSize, flash } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('adoption.deploy.title')}
        </h1>
        <Link to="/provider/deployments/new" className="btn-primary">
          {t('adoption.deploy.new')}
        </Link>
      </div>
      <p className="mt-2 text-sm text-slate-700">{t('adoption.deploy.lead')}</p>
      <div className="mt-4">
        <FlashMessage message={flash} />
      </div>
      {rows.length === 0 ? (
        <p className="card mt-4 text-slate-700" data-testid="empty-state">
          {t('adoption.deploy.empty')}
        </p>
      ) : (
        <ScrollRegion label={t('adoption.deploy.title')} className="mt-4 rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="deployment-list">
            <caption className="sr-only">{t('adoption.deploy.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adoption.col.enterprise')}</th>
                <th scope="col">{t('field.uscc')}</th>
                <th scope="col">{t('adoption.col.offering')}</th>
                <th scope="col">{t('adoption.col.level')}</th>
                <th scope="col">{t('adoption.col.occurredOn')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="font-medium">
                    {r.enterpriseName}
                  </th>
                  <td className="font-mono text-xs">{r.enterpriseUscc}</td>
                  <td>{r.offeringTitle ?? r.offeringExternalId ?? '—'}</td>
                  <td>
                    <LevelName level={r.level} />
                  </td>
                  <td className="whitespace-nowrap">{r.occurredOn}</td>
                  <td>
                    <EventStatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
