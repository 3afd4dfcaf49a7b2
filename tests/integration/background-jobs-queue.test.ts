// The background-job queue's own rules (app/models/background-jobs.server.ts), without a worker
// thread: what claiming a job does to the write lock that a long import holds, and what it reads.
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../db/client.server';
import {
  claimNextJob,
  enqueueCampaignBuild,
  enqueueJob,
  enqueueUpload,
  listOwnJobs,
  onJobQueued,
} from '../../app/models/background-jobs.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';

// A hook into id generation: the one moment between a check and its insert, where another
// process's request can be made to arrive.
const ids = vi.hoisted(() => ({ beforeNext: null as null | (() => void) }));
vi.mock('~/utils/ids', async (importOriginal) => {
  const actual = await importOriginal<typeof import('~/utils/ids')>();
  return {
    ...actual,
    newId: () => {
      const hook = ids.beforeNext;
      ids.beforeNext = null;
      hook?.();
      return actual.newId();
    },
  };
});

const db = useTestDatabase();
/** Another process's import, holding the write lock (BEGIN IMMEDIATE) while a test says so. */
let importer: Db;
/** A worker's connection that gives up at once when the lock is taken. */
let worker: Db;

beforeAll(() => {
  importer = openDatabase(process.env.DATABASE_PATH!);
  worker = openDatabase(process.env.DATABASE_PATH!);
  worker.$client.pragma('busy_timeout = 0');
});
afterEach(() => {
  vi.restoreAllMocks();
  if (importer.$client.inTransaction) importer.$client.exec('ROLLBACK');
  db().$client.exec('DELETE FROM jobs');
});
afterAll(() => {
  importer.$client.close();
  worker.$client.close();
});

describe('claimNextJob', () => {
  it('answers an empty queue without the write lock, and claims once there is a job and the lock is free', () => {
    importer.$client.exec('BEGIN IMMEDIATE');
    expect(claimNextJob(worker, 'host:1')).toBeNull();
    importer.$client.exec('COMMIT');
    const id = enqueueJob(db(), {
      kind: 'campaign-build',
      params: { campaignId: 'c' },
      createdByUserId: null,
    });
    expect(claimNextJob(worker, 'host:1')).toMatchObject({ id, status: 'running', input: null });
    expect(claimNextJob(worker, 'host:1')).toBeNull();
  });

  it('unpacks the upload after the claim has committed, not while it holds the write lock', async () => {
    const file = new TextEncoder().encode('uscc,enterprise_name\n'.repeat(20_000));
    const id = await enqueueUpload(db(), {
      kind: 'adoption-report',
      params: { fileName: 'big.csv', scope: '5101' },
      file,
      createdByUserId: null,
    });
    const gunzip = zlib.gunzipSync.bind(zlib);
    const lockFreeWhileUnpacking: boolean[] = [];
    vi.spyOn(zlib, 'gunzipSync').mockImplementation((buffer, options) => {
      try {
        importer.$client.pragma('busy_timeout = 0');
        importer.$client.exec('BEGIN IMMEDIATE');
        importer.$client.exec('ROLLBACK');
        lockFreeWhileUnpacking.push(true);
      } catch {
        lockFreeWhileUnpacking.push(false);
      } finally {
        importer.$client.pragma('busy_timeout = 5000');
      }
      return gunzip(buffer, options);
    });
    const job = claimNextJob(worker, 'host:1');
    expect(job?.id).toBe(id);
    expect(Buffer.compare(job!.input!, Buffer.from(file))).toBe(0);
    expect(lockFreeWhileUnpacking).toEqual([true]);
  });

  it('fails a job whose stored upload does not unpack, so it cannot block the queue', () => {
    const broken = enqueueJob(db(), {
      kind: 'adoption-report',
      params: { fileName: 'x.csv', scope: null },
      createdByUserId: null,
    });
    // The oldest in the queue (a job queued in the same millisecond could go first).
    db()
      .$client.prepare("UPDATE jobs SET input = ?, created_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .run(Buffer.from('not gzip'), broken);
    const next = enqueueJob(db(), {
      kind: 'campaign-build',
      params: { campaignId: 'c' },
      createdByUserId: null,
    });
    expect(() => claimNextJob(worker, 'host:1')).toThrow(/does not unpack/);
    expect(db().$client.prepare('SELECT status, error, input FROM jobs WHERE id = ?').get(broken)).toEqual({
      status: 'failed',
      error: 'jobs.errors.internal',
      input: null,
    });
    expect(claimNextJob(worker, 'host:1')?.id).toBe(next);
  });
});

describe('listOwnJobs', () => {
  it('reads only what the recent-uploads list shows, not the results', async () => {
    const uploader = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const id = enqueueJob(db(), {
      kind: 'adoption-report',
      params: { fileName: '成都-错误很多.csv', scope: '5101' },
      createdByUserId: uploader.id,
    });
    // A failed report keeps its first row errors: about half a megabyte of JSON.
    const errors = Array.from({ length: 5000 }, (_, i) => ({
      line: i + 2,
      column: 'uscc',
      message: 'uscc.checksum',
    }));
    db()
      .$client.prepare(
        "UPDATE jobs SET status = 'failed', error = 'adoption.upload.failed|n=5000', result = ? WHERE id = ?",
      )
      .run(JSON.stringify({ errors, errorCount: 5000 }), id);
    const nameless = enqueueJob(db(), { kind: 'adoption-report', params: {}, createdByUserId: uploader.id });
    db()
      .$client.prepare("UPDATE jobs SET created_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .run(nameless);

    const createdAt = (job: string) =>
      (db().$client.prepare('SELECT created_at AS c FROM jobs WHERE id = ?').get(job) as { c: string }).c;
    expect(listOwnJobs(db(), uploader.id, 'adoption-report', 10)).toEqual([
      { id, status: 'failed', fileName: '成都-错误很多.csv', createdAt: createdAt(id) },
      { id: nameless, status: 'queued', fileName: null, createdAt: '2000-01-01T00:00:00.000Z' },
    ]);
    expect(listOwnJobs(db(), uploader.id, 'catalog-import', 10)).toEqual([]);
  });
});

describe('enqueueCampaignBuild', () => {
  const activeBuilds = (campaignId: string) =>
    db()
      .$client.prepare(
        "SELECT id FROM jobs WHERE kind = 'campaign-build' AND status IN ('queued', 'running') AND json_extract(params, '$.campaignId') = ?",
      )
      .all(campaignId);

  it('queues one build when a second process asks between the first one’s check and its insert', () => {
    let second: unknown = null;
    ids.beforeNext = () => {
      try {
        second = enqueueCampaignBuild(worker, 'sc-2027', null);
      } catch (error) {
        second = error;
      }
    };
    const woken: number[] = [];
    const off = onJobQueued(() => woken.push(activeBuilds('sc-2027').length));
    try {
      const first = enqueueCampaignBuild(db(), 'sc-2027', null);
      expect(activeBuilds('sc-2027')).toEqual([{ id: first }]);
      // The second process had to wait for the first one's lock (its connection here gives up at
      // once); asking again now, it finds the first one's build.
      expect(second).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(enqueueCampaignBuild(worker, 'sc-2027', null)).toBe(first);
      // This process's runner was woken once, when the job could be seen.
      expect(woken).toEqual([1]);
    } finally {
      off();
    }
  });
});
