/**
 * The mail outbox worker. notify() (notifications.server.ts) queues a mail in the transaction of the
 * change it tells about; this module sends what is due through a MailTransport, makes its link
 * absolute with PUBLIC_URL, and records the result: sent, or retried with a growing wait, or given
 * up ('failed') after MAIL_MAX_ATTEMPTS tries or a refused address.
 *
 * Several processes may run it at once (two servers on one database file, or a script beside the
 * server): each mail is claimed by one UPDATE … RETURNING before it is sent, which pushes its
 * next_attempt_at a lease into the future, so no other process picks it up meanwhile. A process
 * that dies mid-send leaves the claim to expire and the mail is tried again: delivery is at least
 * once, never silently dropped. A mail accepted by the transport is never counted as a failed try:
 * if marking it sent fails (the database locked past busy_timeout by an import), the process
 * remembers it and marks it before it claims anything else, so it does not send it twice. Only a
 * process that dies (or cannot write for longer than the claim, MAIL_CLAIM_MS) between sending and
 * marking leaves a mail to be sent again, by whoever claims it next.
 */
import { and, eq, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { mailOutbox } from '../../db/schema';
import { MAIL_LINK_TOKEN } from './notifications.server';
import { MailSendError, type MailTransport } from './mail-transport.server';

export type { MailTransport, OutgoingMail } from './mail-transport.server';
export { logTransport, mailTransportFor, smtpTransport } from './mail-transport.server';

/** Tries before a mail is given up: with the backoff below, about four hours of retries. */
export const MAIL_MAX_ATTEMPTS = 10;
export const MAIL_BACKOFF_BASE_MS = 60_000;
export const MAIL_BACKOFF_MAX_MS = 60 * 60_000;
/** How long a claimed mail is left to its sender; far above the SMTP timeouts of one send. */
export const MAIL_CLAIM_MS = 5 * 60_000;

/** The wait after the n-th failed try: 1 min, 2, 4, 8 … capped at one hour. */
export function mailBackoffMs(attempts: number): number {
  return Math.min(MAIL_BACKOFF_MAX_MS, MAIL_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface SendPendingMailOptions {
  /** PUBLIC_URL without a trailing slash: replaces MAIL_LINK_TOKEN in the body. */
  publicUrl: string;
  /** Clock (tests move it forward). */
  now?: () => Date;
  /** At most this many mails per call (default 20); the rest wait for the next run. */
  batch?: number;
  maxAttempts?: number;
}

export interface SendPendingMailResult {
  sent: number;
  /** Failed this time; tried again after their backoff. */
  retrying: number;
  /** Given up this time. */
  failed: number;
  /** The last error message of this run, if any. */
  lastError: string | null;
}

interface Claimed {
  id: number;
  toAddress: string;
  subject: string;
  bodyText: string;
  attempts: number;
}

/**
 * Takes the next due mail for this process (one statement, so it is atomic across processes).
 * Asked first with a plain read: an UPDATE needs the write lock even when it matches nothing, and
 * the outbox is empty most of the time its job runs (every 5 s) — while an import holds the lock,
 * that UPDATE would fail with SQLITE_BUSY for no mail at all.
 */
function claimNext(db: Db, now: Date): Claimed | undefined {
  const at = now.toISOString();
  const anyDue = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, at)))
    .limit(1)
    .get();
  if (!anyDue) return undefined;
  const due = sql`(SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ${at}
    ORDER BY next_attempt_at, id LIMIT 1)`;
  return db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + MAIL_CLAIM_MS).toISOString(),
    })
    .where(and(eq(mailOutbox.id, due), eq(mailOutbox.status, 'pending')))
    .returning({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      bodyText: mailOutbox.bodyText,
      attempts: mailOutbox.attempts,
    })
    .get();
}

/**
 * Mails sent through a connection but not yet marked sent (id → when it was sent), per connection
 * (the server's jobs connection is one per process).
 */
const sentNotRecorded = new WeakMap<Db['$client'], Map<number, string>>();

function sentNotRecordedOf(db: Db): Map<number, string> {
  let pending = sentNotRecorded.get(db.$client);
  if (!pending) sentNotRecorded.set(db.$client, (pending = new Map()));
  return pending;
}

/**
 * Marks the remembered mails sent; throws (leaving the rest remembered) while the database cannot
 * be written. Whatever became of the claim meanwhile: the mail was sent, so a pending row is marked
 * sent even if its claim expired (nobody else sends it then) or another try is queued.
 */
function recordSent(db: Db, pending: Map<number, string>): void {
  for (const [id, sentAt] of pending) {
    db.update(mailOutbox)
      .set({ status: 'sent', sentAt, lastError: null })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending')))
      .run();
    pending.delete(id);
  }
}

/** Only while the claim is still ours (the same attempt number): a late writer changes nothing. */
function stillClaimed(mail: Claimed) {
  return and(
    eq(mailOutbox.id, mail.id),
    eq(mailOutbox.attempts, mail.attempts),
    eq(mailOutbox.status, 'pending'),
  );
}

/** The text as it is sent: links made absolute. */
export function renderMailBody(bodyText: string, publicUrl: string): string {
  return bodyText.replaceAll(MAIL_LINK_TOKEN, publicUrl.replace(/\/+$/, ''));
}

/** Sends the mails that are due, one at a time, and records each result. */
export async function sendPendingMail(
  db: Db,
  transport: MailTransport,
  opts: SendPendingMailOptions,
): Promise<SendPendingMailResult> {
  const clock = opts.now ?? (() => new Date());
  const batch = opts.batch ?? 20;
  const maxAttempts = opts.maxAttempts ?? MAIL_MAX_ATTEMPTS;
  const result: SendPendingMailResult = { sent: 0, retrying: 0, failed: 0, lastError: null };
  const unrecorded = sentNotRecordedOf(db);
  for (let i = 0; i < batch; i++) {
    // Sent by an earlier run but not marked yet: marked before anything is claimed (a throw ends
    // the run, and the job tries again soon).
    recordSent(db, unrecorded);
    const mail = claimNext(db, clock());
    if (!mail) break;
    // Only the sending itself counts as a failed try: an error after it must not queue the mail again.
    let failure: { error: unknown } | null = null;
    try {
      await transport.send({
        to: mail.toAddress,
        subject: mail.subject,
        text: renderMailBody(mail.bodyText, opts.publicUrl),
      });
    } catch (error) {
      failure = { error };
    }
    if (!failure) {
      result.sent++;
      unrecorded.set(mail.id, clock().toISOString());
      recordSent(db, unrecorded);
      continue;
    }
    const { error } = failure;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const giveUp = mail.attempts >= maxAttempts || (error instanceof MailSendError && error.permanent);
    const at = clock();
    // Should this write fail too, the claim expires and the mail (not sent) is tried again then.
    db.update(mailOutbox)
      .set(
        giveUp
          ? { status: 'failed', lastError: message }
          : {
              lastError: message,
              nextAttemptAt: new Date(at.getTime() + mailBackoffMs(mail.attempts)).toISOString(),
            },
      )
      .where(stillClaimed(mail))
      .run();
    result[giveUp ? 'failed' : 'retrying']++;
    result.lastError = message;
  }
  return result;
}

/** Deletes sent mails older than `before` (their bell rows stay); failed ones are kept for a look. */
export function pruneSentMail(db: Db, before: Date): number {
  return db
    .delete(mailOutbox)
    .where(and(eq(mailOutbox.status, 'sent'), lt(mailOutbox.sentAt, before.toISOString())))
    .run().changes;
}
