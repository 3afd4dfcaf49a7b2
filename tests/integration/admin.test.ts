import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, officialScopes, users } from '../../db/schema';
import * as adminLayout from '../../app/routes/admin';
import * as adminUsers from '../../app/routes/admin._index';
import * as newUser from '../../app/routes/admin.users.new';
import * as login from '../../app/routes/login';
import * as officialOverview from '../../app/routes/official._index';
import { getUser } from '../../app/utils/auth.server';
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

const db = useTestDatabase();

describe('admin pages', () => {
  it('answer 403 to every other role', async () => {
    for (const role of ['sme', 'provider', 'official'] as const) {
      const user = await createTestUser(db(), { role, prefecture: role === 'official' ? '5101' : undefined });
      expect(
        statusOf(await call(() => adminLayout.loader(routeArgs(getRequest('/admin', user.cookie))))),
      ).toBe(403);
      expect(
        statusOf(await call(() => adminUsers.loader(routeArgs(getRequest('/admin', user.cookie))))),
      ).toBe(403);
      const create = await call(() =>
        newUser.action(
          routeArgs(
            formRequest(
              '/admin/users/new',
              { email: `x-${role}@example.com`, displayName: 'X', role: 'admin', scope: 'province' },
              user.cookie,
            ),
          ),
        ),
      );
      expect(statusOf(create)).toBe(403);
      const suspend = await call(() =>
        adminUsers.action(
          routeArgs(formRequest('/admin', { intent: 'suspend', userId: user.id }, user.cookie)),
        ),
      );
      expect(statusOf(suspend)).toBe(403);
    }
    expect(db().select().from(users).where(eq(users.role, 'admin')).all()).toHaveLength(0);
  });

  it('creates an official whose one-time password logs in, and lists them with their scope', async () => {
    const admin = await createTestUser(db(), { role: 'admin' });
    const fields = { email: 'Chen.Jing@Example.com', displayName: '陈静', role: 'official', scope: '5101' };
    const result = await call(() =>
      newUser.action(routeArgs(formRequest('/admin/users/new', fields, admin.cookie))),
    );
    expect(statusOf(result)).toBe(200);
    const { created } = payloadOf(result);
    expect(created).toMatchObject({ email: 'chen.jing@example.com', role: 'official', prefecture: '5101' });
    expect(created.oneTimePassword).toMatch(/^\S{12,}$/);

    const loggedIn = await call(() =>
      login.action(
        routeArgs(
          formRequest('/login', { email: 'chen.jing@example.com', password: created.oneTimePassword }),
        ),
      ),
    );
    expect(statusOf(loggedIn)).toBe(302);
    expect((loggedIn as Response).headers.get('Location')).toBe('/official');

    const row = db().select().from(users).where(eq(users.email, 'chen.jing@example.com')).get()!;
    expect(row).toMatchObject({ role: 'official', mustChangePassword: true });
    expect(
      db().select().from(officialScopes).where(eq(officialScopes.userId, row.id)).get()?.prefecture,
    ).toBe('5101');
    expect(db().select().from(auditLog).where(eq(auditLog.targetId, row.id)).get()).toMatchObject({
      action: 'user.create',
      actorUserId: admin.id,
    });

    const list = payloadOf(
      await call(() => adminUsers.loader(routeArgs(getRequest('/admin?role=official&q=chen', admin.cookie)))),
    );
    expect(list.rows).toMatchObject([
      { email: 'chen.jing@example.com', scopePrefecture: '5101', status: 'active' },
    ]);
  });

  it('refuses a duplicate email, an unknown prefecture and a bad role with field errors', async () => {
    const admin = await createTestUser(db(), { role: 'admin' });
    const post = (fields: Record<string, string>) =>
      call(() => newUser.action(routeArgs(formRequest('/admin/users/new', fields, admin.cookie))));
    const duplicate = await post({
      email: 'chen.jing@example.com',
      displayName: '重复',
      role: 'official',
      scope: 'province',
    });
    expect(statusOf(duplicate)).toBe(400);
    expect(payloadOf(duplicate).error.email).toEqual(['signup.emailTaken']);
    const unknownPrefecture = await post({
      email: 'new@example.com',
      displayName: '新',
      role: 'official',
      scope: '5102',
    });
    expect(statusOf(unknownPrefecture)).toBe(400);
    expect(payloadOf(unknownPrefecture).error.scope).toEqual(['errors.choice']);
    expect(
      statusOf(await post({ email: 'new@example.com', displayName: '新', role: 'sme', scope: 'province' })),
    ).toBe(400);
    expect(db().select().from(users).where(eq(users.email, 'new@example.com')).get()).toBeUndefined();
  });

  it('suspends a user, whose session then stops working, and reinstates them', async () => {
    const admin = await createTestUser(db(), { role: 'admin' });
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    expect((await getUser(getRequest('/official', official.cookie)))?.id).toBe(official.id);

    const suspended = await call(() =>
      adminUsers.action(
        routeArgs(formRequest('/admin', { intent: 'suspend', userId: official.id }, admin.cookie)),
      ),
    );
    expect(statusOf(suspended)).toBe(200);
    expect(payloadOf(suspended)).toMatchObject({ ok: true, intent: 'suspend', email: official.email });
    expect(await getUser(getRequest('/official', official.cookie))).toBeNull();
    const page = await call(() =>
      officialOverview.loader(routeArgs(getRequest('/official', official.cookie))),
    );
    expect(statusOf(page)).toBe(302);
    expect((page as Response).headers.get('Location')).toMatch(/^\/login\?/);
    expect(db().select().from(auditLog).where(eq(auditLog.targetId, official.id)).get()).toMatchObject({
      action: 'user.suspend',
      actorUserId: admin.id,
    });

    const reinstated = await call(() =>
      adminUsers.action(
        routeArgs(formRequest('/admin', { intent: 'reinstate', userId: official.id }, admin.cookie)),
      ),
    );
    expect(statusOf(reinstated)).toBe(200);
    expect((await getUser(getRequest('/official', official.cookie)))?.id).toBe(official.id);
  });

  it('does not let an admin suspend themself, and answers an unknown user with 404', async () => {
    const admin = await createTestUser(db(), { role: 'admin' });
    const self = await call(() =>
      adminUsers.action(
        routeArgs(formRequest('/admin', { intent: 'suspend', userId: admin.id }, admin.cookie)),
      ),
    );
    expect(statusOf(self)).toBe(400);
    expect(payloadOf(self)).toMatchObject({ ok: false, error: 'admin.cannotSuspendSelf' });
    expect(db().select().from(users).where(eq(users.id, admin.id)).get()?.status).toBe('active');
    const ghost = await call(() =>
      adminUsers.action(
        routeArgs(formRequest('/admin', { intent: 'suspend', userId: 'nobody' }, admin.cookie)),
      ),
    );
    expect(statusOf(ghost)).toBe(404);
  });
});
