// The background-job queue's own rules (app/models/background-jobs.server.ts), without a worker
// thread: what claiming a job does to the write lock that a long import holds, and what it reads.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.server';
import { claimNextJob, enqueueJob } from '../../app/models/background-jobs.server';
import { useTestDatabase } from '../setup/test-db';

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
});
