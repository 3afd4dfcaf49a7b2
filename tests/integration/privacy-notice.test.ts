// The privacy notice (issue 13): accepted at sign-up with its version stored; an account that has
// not accepted the version in force is asked to (a banner, nothing locked) and accepts on /privacy.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import * as root from '../../app/root';
import * as privacy from '../../app/routes/privacy';
import * as providerSignup from '../../app/routes/signup.provider';
import * as smeSignup from '../../app/routes/signup.sme';
import * as enterpriseHome from '../../app/routes/enterprise._index';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

// The version in force, as app/domain/privacy-notice.ts states it on 2026-12 (pinned here, not
// imported: a new version must be a deliberate change to this test too).
const VERSION = '2026-12-01';

const smeForm = (n: string, overrides: Record<string, string> = {}) => ({
  uscc: makeUscc('91', '510100', `MA61P${n.padStart(4, '0')}`),
  name: `隐私测试机械有限公司${n}`,
  prefecture: '5101',
  industry: '34',
  displayName: '周经理',
  email: `privacy-${n}@example.com`,
  password: 'a-long-password',
  passwordConfirm: 'a-long-password',
  ...overrides,
});

function accountRow(email: string) {
  return db()
    .select({ version: users.privacyNoticeVersion, at: users.privacyAcceptedAt })
    .from(users)
    .where(eq(users.email, email))
    .get();
}

async function rootUser(cookie: string) {
  return payloadOf(await root.loader(routeArgs(getRequest('/enterprise', cookie)))).user;
}

describe('sign-up and the privacy notice', () => {
  it('refuses an SME sign-up without 我已阅读并同意《隐私声明》 and stores nothing', async () => {
    const result = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', smeForm('1')))));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error.acceptPrivacy).toEqual(['privacy.mustAccept']);
    expect(accountRow('privacy-1@example.com')).toBeUndefined();
  });

  it('stores the accepted version and time with a new SME account', async () => {
    const before = Date.now();
    const result = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', smeForm('2', { acceptPrivacy: 'on' })))));
    expect(statusOf(result)).toBe(302);
    const row = accountRow('privacy-2@example.com')!;
    expect(row.version).toBe(VERSION);
    expect(Date.parse(row.at!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('does the same for a provider sign-up', async () => {
    const fields = {
      uscc: makeUscc('91', '510100', 'MA61Q0001'),
      nameZh: '隐私测试云科技有限公司',
      prefecture: '5101',
      contactPhone: '028-12345678',
      displayName: '吴工',
      email: 'privacy-provider@example.com',
      password: 'a-long-password',
      passwordConfirm: 'a-long-password',
    };
    const refused = await call(() => providerSignup.action(routeArgs(formRequest('/signup/provider', fields))));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.acceptPrivacy).toEqual(['privacy.mustAccept']);
    const accepted = await call(() =>
      providerSignup.action(routeArgs(formRequest('/signup/provider', { ...fields, acceptPrivacy: 'on' }))),
    );
    expect(statusOf(accepted)).toBe(302);
    expect(accountRow('privacy-provider@example.com')!.version).toBe(VERSION);
  });
});

describe('an account that has not accepted the notice in force', () => {
  it('is asked to on every page, can still use its console, and accepts on /privacy', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    expect((await rootUser(sme.cookie)).privacyOutdated).toBe(true);
    // Nothing is locked meanwhile.
    expect(statusOf(await call(() => enterpriseHome.loader(routeArgs(getRequest('/enterprise', sme.cookie)))))).toBe(200);
    const page = payloadOf(await privacy.loader(routeArgs(getRequest('/privacy', sme.cookie))));
    expect(page.account).toEqual({ needsAcceptance: true, acceptedAt: null });
    expect(page.notice.version).toBe(VERSION);

    const unticked = await call(() => privacy.action(routeArgs(formRequest('/privacy', { version: VERSION }, sme.cookie))));
    expect(statusOf(unticked)).toBe(400);
    expect(payloadOf(unticked).error.acceptPrivacy).toEqual(['privacy.mustAccept']);

    const done = await call(() => privacy.action(routeArgs(formRequest('/privacy', { version: VERSION, acceptPrivacy: 'on' }, sme.cookie))));
    expect(statusOf(done)).toBe(302);
    expect((done as Response).headers.get('Location')).toBe('/privacy');
    expect(accountRow(sme.email)!.version).toBe(VERSION);
    expect((await rootUser(sme.cookie)).privacyOutdated).toBe(false);
  });

  it('cannot accept a version other than the one in force (the page was read before it changed)', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const stale = await call(() =>
      privacy.action(routeArgs(formRequest('/privacy', { version: '2020-01-01', acceptPrivacy: 'on' }, official.cookie))),
    );
    expect(statusOf(stale)).toBe(400);
    expect(payloadOf(stale).error['']).toEqual(['privacy.versionChanged']);
    expect(accountRow(official.email)!.version).toBeNull();
  });

  it('shows the notice to anyone; accepting needs an account', async () => {
    const page = payloadOf(await privacy.loader(routeArgs(getRequest('/privacy'))));
    expect(page.account).toBeNull();
    expect(page.notice.categories.length).toBeGreaterThan(0);
    const anonymous = await call(() => privacy.action(routeArgs(formRequest('/privacy', { version: VERSION, acceptPrivacy: 'on' }))));
    expect(statusOf(anonymous)).toBe(302);
    expect((anonymous as Response).headers.get('Location')).toMatch(/^\/login/);
  });
});
