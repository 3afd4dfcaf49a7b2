import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/client.server';
import { loginFailures, mailOutbox } from '../../db/schema';
import {
  serverJobs,
  startJobs,
  type Job,
  type JobsLogger,
  type Scheduler,
} from '../../app/models/jobs.server';
import { logTransport } from '../../app/models/mail.server';
import { MAIL_LINK_TOKEN } from '../../app/models/notifications.server';
import { useTestDatabase } from '../setup/test-db';

// The periodic jobs runner with fake jobs and fake timers: each job runs at its interval (and at
// start when asked), a slow run is never overlapped, a failing run is logged and the job goes on,
// and stop() waits for a running job and cancels the waiting ones. Then the server's own job list.

function memoryLog() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) =>
    lines.push({ level, obj, msg });
  const log: JobsLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('startJobs', () => {
  let scheduler: Scheduler | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    const stopping = scheduler?.stop();
    await vi.runOnlyPendingTimersAsync();
    await stopping;
    scheduler = null;
    vi.useRealTimers();
  });

  it('runs each job every interval, at start only when asked', async () => {
    const runs: string[] = [];
    const { log } = memoryLog();
    scheduler = startJobs(
      [
        { name: 'fast', everyMs: 1000, atStart: true, run: () => runs.push('fast') },
        { name: 'slow', everyMs: 5000, run: () => runs.push('slow') },
      ],
      { log },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['fast']);
    await vi.advanceTimersByTimeAsync(4000);
    expect(runs.filter((r) => r === 'fast')).toHaveLength(5);
    expect(runs).not.toContain('slow');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.filter((r) => r === 'slow')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs.filter((r) => r === 'fast')).toHaveLength(16);
    expect(runs.filter((r) => r === 'slow')).toHaveLength(3);
  });

  it('never starts a run while the previous one of the same job is still going', async () => {
    const { log } = memoryLog();
    let active = 0;
    let most = 0;
    let runs = 0;
    const gates: ReturnType<typeof deferred>[] = [];
    const job: Job = {
      name: 'mail',
      everyMs: 100,
      atStart: true,
      async run() {
        runs++;
        active++;
        most = Math.max(most, active);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        active--;
      },
    };
    scheduler = startJobs([job], { log });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    // Ten intervals pass while the first run is stuck: no second run starts.
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    gates[0]!.resolve();
    // The next run comes one interval after the previous one ended.
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    gates[1]!.resolve();
    expect(most).toBe(1);
  });

  it('logs a failing run (thrown or rejected) and keeps the job on its schedule', async () => {
    const { log, lines } = memoryLog();
    let runs = 0;
    scheduler = startJobs(
      [
        {
          name: 'flaky',
          everyMs: 1000,
          atStart: true,
          run() {
            runs++;
            if (runs === 1) throw new Error('no such table: mail_outbox');
            if (runs === 2) return Promise.reject(new Error('SMTP down'));
          },
        },
      ],
      { log },
    );
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(3);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      obj: { job: 'flaky' },
      msg: expect.stringContaining('job flaky failed'),
    });
    expect(String(errors[0]!.obj.err)).toContain('no such table');
    expect(String(errors[1]!.obj.err)).toContain('SMTP down');
  });

  it('a run that finds the database locked warns once (no stack) and is retried after 30 s, not a day', async () => {
    const { log, lines } = memoryLog();
    const locked = () =>
      Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    const runs: number[] = [];
    let fail = 0;
    scheduler = startJobs(
      [
        {
          name: 'retention',
          everyMs: 24 * 3600_000,
          atStart: true,
          run() {
            runs.push(Date.now());
            if (fail > 0) {
              fail--;
              throw locked();
            }
          },
        },
        {
          name: 'mail-outbox',
          everyMs: 5000,
          run() {
            throw locked();
          },
        },
      ],
      { log },
    );
    const t0 = Date.now();
    fail = 3;
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(runs.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.length).toBe(2);
    // Locked three times, then it runs: every 30 s until then, a whole day after that.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.map((t) => t - t0)).toEqual([0, 30_000, 60_000, 90_000]);
    await vi.advanceTimersByTimeAsync(24 * 3600_000 - 1);
    expect(runs).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(5);

    const about = (job: string) => lines.filter((l) => l.obj.job === job);
    expect(about('retention').map((l) => l.level)).toEqual(['warn', 'info']);
    expect(about('retention')[0]!.obj.err).toBe('database is locked');
    // A job every 5 s keeps its 5 s, and a streak of hundreds of locked runs is one line.
    expect(about('mail-outbox').map((l) => l.level)).toEqual(['warn']);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    // A new streak is told again.
    fail = 1;
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(about('retention').map((l) => l.level)).toEqual(['warn', 'info', 'warn']);
  });

  it('stop() waits for the running job, then nothing runs any more', async () => {
    const { log } = memoryLog();
    const gate = deferred();
    const runs: string[] = [];
    scheduler = startJobs(
      [
        {
          name: 'long',
          everyMs: 100,
          atStart: true,
          async run() {
            runs.push('long');
            await gate.promise;
            runs.push('long done');
          },
        },
        { name: 'other', everyMs: 100, run: () => runs.push('other') },
      ],
      { log },
    );
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual(['long', 'long done']);
    scheduler = null;
  });

  it('refuses two jobs with one name and a non-positive interval', () => {
    const { log } = memoryLog();
    const job = { name: 'x', everyMs: 10, run: () => {} };
    expect(() => startJobs([job, job], { log })).toThrow(/two jobs are named x/);
    expect(() => startJobs([{ ...job, everyMs: 0 }], { log })).toThrow(/everyMs/);
  });
});

describe('serverJobs', () => {
  const db = useTestDatabase();

  it('sends the outbox every 5 s, applies the retention limits daily and closes unanswered requests and withdraws late voucher subsidies hourly, all at start', () => {
    const { log } = memoryLog();
    const jobs = serverJobs(db(), {
      transport: logTransport(log, 'x@example.cn'),
      publicUrl: 'http://localhost:3000',
      log,
    });
    expect(jobs.map((j) => [j.name, j.everyMs, j.atStart])).toEqual([
      ['mail-outbox', 5000, true],
      ['retention', 24 * 3600 * 1000, true],
      ['lose-unanswered-requests', 3600 * 1000, true],
      ['expire-voucher-claims', 3600 * 1000, true],
    ]);
  });

  it('the mail job writes due mail to the log with the PUBLIC_URL link when SMTP is not configured', async () => {
    const { log, lines } = memoryLog();
    db()
      .insert(mailOutbox)
      .values({
        toAddress: 'zhou@example.cn',
        subject: '云桥 · 询价已关闭',
        bodyText: `您的询价已关闭。\n\n${MAIL_LINK_TOKEN}/enterprise/requests/r9\n`,
        nextAttemptAt: '2000-01-01T00:00:00.000Z',
      })
      .run();
    const jobs = serverJobs(db(), {
      transport: logTransport(log, '云桥 <no-reply@yunqiao.localhost>'),
      publicUrl: 'http://localhost:3000',
      log,
    });
    await jobs.find((j) => j.name === 'mail-outbox')!.run();
    const mailLine = lines.find((l) => l.msg.startsWith('mail to zhou@example.cn'));
    expect(mailLine?.obj.mail).toMatchObject({
      to: 'zhou@example.cn',
      subject: '云桥 · 询价已关闭',
      text: '您的询价已关闭。\n\nhttp://localhost:3000/enterprise/requests/r9\n',
    });
    expect(lines.some((l) => l.level === 'info' && l.msg === 'mail outbox: mail sent')).toBe(true);
    expect(db().select({ status: mailOutbox.status }).from(mailOutbox).all()).toEqual([{ status: 'sent' }]);
  });

  it('the daily retention job, locked out by a long import, runs 30 s later once the lock is gone', async () => {
    const file = process.env.DATABASE_PATH!;
    // The server's jobs connection gives up quickly (scripts/start.ts); the import holds the lock.
    const jobsDb = openDatabase(file);
    jobsDb.$client.pragma('busy_timeout = 0');
    const importer = openDatabase(file);
    const old = db()
      .insert(loginFailures)
      .values({ key: 'x@example.cn|203.0.113.9', createdAt: '2000-01-01T00:00:00.000Z' })
      .returning({ id: loginFailures.id })
      .get().id;
    const { log, lines } = memoryLog();
    vi.useFakeTimers();
    const retention = serverJobs(jobsDb, {
      transport: logTransport(log, 'x@example.cn'),
      publicUrl: 'http://localhost:3000',
      log,
    }).filter((j) => j.name === 'retention');
    let scheduler: Scheduler | null = null;
    try {
      importer.$client.exec('BEGIN IMMEDIATE');
      scheduler = startJobs(retention, { log });
      await vi.advanceTimersByTimeAsync(0);
      expect(lines.map((l) => [l.level, l.obj.job])).toEqual([['warn', 'retention']]);
      importer.$client.exec('COMMIT');
      await vi.advanceTimersByTimeAsync(30_000);
      const left = db().select({ id: loginFailures.id }).from(loginFailures).all();
      expect(left.map((r) => r.id)).not.toContain(old);
      expect(lines.map((l) => l.level)).toEqual(['warn', 'info', 'info']);
    } finally {
      if (importer.$client.inTransaction) importer.$client.exec('ROLLBACK');
      await scheduler?.stop();
      vi.useRealTimers();
      jobsDb.$client.close();
      importer.$client.close();
    }
  });

  it('the requests job runs the 30-day rule without failing on an empty database', async () => {
    const { log, lines } = memoryLog();
    const jobs = serverJobs(db(), {
      transport: logTransport(log, 'x@example.cn'),
      publicUrl: 'http://localhost:3000',
      log,
    });
    await jobs.find((j) => j.name === 'lose-unanswered-requests')!.run();
    expect(lines.filter((l) => l.level !== 'info')).toEqual([]);
  });
});
