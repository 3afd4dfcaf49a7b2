import crypto from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, officialScopes, providers, users } from '../../db/schema';
import { classifyEnterpriseSize, sectorOfIndustry } from '~/domain/enterprise-size';
import { PRIVACY_NOTICE_VERSION } from '~/domain/privacy-notice';
import type { ProviderSignup, SmeSignup } from '~/schemas/accounts';
import { hashPassword, verifyPassword } from '~/utils/password.server';
import { newId } from '~/utils/ids';
import { writeAudit } from './audit.server';

/** A field error as a message key, for Conform's reply (e.g. { email: ['signup.emailTaken'] }). */
export type FieldErrors = Record<string, string[]>;
export type RegisterResult = { ok: true; userId: string } | { ok: false; fieldErrors: FieldErrors };

function takenFields(db: Db, email: string, uscc: string, table: typeof enterprises | typeof providers): FieldErrors | null {
  const errors: FieldErrors = {};
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) errors.email = ['signup.emailTaken'];
  if (db.select({ id: table.id }).from(table).where(eq(table.uscc, uscc)).get()) errors.uscc = ['signup.usccTaken'];
  return Object.keys(errors).length ? errors : null;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * The sign-up form's required 我已阅读并同意《隐私声明》 (acceptPrivacy, checked by the schema): the
 * version in force and the time are stored with the account (PIPL Art. 14: consent given on full
 * notice, and provable).
 */
function privacyAccepted() {
  return { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, privacyAcceptedAt: new Date().toISOString() };
}

/** Account + enterprise in one transaction: a duplicate email or USCC stores nothing and answers a field error. */
export async function registerSme(db: Db, input: SmeSignup): Promise<RegisterResult> {
  const early = takenFields(db, input.email, input.uscc, enterprises);
  if (early) return { ok: false, fieldErrors: early };
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  try {
    db.transaction((tx) => {
      tx.insert(users)
        .values({ id: userId, email: input.email, passwordHash, role: 'sme', displayName: input.displayName, ...privacyAccepted() })
        .run();
      const sizeClass = classifyEnterpriseSize({
        sector: sectorOfIndustry(input.industry),
        employees: input.employees ?? null,
        revenueWan: input.revenueWan ?? null,
      });
      const enterpriseId = newId();
      tx.insert(enterprises)
        .values({
          id: enterpriseId,
          uscc: input.uscc,
          name: input.name,
          prefecture: input.prefecture,
          industry: input.industry,
          employees: input.employees ?? null,
          revenueWan: input.revenueWan ?? null,
          sizeClass,
          ownerUserId: userId,
        })
        .run();
      writeAudit(tx, { actorUserId: userId, action: 'enterprise.register', targetType: 'enterprise', targetId: enterpriseId });
    });
  } catch (error) {
    // Two sign-ups racing for the same email or USCC: the loser gets the same field error.
    if (isUniqueViolation(error)) {
      return { ok: false, fieldErrors: takenFields(db, input.email, input.uscc, enterprises) ?? { email: ['signup.emailTaken'] } };
    }
    throw error;
  }
  return { ok: true, userId };
}

/** Account + provider organisation (status 'applied', waiting for officials' vetting). */
export async function registerProvider(db: Db, input: ProviderSignup): Promise<RegisterResult> {
  const early = takenFields(db, input.email, input.uscc, providers);
  if (early) return { ok: false, fieldErrors: early };
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  try {
    db.transaction((tx) => {
      tx.insert(users)
        .values({ id: userId, email: input.email, passwordHash, role: 'provider', displayName: input.displayName, ...privacyAccepted() })
        .run();
      const providerId = newId();
      tx.insert(providers)
        .values({
          id: providerId,
          uscc: input.uscc,
          nameZh: input.nameZh,
          nameEn: input.nameEn ?? null,
          prefecture: input.prefecture,
          certifications: input.certifications,
          website: input.website ?? null,
          contactName: input.displayName,
          contactEmail: input.email,
          contactPhone: input.contactPhone,
          status: 'applied',
          ownerUserId: userId,
        })
        .run();
      writeAudit(tx, { actorUserId: userId, action: 'provider.apply', targetType: 'provider', targetId: providerId });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, fieldErrors: takenFields(db, input.email, input.uscc, providers) ?? { email: ['signup.emailTaken'] } };
    }
    throw error;
  }
  return { ok: true, userId };
}

export type LoginResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: 'failed' | 'suspended' };

/**
 * Checks an email and password. The limits on failed logins (per account and per address) are the
 * login route's, through app/utils/rate-limit.server.ts, before this is called.
 */
export async function authenticate(db: Db, input: { email: string; password: string }): Promise<LoginResult> {
  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  // Verify against a dummy hash when the email is unknown so timing does not reveal which emails exist.
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  // A deleted account answers like a wrong password (its hash is unusable anyway): whether an
  // address ever had an account is not revealed.
  if (!user || !valid || user.status === 'deleted') return { ok: false, reason: 'failed' };
  if (user.status !== 'active') return { ok: false, reason: 'suspended' };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

// argon2id hash of a random string, computed once: used only to spend the same time on unknown emails.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$X5wX13GeQu3QFTRyBuz4BQ$Wm4+uxR8LKQW6zt1hHKZ9wyG7aRYt9tF6rWdO46WBvo';

export function generateOneTimePassword() {
  return crypto.randomBytes(12).toString('base64url');
}

/** Creates an official (with scope) or an admin with a one-time password, which is returned once. */
export async function createStaffUser(
  db: Db,
  input: { email: string; displayName: string; role: 'official' | 'admin'; prefecture: string | null; actorUserId: string | null },
): Promise<{ ok: true; userId: string; oneTimePassword: string } | { ok: false; fieldErrors: FieldErrors }> {
  if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
    return { ok: false, fieldErrors: { email: ['signup.emailTaken'] } };
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const userId = newId();
  db.transaction((tx) => {
    tx.insert(users)
      .values({ id: userId, email: input.email, passwordHash, role: input.role, displayName: input.displayName, mustChangePassword: true })
      .run();
    if (input.role === 'official') tx.insert(officialScopes).values({ userId, prefecture: input.prefecture }).run();
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'user.create',
      targetType: 'user',
      targetId: userId,
      detail: { role: input.role, prefecture: input.prefecture },
    });
  });
  return { ok: true, userId, oneTimePassword };
}

export function setUserStatus(db: Db, input: { userId: string; status: 'active' | 'suspended'; actorUserId: string; reason?: string }) {
  db.transaction((tx) => {
    // A deleted account stays deleted: reinstating it would revive nothing but a placeholder.
    const { changes } = tx
      .update(users)
      .set({ status: input.status, updatedAt: new Date().toISOString() })
      .where(and(eq(users.id, input.userId), ne(users.status, 'deleted')))
      .run();
    if (changes === 0) return;
    writeAudit(tx, {
      actorUserId: input.actorUserId,
      action: input.status === 'suspended' ? 'user.suspend' : 'user.reinstate',
      targetType: 'user',
      targetId: input.userId,
      reason: input.reason ?? null,
    });
  });
}

/**
 * Changes a password after checking the current one; clears the one-time-password flag and raises
 * the session version, which ends the account's other sessions. Returns the new version, for the
 * caller to re-issue the current session under it.
 */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<{ ok: true; sessionVersion: number } | { ok: false; fieldErrors: FieldErrors }> {
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: ['account.currentPasswordWrong'] } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  const sessionVersion = db.transaction((tx) => {
    const row = tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(users.id, input.userId))
      .returning({ sessionVersion: users.sessionVersion })
      .get();
    writeAudit(tx, { actorUserId: input.userId, action: 'user.password_change', targetType: 'user', targetId: input.userId });
    return row!.sessionVersion;
  });
  return { ok: true, sessionVersion };
}

/** "Log out everywhere": raises the session version, so every session of the account ends. */
export function endAllSessions(db: Db, input: { userId: string; actorUserId: string }): number {
  return db.transaction((tx) => {
    const row = tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date().toISOString() })
      .where(eq(users.id, input.userId))
      .returning({ sessionVersion: users.sessionVersion })
      .get();
    writeAudit(tx, { actorUserId: input.actorUserId, action: 'user.sessions_end', targetType: 'user', targetId: input.userId });
    return row?.sessionVersion ?? 0;
  });
}
