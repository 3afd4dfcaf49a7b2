import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { PagedTable } from '~/components/paged-table';
import { mayDeleteOwnAccount } from '~/domain/access-policy';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import {
  CONTACT_VIEWS_PAGE_SIZE,
  countContactViewsOfEnterprise,
  listContactViewsOfEnterprise,
} from '~/models/contact-views.server';
import { personalDataCounts } from '~/models/personal-data-counts.server';
import { PageQuerySchema } from '~/schemas/vetting.server';
import { principalOf, requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '我的数据 · 云桥' }];

/** /account/data — what Yunqiao holds about the signed-in account, the download, and who saw the enterprise's contact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { t } = await getTranslator(request, user);
  const db = getDb();
  const counts = personalDataCounts(db, user.id).filter((c) => c.rows > 0);
  const principal = principalOf(user);
  const enterpriseId = principal.role === 'sme' ? principal.enterpriseId : null;
  return {
    title: `${t('accountData.title')} · ${t('app.name')}`,
    counts,
    contactViews:
      enterpriseId === null
        ? null
        : {
            page,
            total: countContactViewsOfEnterprise(db, enterpriseId),
            rows: listContactViewsOfEnterprise(db, enterpriseId, { page }),
          },
    mayDelete: mayDeleteOwnAccount(user.role),
    // Sent with the data: a value of a .server module does not exist in the browser.
    pageSize: CONTACT_VIEWS_PAGE_SIZE,
  };
}

export default function AccountData() {
  const { counts, contactViews, mayDelete, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { dateTime } = useDateFormats();
  const viewer = (v: { viewerScope: string | null; viewerKnown: boolean }) =>
    !v.viewerKnown
      ? t('accountData.viewerUnknown')
      : v.viewerScope === null
        ? t('accountData.viewerProvince')
        : t('accountData.viewerPrefecture', { prefecture: prefectureName(v.viewerScope, locale) ?? v.viewerScope });
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('accountData.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('accountData.lead')}</p>
      </header>

      <section className="card" aria-labelledby="download-heading">
        <h2 id="download-heading" className="sr-only">
          {t('accountData.download')}
        </h2>
        <div className="overflow-x-auto">
          <table className="table">
            <caption className="mb-2 text-left font-semibold">{t('accountData.summaryCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accountData.colKind')}</th>
                <th scope="col" className="text-right">
                  {t('accountData.colCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.table}>
                  <th scope="row" className="font-normal">
                    {t(`accountData.section.${c.table}` as MessageKey)}
                  </th>
                  <td className="text-right tabular-nums">{c.rows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-sm text-slate-700">{t('accountData.formatNote')}</p>
        <a href="/account/data.zip" download className="btn-primary mt-3 inline-block w-full text-center sm:w-auto" data-testid="download-data">
          {t('accountData.download')}
        </a>
      </section>

      {contactViews ? (
        <section aria-labelledby="views-heading">
          <h2 id="views-heading" className="text-lg font-semibold">
            {t('accountData.viewsHeading')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('accountData.viewsLead', { n: pageSize })}</p>
          <PagedTable
            empty={contactViews.rows.length === 0 ? t('accountData.viewsEmpty') : null}
            testId="contact-views"
            caption={t('accountData.viewsHeading')}
            head={
              <>
                <th scope="col">{t('accountData.colViewedAt')}</th>
                <th scope="col">{t('accountData.colViewer')}</th>
                <th scope="col">{t('accountData.colContext')}</th>
              </>
            }
            page={contactViews.page}
            pageSize={pageSize}
            total={contactViews.total}
          >
            {contactViews.rows.map((v, i) => (
              <tr key={`${v.viewedAt}-${i}`}>
                <td>
                  <time dateTime={v.viewedAt}>{dateTime(v.viewedAt)}</time>
                </td>
                <td>{viewer(v)}</td>
                <td className="font-mono text-xs">{v.context}</td>
              </tr>
            ))}
          </PagedTable>
        </section>
      ) : null}

      {mayDelete ? (
        <section className="card" aria-labelledby="delete-heading">
          <h2 id="delete-heading" className="text-lg font-semibold">
            {t('accountData.deleteHeading')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('accountData.deleteText')}</p>
          <Link to="/account/delete" className="link mt-2 inline-block text-sm">
            {t('accountData.deleteLink')}
          </Link>
        </section>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
