// Background jobs (issue 12): the rules that do not need a database — who may follow a job, when
// a progress report is worth writing, when a running job belongs to a process that is gone, and
// what becomes of such a job. Pure; app/models/background-jobs.server.ts persists the answers.
import { scopeCovers, type OfficialScope, type Principal } from './access-policy';

/**
 * The long operations that run off the request path:
 *   adoption-report — a prefecture report upload (市州报表), one write transaction;
 *   catalog-import  — a provider's catalog file, one write transaction;
 *   campaign-build  — a campaign's counts from the ledger, in small resumable transactions.
 */
export const JOB_KINDS = ['adoption-report', 'catalog-import', 'campaign-build'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** queued → running → succeeded | failed (the jobs.status column, db/schema-jobs.ts, takes this list). */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function isFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed';
}

/** What the access rule needs to know about a job. */
export interface JobOwnership {
  kind: string;
  createdByUserId: string | null;
  /** A report job's prefecture scope (null: the whole province); absent for other kinds. */
  scope?: OfficialScope;
}

/**
 * Whether `viewer` may follow a job (its page, its progress, its report): the user who started
 * it; for a prefecture report also every official whose scope covers the report's scope (a
 * province-wide report: provincial officials only), as they may upload the same file; for a
 * campaign build every provincial official (campaigns are theirs to manage, README "Access
 * policy"). Nobody else, admins included.
 */
export function mayFollowJob(viewer: { userId: string; principal: Principal }, job: JobOwnership): boolean {
  if (job.createdByUserId !== null && job.createdByUserId === viewer.userId) return true;
  const who = viewer.principal;
  if (who.role !== 'official') return false;
  if (job.kind === 'adoption-report') {
    const scope = job.scope ?? null;
    return scope === null ? who.scopePrefecture === null : scopeCovers(who.scopePrefecture, scope);
  }
  if (job.kind === 'campaign-build') return who.scopePrefecture === null;
  return false;
}

/** A progress report as the job writes it: done of total, in a phase ('read', 'check', 'apply', …). */
export interface JobProgress {
  phase: string;
  done: number;
  total: number | null;
}

/** How often progress is written: about every 250 ms, or whenever 1 % more is done, whichever first. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Whether a progress report is worth writing, given the last one written and when: a new phase,
 * the end of a phase, 1 % more of the total, or 250 ms since the last. A 100,000-row report calls
 * back every 1,000 rows; writing every call would be ~200 writes for one file, most of them
 * unseen (the page asks once a second).
 */
export function progressWorthWriting(
  next: JobProgress,
  last: (JobProgress & { at: number }) | null,
  now: number,
): boolean {
  if (!last || last.phase !== next.phase || last.total !== next.total) return true;
  if (next.total !== null && next.done >= next.total && last.done < next.total) return true;
  if (next.total !== null && next.total > 0 && next.done - last.done >= next.total / 100) return true;
  return now - last.at >= PROGRESS_INTERVAL_MS && next.done !== last.done;
}

/** A running job whose heartbeat is older than this was left by a process that is gone. */
export const STALE_HEARTBEAT_MS = 60_000;

/** `<hostname>:<pid>` of the process that claimed a job (jobs.worker). */
export function workerName(host: string, pid: number): string {
  return `${host}:${pid}`;
}

/** The host and process id of a worker name (the host may contain ':'); null for another shape. */
export function parseWorker(worker: string): { host: string; pid: number } | null {
  const at = worker.lastIndexOf(':');
  const pid = Number(worker.slice(at + 1));
  if (at <= 0 || !Number.isInteger(pid) || pid <= 0) return null;
  return { host: worker.slice(0, at), pid };
}

/**
 * Whether a job found `running` was left by a process that is gone. On this host the process id
 * answers it: a job of this very process id (a restarted container's node is pid 1 again) or of a
 * process that no longer exists is abandoned; a live process's job is not, however old its
 * heartbeat — its import may hold the write lock longer than a minute, and then no heartbeat can
 * be written. A job of another host (a database copied or shared) goes by its heartbeat.
 */
export function isAbandoned(
  job: { worker: string | null; heartbeatAt: string | null; startedAt: string | null },
  here: { host: string; pid: number; now: number; processExists: (pid: number) => boolean },
): boolean {
  const owner = job.worker ? parseWorker(job.worker) : null;
  if (owner && owner.host === here.host) return owner.pid === here.pid || !here.processExists(owner.pid);
  const last = job.heartbeatAt ?? job.startedAt;
  if (!last) return true;
  return here.now - Date.parse(last) > STALE_HEARTBEAT_MS;
}

/**
 * What becomes of an abandoned job. A report or a catalog import ran in one transaction that the
 * dead process never committed (its success is written in that same transaction), so nothing of
 * it is in the database: it fails, and the uploader is told to upload again. A campaign build
 * commits chunk by chunk and keeps its cursor in the campaign row: it is queued again and resumes
 * where it stopped.
 */
export function fateOfAbandoned(kind: string): 'fail' | 'requeue' {
  return kind === 'campaign-build' ? 'requeue' : 'fail';
}

/** The message (a message key) of a job failed because its process stopped. */
export const INTERRUPTED_ERROR = 'jobs.errors.interrupted';
/** The message of a job that threw: the details go to the log, not to the page. */
export const INTERNAL_ERROR = 'jobs.errors.internal';
