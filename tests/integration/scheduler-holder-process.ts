/**
 * A second server process for tests/integration/scheduler-lease.test.ts: runs the lease-based
 * scheduler on the shared SQLite file with one job that records each run in the table `ticks`,
 * prints `LEADER <holder>` once it holds the lease, and runs until killed.
 *
 * node --import tsx tests/integration/scheduler-holder-process.ts DB_FILE TTL_MS
 */
import { openDatabase } from '../../db/client.server';
import { startScheduler } from '../../app/models/jobs.server';

const [file, ttl] = process.argv.slice(2);
if (!file || !ttl) {
  console.error('usage: scheduler-holder-process.ts DB_FILE TTL_MS');
  process.exit(2);
}
const db = openDatabase(file);
const quiet = { info() {}, warn() {}, error() {} };
const scheduler = startScheduler({
  db,
  ttlMs: Number(ttl),
  log: quiet,
  jobs: [
    {
      name: 'tick',
      everyMs: 50,
      atStart: true,
      run: () =>
        db.$client.prepare('INSERT INTO ticks (holder, at) VALUES (?, ?)').run(scheduler.holder, Date.now()),
    },
  ],
});
const announce = setInterval(() => {
  if (!scheduler.isLeader()) return;
  console.log(`LEADER ${scheduler.holder}`);
  clearInterval(announce);
}, 10);
// Kept alive until the test kills it (no server here to do that).
setInterval(() => {}, 1 << 30);
