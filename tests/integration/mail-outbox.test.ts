import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.server';
import { mailOutbox, users } from '../../db/schema';
import {
  MAIL_CLAIM_MS,
  pruneSentMail,
  sendPendingMail,
  smtpTransport,
  type MailTransport,
  type OutgoingMail,
} from '../../app/models/mail.server';
import { MAIL_LINK_TOKEN, notify } from '../../app/models/notifications.server';
import { closedPort, startSmtpServer, type TestSmtpServer } from './mail-fixtures';
import { createTestUser, useTestDatabase } from '../setup/test-db';

// The outbox worker: what notify() queued is sent through a real SMTP server (smtp-server on a
// free port) with its link made absolute, marked sent, retried with a growing wait when the server
// refuses it for now, given up after its last try or when the address is refused, and sent once
// even when two workers on two connections run at the same time.

const db = useTestDatabase();
const PUBLIC_URL = 'https://yunqiao.example.cn';
const FROM = '云桥 <no-reply@yunqiao.localhost>';
const MINUTE = 60_000;

let server: TestSmtpServer | null = null;
let transport: MailTransport | null = null;
// Ahead of the database's own clock, so rows written with the default "now" are due.
let clock = new Date(Date.now() + 1000);
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function smtp(opts: Parameters<typeof startSmtpServer>[0] = {}) {
  server = await startSmtpServer(opts);
  transport = smtpTransport(server.url, FROM);
  return { server, transport };
}

function queue(to: string, subject = '云桥 · 测试', body = `正文\n\n${MAIL_LINK_TOKEN}/enterprise\n`) {
  return db()
    .insert(mailOutbox)
    .values({ toAddress: to, subject, bodyText: body, nextAttemptAt: clock.toISOString() })
    .returning({ id: mailOutbox.id })
    .get().id;
}

function row(id: number) {
  return db()
    .select({
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, id))
    .get()!;
}

beforeEach(() => {
  db().delete(mailOutbox).run();
  clock = new Date(Date.now() + 1000);
});

afterEach(async () => {
  transport?.close();
  transport = null;
  await server?.close();
  server = null;
});

describe('sendPendingMail', () => {
  it('sends the mail notify() queued with its link made absolute, and marks it sent', async () => {
    const { server, transport } = await smtp();
    const user = await createTestUser(db(), { role: 'sme', email: 'zhang@example.cn' });
    db().transaction(() =>
      notify(db(), { userId: user.id, kind: 'test.unknown', link: '/enterprise/requests/r1' }),
    );

    const result = await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0, lastError: null });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.envelope.to).toEqual(['zhang@example.cn']);
    expect(server.received[0]!.parsed.subject?.startsWith('云桥 · ')).toBe(true);
    expect(server.received[0]!.parsed.text).toContain('https://yunqiao.example.cn/enterprise/requests/r1');
    expect(server.received[0]!.parsed.text).not.toContain(MAIL_LINK_TOKEN);

    const [stored] = db().select().from(mailOutbox).all();
    expect(stored).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      sentAt: clock.toISOString(),
    });

    // Sent once: the next run finds nothing to do.
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({ sent: 0 });
    expect(server.received).toHaveLength(1);
  });

  it('delivers Chinese subject and body as they were written', async () => {
    const { server, transport } = await smtp();
    queue(
      'li@example.cn',
      '云桥 · 您收到一份新报价',
      `成都云智科技为“设备联网平台”报价 ¥12,000.00。\n\n${MAIL_LINK_TOKEN}/enterprise/requests/r2\n`,
    );
    await sendPendingMail(db(), transport, { publicUrl: `${PUBLIC_URL}/`, now });
    const mail = server.received[0]!.parsed;
    expect(mail.subject).toBe('云桥 · 您收到一份新报价');
    expect(mail.text).toBe(
      '成都云智科技为“设备联网平台”报价 ¥12,000.00。\n\nhttps://yunqiao.example.cn/enterprise/requests/r2\n',
    );
  });

  it('retries a mail the server refuses for now, waiting 1, 2, 4 minutes, then sends it', async () => {
    let refusals = 3;
    const { server, transport } = await smtp({
      onMessage: () => (refusals-- > 0 ? { code: 451, message: 'Mailbox busy, try again later' } : null),
    });
    const id = queue('wang@example.cn');
    const started = clock.getTime();

    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({
      sent: 0,
      retrying: 1,
      lastError: expect.stringContaining('451'),
    });
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(row(id).lastError).toMatch(/451 Mailbox busy/);
    expect(row(id).nextAttemptAt).toBe(new Date(started + 1 * MINUTE).toISOString());

    // Not due yet: nothing is tried.
    advance(MINUTE - 1);
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    expect(server.attempts).toBe(1);

    advance(1);
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row(id).nextAttemptAt).toBe(new Date(clock.getTime() + 2 * MINUTE).toISOString());

    advance(2 * MINUTE);
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 3 });
    expect(row(id).nextAttemptAt).toBe(new Date(clock.getTime() + 4 * MINUTE).toISOString());

    advance(4 * MINUTE);
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({ sent: 1 });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    expect(server.attempts).toBe(4);
    expect(server.received).toHaveLength(1);
  });

  it('gives a mail up as failed after its last try', async () => {
    const { server, transport } = await smtp({
      onMessage: () => ({ code: 421, message: 'Service not available' }),
    });
    const id = queue('zhao@example.cn');
    for (let i = 0; i < 3; i++) {
      await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now, maxAttempts: 3 });
      advance(60 * MINUTE);
    }
    expect(row(id)).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
    expect(row(id).lastError).toMatch(/421/);
    // A failed mail is not tried again.
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now, maxAttempts: 3 });
    expect(server.attempts).toBe(3);
  });

  it('gives up at once on an address the server refuses, and still sends the others', async () => {
    const { server, transport } = await smtp({ unknownRecipients: ['nobody@example.cn'] });
    const refused = queue('nobody@example.cn');
    const fine = queue('sun@example.cn');
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({
      sent: 1,
      failed: 1,
      retrying: 0,
    });
    expect(row(refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row(refused).lastError).toMatch(/550/);
    expect(row(fine).status).toBe('sent');
    expect(server.received.map((m) => m.envelope.to[0])).toEqual(['sun@example.cn']);
  });

  it('keeps mail pending while the SMTP server is unreachable', async () => {
    transport = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`, FROM);
    const id = queue('qian@example.cn');
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({
      retrying: 1,
    });
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row(id).lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it('sends at most `batch` mails per run, oldest first', async () => {
    const { server, transport } = await smtp();
    for (const name of ['a', 'b', 'c']) queue(`${name}@example.cn`);
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now, batch: 2 })).toMatchObject({
      sent: 2,
    });
    expect(server.received.map((m) => m.envelope.to[0])).toEqual(['a@example.cn', 'b@example.cn']);
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now, batch: 2 });
    expect(server.received).toHaveLength(3);
  });
});

describe('two workers at once', () => {
  let second: ReturnType<typeof openDatabase>;
  beforeAll(() => {
    // A second connection to the same file, as a second process would have.
    second = openDatabase(process.env.DATABASE_PATH!);
  });
  afterAll(() => second.$client.close());

  it('send each mail once', async () => {
    const { server } = await smtp();
    const ids = Array.from({ length: 12 }, (_, i) => queue(`user${i}@example.cn`));
    const a = smtpTransport(server.url, FROM);
    const b = smtpTransport(server.url, FROM);
    const [ra, rb] = await Promise.all([
      sendPendingMail(db(), a, { publicUrl: PUBLIC_URL, now }),
      sendPendingMail(second, b, { publicUrl: PUBLIC_URL, now }),
    ]);
    a.close();
    b.close();
    expect(ra.sent + rb.sent).toBe(12);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    expect(server.received.map((m) => m.envelope.to[0]).sort()).toEqual(
      ids.map((_, i) => `user${i}@example.cn`).sort(),
    );
    expect(ids.map((id) => row(id).attempts)).toEqual(ids.map(() => 1));
  });

  it('leave a mail claimed by a stalled worker alone until its claim expires, then send it once', async () => {
    const { server, transport } = await smtp();
    const id = queue('stuck@example.cn');
    let release: () => void = () => {};
    const stalled: MailTransport = {
      kind: 'smtp',
      send: (_mail: OutgoingMail) => new Promise<void>((resolve) => (release = resolve)),
      close() {},
    };
    const first = sendPendingMail(second, stalled, { publicUrl: PUBLIC_URL, now });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1 });

    advance(MAIL_CLAIM_MS - 1);
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({ sent: 0 });
    advance(1);
    expect(await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({ sent: 1 });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 2 });

    // The stalled worker finally returns: its late result changes nothing.
    release();
    await first;
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(server.received).toHaveLength(1);
  });
});

describe('while an import holds the write lock', () => {
  let importer: ReturnType<typeof openDatabase>;
  let jobsDb: ReturnType<typeof openDatabase>;
  beforeAll(() => {
    importer = openDatabase(process.env.DATABASE_PATH!);
    // As the server's jobs connection, which gives up quickly (scripts/start.ts); 0 = at once.
    jobsDb = openDatabase(process.env.DATABASE_PATH!);
    jobsDb.$client.pragma('busy_timeout = 0');
  });
  afterEach(() => {
    if (importer.$client.inTransaction) importer.$client.exec('ROLLBACK');
  });
  afterAll(() => {
    importer.$client.close();
    jobsDb.$client.close();
  });

  function countingTransport() {
    const sent: string[] = [];
    const transport: MailTransport = {
      kind: 'smtp',
      send: async (mail) => void sent.push(mail.to),
      close() {},
    };
    return { sent, transport };
  }

  it('a mail sent but not marked sent because the lock was taken meanwhile is marked later, never sent twice', async () => {
    const { sent, transport } = countingTransport();
    const id = queue('once@example.cn');
    const sentAt = clock.toISOString();
    // The SMTP server accepts the mail; by then an import has taken the lock.
    const accepting: MailTransport = {
      ...transport,
      async send(mail) {
        await transport.send(mail);
        importer.$client.exec('BEGIN IMMEDIATE');
      },
    };
    await expect(sendPendingMail(jobsDb, accepting, { publicUrl: PUBLIC_URL, now })).rejects.toThrow(
      /database is locked/,
    );
    // Not counted as a failed try (no backoff, no error on the row).
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: null });

    // The import ends long after the mail's claim (MAIL_CLAIM_MS) has expired.
    importer.$client.exec('COMMIT');
    advance(MAIL_CLAIM_MS + MINUTE);
    expect(await sendPendingMail(jobsDb, transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({
      sent: 0,
    });
    expect(row(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt });
    expect(sent).toEqual(['once@example.cn']);
  });

  it('an outbox with nothing due is looked at without taking the lock', async () => {
    const { sent, transport } = countingTransport();
    const later = queue('later@example.cn');
    db()
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(clock.getTime() + MINUTE).toISOString() })
      .where(eq(mailOutbox.id, later))
      .run();
    importer.$client.exec('BEGIN IMMEDIATE');
    expect(await sendPendingMail(jobsDb, transport, { publicUrl: PUBLIC_URL, now })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      lastError: null,
    });
    importer.$client.exec('COMMIT');
    advance(MINUTE);
    expect(await sendPendingMail(jobsDb, transport, { publicUrl: PUBLIC_URL, now })).toMatchObject({
      sent: 1,
    });
    expect(sent).toEqual(['later@example.cn']);
  });
});

describe('pruneSentMail', () => {
  it('deletes sent mail older than the cut-off and keeps pending and failed mail', async () => {
    const { transport } = await smtp();
    const old = queue('old@example.cn');
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    advance(31 * 24 * 60 * MINUTE);
    const recent = queue('recent@example.cn');
    await sendPendingMail(db(), transport, { publicUrl: PUBLIC_URL, now });
    const pending = queue('pending@example.cn');
    const failed = queue('failed@example.cn');
    db().update(mailOutbox).set({ status: 'failed' }).where(eq(mailOutbox.id, failed)).run();

    expect(pruneSentMail(db(), new Date(clock.getTime() - 30 * 24 * 60 * MINUTE))).toBe(1);
    const left = db()
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .all()
      .map((r) => r.id);
    expect(left.sort()).toEqual([recent, pending, failed].sort());
    expect(left).not.toContain(old);
  });
});

describe('outbox rows of a suspended user', () => {
  it('are not written by notify() (the bell row is)', async () => {
    const user = await createTestUser(db(), { role: 'provider' });
    db().update(users).set({ status: 'suspended' }).where(eq(users.id, user.id)).run();
    db().transaction(() => notify(db(), { userId: user.id, kind: 'test.unknown', link: '/provider' }));
    expect(db().select().from(mailOutbox).all()).toHaveLength(0);
  });
});
