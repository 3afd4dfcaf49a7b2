/**
 * Periodic jobs of the server process (started by scripts/start.ts after listen): each job runs
 * every `everyMs`, counted from the end of its previous run, so a slow run is never overlapped by
 * the next one. A failing run is logged and the job keeps its schedule, except a run that found
 * the database locked (SQLITE_BUSY), which is tried again after at most 30 s; nothing here can crash
 * the server. stop() cancels what is waiting and waits for what is running (shutdown).
 *
 * With several server processes on one database (WEB_CONCURRENCY, issue 12) every process runs
 * startScheduler, but only the holder of the `scheduler` lease (leases.server.ts) runs the jobs and
 * the long-running duties (search outbox, WAL checkpoints): the others keep asking, and one of
 * them takes over once the holder stops renewing.
 */
import type { Db } from '../../db/client.server';
import { acquireLease, leaseHolderId, releaseLease } from './leases.server';
import { sendPendingMail, type MailTransport } from './mail.server';
import { blankSentResetLinks } from './password-reset.server';
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

/** How soon a run that found the database locked is tried again (at most; a shorter interval stays). */
export const BUSY_RETRY_MS = 30_000;

/**
 * SQLITE_BUSY (and its extended codes): the write lock stayed taken past the connection's
 * busy_timeout — the server's jobs connection waits only 50 ms (scripts/start.ts).
 */
function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_BUSY(_|$)/.test(code);
}

export function startJobs(jobs: readonly Job[], opts: { log: JobsLogger }): Scheduler {
  const { log } = opts;
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  // Jobs whose last run found the database locked: warned once per streak, like the lease checks.
  const busy = new Set<string>();

  /** Runs the job once; answers how long to wait before its next run. */
  const runOnce = async (job: Job): Promise<number> => {
    try {
      await job.run();
      if (busy.delete(job.name))
        log.info({ job: job.name }, `job ${job.name} ran again after the database was busy`);
      return job.everyMs;
    } catch (error) {
      if (isDatabaseBusy(error)) {
        // Another connection holds the write lock (a large import in the job worker): nothing is
        // wrong with the job, and a daily one must not wait a day for its next try.
        if (!busy.has(job.name))
          log.warn(
            { job: job.name, err: (error as Error).message },
            `job ${job.name}: the database is busy; retried every ${Math.min(job.everyMs, BUSY_RETRY_MS) / 1000} s until it runs`,
          );
        busy.add(job.name);
        return Math.min(job.everyMs, BUSY_RETRY_MS);
      }
      busy.delete(job.name);
      log.error(
        { job: job.name, err: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        `job ${job.name} failed; it runs again at its next interval`,
      );
      return job.everyMs;
    }
  };

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(job.name);
      let next = job.everyMs;
      const run = runOnce(job)
        .then((wait) => void (next = wait))
        .finally(() => {
          running.delete(job.name);
          schedule(job, next);
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

/** Something that runs until stopped (the search outbox worker, the WAL checkpointer thread). */
export interface Stoppable {
  stop(): Promise<void>;
}

/** A long-running duty of the lease holder: started when this process takes the lease, stopped when it loses it. */
export interface Duty {
  name: string;
  start(): Promise<Stoppable> | Stoppable;
}

export interface LeasedScheduler extends Scheduler {
  /** This process's name in the lease row. */
  readonly holder: string;
  /** Whether this process holds the lease and runs the jobs right now. */
  isLeader(): boolean;
}

/** The lease every server process asks for; its holder runs the periodic jobs. */
export const SCHEDULER_LEASE = 'scheduler';
const DEFAULT_TTL_MS = 30_000;

/**
 * Runs `jobs` and `duties` in this process only while it holds the lease `name` (default
 * `scheduler`) on `db`. The lease lasts `ttlMs` (default 30 s) and is renewed every third of it, so
 * one missed renewal (a busy database, a long synchronous job) does not lose it; a holder that
 * stops renewing (killed, hung) is replaced within about one TTL and a renewal period. When the
 * lease is lost the jobs and duties are stopped; stop() stops them and releases the lease, so
 * another process takes over at its next check instead of after expiry.
 */
export function startScheduler(opts: {
  db: Db;
  jobs: readonly Job[];
  duties?: readonly Duty[];
  log: JobsLogger;
  name?: string;
  holder?: string;
  ttlMs?: number;
  /** How often to renew (holder) or ask (the others); default a third of the TTL. */
  checkEveryMs?: number;
}): LeasedScheduler {
  const { db, log } = opts;
  const name = opts.name ?? SCHEDULER_LEASE;
  const holder = opts.holder ?? leaseHolderId();
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const checkEveryMs = opts.checkEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  if (!(checkEveryMs < ttlMs)) throw new Error('the lease must be renewed more often than it expires');
  // Checked at once, like startJobs does, rather than at the first takeover.
  startJobs(opts.jobs, { log }).stop();

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  /** What runs while leading: null when following. */
  let leading: { jobs: Scheduler; duties: { name: string; handle: Stoppable }[] } | null = null;
  let heldUntil = 0;
  // A database that stays unwritable (read-only file, full disk) fails every check: said once.
  let checksFailing = false;
  // Leading and following are async (a duty's thread starts, a job finishes its run): one at a
  // time, in order.
  let transition: Promise<void> = Promise.resolve();

  const lead = async () => {
    const duties: { name: string; handle: Stoppable }[] = [];
    leading = { jobs: startJobs(opts.jobs, { log }), duties };
    for (const duty of opts.duties ?? []) {
      try {
        duties.push({ name: duty.name, handle: await duty.start() });
      } catch (error) {
        log.error(
          { duty: duty.name, err: errorText(error) },
          `duty ${duty.name} could not start; retried at the next takeover`,
        );
      }
    }
  };

  const follow = async () => {
    const was = leading;
    leading = null;
    if (!was) return;
    await Promise.all([
      was.jobs.stop(),
      ...was.duties.map(({ name: duty, handle }) =>
        handle
          .stop()
          .catch((error: unknown) =>
            log.error({ duty, err: errorText(error) }, `duty ${duty} did not stop cleanly`),
          ),
      ),
    ]);
  };

  const check = () => {
    if (stopped) return;
    let next: Promise<void> = Promise.resolve();
    try {
      const outcome = acquireLease(db, { name, holder, ttlMs });
      if (checksFailing) log.info({ lease: name }, 'scheduler lease checks work again');
      checksFailing = false;
      if (outcome.held) {
        heldUntil = outcome.expiresAt;
        if (!leading) {
          log.info({ lease: name, holder }, 'scheduler lease taken: this process runs the periodic jobs');
          next = lead();
        } else if (outcome.acquired) {
          // Renewed too late (a long synchronous job blocked the loop): another process may have run
          // the jobs meanwhile. They are idempotent; say so, and carry on.
          log.warn({ lease: name, holder }, 'scheduler lease had expired before its renewal; taken again');
        }
      } else if (leading) {
        log.warn(
          { lease: name, holder, by: outcome.holder },
          'scheduler lease lost to another process: jobs stopped here',
        );
        next = follow();
      }
    } catch (error) {
      // The database did not answer (busy past its timeout, read-only, gone): keep leading only
      // while the last renewal still runs, since no other process can have taken it before.
      if (!checksFailing)
        log.warn(
          { lease: name, err: error instanceof Error ? error.message : String(error) },
          'scheduler lease check failed; no periodic jobs run here until it works again (retrying)',
        );
      checksFailing = true;
      if (leading && Date.now() >= heldUntil) next = follow();
    }
    transition = transition.then(() => next).finally(schedule);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(check, checkEveryMs);
    // The HTTP server keeps the process alive; the scheduler should not.
    timer.unref();
  };

  check();
  return {
    holder,
    isLeader: () => leading !== null,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await transition;
      const wasLeading = leading !== null;
      await follow();
      if (!wasLeading) return;
      try {
        releaseLease(db, { name, holder });
      } catch (error) {
        log.warn(
          { lease: name, err: errorText(error) },
          'scheduler lease not released; it expires on its own',
        );
      }
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
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
        // A reset link must not outlive its mail in the outbox (password-reset.server.ts).
        if (result.sent > 0 || result.failed > 0)
          blankSentResetLinks(db, { since: new Date(now().getTime() - DAY) });
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
        // Reset mails finished by a process that stopped before blanking them.
        blankSentResetLinks(db);
        if (Object.values(deleted).some((n) => n > 0))
          log.info({ deleted }, `retention: ${describeRetention(deleted)}`);
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
        if (withdrawn > 0)
          log.info({ withdrawn }, 'voucher subsidies withdrawn: orders not confirmed in time');
      },
    },
  ];
}
