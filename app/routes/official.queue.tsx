import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/offering-form';
import { PagedTable } from '~/components/paged-table';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { listVettingQueue } from '~/models/vetting-queue.server';
import { QUEUE_KINDS, type QueueKind } from '~/domain/vetting-options';
import { QueueQuerySchema } from '~/schemas/vetting.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const query = QueueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listVettingQueue(getDb(), { scope: user.scopePrefecture, kind: query.type, page: query.page });
  return { title: `${t('official.queueTitle')} · ${t('app.name')}`, type: query.type ?? null, ...list };
}

const LINK: Record<QueueKind, string> = {
  provider: '/official/providers/',
  offering: '/official/offerings/',
  revision: '/official/revisions/',
};

const KIND_BADGE: Record<QueueKind, string> = {
  provider: 'bg-sky-100 text-sky-900',
  offering: 'bg-amber-100 text-amber-900',
  revision: 'bg-violet-100 text-violet-900',
};

export default function OfficialQueue() {
  const { rows, total, page, pageSize, type } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('official.queueTitle')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('official.queueLead')}</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="type-filter" className="label">
            {t('official.queueType')}
          </label>
          <select id="type-filter" name="type" defaultValue={type ?? ''} className="input">
            <option value="">{t('common.all')}</option>
            {QUEUE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`official.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('official.filter')}
        </button>
      </Form>
      <PagedTable
        empty={rows.length === 0 ? t(type ? 'official.queueEmptyFiltered' : 'official.queueEmpty') : null}
        testId="vetting-queue"
        caption={t('official.queueCaption')}
        head={
          <>
            <th scope="col">{t('official.colItem')}</th>
            <th scope="col">{t('official.queueType')}</th>
            <th scope="col">{t('official.provider')}</th>
            <th scope="col">{t('official.colPrefecture')}</th>
            <th scope="col">{t('official.colSubmitted')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((row) => (
          <tr key={`${row.kind}:${row.id}`} data-kind={row.kind}>
            <th scope="row" className="min-w-[10rem] font-normal">
              <Link to={`${LINK[row.kind]}${row.id}`} className="link">
                {en && row.titleEn ? row.titleEn : row.titleZh}
              </Link>
            </th>
            <td>
              <span className={`badge whitespace-nowrap ${KIND_BADGE[row.kind]}`}>{t(`official.kind.${row.kind}`)}</span>
            </td>
            <td>{en && row.providerNameEn ? row.providerNameEn : row.providerNameZh}</td>
            <td className="whitespace-nowrap">{prefectureName(row.prefecture, locale) ?? row.prefecture}</td>
            <td className="whitespace-nowrap">{formatDateTime(row.submittedAt, locale)}</td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
