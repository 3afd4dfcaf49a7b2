/**
 * The background-job worker: runs in a worker thread of a server process (runner.server.ts starts
 * it through worker-thread.mjs), on its own better-sqlite3 connection to the same file (WAL: the
 * requests' connection keeps reading while a job writes). better-sqlite3 is synchronous, so a
 * 100,000-row report blocks this thread's event loop for seconds — and only this thread's.
 *
 * Loop: sweep jobs abandoned by dead processes (and queue builds of campaigns left 计算中 without
 * one), claim the oldest queued job, run it, repeat; when nothing is queued, sleep until woken (a
 * job queued in this process) or a second has passed (a job queued in another process).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { openDatabase, type Db } from '../../db/client.server';
import { INTERNAL_ERROR, progressWorthWriting, workerName, type JobProgress } from '~/domain/background-jobs';
import {
  claimNextJob,
  finishJob,
  JobLostError,
  queueUnfinishedCampaignBuilds,
  recordProgress,
  removeProgressFile,
  sweepAbandonedJobs,
  writeProgressFile,
  type ClaimedJob,
} from '~/models/background-jobs.server';
import { processAlive } from '~/models/leases.server';
import { JOB_HANDLERS } from './handlers.server';

export interface WorkerOptions {
  file: string;
  host: string;
  /** How long to sleep when no job is queued (ms). */
  pollMs: number;
  /** How often to look for jobs abandoned by dead processes (ms). */
  sweepMs: number;
}

/** Messages to the runner (main thread). */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'started'; id: string; kind: string }
  | { type: 'finished'; id: string; kind: string; status: 'succeeded' | 'failed' | 'lost'; ms: number }
  | { type: 'swept'; failed: string[]; requeued: string[]; campaigns: string[] }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Runs one claimed job to its end; never throws. */
export async function runClaimedJob(
  db: Db,
  job: ClaimedJob,
  worker: string,
  log: (level: 'warn' | 'error', message: string) => void,
): Promise<'succeeded' | 'failed' | 'lost'> {
  let last: (JobProgress & { at: number }) | null = null;
  let succeeded = false;
  const progress = (p: JobProgress) => {
    const now = Date.now();
    if (!progressWorthWriting(p, last, now)) return;
    last = { ...p, at: now };
    writeProgressFile(db, job.id, p);
    // Inside the job's own write transaction the row's update would be seen only at commit: the
    // file carries the progress then (background-jobs.server.ts).
    if (!db.$client.inTransaction) recordProgress(db, job.id, worker, p);
  };
  const finalProgress = (): JobProgress =>
    last
      ? { phase: last.phase, done: last.done, total: last.total }
      : { phase: 'done', done: 0, total: null };
  try {
    const end = await JOB_HANDLERS[job.kind](db, job, {
      progress,
      succeed: (result) => {
        const p = finalProgress();
        finishJob(db, job.id, worker, {
          status: 'succeeded',
          result,
          progress: { ...p, done: p.total ?? p.done },
        });
        succeeded = true;
      },
    });
    if (end.status === 'failed') finishJob(db, job.id, worker, { ...end, progress: finalProgress() });
    else if (!succeeded) throw new Error(`job ${job.id} (${job.kind}) ended without recording its result`);
    return end.status;
  } catch (error) {
    if (error instanceof JobLostError) {
      log('warn', `${error.message}: its work was rolled back`);
      return 'lost';
    }
    log(
      'error',
      `job ${job.id} (${job.kind}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    try {
      // The model's transaction rolled back when it threw: nothing of the job was written.
      finishJob(db, job.id, worker, { status: 'failed', error: INTERNAL_ERROR, progress: finalProgress() });
    } catch (finishError) {
      log('error', `job ${job.id}: could not record its failure: ${String(finishError)}`);
    }
    return 'failed';
  } finally {
    removeProgressFile(db, job.id);
  }
}

/**
 * Lowers this thread's CPU priority (nice 10). On a machine with few cores the job competes with
 * the thread that answers requests; this way the requests get the CPU first and the job the rest
 * (it takes a little longer under load, the pages do not). Linux gives every thread its own nice
 * value, set through its thread id (/proc/thread-self); elsewhere this does nothing.
 */
function yieldCpuToRequests(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, 10);
  } catch {
    // Not Linux, or /proc not mounted: the job runs at the process's priority.
  }
}

export async function runJobWorker(opts: WorkerOptions, port: MessagePort): Promise<void> {
  yieldCpuToRequests();
  const db = openDatabase(opts.file);
  const worker = workerName(opts.host, process.pid);
  const send = (message: WorkerMessage) => port.postMessage(message);
  const log = (level: 'info' | 'warn' | 'error', message: string) => send({ type: 'log', level, message });
  let stopping = false;
  let wake: (() => void) | null = null;
  port.on('message', (message: unknown) => {
    if (message === 'stop') stopping = true;
    wake?.();
  });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  let lastSweep = 0;
  const sweep = () => {
    lastSweep = Date.now();
    let swept: { failed: string[]; requeued: string[] } = { failed: [], requeued: [] };
    let campaigns: string[] = [];
    // Either may find another process's import holding the write lock past busy_timeout: next time.
    try {
      swept = sweepAbandonedJobs(db, { host: opts.host, pid: process.pid, processExists: processAlive });
    } catch (error) {
      log('warn', `could not sweep abandoned jobs: ${(error as Error).message}`);
    }
    try {
      // Campaigns left 计算中 with no build at all (an interrupted campaign:create, a failed
      // build): queued, and resumed from their cursor.
      campaigns = queueUnfinishedCampaignBuilds(db);
    } catch (error) {
      log('warn', `could not queue the builds of campaigns left 计算中: ${(error as Error).message}`);
    }
    if (swept.failed.length || swept.requeued.length || campaigns.length)
      send({ type: 'swept', ...swept, campaigns });
  };

  send({ type: 'ready' });
  while (!stopping) {
    if (Date.now() - lastSweep >= opts.sweepMs) sweep();
    let job: ClaimedJob | null = null;
    try {
      job = claimNextJob(db, worker);
    } catch (error) {
      log('warn', `could not claim a job: ${(error as Error).message}`);
    }
    if (!job) {
      await sleep(opts.pollMs);
      continue;
    }
    send({ type: 'started', id: job.id, kind: job.kind });
    const started = performance.now();
    const status = await runClaimedJob(db, job, worker, log);
    send({
      type: 'finished',
      id: job.id,
      kind: job.kind,
      status,
      ms: Math.round(performance.now() - started),
    });
  }
  db.$client.close();
  port.close();
}
