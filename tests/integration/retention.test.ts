import { spawnSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { loginFailures, mailOutbox, notifications, searchMisses } from '../../db/schema';
import { serverJobs, type JobsLogger } from '../../app/models/jobs.server';
import { logTransport } from '../../app/models/mail.server';
import { applyRetention } from '../../app/models/retention.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';

// Issue 13, "Retention": login failures go after 30 days, read notifications 180 days after they
// were read, sent mail 90 days after it was sent; search misses (not personal data) after 13 months.
// The limits below are the numbers, written out here rather than read from RETENTION_DAYS,
// so a changed constant fails this test.

const db = useTestDatabase();
const NOW = new Date('2026-12-10T08:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const SECOND = 1000;
/** A timestamp `days` days before NOW, moved by `shiftMs` (negative = older). */
const ago = (days: number, shiftMs = 0) => new Date(NOW.getTime() - days * DAY + shiftMs).toISOString();
const JUST_OUTSIDE = -SECOND; // one second older than the limit: deleted
const JUST_INSIDE = SECOND; // one second younger than the limit: kept

let userId = '';
beforeEach(async () => {
  db().delete(loginFailures).run();
  db().delete(notifications).run();
  db().delete(mailOutbox).run();
  db().delete(searchMisses).run();
  userId ||= (await createTestUser(db(), { role: 'sme' })).id;
});

function loginFailure(createdAt: string, key = 'someone@example.cn|203.0.113.7') {
  return db().insert(loginFailures).values({ key, createdAt }).returning({ id: loginFailures.id }).get().id;
}

function notification(opts: { createdAt: string; readAt: string | null }) {
  return db()
    .insert(notifications)
    .values({ userId, kind: 'request.message', params: {}, link: '/enterprise/requests', ...opts })
    .returning({ id: notifications.id })
    .get().id;
}

function mail(opts: { status: 'pending' | 'sent' | 'failed'; createdAt: string; sentAt: string | null }) {
  return db()
    .insert(mailOutbox)
    .values({ toAddress: 'zhou@example.cn', subject: '云桥 · 测试', bodyText: '正文', ...opts })
    .returning({ id: mailOutbox.id })
    .get().id;
}

const ids = (table: typeof loginFailures | typeof notifications | typeof mailOutbox) =>
  db()
    .select({ id: table.id })
    .from(table)
    .all()
    .map((r) => r.id)
    .sort((a, b) => a - b);

describe('applyRetention', () => {
  it('deletes login failures older than 30 days and keeps younger ones', () => {
    const outside = loginFailure(ago(30, JUST_OUTSIDE));
    const inside = loginFailure(ago(30, JUST_INSIDE));
    const recent = loginFailure(ago(0));
    expect(applyRetention(db(), NOW)).toEqual({
      loginFailures: 1,
      readNotifications: 0,
      sentMail: 0,
      searchMisses: 0,
    });
    expect(ids(loginFailures)).toEqual([inside, recent]);
    expect(ids(loginFailures)).not.toContain(outside);
  });

  it('deletes notifications read more than 180 days ago; unread ones stay however old', () => {
    const readOutside = notification({ createdAt: ago(400), readAt: ago(180, JUST_OUTSIDE) });
    // Created long ago but read recently: the clock starts when it was read.
    const readInside = notification({ createdAt: ago(400), readAt: ago(180, JUST_INSIDE) });
    const unreadOld = notification({ createdAt: ago(1000), readAt: null });
    expect(applyRetention(db(), NOW)).toEqual({
      loginFailures: 0,
      readNotifications: 1,
      sentMail: 0,
      searchMisses: 0,
    });
    expect(ids(notifications)).toEqual([readInside, unreadOld]);
    expect(ids(notifications)).not.toContain(readOutside);
  });

  it('deletes mail sent more than 90 days ago; pending and failed mail stay', () => {
    const sentOutside = mail({ status: 'sent', createdAt: ago(200), sentAt: ago(90, JUST_OUTSIDE) });
    const sentInside = mail({ status: 'sent', createdAt: ago(200), sentAt: ago(90, JUST_INSIDE) });
    const pendingOld = mail({ status: 'pending', createdAt: ago(200), sentAt: null });
    const failedOld = mail({ status: 'failed', createdAt: ago(200), sentAt: null });
    expect(applyRetention(db(), NOW)).toEqual({
      loginFailures: 0,
      readNotifications: 0,
      sentMail: 1,
      searchMisses: 0,
    });
    expect(ids(mailOutbox)).toEqual([sentInside, pendingOld, failedOld]);
    expect(ids(mailOutbox)).not.toContain(sentOutside);
  });

  it('keeps search misses for 13 China-time months, the current one included (not personal data, but unbounded)', () => {
    const miss = (month: string, query: string) =>
      db()
        .insert(searchMisses)
        .values({ month, query, count: 3, lastAt: `${month}-15T00:00:00.000Z` })
        .run();
    miss('2025-10', 'mes');
    miss('2025-11', 'mes');
    miss('2025-11', '数字孪生');
    miss('2025-12', 'mes');
    miss('2026-12', 'mes');
    const months = () =>
      db()
        .select({ month: searchMisses.month })
        .from(searchMisses)
        .all()
        .map((r) => r.month)
        .sort();
    // 2026-12-10: December 2026 back to December 2025 is 13 months.
    expect(applyRetention(db(), NOW).searchMisses).toBe(3);
    expect(months()).toEqual(['2025-12', '2026-12']);
    // 17:00 UTC on 30 November 2026 is already 1 December in China: the same 13 months.
    expect(applyRetention(db(), new Date('2026-11-30T17:00:00.000Z')).searchMisses).toBe(0);
    expect(applyRetention(db(), new Date('2027-01-01T00:00:00.000Z')).searchMisses).toBe(1);
    expect(months()).toEqual(['2026-12']);
  });

  it('keeps what is exactly at the limit (only strictly older rows go)', () => {
    const atLimit = loginFailure(ago(30));
    expect(applyRetention(db(), NOW).loginFailures).toBe(0);
    expect(ids(loginFailures)).toEqual([atLimit]);
  });

  it('deletes more rows than one slice holds, and a second run finds nothing', () => {
    const insert = db().$client.prepare('INSERT INTO login_failures (key, created_at) VALUES (?, ?)');
    db().$client.transaction(() => {
      for (let i = 0; i < 2500; i++) insert.run(`k${i}|198.51.100.1`, ago(45));
    })();
    const kept = loginFailure(ago(29));
    expect(applyRetention(db(), NOW).loginFailures).toBe(2500);
    expect(ids(loginFailures)).toEqual([kept]);
    expect(applyRetention(db(), NOW)).toEqual({
      loginFailures: 0,
      readNotifications: 0,
      sentMail: 0,
      searchMisses: 0,
    });
  });
});

describe('the daily server job', () => {
  it('applies the same limits and logs what it deleted', async () => {
    loginFailure(ago(31));
    notification({ createdAt: ago(200), readAt: ago(181) });
    mail({ status: 'sent', createdAt: ago(100), sentAt: ago(91) });
    const kept = [
      loginFailure(ago(29)),
      notification({ createdAt: ago(200), readAt: ago(179) }),
      mail({ status: 'sent', createdAt: ago(100), sentAt: ago(89) }),
    ];
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const push = (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg });
    const log: JobsLogger = { info: push, warn: push, error: push };
    const job = serverJobs(db(), {
      transport: logTransport(log, 'x@example.cn'),
      publicUrl: 'http://localhost',
      log,
      now: () => NOW,
    }).find((j) => j.name === 'retention');
    expect(job).toMatchObject({ everyMs: DAY, atStart: true });
    await job!.run();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toEqual({
      deleted: { loginFailures: 1, readNotifications: 1, sentMail: 1, searchMisses: 0 },
    });
    expect([ids(loginFailures), ids(notifications), ids(mailOutbox)]).toEqual(kept.map((id) => [id]));
  });
});

describe('npm run retention', () => {
  it('deletes from DATABASE_PATH and prints the count of each kind', () => {
    loginFailure(new Date(Date.now() - 31 * DAY).toISOString());
    loginFailure(new Date(Date.now() - 40 * DAY).toISOString());
    notification({
      createdAt: new Date().toISOString(),
      readAt: new Date(Date.now() - 200 * DAY).toISOString(),
    });
    mail({
      status: 'sent',
      createdAt: new Date().toISOString(),
      sentAt: new Date(Date.now() - 10 * DAY).toISOString(),
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/retention.ts'], {
      env: { ...process.env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/login failures \(login_failures\)\s+older than +30 days: 2 deleted/);
    expect(run.stdout).toMatch(/read notifications \(notifications\)\s+older than +180 days: 1 deleted/);
    expect(run.stdout).toMatch(/sent mail \(mail_outbox\)\s+older than +90 days: 0 deleted/);
    expect(run.stdout).toMatch(/search misses \(search_misses\)\s+older than 13 months: 0 deleted/);
    expect(run.stdout).toMatch(/total: 3 deleted/);
    expect(ids(mailOutbox)).toHaveLength(1);
    expect(ids(loginFailures)).toEqual([]);
  });
});
