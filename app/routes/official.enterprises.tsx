import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { prefectureOptions } from '~/components/options';
import { PagedTable } from '~/components/paged-table';
import { sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { listEnterprisesInScope } from '~/models/officials.server';
import { EnterpriseListQuerySchema } from '~/schemas/vetting.server';
import { isProvincialOfficial } from '~/domain/access-policy';
import { requireRole, requireViewPrefecture } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const query = EnterpriseListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A prefecture official asking for another prefecture is refused outright, not silently narrowed.
  const prefecture = requireViewPrefecture(user, query.prefecture);
  const { t } = await getTranslator(request, user);
  const list = listEnterprisesInScope(getDb(), { prefecture, q: query.q, page: query.page });
  return {
    title: `${t('official.enterprisesTitle')} · ${t('app.name')}`,
    provincial: isProvincialOfficial(user),
    query: { page: query.page, q: query.q ?? '', prefecture: query.prefecture ?? '' },
    ...list,
  };
}

export default function OfficialEnterprises() {
  const { rows, total, pageSize, query, provincial } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const page = query.page;
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('official.enterprisesTitle')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('official.enterprisesLead')}</p>
      <Form method="get" role="search" className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="enterprise-q" className="label">
            {t('official.search')}
          </label>
          <input
            id="enterprise-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={100}
            className="input"
          />
        </div>
        {provincial ? (
          <div>
            <label htmlFor="enterprise-prefecture" className="label">
              {t('field.prefecture')}
            </label>
            <select
              id="enterprise-prefecture"
              name="prefecture"
              defaultValue={query.prefecture}
              className="input"
            >
              <option value="">{t('official.allPrefectures')}</option>
              {prefectureOptions(locale).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn-secondary">
          {t('official.searchButton')}
        </button>
      </Form>
      <PagedTable
        empty={rows.length === 0 ? t('official.enterprisesEmpty') : null}
        testId="enterprise-list"
        head={
          <>
            <th scope="col">{t('field.enterpriseName')}</th>
            <th scope="col">{t('field.uscc')}</th>
            <th scope="col">{t('field.prefecture')}</th>
            <th scope="col">{t('official.colIndustry')}</th>
            <th scope="col">{t('field.sizeClass')}</th>
            <th scope="col">{t('official.colOnCloudBefore')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((e) => (
          <tr key={e.id}>
            <th scope="row" className="font-normal">
              {e.name}
            </th>
            <td className="font-mono text-xs">{e.uscc}</td>
            <td>{prefectureName(e.prefecture, locale) ?? e.prefecture}</td>
            <td>{industryName(e.industry, locale) ?? e.industry}</td>
            <td>{sizeClassName(e.sizeClass, locale)}</td>
            <td>{e.onCloudBeforeCampaign ? t('common.yes') : t('common.no')}</td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}
