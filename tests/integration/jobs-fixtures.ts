// Background jobs in integration tests: a real runner (one worker thread on the test file's
// database, as every server process runs), and waiting for a job to end.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db } from '../../db/client.server';
import { startJobRunner, type JobRunner } from '../../app/jobs/runner.server';

const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

/** Starts this test file's job runner before its tests (after useTestDatabase) and stops it after them. */
export function useJobRunner(db: () => Db, opts: { pollMs?: number } = {}) {
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    runner = await startJobRunner(db(), { log: quiet, pollMs: opts.pollMs ?? 50 });
  });
  afterAll(async () => {
    await runner?.stop();
  });
  return {
    async stop() {
      await runner?.stop();
      runner = null;
    },
    async start() {
      runner = await startJobRunner(db(), { log: quiet, pollMs: opts.pollMs ?? 50 });
    },
  };
}

type JobState = {
  status: string;
  progressDone: number;
  progressTotal: number | null;
  progressPhase: string | null;
};

/** Polls the job's row until it has ended (or `timeoutMs` passes, which fails the test). */
export async function waitForJob(db: Db, id: string, timeoutMs = 30_000): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  const read = db.$client.prepare<[string], JobState>(
    'SELECT status, progress_done AS progressDone, progress_total AS progressTotal, progress_phase AS progressPhase FROM jobs WHERE id = ?',
  );
  for (;;) {
    const row = read.get(id);
    expect(row, `job ${id} exists`).toBeDefined();
    if (row!.status === 'succeeded' || row!.status === 'failed') return row!;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${row!.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The job id of an upload's redirect to its job page (`<base>/<jobId>`). */
export function jobIdOf(result: unknown, base: string): string {
  expect(result).toBeInstanceOf(Response);
  const location = (result as Response).headers.get('Location') ?? '';
  expect(location.startsWith(`${base}/`), `redirected to ${location}`).toBe(true);
  return location.slice(base.length + 1);
}
