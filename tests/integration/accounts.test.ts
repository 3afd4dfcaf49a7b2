import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enterprises, providers, users } from '../../db/schema';
import * as smeSignup from '../../app/routes/signup.sme';
import * as providerSignup from '../../app/routes/signup.provider';
import * as login from '../../app/routes/login';
import { makeUscc } from '../../app/domain/uscc';
import { createStaffUser } from '../../app/models/accounts.server';
import { getUserById } from '../../app/models/users.server';
import { TEST_PASSWORD, call, createTestUser, formRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

const validSme = (overrides: Record<string, string> = {}) => ({
  uscc: makeUscc('91', '510100', 'MA61X0001'),
  name: '成都测试精密机械有限公司',
  prefecture: '5101',
  industry: '34',
  employees: '85',
  revenueWan: '3200',
  displayName: '张经理',
  email: 'owner@example.com',
  password: 'a-long-password',
  passwordConfirm: 'a-long-password',
  acceptPrivacy: 'on',
  ...overrides,
});

function rowCounts() {
  return {
    users: db().select({ n: count() }).from(users).get()!.n,
    enterprises: db().select({ n: count() }).from(enterprises).get()!.n,
    providers: db().select({ n: count() }).from(providers).get()!.n,
  };
}

describe('SME sign-up', () => {
  it('rejects a USCC with a bad check character and stores nothing', async () => {
    const before = rowCounts();
    const bad = validSme({ uscc: '91110000600037341N' });
    const result = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', bad))));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.uscc).toEqual(['uscc.checksum']);
    expect(rowCounts()).toEqual(before);
  });

  it('creates the account and the enterprise with its computed size class, then logs in', async () => {
    const result = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', validSme()))));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get('Set-Cookie')).toMatch(/__yq_session=/);
    const enterprise = db().select().from(enterprises).get()!;
    expect(enterprise.sizeClass).toBe('small');
    expect(enterprise.uscc).toBe(validSme().uscc);
  });

  it('answers a duplicate email and USCC with field errors, never a 500', async () => {
    const before = rowCounts();
    const result = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', validSme()))));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error).toMatchObject({ email: ['signup.emailTaken'], uscc: ['signup.usccTaken'] });
    expect(rowCounts()).toEqual(before);
  });

  it('reports every invalid field at once', async () => {
    const result = await call(() =>
      smeSignup.action(routeArgs(formRequest('/signup/sme', validSme({ uscc: '123', email: 'not-an-email', prefecture: '9999', passwordConfirm: 'other' })))),
    );
    expect(statusOf(result)).toBe(400);
    const errors = payloadOf(result).error;
    expect(errors.uscc).toEqual(['uscc.length']);
    expect(errors.email).toEqual(['errors.email']);
    expect(errors.prefecture).toEqual(['errors.choice']);
    expect(errors.passwordConfirm).toEqual(['signup.passwordMismatch']);
  });
});

describe('provider sign-up', () => {
  it('creates an applied provider owned by the new account', async () => {
    const result = await call(() =>
      providerSignup.action(
        routeArgs(
          formRequest('/signup/provider', {
            uscc: makeUscc('91', '510100', 'MA61Y0001'),
            nameZh: '四川测试云科技有限公司',
            prefecture: '5101',
            certifications: ['mlps3', 'iso27001'],
            contactPhone: '028-12345678',
            displayName: '李工',
            email: 'provider@example.com',
            password: 'a-long-password',
            passwordConfirm: 'a-long-password',
            acceptPrivacy: 'on',
          }),
        ),
      ),
    );
    expect(statusOf(result)).toBe(302);
    const provider = db().select().from(providers).get()!;
    expect(provider.status).toBe('applied');
    expect(provider.certifications).toEqual(['mlps3', 'iso27001']);
  });
});

describe('login', () => {
  it('logs in with the right password', async () => {
    const user = await createTestUser(db(), { role: 'official', email: 'official-login@example.com' });
    const result = await call(() =>
      login.action(routeArgs(formRequest('/login', { email: user.email, password: TEST_PASSWORD }))),
    );
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/official');
  });

  it('blocks an account after 10 failed logins in 15 minutes, from any address, even with the right password', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'victim@example.com' });
    for (let i = 0; i < 10; i++) {
      const result = await call(() => login.action(routeArgs(formRequest('/login', { email: user.email, password: 'wrong-guess' }), {}, { clientIp: `10.1.0.${i}` })));
      expect(statusOf(result)).toBe(400);
      expect(payloadOf(result).error['']).toEqual(['login.failed']);
    }
    const blocked = await call(() => login.action(routeArgs(formRequest('/login', { email: user.email, password: TEST_PASSWORD }))));
    expect(statusOf(blocked)).toBe(429);
    expect((blocked as { init: ResponseInit }).init.headers).toMatchObject({ 'Retry-After': expect.stringMatching(/^\d+$/) });
    expect(payloadOf(blocked).error['']).toEqual(['login.rateLimited|minutes=15']);
  });
});

describe('getUserById (read on every signed-in request)', () => {
  it('answers the account with its scope, a real boolean for the one-time password, and null for no one', async () => {
    const staff = await createStaffUser(db(), { email: 'scoped@example.com', displayName: '成都官员', role: 'official', prefecture: '5101', actorUserId: null });
    if (!staff.ok) throw new Error('not created');
    expect(getUserById(db(), staff.userId)).toEqual({
      id: staff.userId,
      email: 'scoped@example.com',
      role: 'official',
      displayName: '成都官员',
      locale: 'zh-CN',
      status: 'active',
      mustChangePassword: true,
      scopePrefecture: '5101',
      sessionVersion: 1,
      privacyNoticeVersion: null,
    });
    const sme = await createTestUser(db(), { role: 'sme' });
    expect(getUserById(db(), sme.id)).toMatchObject({ role: 'sme', mustChangePassword: false, scopePrefecture: null });
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    expect(getUserById(db(), province.id)).toMatchObject({ role: 'official', scopePrefecture: null });
    expect(getUserById(db(), 'no-such-user')).toBeNull();
  });
});
