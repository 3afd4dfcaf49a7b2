import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import * as root from '../../app/root';
import * as notificationsPage from '../../app/routes/notifications._index';
import * as openRoute from '../../app/routes/notifications.$id';
import { translator } from '../../app/i18n';
import { notify, unreadCount } from '../../app/models/notifications.server';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

// The bell and the notifications page (通知) through their loaders and actions: the count in the
// root loader, the list newest first with paging and an empty state, opening one (a POST that marks
// it read and goes to its link), someone else's notification as a 404, and "mark all read".

const db = useTestDatabase();

/** `n` notifications for the user through notify(), as the marketplace writes them; returns their ids, oldest first. */
function give(userId: string, n: number, link = (i: number) => `/enterprise/requests/r${i}`) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    db().transaction(() => notify(db(), { userId, kind: 'test.kind', params: { i }, link: link(i) }));
    ids.push(
      db()
        .select({ id: notifications.id })
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .all()
        .at(-1)!.id,
    );
  }
  return ids;
}

function readAt(id: number) {
  return db()
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.id, id))
    .get()?.readAt;
}

async function rootData(cookie?: string) {
  return payloadOf(await root.loader(routeArgs(getRequest('/', cookie), {}, { requestId: 'test' })));
}

function open(id: number | string, cookie: string) {
  return call(() =>
    openRoute.action(routeArgs(formRequest(`/notifications/${id}`, {}, cookie), { id: String(id) })),
  );
}

describe('the bell', () => {
  it('shows no count to a visitor who is not signed in', async () => {
    expect((await rootData()).user).toBeNull();
  });

  it('carries the signed-in user’s unread count in the root loader, theirs only', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    const other = await createTestUser(db(), { role: 'provider' });
    expect((await rootData(me.cookie)).user.unreadNotifications).toBe(0);
    const [first] = give(me.id, 3);
    give(other.id, 5);
    expect((await rootData(me.cookie)).user.unreadNotifications).toBe(3);
    await open(first!, me.cookie);
    expect((await rootData(me.cookie)).user.unreadNotifications).toBe(2);
    expect((await rootData(other.cookie)).user.unreadNotifications).toBe(5);
  });

  it('sends the page shell only the name, role and counts: no email (PIPL, minimum necessary)', async () => {
    const me = await createTestUser(db(), { role: 'sme', email: 'shell-only@example.com', displayName: '周经理' });
    const { user } = await rootData(me.cookie);
    expect(Object.keys(user).sort()).toEqual(['displayName', 'privacyOutdated', 'role', 'unreadNotifications']);
    expect(JSON.stringify(user)).not.toContain('shell-only@example.com');
    expect(user).toMatchObject({ displayName: '周经理', role: 'sme' });
  });

  it('is named with the count for screen readers (Chinese first, English too)', () => {
    expect(translator('zh-CN')('notifications.bellUnread', { n: 3 })).toBe('通知（3 条未读）');
    expect(translator('en')('notifications.bellUnread', { n: 3 })).toBe('Notifications (3 unread)');
  });

  it('counts from the (user_id, read_at, id) index alone, without reading the table', () => {
    const plan = db()
      .$client.prepare(
        'EXPLAIN QUERY PLAN SELECT count(*) FROM notifications WHERE notifications.user_id = ? AND notifications.read_at IS NULL',
      )
      .all('u') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX notifications_user_idx/);
  });
});

describe('the notifications page', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const result = await call(() => notificationsPage.loader(routeArgs(getRequest('/notifications'))));
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/login?redirectTo=%2Fnotifications');
  });

  it('shows an empty state when there is nothing', async () => {
    const me = await createTestUser(db(), { role: 'official' });
    const data = payloadOf(
      await notificationsPage.loader(routeArgs(getRequest('/notifications', me.cookie))),
    );
    expect(data).toMatchObject({ total: 0, unread: 0, page: 1, items: [] });
  });

  it('lists the user’s notifications newest first, unread ones marked, twenty a page', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    const other = await createTestUser(db(), { role: 'sme' });
    const ids = give(me.id, 25);
    give(other.id, 2);
    await open(ids[24]!, me.cookie);

    const first = payloadOf(
      await notificationsPage.loader(routeArgs(getRequest('/notifications', me.cookie))),
    );
    expect(first).toMatchObject({ total: 25, unread: 24, page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.items.map((n: { id: number }) => n.id)).toEqual(ids.slice(5).reverse());
    expect(first.items[0]).toMatchObject({ id: ids[24], unread: false });
    expect(first.items[1]).toMatchObject({ id: ids[23], unread: true });
    // The text comes from the kind's messages (notify.<kind>.title/body), whatever they are.
    expect(first.items[1]).toEqual(
      expect.objectContaining({
        title: expect.any(String),
        body: expect.any(String),
        createdAt: expect.any(String),
      }),
    );

    const second = payloadOf(
      await notificationsPage.loader(routeArgs(getRequest('/notifications?page=2', me.cookie))),
    );
    expect(second.items.map((n: { id: number }) => n.id)).toEqual(ids.slice(0, 5).reverse());

    // A page past the end shows the last page; a page that is not a number, the first.
    const past = payloadOf(
      await notificationsPage.loader(routeArgs(getRequest('/notifications?page=9', me.cookie))),
    );
    expect(past.page).toBe(2);
    const junk = payloadOf(
      await notificationsPage.loader(routeArgs(getRequest('/notifications?page=abc', me.cookie))),
    );
    expect(junk.page).toBe(1);
  });

  it('marks all of the user’s notifications read, and no one else’s', async () => {
    const me = await createTestUser(db(), { role: 'provider' });
    const other = await createTestUser(db(), { role: 'provider' });
    give(me.id, 3);
    give(other.id, 2);
    const result = await call(() =>
      notificationsPage.action(routeArgs(formRequest('/notifications', { intent: 'read-all' }, me.cookie))),
    );
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/notifications');
    expect(unreadCount(db(), me.id)).toBe(0);
    expect(unreadCount(db(), other.id)).toBe(2);
  });

  it('refuses an unknown action with 400', async () => {
    const me = await createTestUser(db(), { role: 'provider' });
    const result = await call(() =>
      notificationsPage.action(routeArgs(formRequest('/notifications', { intent: 'delete-all' }, me.cookie))),
    );
    expect(statusOf(result)).toBe(400);
  });
});

describe('opening a notification', () => {
  it('marks it read and goes to its link', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    const [id] = give(me.id, 1, () => '/enterprise/requests/abc?tab=quotes');
    expect(readAt(id!)).toBeNull();
    const result = await open(id!, me.cookie);
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/enterprise/requests/abc?tab=quotes');
    const first = readAt(id!);
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Opening it again goes to the same place and keeps the first reading time.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(((await open(id!, me.cookie)) as Response).headers.get('Location')).toBe(
      '/enterprise/requests/abc?tab=quotes',
    );
    expect(readAt(id!)).toBe(first);
  });

  it('is a 404 for another user, and leaves the notification unread', async () => {
    const owner = await createTestUser(db(), { role: 'sme' });
    const intruder = await createTestUser(db(), { role: 'provider' });
    const [id] = give(owner.id, 1);
    expect(statusOf(await open(id!, intruder.cookie))).toBe(404);
    expect(readAt(id!)).toBeNull();
    expect(
      statusOf(
        await call(() =>
          openRoute.loader(
            routeArgs(getRequest(`/notifications/${id}`, intruder.cookie), { id: String(id) }),
          ),
        ),
      ),
    ).toBe(404);
  });

  it('is a 404 for an id that does not exist or is not a number', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    expect(statusOf(await open(999_999, me.cookie))).toBe(404);
    expect(statusOf(await open('abc', me.cookie))).toBe(404);
    expect(statusOf(await open('1.5', me.cookie))).toBe(404);
  });

  it('needs a signed-in user', async () => {
    const owner = await createTestUser(db(), { role: 'sme' });
    const [id] = give(owner.id, 1);
    const result = await call(() =>
      openRoute.action(routeArgs(formRequest(`/notifications/${id}`, {}), { id: String(id) })),
    );
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toMatch(/^\/login\?/);
    expect(readAt(id!)).toBeNull();
  });

  it('by GET changes nothing: the owner is sent to the list', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    const [id] = give(me.id, 1);
    const result = await call(() =>
      openRoute.loader(routeArgs(getRequest(`/notifications/${id}`, me.cookie), { id: String(id) })),
    );
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/notifications');
    expect(readAt(id!)).toBeNull();
  });

  it('never leaves the site, even if a stored link would', async () => {
    const me = await createTestUser(db(), { role: 'sme' });
    const [id] = give(me.id, 1, () => '//evil.example/phish');
    const result = await open(id!, me.cookie);
    expect((result as Response).headers.get('Location')).toBe('/notifications');
  });
});
