import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, offerings, rateLimits, requestMessages, serviceRequests, users } from '../../db/schema';
import * as apiAdoptionEvents from '../../app/routes/api.adoption-events';
import * as catalogOffering from '../../app/routes/catalog.$offeringId';
import * as smeThread from '../../app/routes/enterprise.requests.$requestId';
import * as login from '../../app/routes/login';
import * as password from '../../app/routes/account.password';
import * as analyticsCsv from '../../app/routes/provider.analytics[.]csv';
import * as smeSignup from '../../app/routes/signup.sme';
import * as providerSignup from '../../app/routes/signup.provider';
import { makeUscc } from '../../app/domain/uscc';
import { RATE_LIMITS } from '../../app/domain/rate-limits';
import { authenticateApiKey } from '../../app/models/api-keys.server';
import { apiKeyLimitSubject } from '../../app/utils/api.server';
import { consumeLimit } from '../../app/utils/rate-limit.server';
import {
  TEST_PASSWORD,
  call,
  createTestUser,
  formRequest,
  getRequest,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import { eventBody, prefectureKey } from './adoption-fixtures';
import { api, market, requestBody } from './requests-fixtures';

// Issue 11, "Abuse and sessions": each limit of app/domain/rate-limits.ts answered with 429 and
// Retry-After (a form error in the user's language on pages, `rate_limited` in the API's error
// shape), the honeypot of the sign-up forms, and CSV cells that cannot become formulas.

const db = useTestDatabase();
let m: Awaited<ReturnType<typeof market>>;
beforeAll(async () => {
  m = await market(db());
});

type PageAnswer = { init: { status: number; headers?: Record<string, string> } | null; data: { error?: Record<string, string[]> } };

/** A page's 429: Retry-After in whole seconds within the window, and the form error as a message key. */
function expectPageRefusal(result: unknown, window: { seconds: number }, messageKey = 'errors.rateLimited') {
  expect(statusOf(result)).toBe(429);
  const { init } = result as PageAnswer;
  const retryAfter = Number(init?.headers?.['Retry-After']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(window.seconds);
  const minutes = Math.ceil(retryAfter / 60);
  return { retryAfter, minutes, formErrors: (result as PageAnswer).data.error?.[''] ?? [], messageKey };
}

const loginAs = (email: string, pass: string, clientIp: string) =>
  call(() => login.action(routeArgs(formRequest('/login', { email, password: pass }), {}, { clientIp })));

describe('login limits', () => {
  it('refuses an account after 10 failures from 10 addresses, and lets its next success clear the count', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'counted@example.com' });
    for (let i = 0; i < 9; i++) expect(statusOf(await loginAs(user.email, 'wrong', `10.2.0.${i}`))).toBe(400);
    // A success clears the account's count: nine more failures still leave it open.
    expect(statusOf(await loginAs(user.email, TEST_PASSWORD, '10.2.1.1'))).toBe(302);
    for (let i = 0; i < 9; i++) expect(statusOf(await loginAs(user.email, 'wrong', `10.2.2.${i}`))).toBe(400);
    expect(statusOf(await loginAs(user.email, TEST_PASSWORD, '10.2.3.1'))).toBe(302);

    for (let i = 0; i < RATE_LIMITS.loginAccount.points; i++) await loginAs(user.email, 'wrong', `10.2.4.${i}`);
    const blocked = await loginAs(user.email, TEST_PASSWORD, '10.2.5.1');
    const refusal = expectPageRefusal(blocked, RATE_LIMITS.loginAccount);
    expect(refusal.formErrors).toEqual([`login.rateLimited|minutes=${refusal.minutes}`]);
  });

  it('counts an address loosely: colleagues behind it are not locked out by one account, a guesser is stopped', async () => {
    const office = '192.0.2.10';
    const typo = await createTestUser(db(), { role: 'sme', email: 'typo@example.com' });
    const colleague = await createTestUser(db(), { role: 'sme', email: 'colleague@example.com' });
    for (let i = 0; i < RATE_LIMITS.loginAccount.points; i++) await loginAs(typo.email, 'wrong', office);
    // The typing account is held; the colleague at the same address logs in.
    expect(statusOf(await loginAs(typo.email, TEST_PASSWORD, office))).toBe(429);
    expect(statusOf(await loginAs(colleague.email, TEST_PASSWORD, office))).toBe(302);

    // A guesser trying many accounts from one address: once the address's failures are spent
    // (counted here through the limiter, as 100 wrong passwords would), a fresh account is refused
    // from that address and not from another.
    const guesser = '198.51.100.7';
    await consumeLimit('loginAddress', guesser, RATE_LIMITS.loginAddress.points);
    const fresh = await createTestUser(db(), { role: 'sme', email: 'fresh@example.com' });
    expectPageRefusal(await loginAs(fresh.email, TEST_PASSWORD, guesser), RATE_LIMITS.loginAddress);
    expect(statusOf(await loginAs(fresh.email, TEST_PASSWORD, '198.51.100.8'))).toBe(302);
  });

  it('stores no email or address in clear in the counters', () => {
    const keys = db().select({ key: rateLimits.key }).from(rateLimits).all().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/@|192\.0\.2|198\.51/);
  });
});

const smeForm = (n: string, overrides: Record<string, string> = {}) => ({
  uscc: makeUscc('91', '510100', `MA61L${n.padStart(4, '0')}`),
  name: `限流测试机械有限公司${n}`,
  prefecture: '5101',
  industry: '34',
  employees: '85',
  revenueWan: '3200',
  displayName: '王经理',
  email: `limit-${n}@example.com`,
  password: 'a-long-password',
  passwordConfirm: 'a-long-password',
  acceptPrivacy: 'on',
  ...overrides,
});

const userCount = () => db().select({ n: count() }).from(users).get()!.n;

describe('sign-up', () => {
  it('refuses quietly when the honeypot is filled: an ordinary redirect, nothing stored', async () => {
    const before = { users: userCount(), enterprises: db().select({ n: count() }).from(enterprises).get()!.n };
    const bot = await call(() =>
      smeSignup.action(routeArgs(formRequest('/signup/sme', { ...smeForm('1'), fax: '028-0000000' }))),
    );
    expect(statusOf(bot)).toBe(303);
    expect((bot as Response).headers.get('Location')).toBe('/');
    expect((bot as Response).headers.get('Set-Cookie')).toBeNull();
    const providerBot = await call(() =>
      providerSignup.action(routeArgs(formRequest('/signup/provider', { email: 'bot@example.com', fax: 'x' }))),
    );
    expect(statusOf(providerBot)).toBe(303);
    expect({ users: userCount(), enterprises: db().select({ n: count() }).from(enterprises).get()!.n }).toEqual(before);
    // A person leaves it empty and is registered.
    const person = await call(() => smeSignup.action(routeArgs(formRequest('/signup/sme', { ...smeForm('2'), fax: '' }))));
    expect(statusOf(person)).toBe(302);
    expect(userCount()).toBe(before.users + 1);
  });

  it('allows 10 sign-ups an hour from one address, then 429 with nothing stored', async () => {
    const address = '203.0.113.50';
    await consumeLimit('signupAddress', address, RATE_LIMITS.signupAddress.points);
    const before = userCount();
    const refused = await call(() =>
      smeSignup.action(routeArgs(formRequest('/signup/sme', smeForm('3')), {}, { clientIp: address })),
    );
    const refusal = expectPageRefusal(refused, RATE_LIMITS.signupAddress);
    expect(refusal.formErrors).toEqual([`errors.rateLimited|minutes=${refusal.minutes}`]);
    expect(userCount()).toBe(before);
    // Another address is not affected.
    const other = await call(() =>
      smeSignup.action(routeArgs(formRequest('/signup/sme', smeForm('4')), {}, { clientIp: '203.0.113.51' })),
    );
    expect(statusOf(other)).toBe(302);
  });
});

describe('password change', () => {
  it('allows 10 attempts per 15 minutes per account, then 429 even with the right current password', async () => {
    const user = await createTestUser(db(), { role: 'sme' });
    const attempt = (current: string) =>
      call(() =>
        password.action(
          routeArgs(
            formRequest('/account/password', { currentPassword: current, password: 'new-password-1', passwordConfirm: 'new-password-1' }, user.cookie),
          ),
        ),
      );
    for (let i = 0; i < RATE_LIMITS.passwordChange.points; i++) expect(statusOf(await attempt('not-it'))).toBe(400);
    const refusal = expectPageRefusal(await attempt(TEST_PASSWORD), RATE_LIMITS.passwordChange);
    expect(refusal.formErrors).toEqual([`errors.rateLimited|minutes=${refusal.minutes}`]);
  });
});

describe('requests and messages', () => {
  it('counts new requests per account across the page and the API: 20 an hour, then 429', async () => {
    const page = () =>
      call(() =>
        catalogOffering.action(
          routeArgs(
            formRequest(`/catalog/${m.offering.id}`, { message: '需要一套仓库管理系统，三个仓库。', budget: '1000', contact: 'phone' }, m.sme.cookie),
            { offeringId: m.offering.id },
          ),
        ),
      );
    expect(statusOf(await page())).toBe(302);
    const created = db().select({ n: count() }).from(serviceRequests).get()!.n;
    // The rest of the hour's allowance, spent through the API with the same account.
    await consumeLimit('requestCreate', `user:${m.sme.id}`, RATE_LIMITS.requestCreate.points - 2);
    expect((await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id) })).status).toBe(201);

    const viaApi = await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id) });
    expect(viaApi.status).toBe(429);
    expect(Number(viaApi.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(viaApi.body.errors).toEqual([{ path: '', code: 'rate_limited', message: expect.stringContaining('请求过于频繁') }]);
    const viaPage = await page();
    expectPageRefusal(viaPage, RATE_LIMITS.requestCreate);
    expect(db().select({ n: count() }).from(serviceRequests).get()!.n).toBe(created + 1);
    // Another SME is not affected.
    expect((await api.createRequest({ cookie: m.otherSme.cookie, body: requestBody(m.offering.id) })).status).toBe(201);
  });

  it('counts messages per account across the page and the API: 60 an hour, then 429 in English for an English reader', async () => {
    const id = (await api.createRequest({ cookie: m.otherSme.cookie, body: requestBody(m.offering.id) })).body.id as string;
    const messages = () => db().select({ n: count() }).from(requestMessages).where(eq(requestMessages.requestId, id)).get()!.n;
    await consumeLimit('requestMessage', `user:${m.otherSme.id}`, RATE_LIMITS.requestMessage.points - 1);
    expect((await api.message(id, { cookie: m.otherSme.cookie, body: { body: '最后一条' } })).status).toBe(201);
    const before = messages();
    const refusedPage = await call(() =>
      smeThread.action(
        routeArgs(formRequest(`/enterprise/requests/${id}`, { intent: 'message', body: '再问一句' }, m.otherSme.cookie), { requestId: id }),
      ),
    );
    expect(statusOf(refusedPage)).toBe(429);
    expect((refusedPage as { data: { result: { error: Record<string, string[]> } } }).data.result.error['']).toEqual([
      expect.stringMatching(/^errors\.rateLimited\|minutes=\d+$/),
    ]);
    const refusedApi = await api.message(id, { cookie: `${m.otherSme.cookie}; yq_lang=ImVuIg%3D%3D`, body: { body: '再问一句' } });
    expect(refusedApi.status).toBe(429);
    expect(refusedApi.body.errors[0]).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Too many requests') });
    expect(messages()).toBe(before);
    // The provider's side of the same thread has its own allowance.
    expect((await api.message(id, { cookie: m.provider.cookie, body: { body: '您好' } })).status).toBe(201);
  });
});

/** The limiter's subject for a key: its id (a key is counted as itself, whatever text names it). */
const keySubject = (token: string) => apiKeyLimitSubject(authenticateApiKey(db(), token)!.id);

const adoptionCall = (token: string) =>
  apiAdoptionEvents.action(
    routeArgs(
      new Request('http://localhost/api/adoption-events', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `k-${token.slice(-6)}` },
        body: JSON.stringify(eventBody()),
      }),
    ),
  );

describe('API keys', () => {
  it('allows each key 1,200 calls a minute over every endpoint, then 429 rate_limited with Retry-After', async () => {
    const { providerKey, otherProviderKey, prefectureKey } = m;
    expect((await api.leads('', { bearer: providerKey })).status).toBe(200);
    await consumeLimit('apiKey', keySubject(providerKey), RATE_LIMITS.apiKey.points);
    const refused = await api.leads('', { bearer: providerKey });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.apiKey.seconds);
    expect(refused.body.errors[0]).toMatchObject({ path: '', code: 'rate_limited' });
    // Another key is not affected.
    expect((await api.leads('', { bearer: otherProviderKey })).status).toBe(200);

    // The adoption API (outside apiRoute) counts the same way, in its own error shape.
    await consumeLimit('apiKey', keySubject(prefectureKey), RATE_LIMITS.apiKey.points);
    const refusedAdoption = await adoptionCall(prefectureKey);
    expect(refusedAdoption.status).toBe(429);
    expect(Number(refusedAdoption.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await refusedAdoption.json()).errors[0]).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('Too many requests') });
  });

  it('answers made-up tokens 401 without counting anything, on both APIs', async () => {
    const rows = () => db().select({ n: count() }).from(rateLimits).get()!.n;
    const before = rows();
    for (let i = 0; i < 5; i++) {
      // Shaped like a real key, and not: each would have been a new row under the token's text.
      const madeUp = `yq_madeup${i}${'x'.repeat(34)}`;
      const adoption = await adoptionCall(madeUp);
      expect(adoption.status).toBe(401);
      expect(adoption.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect((await api.leads('', { bearer: madeUp })).status).toBe(401);
      expect((await adoptionCall(`not-a-key-${i}`)).status).toBe(401);
    }
    expect(rows()).toBe(before);
    // A real key is counted: its first call opens one row (under its id), its second adds none.
    const fresh = prefectureKey(db(), '5101');
    expect((await adoptionCall(fresh)).status).toBe(201);
    expect(rows()).toBe(before + 1);
    // (Another random enterprise under the same Idempotency-Key: 409, counted all the same.)
    expect((await adoptionCall(fresh)).status).toBe(409);
    expect(rows()).toBe(before + 1);
  });
});

describe('CSV exports', () => {
  it('neutralise text cells that a spreadsheet would run as a formula, and keep numbers as numbers', async () => {
    db().update(offerings).set({ titleZh: '=HYPERLINK("http://evil.example","点我")' }).where(eq(offerings.id, m.offering.id)).run();
    const res = (await call(() => analyticsCsv.loader(routeArgs(getRequest('/provider/analytics.csv', m.provider.cookie))))) as Response;
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    const row = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    // The month and the counts stay as they were (YYYY-MM and plain numbers).
    expect(row).toMatch(/,\d{4}-\d{2},\d+,\d+,\d+,\d+,\d+$/);
  });
});

describe('the limits table', () => {
  it('holds the numbers the README promises', () => {
    // README, "Limits and sessions": login 10 per account / 100 per address per 15 minutes, …
    expect(RATE_LIMITS).toMatchObject({
      loginAccount: { points: 10, seconds: 900 },
      loginAddress: { points: 100, seconds: 900 },
      signupAddress: { points: 10, seconds: 3600 },
      passwordChange: { points: 10, seconds: 900 },
      resetMailAccount: { points: 3, seconds: 3600 },
      resetAddress: { points: 20, seconds: 3600 },
      requestCreate: { points: 20, seconds: 3600 },
      requestMessage: { points: 60, seconds: 3600 },
      apiKey: { points: 1200, seconds: 60 },
    });
  });
});
