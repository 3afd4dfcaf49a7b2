import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { notificationLink, openNotification } from '~/models/notifications.server';
import { NotificationIdSchema } from '~/schemas/notifications.server';
import { notFound, requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { safeRedirect } from '~/utils/session.server';

// Opening a notification is a POST (the list's button): it changes state (marks it read), so a
// prefetch, a crawler or a link preview cannot do it by fetching a URL. Someone else's
// notification is a 404, as if it did not exist.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = NotificationIdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const link = openNotification(getDb(), user.id, id.data);
  if (link === null) notFound();
  return redirect(safeRedirect(link, '/notifications'));
}

// A GET (a reloaded or typed address) changes nothing: the owner is sent to the list, where the
// notification is opened; anyone else gets the same 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = NotificationIdSchema.safeParse(params.id);
  if (!id.success || notificationLink(getDb(), user.id, id.data) === null) notFound();
  return redirect('/notifications');
}
