/**
 * Periodic jobs of the server process (started by scripts/start.ts after listen): each job runs
 * every `everyMs`, counted from the end of its previous run, so a slow run is never overlapped by
 * the next one. A failing run is logged and the job keeps its schedule; nothing here can crash
 * the server. stop() cancels what is waiting and waits for what is running (shutdown).
 */
import type { Db } from '../../db/client.server';
import { sendPendingMail, type MailTransport } from './mail.server';
import { applyRetention, describeRetention } from './retention.server';
import { loseUnansweredRequests } from './requests.server';
import { expireVoucherClaims } from './vouchers.server';

export interface Job {
  name: string;
  everyMs: number;
  /** Run once right after start (default: first run after one interval). */
  atStart?: boolean;
  run(): unknown;
}

/** pino's shape: `level(object, message)`. */
export interface JobsLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface Scheduler {
  /** Cancels the waiting runs and resolves once the running ones have finished. */
  stop(): Promise<void>;
}

export function startJobs(jobs: readonly Job[], opts: { log: JobsLogger }): Scheduler {
  const { log } = opts;
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  const runOnce = async (job: Job) => {
    try {
      await job.run();
    } catch (error) {
      log.error(
        { job: job.name, err: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        `job ${job.name} failed; it runs again at its next interval`,
      );
    }
  };

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(job.name);
      const run = runOnce(job).finally(() => {
        running.delete(job.name);
        schedule(job, job.everyMs);
      });
      running.set(job.name, run);
    }, delay);
    // The HTTP server keeps the process alive; a waiting job should not.
    timer.unref();
    timers.set(job.name, timer);
  };

  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    if (!(job.everyMs > 0)) throw new Error(`job ${job.name}: everyMs must be positive`);
    names.add(job.name);
    schedule(job, job.atStart ? 0 : job.everyMs);
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** The server's jobs: the mail outbox, the daily retention (sent mail among it) and the 30-day rule of requests (询价). */
export function serverJobs(
  db: Db,
  opts: { transport: MailTransport; publicUrl: string; log: JobsLogger; now?: () => Date },
): Job[] {
  const now = opts.now ?? (() => new Date());
  const { log } = opts;
  return [
    {
      name: 'mail-outbox',
      everyMs: 5 * SECOND,
      atStart: true,
      async run() {
        const result = await sendPendingMail(db, opts.transport, {
          publicUrl: opts.publicUrl,
          now,
          batch: 50,
        });
        if (result.retrying > 0 || result.failed > 0)
          log.warn({ ...result }, 'mail outbox: some mail could not be sent (retried later, or given up)');
        else if (result.sent > 0) log.info({ sent: result.sent }, 'mail outbox: mail sent');
      },
    },
    {
      // Personal data past its limit (retention.server.ts; the same as `npm run retention`).
      name: 'retention',
      everyMs: DAY,
      atStart: true,
      run() {
        const deleted = applyRetention(db, now());
        if (Object.values(deleted).some((n) => n > 0)) log.info({ deleted }, `retention: ${describeRetention(deleted)}`);
      },
    },
    {
      // The 30-day rule (requests.server.ts): unanswered requests are closed as lost.
      name: 'lose-unanswered-requests',
      everyMs: HOUR,
      atStart: true,
      run() {
        const lost = loseUnansweredRequests(db, now());
        if (lost > 0) log.info({ lost }, 'requests unanswered for 30 days closed as lost');
      },
    },
    {
      // Cloud voucher (上云券) subsidies of paid orders not confirmed in time are withdrawn
      // (vouchers.server.ts; the same as `npm run vouchers:expire`).
      name: 'expire-voucher-claims',
      everyMs: HOUR,
      atStart: true,
      run() {
        const withdrawn = expireVoucherClaims(db, now());
        if (withdrawn > 0) log.info({ withdrawn }, 'voucher subsidies withdrawn: orders not confirmed in time');
      },
    },
  ];
}
