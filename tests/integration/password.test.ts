import { describe, expect, it } from 'vitest';
import * as password from '../../app/routes/account.password';
import * as officialHome from '../../app/routes/official._index';
import { authenticate, createStaffUser } from '../../app/models/accounts.server';
import { sessionCookieFor } from '../../app/utils/session.server';
import { call, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

describe('one-time passwords', () => {
  it('sends an official with a one-time password to choose a new one before anything else', async () => {
    const created = await createStaffUser(db(), {
      email: 'new.official@example.com',
      displayName: '新官员',
      role: 'official',
      prefecture: '5101',
      actorUserId: null,
    });
    if (!created.ok) throw new Error('not created');
    const cookie = await sessionCookieFor(created.userId);

    const blocked = await call(() => officialHome.loader(routeArgs(getRequest('/official', cookie))));
    expect(statusOf(blocked)).toBe(302);
    expect((blocked as Response).headers.get('Location')).toBe('/account/password');

    const wrong = await call(() =>
      password.action(
        routeArgs(formRequest('/account/password', { currentPassword: 'nope', password: 'my-own-password', passwordConfirm: 'my-own-password' }, cookie)),
      ),
    );
    expect(statusOf(wrong)).toBe(400);
    expect(payloadOf(wrong).error.currentPassword).toEqual(['account.currentPasswordWrong']);

    const changed = await call(() =>
      password.action(
        routeArgs(
          formRequest(
            '/account/password',
            { currentPassword: created.oneTimePassword, password: 'my-own-password', passwordConfirm: 'my-own-password' },
            cookie,
          ),
        ),
      ),
    );
    expect(statusOf(changed)).toBe(302);
    // The session that changed the password is re-issued under the new session version.
    const renewed = (changed as Response).headers
      .getSetCookie()
      .find((c) => c.startsWith('__yq_session='))!
      .split(';')[0]!;

    const allowed = await call(() => officialHome.loader(routeArgs(getRequest('/official', renewed))));
    expect(statusOf(allowed)).toBe(200);
    expect((await authenticate(db(), { email: 'new.official@example.com', password: 'my-own-password' })).ok).toBe(true);
    expect((await authenticate(db(), { email: 'new.official@example.com', password: created.oneTimePassword })).ok).toBe(false);
  });
});
