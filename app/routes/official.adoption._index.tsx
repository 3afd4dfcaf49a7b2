import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { EventStatusBadge, LevelName } from '~/components/adoption';
import { PagedTable } from '~/components/paged-table';
import { prefectureName } from '~/domain/prefectures';
import { type MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { listEventQueue } from '~/models/adoption-queries.server';
import { QueueQuerySchema } from '~/schemas/adoption.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const query = QueueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    title: `${t('adoption.queue.title')} · ${t('app.name')}`,
    status: query.status,
    page: query.page,
    ...listEventQueue(getDb(), { scope: user.scopePrefecture, status: query.status, page: query.page }),
  };
}

export default function AdoptionQueue() {
  const { rows, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('adoption.queue.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('adoption.queue.lead')}</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="queue-status" className="label">
            {t('common.status')}
          </label>
          <select id="queue-status" name="status" defaultValue={status} className="input">
            <option value="pending">{t('adoption.status.pending')}</option>
            <option value="disputed">{t('adoption.status.disputed')}</option>
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('adoption.queue.filter')}
        </button>
      </Form>
      <PagedTable
        empty={rows.length === 0 ? t('adoption.queue.empty') : null}
        testId="event-queue"
        head={
          <>
            <th scope="col">{t('adoption.col.enterprise')}</th>
            <th scope="col">{t('adoption.col.prefecture')}</th>
            <th scope="col">{t('adoption.col.provider')}</th>
            <th scope="col">{t('adoption.col.level')}</th>
            <th scope="col">{t('adoption.col.occurredOn')}</th>
            <th scope="col">{t('adoption.col.source')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row" className="font-medium">
              {r.enterpriseName}
              <span className="block font-mono text-xs font-normal text-slate-600">
                {r.enterpriseUscc}
              </span>
            </th>
            <td>{prefectureName(r.prefecture, locale) ?? r.prefecture}</td>
            <td>{r.providerName ?? r.providerUscc ?? '—'}</td>
            <td>
              <LevelName level={r.level} />
            </td>
            <td className="whitespace-nowrap">{r.occurredOn}</td>
            <td>{t(`adoption.source.${r.source}` as MessageKey)}</td>
            <td>
              <EventStatusBadge status={r.status} />
            </td>
            <td>
              <Link to={`/official/adoption/events/${r.id}`} className="link">
                {t('adoption.queue.open')}
              </Link>
            </td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}
