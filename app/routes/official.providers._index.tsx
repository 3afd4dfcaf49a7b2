import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { PagedTable } from '~/components/paged-table';
import { PROVIDER_STATUSES, vocabularyName } from '~/domain/catalog-vocabulary';
import { CHINA_TIME_ZONE } from '~/domain/adoption-dates';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { listProvidersForVetting } from '~/models/vetting.server';
import { PROVIDER_STATUS_FILTERS } from '~/domain/vetting-options';
import { ProviderListQuerySchema } from '~/schemas/vetting.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const query = ProviderListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listProvidersForVetting(getDb(), {
    scope: user.scopePrefecture,
    status: query.status,
    page: query.page,
  });
  return {
    title: `${t('official.providersTitle')} · ${t('app.name')}`,
    status: query.status,
    page: query.page,
    ...list,
  };
}

export default function OfficialProviders() {
  const { rows, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA_TIME_ZONE });
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('official.providersTitle')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('official.providersLead')}</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="status-filter" className="label">
            {t('official.filterStatus')}
          </label>
          <select id="status-filter" name="status" defaultValue={status} className="input">
            {PROVIDER_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('common.all') : vocabularyName(PROVIDER_STATUSES, s, locale)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('official.filter')}
        </button>
      </Form>
      <PagedTable
        empty={rows.length === 0 ? t('official.providersEmpty') : null}
        testId="provider-list"
        head={
          <>
            <th scope="col">{t('official.colProvider')}</th>
            <th scope="col">{t('field.uscc')}</th>
            <th scope="col">{t('field.providerPrefecture')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('official.colApplied')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((p) => {
          const name = locale === 'en' && p.nameEn ? p.nameEn : p.nameZh;
          return (
            <tr key={p.id}>
              <th scope="row" className="font-normal">
                <Link to={`/official/providers/${p.id}`} className="link">
                  {name}
                </Link>
              </th>
              <td className="font-mono text-xs">{p.uscc}</td>
              <td>{prefectureName(p.prefecture, locale) ?? p.prefecture}</td>
              <td>{vocabularyName(PROVIDER_STATUSES, p.status, locale)}</td>
              <td className="whitespace-nowrap">{dateTime.format(new Date(p.createdAt))}</td>
            </tr>
          );
        })}
      </PagedTable>
    </section>
  );
}
