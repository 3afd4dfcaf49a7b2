import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, passwordResetTokens } from '../../db/schema';
import * as forgot from '../../app/routes/account.forgot';
import * as reset from '../../app/routes/account.reset';
import * as sessionsRoute from '../../app/routes/account.sessions';
import * as password from '../../app/routes/account.password';
import * as enterpriseHome from '../../app/routes/enterprise._index';
import * as login from '../../app/routes/login';
import { MailSendError, type MailTransport, type OutgoingMail } from '../../app/models/mail-transport.server';
import { sendPendingMail } from '../../app/models/mail.server';
import { serverJobs } from '../../app/models/jobs.server';
import {
  blankSentResetLinks,
  REMOVED_TOKEN,
  RESET_TOKEN_MINUTES,
  requestPasswordReset,
} from '../../app/models/password-reset.server';
import { requireUser } from '../../app/utils/auth.server';
import { MAX_REDIRECT_LENGTH, isSafeRedirect, safeRedirect } from '../../app/utils/session.server';
import {
  TEST_PASSWORD,
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

// Issue 11: a session version per user (a password change keeps this session and ends the others;
// "log out everywhere" ends them all), password reset by mail (single use, 30 minutes, only the
// token's hash stored, no answer telling whether an email has an account), and short redirects.

const db = useTestDatabase();

/** The session cookie a response sets, as the browser sends it back. */
function sessionCookieOf(response: unknown): string {
  const set = (response as Response).headers.getSetCookie().find((c) => c.startsWith('__yq_session='));
  if (!set) throw new Error('no session cookie set');
  return set.split(';')[0]!;
}

function flashCookieOf(response: unknown): string {
  const set = (response as Response).headers.getSetCookie().find((c) => c.startsWith('__yq_flash='));
  if (!set) throw new Error('no flash cookie set');
  return set.split(';')[0]!;
}

async function logIn(email: string, pass = TEST_PASSWORD, clientIp = '127.0.0.1') {
  const res = await call(() => login.action(routeArgs(formRequest('/login', { email, password: pass }), {}, { clientIp })));
  expect(statusOf(res)).toBe(302);
  return sessionCookieOf(res);
}

/** 200 when the cookie is a live session of an SME, else the redirect to /login. */
const homeStatus = async (cookie: string) =>
  statusOf(await call(() => enterpriseHome.loader(routeArgs(getRequest('/enterprise', cookie)))));

describe('session version', () => {
  it('a password change keeps the session that made it and ends the account’s other sessions', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'two-devices@example.com' });
    const laptop = await logIn(user.email);
    const phone = await logIn(user.email);
    expect([await homeStatus(laptop), await homeStatus(phone)]).toEqual([200, 200]);

    const changed = await call(() =>
      password.action(
        routeArgs(
          formRequest('/account/password', { currentPassword: TEST_PASSWORD, password: 'a-new-password', passwordConfirm: 'a-new-password' }, laptop),
        ),
      ),
    );
    expect(statusOf(changed)).toBe(302);
    expect((changed as Response).headers.get('Location')).toBe('/account/password');
    const renewed = sessionCookieOf(changed);
    expect(await homeStatus(renewed)).toBe(200);
    expect(await homeStatus(phone)).toBe(302);
    expect(await homeStatus(laptop)).toBe(302);
    // The confirmation is shown once, from the flash cookie.
    const page = payloadOf(
      await call(() => password.loader(routeArgs(getRequest('/account/password', `${renewed}; ${flashCookieOf(changed)}`)))),
    );
    expect(page.flash).toBe('account.passwordChanged');
  });

  it('“log out everywhere” ends every session of the account, the current one included, and no other account’s', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'everywhere@example.com' });
    const other = await createTestUser(db(), { role: 'sme', email: 'bystander@example.com' });
    const a = await logIn(user.email);
    const b = await logIn(user.email);
    const bystander = await logIn(other.email);
    const res = await call(() => sessionsRoute.action(routeArgs(formRequest('/account/sessions', {}, b))));
    expect(statusOf(res)).toBe(302);
    expect((res as Response).headers.get('Location')).toBe('/login');
    expect(await homeStatus(a)).toBe(302);
    expect(await homeStatus(b)).toBe(302);
    expect(await homeStatus(bystander)).toBe(200);
    // A new login works again, and the login page says what happened.
    expect(await homeStatus(await logIn(user.email))).toBe(200);
    const loginPage = payloadOf(await call(() => login.loader(routeArgs(getRequest('/login', flashCookieOf(res))))));
    expect(loginPage.flash).toBe('account.loggedOutEverywhere');
  });
});

function latestMailTo(email: string) {
  return db()
    .select({ bodyText: mailOutbox.bodyText, subject: mailOutbox.subject })
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(desc(mailOutbox.id))
    .get();
}

function tokenOf(mail: { bodyText: string } | undefined): string {
  const token = /\/account\/reset\?token=([\w-]+)/.exec(mail?.bodyText ?? '')?.[1];
  if (!token) throw new Error('no reset link in the mail');
  return token;
}

const resetSubmit = (token: string, pass: string, clientIp = '127.0.0.1') =>
  call(() =>
    reset.action(routeArgs(formRequest('/account/reset', { token, password: pass, passwordConfirm: pass }), {}, { clientIp })),
  );

describe('password reset by mail', () => {
  it('answers the same for a known and an unknown email, and mails a link only to the account', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'forgetful@example.com' });
    const known = await call(() => forgot.action(routeArgs(formRequest('/account/forgot', { email: 'Forgetful@Example.com' }))));
    const unknown = await call(() => forgot.action(routeArgs(formRequest('/account/forgot', { email: 'nobody@example.com' }))));
    for (const res of [known, unknown]) {
      expect(statusOf(res)).toBe(302);
      expect((res as Response).headers.get('Location')).toBe('/account/forgot');
    }
    const shown = async (res: unknown) =>
      payloadOf(await call(() => forgot.loader(routeArgs(getRequest('/account/forgot', flashCookieOf(res)))))).flash;
    expect(await shown(known)).toBe('reset.forgotSent');
    expect(await shown(unknown)).toBe('reset.forgotSent');
    expect(latestMailTo('nobody@example.com')).toBeUndefined();
    const mail = latestMailTo(user.email)!;
    expect(mail.subject).toContain('重设密码');
    expect(mail.bodyText).toContain(`${RESET_TOKEN_MINUTES} 分钟`);
    // Only the token's hash is stored.
    const token = tokenOf(mail);
    const stored = db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sets a new password once per link, ends every session, and lets the new password in', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'resetter@example.com' });
    const session = await logIn(user.email);
    requestPasswordReset(db(), { email: user.email });
    const token = tokenOf(latestMailTo(user.email));
    const form = payloadOf(await call(() => reset.loader(routeArgs(getRequest(`/account/reset?token=${token}`)))));
    expect(form).toEqual({ token, problem: null });

    const done = await resetSubmit(token, 'reset-password-1');
    expect(statusOf(done)).toBe(302);
    expect((done as Response).headers.get('Location')).toBe('/login');
    expect(await homeStatus(session)).toBe(302);
    await logIn(user.email, 'reset-password-1');

    // The same link again: refused, the password stays.
    const again = await resetSubmit(token, 'reset-password-2');
    expect(statusOf(again)).toBe(400);
    expect(payloadOf(again).error['']).toEqual(['reset.used']);
    expect(payloadOf(await call(() => reset.loader(routeArgs(getRequest(`/account/reset?token=${token}`))))).problem).toBe('reset.used');
    await logIn(user.email, 'reset-password-1');
  });

  it('refuses a link older than 30 minutes, an unknown one and a replaced one', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'slow@example.com' });
    requestPasswordReset(db(), { email: user.email, now: new Date(Date.now() - (RESET_TOKEN_MINUTES + 1) * 60_000) });
    const old = tokenOf(latestMailTo(user.email));
    const expired = await resetSubmit(old, 'never-set-this');
    expect(statusOf(expired)).toBe(400);
    expect(payloadOf(expired).error['']).toEqual(['reset.expired']);

    // Issued 29 minutes ago: still good — but a newer request replaces it.
    requestPasswordReset(db(), { email: user.email, now: new Date(Date.now() - (RESET_TOKEN_MINUTES - 1) * 60_000) });
    const replaced = tokenOf(latestMailTo(user.email));
    expect(payloadOf(await call(() => reset.loader(routeArgs(getRequest(`/account/reset?token=${replaced}`))))).problem).toBeNull();
    requestPasswordReset(db(), { email: user.email });
    expect(payloadOf(await resetSubmit(replaced, 'never-set-this')).error['']).toEqual(['reset.invalid']);
    expect(payloadOf(await resetSubmit('x'.repeat(43), 'never-set-this')).error['']).toEqual(['reset.invalid']);
    // None of them changed the password.
    await logIn(user.email);
  });

  it('limits reset mails to 3 an hour per email, unknown emails alike, with 429 and Retry-After', async () => {
    for (const email of ['limited@example.com', 'limited-unknown@example.com']) {
      if (email === 'limited@example.com') await createTestUser(db(), { role: 'sme', email });
      const ask = () => call(() => forgot.action(routeArgs(formRequest('/account/forgot', { email }), {}, { clientIp: `10.9.9.${email.length}` })));
      for (let i = 0; i < 3; i++) expect(statusOf(await ask())).toBe(302);
      const refused = await ask();
      expect(statusOf(refused)).toBe(429);
      expect(Number((refused as { init: { headers: Record<string, string> } }).init.headers['Retry-After'])).toBeGreaterThan(0);
    }
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'limited@example.com')).all()).toHaveLength(3);
  });
});

describe('reset links in the mail outbox', () => {
  const storedBody = (email: string) => latestMailTo(email)!.bodyText;

  it('keep their token only until the mail has left: sent or given-up mails are blanked, pending ones kept', async () => {
    const [sent, refused, waiting] = await Promise.all(
      ['blank-sent', 'blank-refused', 'blank-waiting'].map((name) => createTestUser(db(), { role: 'sme', email: `${name}@example.com` })),
    );
    requestPasswordReset(db(), { email: sent!.email });
    requestPasswordReset(db(), { email: refused!.email });
    db().insert(mailOutbox).values({ toAddress: 'reader@example.com', subject: '新消息', bodyText: '详情：{{url}}/enterprise/requests/r1?tab=thread\n' }).run();
    const delivered: OutgoingMail[] = [];
    const transport: MailTransport = {
      kind: 'log',
      async send(mail) {
        if (mail.to === refused!.email) throw new MailSendError('550 no such mailbox', true);
        delivered.push(mail);
      },
      close() {},
    };
    const runStarted = new Date();
    await sendPendingMail(db(), transport, { publicUrl: 'https://yunqiao.example' });
    requestPasswordReset(db(), { email: waiting!.email });
    const mailed = delivered.find((m) => m.to === sent!.email)!;
    const token = /\/account\/reset\?token=([\w-]+)/.exec(mailed.text)![1]!;
    expect(storedBody(sent!.email)).toContain(token);

    // This run also sent the reset mails earlier tests queued: each one that left is blanked.
    const resetMailsSent = delivered.filter((m) => m.text.includes('/account/reset?token=')).length;
    expect(resetMailsSent).toBeGreaterThan(1);
    expect(blankSentResetLinks(db(), { since: runStarted })).toBe(resetMailsSent + 1);
    expect(db().select().from(mailOutbox).all().filter((m) => m.status !== 'pending' && /token=[\w-]/.test(m.bodyText))).toEqual([]);
    expect(storedBody(sent!.email)).not.toContain(token);
    expect(storedBody(sent!.email)).toContain(`/account/reset?token=${REMOVED_TOKEN}\n`);
    expect(storedBody(refused!.email)).toContain(`/account/reset?token=${REMOVED_TOKEN}\n`);
    // Still to be sent: its link is left whole; other mail is not touched.
    expect(tokenOf(latestMailTo(waiting!.email))).toHaveLength(43);
    expect(storedBody('reader@example.com')).toBe('详情：{{url}}/enterprise/requests/r1?tab=thread\n');
    // A blanked link is not matched again.
    expect(blankSentResetLinks(db())).toBe(0);
    // Only the stored copy lost the token: the link the person received still works.
    expect(statusOf(await resetSubmit(token, 'reset-by-mailed-link'))).toBe(302);
  });

  it("are blanked by the server's mail-outbox job once sent", async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'blank-by-job@example.com' });
    requestPasswordReset(db(), { email: user.email });
    const token = tokenOf(latestMailTo(user.email));
    const transport: MailTransport = { kind: 'log', async send() {}, close() {} };
    const quiet = { info() {}, warn() {}, error() {} };
    const mailJob = serverJobs(db(), { transport, publicUrl: 'https://yunqiao.example', log: quiet }).find(
      (job) => job.name === 'mail-outbox',
    )!;
    await mailJob.run();
    expect(db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email)).get()!.status).toBe('sent');
    expect(storedBody(user.email)).not.toContain(token);
    expect(storedBody(user.email)).toContain(`/account/reset?token=${REMOVED_TOKEN}`);
  });

  it('look only at mails claimed since `since`; without it, at every finished mail', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'blank-old@example.com' });
    requestPasswordReset(db(), { email: user.email });
    // Sent two days ago, before any sweep (the server was down, say).
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    db().update(mailOutbox).set({ status: 'sent', sentAt: twoDaysAgo, nextAttemptAt: twoDaysAgo }).where(eq(mailOutbox.toAddress, user.email)).run();
    const token = tokenOf(latestMailTo(user.email));
    expect(blankSentResetLinks(db(), { since: new Date(Date.now() - 24 * 3600_000) })).toBe(0);
    expect(storedBody(user.email)).toContain(token);
    expect(blankSentResetLinks(db())).toBe(1);
    expect(storedBody(user.email)).not.toContain(token);
  });
});

describe('redirectTo', () => {
  it('keeps a short local path and drops a long, protocol-relative or backslashed one', () => {
    expect(isSafeRedirect('/enterprise/requests?page=2')).toBe(true);
    expect(isSafeRedirect(`/${'a'.repeat(MAX_REDIRECT_LENGTH - 1)}`)).toBe(true);
    expect(isSafeRedirect(`/${'a'.repeat(MAX_REDIRECT_LENGTH)}`)).toBe(false);
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'enterprise', '/a\r\nSet-Cookie: x=1', '/中文'])
      expect(safeRedirect(bad, '/home')).toBe('/home');
  });

  it('sends a long protected URL to /login without it, so no header grows past 8 KB', async () => {
    const long = `/official/dashboard?q=${'x'.repeat(10_000)}`;
    const res = (await call(() => requireUser(getRequest(long)))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/login');
    const headerBytes = [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    expect(headerBytes).toBeLessThan(8 * 1024);
    const short = (await call(() => requireUser(getRequest('/official/dashboard?taxonomy=industry')))) as Response;
    expect(short.headers.get('Location')).toBe(`/login?${new URLSearchParams({ redirectTo: '/official/dashboard?taxonomy=industry' })}`);
  });

  it('after login goes to a kept redirectTo, else home', async () => {
    const user = await createTestUser(db(), { role: 'sme', email: 'redirected@example.com' });
    const go = async (redirectTo: string) =>
      (
        (await call(() =>
          login.action(routeArgs(formRequest('/login', { email: user.email, password: TEST_PASSWORD, redirectTo }))),
        )) as Response
      ).headers.get('Location');
    expect(await go('/enterprise/requests')).toBe('/enterprise/requests');
    expect(await go('//evil.example/')).toBe('/enterprise');
    expect(await go(`/enterprise?x=${'y'.repeat(600)}`)).toBe('/enterprise');
  });
});
