import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { PagedTable } from '~/components/paged-table';
import { PROVIDER_STATUSES, vocabularyName } from '~/domain/catalog-vocabulary';
import { levelName } from '~/domain/adoption-levels';
import { CHINA_TIME_ZONE } from '~/domain/adoption-dates';
import { useLocale, useT } from '~/i18n/use-t';
import { listSubmittedOfferings } from '~/models/vetting.server';
import { PageQuerySchema } from '~/schemas/vetting.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listSubmittedOfferings(getDb(), { scope: user.scopePrefecture, page });
  return { title: `${t('official.offeringsTitle')} · ${t('app.name')}`, page, ...list };
}

export default function OfficialOfferings() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA_TIME_ZONE });
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('official.offeringsTitle')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('official.offeringsLead')}</p>
      <PagedTable
        empty={rows.length === 0 ? t('official.offeringsEmpty') : null}
        testId="offering-list"
        head={
          <>
            <th scope="col">{t('official.colOffering')}</th>
            <th scope="col">{t('official.provider')}</th>
            <th scope="col">{t('official.colLevel')}</th>
            <th scope="col">{t('official.colSubmitted')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((o) => (
          <tr key={o.id}>
            <th scope="row" className="font-normal">
              <Link to={`/official/offerings/${o.id}`} className="link">
                {locale === 'en' && o.titleEn ? o.titleEn : o.titleZh}
              </Link>
            </th>
            <td>
              {locale === 'en' && o.providerNameEn ? o.providerNameEn : o.providerNameZh}
              {o.providerStatus !== 'approved' ? (
                <span className="badge ml-2 bg-amber-100 text-amber-900">
                  {vocabularyName(PROVIDER_STATUSES, o.providerStatus, locale)}
                </span>
              ) : null}
            </td>
            <td>{levelName(o.level, locale)}</td>
            <td className="whitespace-nowrap">
              {o.submittedAt ? dateTime.format(new Date(o.submittedAt)) : ''}
            </td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}
