/**
 * One background-job worker thread per server process (scripts/start.ts starts it next to the
 * periodic jobs). Every process runs one: claiming is one immediate transaction, so several
 * processes share the queue. The thread does the work (worker.server.ts); this side, on the main
 * thread, only
 *  - wakes it when a request of this process queues a job (background-jobs.server.ts onJobQueued),
 *  - writes the running job's heartbeat every 15 s — through a connection that never waits for the
 *    write lock (busy_timeout 0): while the job's own transaction holds it the beat is skipped, and
 *    the main thread, which serves the requests, is never frozen by it,
 *  - starts the thread again if it dies (the job it ran is failed by the new thread's sweep),
 *  - and on stop lets the current job finish for a while, then ends the thread; its transaction
 *    rolls back and the job is failed (a campaign build: queued again) at once.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Db } from '../../db/client.server';
import { workerName } from '~/domain/background-jobs';
import { onJobQueued, recordHeartbeat, releaseAbandonedJob } from '~/models/background-jobs.server';
import type { WorkerMessage, WorkerOptions } from './worker.server';

export interface JobRunner {
  /** Lets the running job finish for up to `graceMs`, then ends the thread. */
  stop(): Promise<void>;
}

interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunnerOptions {
  log?: Log;
  /** Sleep between looks at the queue when it is empty (ms); a job queued in this process wakes it at once. */
  pollMs?: number;
  heartbeatMs?: number;
  /** How often the thread looks for jobs abandoned by dead processes (ms). */
  sweepMs?: number;
  /** How long stop() waits for the running job (ms); scripts/start.ts gives shutdown 5 s in all. */
  graceMs?: number;
}

const consoleLog: Log = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/**
 * Starts this process's job runner on `db`'s file. Resolves once the thread is running (it has
 * already swept abandoned jobs and begun claiming).
 */
export async function startJobRunner(db: Db, opts: RunnerOptions = {}): Promise<JobRunner> {
  const log = opts.log ?? consoleLog;
  const file = db.$client.name;
  const host = os.hostname();
  const me = workerName(host, process.pid);
  const workerData: WorkerOptions = {
    file,
    host,
    pollMs: opts.pollMs ?? 1000,
    sweepMs: opts.sweepMs ?? 60_000,
  };
  // A connection of its own that gives up at once when the lock is taken (see the header).
  const beatDb = openDatabase(file);
  beatDb.$client.pragma('busy_timeout = 0');

  let worker: Worker;
  let stopping = false;
  let current: { id: string; kind: string } | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const thread = new Worker(new URL('./worker-thread.mjs', import.meta.url), { workerData });
      worker = thread;
      let ready = false;
      exited = new Promise((done) => thread.once('exit', () => done()));
      thread.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            resolve();
            break;
          case 'started':
            current = { id: message.id, kind: message.kind };
            break;
          case 'finished':
            current = null;
            log.info(`job ${message.id} (${message.kind}) ${message.status} in ${message.ms} ms`);
            break;
          case 'swept':
            if (message.failed.length)
              log.warn(`jobs left running by a stopped process, failed: ${message.failed.join(', ')}`);
            if (message.requeued.length)
              log.info(
                `campaign builds left running by a stopped process, queued again: ${message.requeued.join(', ')}`,
              );
            if (message.campaigns.length)
              log.info(`campaigns left 计算中 without a build, queued: ${message.campaigns.join(', ')}`);
            break;
          case 'log':
            log[message.level](message.message);
            break;
        }
      });
      thread.once('error', (error) => {
        log.error(`job worker thread: ${error.stack ?? error.message}`);
        if (!ready) reject(error);
      });
      thread.once('exit', (code) => {
        current = null;
        if (stopping) return;
        log.error(`job worker thread exited (${code}); starting it again`);
        setTimeout(() => {
          if (!stopping) void start().catch(() => {});
        }, 1000).unref();
      });
    });
  await start();

  const unsubscribe = onJobQueued(() => worker.postMessage('wake'));
  const beat = setInterval(() => {
    if (!current) return;
    try {
      recordHeartbeat(beatDb, current.id, me);
    } catch (error) {
      // SQLITE_BUSY: the job's own transaction holds the lock; this process is plainly alive.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY')
        log.warn(`job heartbeat: ${(error as Error).message}`);
    }
  }, opts.heartbeatMs ?? 15_000);
  beat.unref();

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      unsubscribe();
      clearInterval(beat);
      worker.postMessage('stop');
      const graceful = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), opts.graceMs ?? 4000).unref()),
      ]);
      if (!graceful) {
        const cut = current;
        await worker.terminate();
        // The thread's connection closed without committing: nothing of an import was written.
        if (cut) {
          beatDb.$client.pragma('busy_timeout = 2000');
          try {
            const fate = releaseAbandonedJob(beatDb, { ...cut, worker: me });
            log.warn(
              `job ${cut.id} (${cut.kind}) was cut short by the server stopping: ${fate ?? 'already finished'}`,
            );
          } catch (error) {
            log.warn(`could not release job ${cut.id}: ${(error as Error).message}`);
          }
        }
      }
      beatDb.$client.close();
    },
  };
}
