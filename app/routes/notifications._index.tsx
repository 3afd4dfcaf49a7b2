import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/offering-form';
import { Pagination } from '~/components/pagination';
import { useLocale, useT } from '~/i18n/use-t';
import {
  countNotifications,
  listNotifications,
  markAllNotificationsRead,
  unreadCount,
} from '~/models/notifications.server';
import { NotificationsActionSchema, NotificationsQuerySchema } from '~/schemas/notifications.server';
import { requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

const PAGE_SIZE = 20;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '通知 · 云桥' }];

// 通知: the signed-in user's notifications, newest first. Each one is opened through a POST to
// /notifications/:id, which marks it read and goes to its page.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const db = getDb();
  const query = NotificationsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const total = countNotifications(db, user.id);
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  const items = listNotifications(db, user.id, locale, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    title: `${t('notifications.title')} · ${t('app.name')}`,
    page,
    pageSize: PAGE_SIZE,
    total,
    unread: unreadCount(db, user.id),
    items: items.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt,
      unread: n.readAt === null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = NotificationsActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response('Bad Request', { status: 400, statusText: 'Bad Request' });
  markAllNotificationsRead(getDb(), user.id);
  return redirect('/notifications');
}

export default function Notifications() {
  const { page, pageSize, total, unread, items } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t('notifications.title')}</h1>
          <p className="mt-2 text-sm text-slate-700">{t('notifications.lead')}</p>
          {total > 0 ? (
            <p className="mt-1 text-sm text-slate-700" data-testid="notifications-summary">
              {t('notifications.summary', { total, unread })}
            </p>
          ) : null}
        </div>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="btn-secondary">
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </header>

      {items.length === 0 ? (
        <section className="card text-center" data-testid="notifications-empty">
          <h2 className="text-lg font-semibold">{t('notifications.empty')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('notifications.emptyText')}</p>
        </section>
      ) : (
        <ul
          aria-label={t('notifications.listLabel')}
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          {items.map((n) => (
            <li
              key={n.id}
              data-testid="notification"
              data-unread={n.unread ? 'true' : 'false'}
              className={
                n.unread ? 'border-l-4 border-brand-700 bg-brand-50' : 'border-l-4 border-transparent'
              }
            >
              <Form method="post" action={`/notifications/${n.id}`}>
                <button
                  type="submit"
                  // Named by its title and read state; the text and time describe it.
                  aria-labelledby={`n${n.id}-title n${n.id}-state`}
                  aria-describedby={`n${n.id}-body n${n.id}-time`}
                  className="block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
                >
                  <span className="flex flex-wrap items-center gap-2">
                    <span
                      id={`n${n.id}-title`}
                      className={`text-brand-800 underline-offset-2 hover:underline ${n.unread ? 'font-semibold' : ''}`}
                    >
                      {n.title}
                    </span>
                    {n.unread ? (
                      <span id={`n${n.id}-state`} className="badge bg-brand-700 text-white">
                        {t('notifications.unread')}
                      </span>
                    ) : (
                      <span id={`n${n.id}-state`} className="sr-only">
                        {t('notifications.read')}
                      </span>
                    )}
                  </span>
                  <span id={`n${n.id}-body`} className="mt-1 block text-sm text-slate-700">
                    {n.body}
                  </span>
                  <time
                    id={`n${n.id}-time`}
                    dateTime={n.createdAt}
                    className="mt-1 block text-xs text-slate-600"
                  >
                    {formatDateTime(n.createdAt, locale)}
                  </time>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
