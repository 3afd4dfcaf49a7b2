import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints, WAL_CHECKPOINTS_ENV } from '../../db/checkpointer';
import { openDatabase } from '../../db/client.server';

// WAL checkpoints in a background thread (db/checkpointer.ts): connections opened while it runs
// leave checkpoints to it, and it copies their commits into the database file.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-checkpoint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('background WAL checkpoints', () => {
  it('turns automatic checkpoints off for new connections and copies committed pages itself', async () => {
    const file = path.join(dir, 'wal.db');
    openDatabase(file).$client.close();
    const before = openDatabase(file);
    expect(before.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    // A long interval: only checkpointNow() checkpoints during the test.
    const checkpointer = await startBackgroundCheckpoints(file, { intervalMs: 60_000 });
    try {
      expect(process.env[WAL_CHECKPOINTS_ENV]).toBe('background');
      const db = openDatabase(file);
      expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      db.$client.exec('CREATE TABLE pages (n INTEGER PRIMARY KEY, filler BLOB)');
      const insert = db.$client.prepare('INSERT INTO pages (filler) VALUES (zeroblob(3000))');
      // 3,000 pages: past the default threshold of 1,000, so SQLite would have checkpointed itself.
      db.$client.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run();
      })();
      const sizeBefore = fs.statSync(file).size;
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(3000 * 4096);

      const result = await checkpointer.checkpointNow();
      expect(result.log).toBeGreaterThan(3000);
      expect(result.checkpointed).toBe(result.log);
      expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 3000 * 3000);
      db.$client.close();
    } finally {
      await checkpointer.stop();
      before.$client.close();
    }
    expect(process.env[WAL_CHECKPOINTS_ENV]).toBeUndefined();
    const after = openDatabase(file);
    expect(after.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(after.$client.prepare('SELECT count(*) AS n FROM pages').get()).toEqual({ n: 3000 });
    after.$client.close();
  });
});
