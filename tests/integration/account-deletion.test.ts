// Account deletion (issue 13): personal fields erased, sessions ended, login refused, the email
// free again — while the enterprise's USCC, its adoption events, its orders and the audit log stay,
// detached from the person. Refused while orders are open, and for staff accounts.
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adoptionEvents,
  apiKeys,
  auditLog,
  enterprises,
  mailOutbox,
  notifications,
  orders,
  passwordResetTokens,
  providers,
  requestMessages,
  searchDocuments,
  serviceRequests,
  users,
} from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { deleteAccount } from '../../app/models/account-deletion.server';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { notify } from '../../app/models/notifications.server';
import { createRequest } from '../../app/models/requests.server';
import { reindexProviderInTx } from '../../app/models/search.server';
import * as deletePage from '../../app/routes/account.delete';
import * as dataPage from '../../app/routes/account.data';
import * as login from '../../app/routes/login';
import * as smeSignup from '../../app/routes/signup.sme';
import { getUser } from '../../app/utils/auth.server';
import { sessionCookieFor } from '../../app/utils/session.server';
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
import { expectCounterConsistent, providerKey } from './adoption-fixtures';
import { ensureCurrentCampaign, insertOrder, orderParties, type Parties } from './orders-fixtures';
import { withRacingWriter } from './write-race';

const db = useTestDatabase();

const deleteForm = (cookie: string, fields: Record<string, string> = { password: TEST_PASSWORD, confirm: 'on' }) =>
  call(() => deletePage.action(routeArgs(formRequest('/account/delete', fields, cookie))));

function userRow(id: string) {
  return db().select().from(users).where(eq(users.id, id)).get()!;
}

beforeAll(async () => {
  await ensureCurrentCampaign(db());
});

describe('an SME deletes its account', () => {
  let p: Parties;
  let orderId: string;
  let eventId: string;
  let requestId: string;
  beforeAll(async () => {
    p = await orderParties(db());
    orderId = insertOrder(db(), p, { status: 'confirmed' });
    eventId = appendEvent(
      db(),
      { enterpriseId: p.enterprise.id, level: 'saas', occurredOn: '2026-11-20', source: 'official', verified: true },
      new Date().toISOString(),
    ).id;
    const request = createRequest(db(), {
      enterpriseId: p.enterprise.id,
      actor: { role: 'sme', userId: p.smeUser.id, apiKeyId: null },
      input: { offeringId: p.offeringId, message: '需要一套排产系统，约 30 人使用。', contact: 'email' },
      now: new Date(),
    });
    if (!request.ok) throw new Error('request refused');
    requestId = request.id;
    notify(db(), { userId: p.smeUser.id, kind: 'order.paid', params: {}, link: '/enterprise/orders' });
    db().insert(passwordResetTokens).values({ tokenHash: 'x'.repeat(43), userId: p.smeUser.id, expiresAt: '2099-01-01T00:00:00.000Z' }).run();
  });

  it('refuses a wrong password or an unticked confirmation, changing nothing', async () => {
    const wrong = await deleteForm(p.smeUser.cookie, { password: 'not-the-password', confirm: 'on' });
    expect(statusOf(wrong)).toBe(400);
    expect(payloadOf(wrong).error.password).toEqual(['account.currentPasswordWrong']);
    const unticked = await deleteForm(p.smeUser.cookie, { password: TEST_PASSWORD });
    expect(statusOf(unticked)).toBe(400);
    expect(payloadOf(unticked).error.confirm).toEqual(['accountDelete.mustConfirm']);
    expect(userRow(p.smeUser.id)).toMatchObject({ status: 'active', email: p.smeUser.email, deletedAt: null });
  });

  it('erases the person, ends every session and logs out, keeping the USCC, events, orders and audit', async () => {
    const mailBefore = db().select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.toAddress, p.smeUser.email)).get()!.n;
    expect(mailBefore).toBeGreaterThan(0);
    const done = await deleteForm(p.smeUser.cookie);
    expect(statusOf(done)).toBe(302);
    expect((done as Response).headers.get('Location')).toBe('/login');
    expect((done as Response).headers.get('Set-Cookie')).toMatch(/__yq_session=;/);

    const row = userRow(p.smeUser.id);
    expect(row).toMatchObject({ email: `deleted-${p.smeUser.id}@invalid`, displayName: '已注销用户', status: 'deleted', sessionVersion: 2 });
    expect(row.deletedAt).not.toBeNull();
    expect(row.passwordHash.startsWith('$argon2')).toBe(false);

    // Only about the person: gone.
    expect(db().select({ n: count() }).from(notifications).where(eq(notifications.userId, p.smeUser.id)).get()!.n).toBe(0);
    expect(db().select({ n: count() }).from(passwordResetTokens).where(eq(passwordResetTokens.userId, p.smeUser.id)).get()!.n).toBe(0);
    expect(db().select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.toAddress, p.smeUser.email)).get()!.n).toBe(0);

    // What the counter and the audit log need: kept, detached.
    expect(db().select().from(enterprises).where(eq(enterprises.id, p.enterprise.id)).get()).toMatchObject({ uscc: p.enterprise.uscc, ownerUserId: null });
    expect(db().select({ id: adoptionEvents.id }).from(adoptionEvents).where(eq(adoptionEvents.id, eventId)).get()).toBeDefined();
    expect(db().select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).get()).toEqual({ status: 'confirmed' });
    expectCounterConsistent(db());
    const audit = db().select().from(auditLog).where(and(eq(auditLog.action, 'user.delete'), eq(auditLog.targetId, p.smeUser.id))).get()!;
    expect(audit.detail).toEqual({ role: 'sme', enterpriseIds: [p.enterprise.id], providerIds: [] });
    const auditText = JSON.stringify(db().select().from(auditLog).all());
    expect(auditText).not.toContain(p.smeUser.email);

    // The open request was withdrawn; its messages keep their author, who now reads as 已注销用户.
    expect(db().select().from(serviceRequests).where(eq(serviceRequests.id, requestId)).get()).toMatchObject({ status: 'lost', lostReason: 'withdrawn' });
    const author = db()
      .select({ name: users.displayName })
      .from(requestMessages)
      .innerJoin(users, eq(users.id, requestMessages.authorUserId))
      .where(eq(requestMessages.requestId, requestId))
      .get();
    expect(author).toEqual({ name: '已注销用户' });
  });

  it('leaves no session alive: the old cookie, or one under the old version, is logged out', async () => {
    expect(await getUser(getRequest('/', p.smeUser.cookie))).toBeNull();
    expect(await getUser(getRequest('/', await sessionCookieFor(p.smeUser.id, 2)))).toBeNull();
    const page = await call(() => dataPage.loader(routeArgs(getRequest('/account/data', p.smeUser.cookie))));
    expect(statusOf(page)).toBe(302);
    expect((page as Response).headers.get('Location')).toMatch(/^\/login/);
  });

  it('answers a login with the old email and password like any wrong credentials', async () => {
    const result = await call(() => login.action(routeArgs(formRequest('/login', { email: p.smeUser.email, password: TEST_PASSWORD }))));
    expect(statusOf(result)).toBe(400);
    expect(payloadOf(result).error['']).toEqual(['login.failed']);
    const placeholder = await call(() =>
      login.action(routeArgs(formRequest('/login', { email: `deleted-${p.smeUser.id}@invalid`, password: TEST_PASSWORD }))),
    );
    // The placeholder is not even an address the form accepts.
    expect(statusOf(placeholder)).toBe(400);
    expect(payloadOf(placeholder).error.email).toEqual(['errors.email']);
  });

  it('frees the email for a new sign-up', async () => {
    const result = await call(() =>
      smeSignup.action(
        routeArgs(
          formRequest('/signup/sme', {
            uscc: makeUscc('91', '510100', 'MA61D0001'),
            name: '注销后重新注册机械有限公司',
            prefecture: '5101',
            industry: '34',
            displayName: '新经理',
            email: p.smeUser.email,
            password: 'a-long-password',
            passwordConfirm: 'a-long-password',
            acceptPrivacy: 'on',
          }),
        ),
      ),
    );
    expect(statusOf(result)).toBe(302);
    expect(db().select({ n: count() }).from(users).where(eq(users.email, p.smeUser.email)).get()!.n).toBe(1);
  });
});

describe('another process writing meanwhile', () => {
  it('waits for the deletion (write lock taken at BEGIN) instead of failing it with SQLITE_BUSY_SNAPSHOT', async () => {
    const user = await createTestUser(db(), { role: 'sme' });
    const race = await withRacingWriter(db(), () => deleteAccount(db(), { userId: user.id, password: TEST_PASSWORD }));
    expect(race.error).toBeUndefined();
    expect(race.other).toBe('busy');
    expect(race.result).toEqual({ ok: true });
    expect(userRow(user.id).status).toBe('deleted');
  });
});

describe('refusals', () => {
  it('refuses while the enterprise has an open order, and says so on the page', async () => {
    const p = await orderParties(db());
    insertOrder(db(), p, { status: 'paid' });
    const page = payloadOf(await deletePage.loader(routeArgs(getRequest('/account/delete', p.smeUser.cookie))));
    expect(page.blocker).toEqual({ reason: 'openOrders', organisation: 'enterprise', count: 1 });
    const refused = await deleteForm(p.smeUser.cookie);
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error['']).toEqual(['accountDelete.blockedOrders|n=1']);
    expect(userRow(p.smeUser.id).status).toBe('active');
    // The seller is held back by the same order.
    const seller = payloadOf(await deletePage.loader(routeArgs(getRequest('/account/delete', p.providerUser.cookie))));
    expect(seller.blocker).toEqual({ reason: 'openOrders', organisation: 'provider', count: 1 });
  });

  it('refuses officials and admins: their decisions in the audit log keep a name', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const page = payloadOf(await deletePage.loader(routeArgs(getRequest('/account/delete', official.cookie))));
    expect(page.blocker).toEqual({ reason: 'staff' });
    expect(statusOf(await deleteForm(official.cookie))).toBe(403);
    const admin = await createTestUser(db(), { role: 'admin' });
    expect(statusOf(await deleteForm(admin.cookie))).toBe(403);
    expect(userRow(official.id).status).toBe('active');
  });
});

describe('a provider deletes its account', () => {
  it('clears the personal contact, suspends the organisation (off search), revokes its keys', async () => {
    const p = await orderParties(db());
    insertOrder(db(), p, { status: 'confirmed' });
    db().update(providers).set({ contactName: '李工', contactEmail: 'li@example.com', contactPhone: '028-12345678' }).where(eq(providers.id, p.provider.id)).run();
    providerKey(db(), p.provider.id);
    db().transaction((tx) => reindexProviderInTx(tx, p.provider.id));
    const listed = () => db().select({ n: count() }).from(searchDocuments).where(eq(searchDocuments.providerId, p.provider.id)).get()!.n;
    expect(listed()).toBe(1);

    expect(statusOf(await deleteForm(p.providerUser.cookie))).toBe(302);

    expect(db().select().from(providers).where(eq(providers.id, p.provider.id)).get()).toMatchObject({
      uscc: p.provider.uscc,
      ownerUserId: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      status: 'suspended',
      statusReason: '服务商账号已注销，机构暂无账号管理。',
    });
    expect(listed()).toBe(0);
    const keys = db().select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.providerId, p.provider.id)).all();
    expect(keys.length).toBe(1);
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
    expect(userRow(p.providerUser.id).status).toBe('deleted');
    // The buyer's side is untouched.
    expect(userRow(p.smeUser.id).status).toBe('active');
  });
});
