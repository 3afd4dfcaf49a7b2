/**
 * Background jobs (issue 12): a prefecture report, a catalog file or a campaign's counts is
 * written to the `jobs` table by the request that starts it, which then answers at once; a worker
 * thread of some server process claims it (app/jobs/), runs the same model function as the CLI,
 * and records progress and the outcome here. Pages read a job through getJobForViewer, which
 * applies the access rule (app/domain/background-jobs.ts).
 *
 * Live progress. A report's check and apply run inside one write transaction of the worker's
 * connection, for seconds. An UPDATE of the job row from that connection would be part of the
 * transaction (seen by nobody until it commits); from any other connection it waits for the write
 * lock — on the main thread that freezes every request for up to busy_timeout, then fails. So
 * while a job runs, its progress also goes to a small file beside the database
 * (`<database>.jobs/<id>.json`, replaced atomically), which every server process on the host can
 * read — any process may have claimed the job, and the page's next poll may reach another one.
 * The row's progress columns are written whenever the worker's connection is outside a
 * transaction (reading the file, between a campaign build's chunks) and when the job ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Db } from '../../db/client.server';
import {
  isAbandoned,
  fateOfAbandoned,
  INTERNAL_ERROR,
  INTERRUPTED_ERROR,
  mayFollowJob,
  type JobKind,
  type JobProgress,
  type JobStatus,
} from '~/domain/background-jobs';
import type { Principal } from '~/domain/access-policy';
import { newId } from '~/utils/ids';
import { campaignsBeingBuilt } from './campaigns.server';
import { prepared } from './prepared.server';

export interface JobRow {
  id: string;
  kind: JobKind;
  status: JobStatus;
  params: Record<string, unknown>;
  progress: JobProgress;
  result: unknown;
  error: string | null;
  createdByUserId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job as its worker gets it when claiming: with the uploaded file (unpacked). */
export interface ClaimedJob extends JobRow {
  input: Buffer | null;
}

type RawJob = {
  id: string;
  kind: JobKind;
  status: JobStatus;
  params: string;
  progressDone: number;
  progressTotal: number | null;
  progressPhase: string | null;
  result: string | null;
  error: string | null;
  createdByUserId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const COLUMNS = `id, kind, status, params, progress_done AS progressDone, progress_total AS progressTotal,
  progress_phase AS progressPhase, result, error, created_by_user_id AS createdByUserId,
  created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt`;

function jobSql(db: Db) {
  return prepared(db, 'background-jobs', (sqlite) => ({
    insert: sqlite.prepare<[string, string, string, Buffer | null, string | null, string]>(
      "INSERT INTO jobs (id, kind, status, params, input, created_by_user_id, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?)",
    ),
    one: sqlite.prepare<[string], RawJob>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`),
    // The oldest queued job (jobs_status_idx).
    nextQueued: sqlite.prepare<[], { id: string }>(
      "SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1",
    ),
    claim: sqlite.prepare<[string, string, string, string]>(
      `UPDATE jobs SET status = 'running', worker = ?, started_at = ?, heartbeat_at = ?,
         progress_done = 0, progress_total = NULL, progress_phase = NULL
       WHERE id = ? AND status = 'queued'`,
    ),
    input: sqlite.prepare<[string], { input: Buffer | null }>('SELECT input FROM jobs WHERE id = ?'),
    progress: sqlite.prepare<[number, number | null, string, string, string, string]>(
      "UPDATE jobs SET progress_done = ?, progress_total = ?, progress_phase = ?, heartbeat_at = ? WHERE id = ? AND worker = ? AND status = 'running'",
    ),
    heartbeat: sqlite.prepare<[string, string, string]>(
      "UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND worker = ? AND status = 'running'",
    ),
    finish: sqlite.prepare<
      [string, string | null, string | null, number, number | null, string, string, string]
    >(
      `UPDATE jobs SET status = ?, result = ?, error = ?, progress_done = ?, progress_total = ?, finished_at = ?, input = NULL
       WHERE id = ? AND worker = ? AND status = 'running'`,
    ),
    running: sqlite.prepare<
      [],
      {
        id: string;
        kind: string;
        worker: string | null;
        heartbeatAt: string | null;
        startedAt: string | null;
      }
    >(
      "SELECT id, kind, worker, heartbeat_at AS heartbeatAt, started_at AS startedAt FROM jobs WHERE status = 'running'",
    ),
    failAbandoned: sqlite.prepare<[string, string, string, string | null]>(
      `UPDATE jobs SET status = 'failed', error = ?, finished_at = ?, input = NULL
       WHERE id = ? AND status = 'running' AND worker IS ?`,
    ),
    requeueAbandoned: sqlite.prepare<[string, string | null]>(
      "UPDATE jobs SET status = 'queued', worker = NULL, heartbeat_at = NULL WHERE id = ? AND status = 'running' AND worker IS ?",
    ),
    // Only what the list shows: a failed report's result alone can be 0.5 MB of JSON.
    ownRecent: sqlite.prepare<
      [string, string, number],
      { id: string; status: JobStatus; fileName: unknown; createdAt: string }
    >(
      `SELECT id, status, json_extract(params, '$.fileName') AS fileName, created_at AS createdAt
       FROM jobs WHERE created_by_user_id = ? AND kind = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    activeFor: sqlite.prepare<[string, string], { id: string }>(
      "SELECT id FROM jobs WHERE kind = ? AND status IN ('queued', 'running') AND json_extract(params, '$.campaignId') = ? LIMIT 1",
    ),
  }));
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function rowOf(raw: RawJob): JobRow {
  const params = parseJson(raw.params);
  return {
    id: raw.id,
    kind: raw.kind,
    status: raw.status,
    params: params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
    progress: { phase: raw.progressPhase ?? raw.status, done: raw.progressDone, total: raw.progressTotal },
    result: parseJson(raw.result),
    error: raw.error,
    createdByUserId: raw.createdByUserId,
    createdAt: raw.createdAt,
    startedAt: raw.startedAt,
    finishedAt: raw.finishedAt,
  };
}

// ── Waking the runner ─────────────────────────────────────────────────────────────────────────

// The request that enqueues runs in the server build (a bundle with its own copy of this module),
// the runner in scripts/start.ts's module graph: they meet on a process-wide symbol. Runners of
// other processes find the job when they next look (app/jobs/runner.server.ts, every second).
const WAKE = Symbol.for('yunqiao.backgroundJobs.wake');
type WakeRegistry = Set<() => void>;

function wakeRegistry(): WakeRegistry {
  const holder = globalThis as unknown as Record<symbol, WakeRegistry | undefined>;
  return (holder[WAKE] ??= new Set());
}

/** Called by a runner of this process: `wake` runs whenever a job is queued here. Returns the unregistration. */
export function onJobQueued(wake: () => void): () => void {
  const registry = wakeRegistry();
  registry.add(wake);
  return () => registry.delete(wake);
}

// ── Queue ─────────────────────────────────────────────────────────────────────────────────────

export interface NewJob {
  kind: JobKind;
  params: Record<string, unknown>;
  createdByUserId: string | null;
}

function insertJob(db: Db, job: NewJob, input: Buffer | null): string {
  const id = newId();
  jobSql(db).insert.run(
    id,
    job.kind,
    JSON.stringify(job.params),
    input,
    job.createdByUserId,
    new Date().toISOString(),
  );
  return id;
}

/** After the job's row has committed: a runner woken earlier would not see it yet. */
function wakeRunners(): void {
  for (const wake of wakeRegistry()) wake();
}

/** Queues a job without a file and wakes this process's runner. Returns its id (not guessable: it is in URLs). */
export function enqueueJob(db: Db, job: NewJob): string {
  const id = insertJob(db, job, null);
  wakeRunners();
  return id;
}

const gzip = promisify(zlib.gzip);

/**
 * Queues a job with its uploaded file, stored gzip-compressed until the job has run. The row is
 * written by the request's thread, synchronously: a 7.8 MB report took 120–150 ms to insert as it
 * is and 6–24 ms as its 1.6 MB gzip (measured), and gzip runs on libuv's thread pool, not on the
 * thread that answers requests.
 */
export async function enqueueUpload(db: Db, job: NewJob & { file: Uint8Array }): Promise<string> {
  const { file, ...rest } = job;
  const id = insertJob(db, rest, await gzip(file, { level: 1 }));
  wakeRunners();
  return id;
}

/**
 * Queues a build of a campaign's counts unless one is already queued or running (a campaign edited
 * twice in a row, or found 计算中 by a worker's sweep). Returns the job's id.
 */
export function enqueueCampaignBuild(db: Db, campaignId: string, createdByUserId: string | null): string {
  return queueCampaignBuild(db, campaignId, createdByUserId).jobId;
}

function queueCampaignBuild(
  db: Db,
  campaignId: string,
  createdByUserId: string | null,
): { jobId: string; queued: boolean } {
  const sql = jobSql(db);
  // A plain read first: a build already queued or running (what every sweep finds while a campaign
  // is counted) needs no write lock.
  const active = sql.activeFor.get('campaign-build', campaignId);
  if (active) return { jobId: active.id, queued: false };
  // Checked again and queued in one immediate transaction: two processes, or a page and a worker's
  // sweep, asking at once queue one build — the second waits for the lock, then finds the first's.
  const outcome = db.$client
    .transaction(() => {
      const again = sql.activeFor.get('campaign-build', campaignId);
      if (again) return { jobId: again.id, queued: false };
      const job: NewJob = { kind: 'campaign-build', params: { campaignId }, createdByUserId };
      return { jobId: insertJob(db, job, null), queued: true };
    })
    .immediate();
  if (outcome.queued) wakeRunners();
  return outcome;
}

/**
 * Queues a build for every campaign left 计算中 with no build queued or running: an interrupted
 * campaign:create, or a build job that failed. The job worker's sweep runs it (app/jobs/), so it
 * is retried there every sweep and waits for the write lock on the worker's thread, never on the
 * one that answers requests. Returns the campaigns queued now.
 */
export function queueUnfinishedCampaignBuilds(db: Db): string[] {
  return campaignsBeingBuilt(db).filter((id) => queueCampaignBuild(db, id, null).queued);
}

/**
 * Claims the oldest queued job for `worker` (`<host>:<pid>`): one immediate transaction, so two
 * processes never claim the same job. Null when nothing is queued. The worker asks every second;
 * an empty queue is answered by a plain read, without taking the write lock (BEGIN IMMEDIATE waits
 * for it, and fails with SQLITE_BUSY while another process's import holds it).
 */
export function claimNextJob(db: Db, worker: string, now = new Date()): ClaimedJob | null {
  const sql = jobSql(db);
  if (!sql.nextQueued.get()) return null;
  const claimed = db.$client
    .transaction(() => {
      const next = sql.nextQueued.get();
      if (!next) return null;
      const at = now.toISOString();
      if (sql.claim.run(worker, at, at, next.id).changes !== 1) return null;
      return { raw: sql.one.get(next.id)!, packed: sql.input.get(next.id)?.input ?? null };
    })
    .immediate();
  if (!claimed) return null;
  const job = rowOf(claimed.raw);
  if (!claimed.packed) return { ...job, input: null };
  // Unpacked once the claim has committed: inside the transaction every other writer would wait
  // for it (a 100,000-row report, 8.1 MB from 1.5 MB, took 62–186 ms to gunzip here, measured).
  try {
    return { ...job, input: zlib.gunzipSync(claimed.packed) };
  } catch (error) {
    // A stored upload that does not unpack would otherwise be claimed and fail again for ever.
    finishJob(db, job.id, worker, {
      status: 'failed',
      error: INTERNAL_ERROR,
      progress: { phase: 'read', done: 0, total: null },
    });
    throw new Error(`job ${job.id}: its stored upload does not unpack (${(error as Error).message}); failed`);
  }
}

/** Writes a running job's progress to its row (outside any long transaction; see the file's header). */
export function recordProgress(db: Db, id: string, worker: string, p: JobProgress, now = new Date()) {
  jobSql(db).progress.run(p.done, p.total, p.phase, now.toISOString(), id, worker);
}

/** The running job is still alive. False when it is no longer this worker's (failed as abandoned). */
export function recordHeartbeat(db: Db, id: string, worker: string, now = new Date()): boolean {
  return jobSql(db).heartbeat.run(now.toISOString(), id, worker).changes === 1;
}

/** The running job was taken from this worker (failed or queued again as abandoned) before it could finish. */
export class JobLostError extends Error {
  constructor(id: string) {
    super(`job ${id} is no longer running on this worker`);
  }
}

/**
 * Ends a running job. Called inside the import's own transaction where there is one, so the
 * outcome and the data commit together: if the job is no longer this worker's, this throws and
 * the import rolls back — a job marked failed has written nothing.
 */
export function finishJob(
  db: Db,
  id: string,
  worker: string,
  outcome:
    | { status: 'succeeded'; result: unknown; progress: JobProgress }
    | { status: 'failed'; error: string; result?: unknown; progress: JobProgress },
  now = new Date(),
): void {
  const changed = jobSql(db).finish.run(
    outcome.status,
    outcome.result === undefined ? null : JSON.stringify(outcome.result),
    outcome.status === 'failed' ? outcome.error : null,
    outcome.progress.done,
    outcome.progress.total,
    now.toISOString(),
    id,
    worker,
  ).changes;
  if (changed !== 1) throw new JobLostError(id);
}

/**
 * Jobs left `running` by a process that is gone (isAbandoned): reports and catalog imports are
 * failed with a plain message (their one transaction never committed), campaign builds queued
 * again (they resume from their cursor). Run by each process's worker while it runs no job of its
 * own, so a `running` job of this very process id is one a dead worker thread or an earlier
 * incarnation left.
 */
export function sweepAbandonedJobs(
  db: Db,
  here: { host: string; pid: number; processExists: (pid: number) => boolean },
  now = new Date(),
): { failed: string[]; requeued: string[] } {
  const sql = jobSql(db);
  const failed: string[] = [];
  const requeued: string[] = [];
  for (const job of sql.running.all()) {
    if (!isAbandoned(job, { ...here, now: now.getTime() })) continue;
    const fate = releaseAbandonedJob(db, job, now);
    if (fate === 'requeued') requeued.push(job.id);
    if (fate === 'failed') failed.push(job.id);
  }
  return { failed, requeued };
}

/**
 * Fails or queues again (fateOfAbandoned) one job whose worker is gone — found by the sweep, or
 * cut short by a server that stopped before it finished. Conditional on the row still being
 * `running` on that worker: a job that finished meanwhile is left alone (null).
 */
export function releaseAbandonedJob(
  db: Db,
  job: { id: string; kind: string; worker: string | null },
  now = new Date(),
): 'failed' | 'requeued' | null {
  const sql = jobSql(db);
  removeProgressFile(db, job.id);
  if (fateOfAbandoned(job.kind) === 'requeue')
    return sql.requeueAbandoned.run(job.id, job.worker).changes === 1 ? 'requeued' : null;
  return sql.failAbandoned.run(INTERRUPTED_ERROR, now.toISOString(), job.id, job.worker).changes === 1
    ? 'failed'
    : null;
}

// ── Reading, with the access rule ─────────────────────────────────────────────────────────────

export interface JobViewer {
  userId: string;
  principal: Principal;
}

function scopeOf(job: JobRow): string | null | undefined {
  if (job.kind !== 'adoption-report') return undefined;
  return typeof job.params.scope === 'string' ? job.params.scope : null;
}

/** A job the viewer may follow, with its live progress; null for a job that does not exist or is not theirs (404). */
export function getJobForViewer(db: Db, viewer: JobViewer, id: string, kind?: JobKind): JobRow | null {
  const raw = jobSql(db).one.get(id);
  if (!raw || (kind && raw.kind !== kind)) return null;
  const job = rowOf(raw);
  if (!mayFollowJob(viewer, { kind: job.kind, createdByUserId: job.createdByUserId, scope: scopeOf(job) }))
    return null;
  if (job.status === 'running') {
    const live = readProgressFile(db, id);
    if (live) job.progress = live;
  }
  return job;
}

/** A row of the upload pages' "recent uploads": what the list shows, no result or error. */
export interface OwnJobSummary {
  id: string;
  status: JobStatus;
  /** The uploaded file's name (params.fileName); null when the job has none. */
  fileName: string | null;
  createdAt: string;
}

/** The user's own latest jobs of one kind (the upload pages' "recent uploads"), newest first. */
export function listOwnJobs(db: Db, userId: string, kind: JobKind, limit: number): OwnJobSummary[] {
  return jobSql(db)
    .ownRecent.all(userId, kind, limit)
    .map((r) => ({ ...r, fileName: typeof r.fileName === 'string' ? r.fileName : null }));
}

// ── The live progress file ────────────────────────────────────────────────────────────────────

function progressDir(db: Db): string | null {
  const file = db.$client.name;
  if (!file || file === ':memory:' || db.$client.memory) return null;
  return `${path.resolve(file)}.jobs`;
}

const ProgressFileShape = (value: unknown): value is JobProgress =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as JobProgress).phase === 'string' &&
  Number.isInteger((value as JobProgress).done) &&
  ((value as JobProgress).total === null || Number.isInteger((value as JobProgress).total));

/** Replaces the job's progress file (write, then rename: a reader never sees half a file). */
export function writeProgressFile(db: Db, id: string, p: JobProgress): void {
  const dir = progressDir(db);
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${id}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ phase: p.phase, done: p.done, total: p.total }));
  fs.renameSync(tmp, file);
}

function readProgressFile(db: Db, id: string): JobProgress | null {
  const dir = progressDir(db);
  if (!dir) return null;
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8'));
    return ProgressFileShape(value) ? value : null;
  } catch {
    return null;
  }
}

export function removeProgressFile(db: Db, id: string): void {
  const dir = progressDir(db);
  if (dir) fs.rmSync(path.join(dir, `${id}.json`), { force: true });
}
