import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { mailOutbox, passwordResetTokens, users } from '../../db/schema';
import { translator } from '~/i18n';
import { isLocale } from '~/i18n/locale';
import { hashPassword } from '~/utils/password.server';
import { writeAudit } from './audit.server';
import { prepared } from './prepared.server';
import { MAIL_LINK_TOKEN } from './notifications.server';

// Password reset by mail (issue 11): a random token (256 bits) mailed as a link through the mail
// outbox; password_reset_tokens keeps only its SHA-256. The outbox must hold the link in clear
// until the mail leaves; once it is sent or given up, blankSentResetLinks removes the token from
// the stored copy (run by the mail job after each run that sent or gave up mail), so a copy of the
// database does not hold a working link. Valid for 30 minutes and once: it is spent by the same
// UPDATE that checks it, so two tabs submitting one link cannot both set a password. A reset raises
// the session version, which logs the account out everywhere (someone who took it over included).

export const RESET_TOKEN_MINUTES = 30;
export const RESET_PATH = '/account/reset';

const TOKEN_BYTES = 32;
/** The token's length in the link: base64url without padding, 4 characters per 3 bytes. */
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 4) / 3);
/** What precedes the token in a reset mail's stored body. */
const LINK_BEFORE_TOKEN = `${MAIL_LINK_TOKEN}${RESET_PATH}?token=`;
/** What replaces the token once the mail has left: not base64url, so a blanked link is not matched again. */
export const REMOVED_TOKEN = '[removed]';

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * Mails a reset link when `email` belongs to an active account, and does nothing otherwise: the
 * caller answers the same either way, so the form does not tell which emails have accounts.
 * A new link replaces the account's earlier ones.
 */
export function requestPasswordReset(db: Db, input: { email: string; now?: Date }): void {
  const now = input.now ?? new Date();
  const user = db
    .select({ id: users.id, email: users.email, locale: users.locale, status: users.status })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  if (!user || user.status !== 'active') return;
  const token = crypto.randomBytes(TOKEN_BYTES).toString('base64url');
  const t = translator(isLocale(user.locale) ? user.locale : 'zh-CN');
  db.transaction((tx) => {
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).run();
    tx.insert(passwordResetTokens)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString(),
        createdAt: now.toISOString(),
      })
      .run();
    tx.insert(mailOutbox)
      .values({
        toAddress: user.email,
        subject: `云桥 · ${t('reset.mail.subject')}`,
        bodyText: `${t('reset.mail.body', { minutes: RESET_TOKEN_MINUTES })}\n\n${LINK_BEFORE_TOKEN}${token}\n`,
      })
      .run();
  });
}

export type ResetRefusal = 'invalid' | 'expired' | 'used';

/** Whether a link can still be used (the page shows the form, or says why not). */
export function checkResetToken(db: Db, token: string, now = new Date()): { ok: true } | { ok: false; reason: ResetRefusal } {
  const row = db
    .select({ expiresAt: passwordResetTokens.expiresAt, usedAt: passwordResetTokens.usedAt })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)))
    .get();
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expiresAt <= now.toISOString()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/**
 * Sets a new password with a reset token: spends the token, clears the one-time-password flag and
 * ends every session of the account. Returns the account's email (the route clears its login limit).
 */
export async function resetPassword(
  db: Db,
  input: { token: string; newPassword: string; now?: Date },
): Promise<{ ok: true; userId: string; email: string } | { ok: false; reason: ResetRefusal }> {
  const now = input.now ?? new Date();
  // A dead link is answered before the slow hash; the UPDATE below checks again, atomically.
  const before = checkResetToken(db, input.token, now);
  if (!before.ok) return before;
  const passwordHash = await hashPassword(input.newPassword);
  const at = now.toISOString();
  const result = db.transaction((tx) => {
    const spent = tx
      .update(passwordResetTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(input.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, at),
        ),
      )
      .returning({ userId: passwordResetTokens.userId })
      .get();
    if (!spent) return null;
    const user = tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: at })
      .where(eq(users.id, spent.userId))
      .returning({ id: users.id, email: users.email })
      .get();
    writeAudit(tx, { actorUserId: spent.userId, action: 'user.password_reset', targetType: 'user', targetId: spent.userId });
    return user ?? null;
  });
  if (!result) {
    const check = checkResetToken(db, input.token, now);
    return { ok: false, reason: check.ok ? 'invalid' : check.reason };
  }
  return { ok: true, userId: result.id, email: result.email };
}

/**
 * Removes the token from the stored copy of reset mails that have left the outbox — sent, or given
 * up ('failed') — and answers how many were blanked. Pending mails (still to be sent or retried)
 * keep theirs. `since` bounds the work to mails claimed since then: the outbox's index on (status,
 * next_attempt_at) finds them, since claiming a mail moves its next_attempt_at to the claim's end
 * (mail.server.ts) and finishing it leaves that there. Without `since`, every finished mail is
 * looked at (a full scan: about 100 ms over 100,000 stored mails, measured).
 */
export function blankSentResetLinks(db: Db, opts: { since?: Date } = {}): number {
  const s = prepared(db, 'password-reset-outbox', (sqlite) => {
    const blank = (window: string) =>
      sqlite.prepare<{ link: string; removed: string; tokenChars: number; since?: string }>(
        `UPDATE mail_outbox
         SET body_text = substr(body_text, 1, instr(body_text, @link) + length(@link) - 1) || @removed
           || substr(body_text, instr(body_text, @link) + length(@link) + @tokenChars)
         WHERE status IN ('sent', 'failed') ${window}
           AND instr(body_text, @link) > 0
           AND substr(body_text, instr(body_text, @link) + length(@link), 1) <> substr(@removed, 1, 1)`,
      );
    return { all: blank(''), since: blank('AND next_attempt_at >= @since') };
  });
  const params = { link: LINK_BEFORE_TOKEN, removed: REMOVED_TOKEN, tokenChars: TOKEN_CHARS };
  return opts.since
    ? s.since.run({ ...params, since: opts.since.toISOString() }).changes
    : s.all.run(params).changes;
}
