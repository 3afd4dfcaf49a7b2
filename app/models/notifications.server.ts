import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { mailOutbox, notifications, users } from '../../db/schema';
import { isMessageKey, translator, type MessageKey } from '~/i18n';
import { isLocale } from '~/i18n/locale';
import { prepared } from './prepared.server';

// Notifications of the marketplace path: one in-app row (the bell) and one mail in the outbox per
// recipient, written in the transaction of the change they tell about, so neither is sent for a
// change that was rolled back. The mail worker (app/models/mail.server.ts) sends the outbox; the
// link in a mail is `{{url}}` + the path until then, made absolute with PUBLIC_URL when sent.

export const MAIL_LINK_TOKEN = '{{url}}';

export interface Notice {
  userId: string;
  /** A message family: `notify.<kind>.title` and `notify.<kind>.body` in app/i18n. */
  kind: string;
  params?: Record<string, string | number>;
  /** A path inside Yunqiao. */
  link: string;
}

function text(locale: string, key: string, params: Record<string, string | number>) {
  const t = translator(isLocale(locale) ? locale : 'zh-CN');
  return isMessageKey(key) ? t(key as MessageKey, params) : key;
}

/** Records the notice and queues its mail in the recipient's language. Call inside the change's transaction. */
export function notify(db: Db, notice: Notice) {
  const params = notice.params ?? {};
  db.insert(notifications)
    .values({ userId: notice.userId, kind: notice.kind, params, link: notice.link })
    .run();
  const user = db
    .select({ email: users.email, locale: users.locale, status: users.status })
    .from(users)
    .where(eq(users.id, notice.userId))
    .get();
  if (!user || user.status !== 'active') return;
  db.insert(mailOutbox)
    .values({
      toAddress: user.email,
      subject: `云桥 · ${text(user.locale, `notify.${notice.kind}.title`, params)}`,
      bodyText: `${text(user.locale, `notify.${notice.kind}.body`, params)}\n\n${MAIL_LINK_TOKEN}${notice.link}\n`,
    })
    .run();
}

/**
 * The bell's number: one count over the (user_id, read_at, id) index, without touching the table,
 * so it can run in the root loader of every page.
 */
export function unreadCount(db: Db, userId: string): number {
  const s = prepared(db, 'notifications-unread', (sqlite) => ({
    count: sqlite.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
    ),
  }));
  return s.count.get(userId)?.n ?? 0;
}

/** All of a user's notifications, read or not (for paging). */
export function countNotifications(db: Db, userId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .get()?.n ?? 0
  );
}

/** A user's notifications, newest first, with their text in the reader's language. */
export function listNotifications(
  db: Db,
  userId: string,
  locale: string,
  opts: { limit: number; offset: number },
) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(opts.limit)
    .offset(opts.offset)
    .all()
    .map((n) => ({
      ...n,
      title: text(locale, `notify.${n.kind}.title`, n.params),
      body: text(locale, `notify.${n.kind}.body`, n.params),
    }));
}

/** Whether notification `id` is the user's (its link), without marking it read. */
export function notificationLink(db: Db, userId: string, id: number): string | null {
  return (
    db
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .get()?.link ?? null
  );
}

/**
 * Opening a notification: marks it read (only the owner's; the first reading time is kept) and
 * returns its link, or null when it is not the user's.
 */
export function openNotification(db: Db, userId: string, id: number, now: Date = new Date()): string | null {
  const link = notificationLink(db, userId, id);
  if (link === null) return null;
  db.update(notifications)
    .set({ readAt: now.toISOString() })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
    .run();
  return link;
}

/** Marks all of a user's unread notifications read; returns how many. */
export function markAllNotificationsRead(db: Db, userId: string, now: Date = new Date()): number {
  return db
    .update(notifications)
    .set({ readAt: now.toISOString() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}
