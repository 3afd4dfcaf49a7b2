import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailOutbox } from '../../db/schema';
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
            if (runs === 1) throw new Error('database is locked');
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
    expect(String(errors[0]!.obj.err)).toContain('database is locked');
    expect(String(errors[1]!.obj.err)).toContain('SMTP down');
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
