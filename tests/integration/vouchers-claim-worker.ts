/**
 * One of the two server processes of tests/integration/vouchers-concurrency.test.ts: opens the
 * shared SQLite file with the server's own pragmas, waits for the common start time, then applies
 * the voucher to each of its orders through the same use case as POST /api/orders/:id/voucher,
 * pausing a millisecond between claims so the two processes interleave. Prints what happened as JSON.
 *
 * node --import tsx tests/integration/vouchers-claim-worker.ts DB_FILE PROGRAMME_ID START_AT_MS ORDER:ENTERPRISE:USER,…
 */
import { openDatabase } from '../../db/client.server';
import { applyVoucher } from '../../app/models/vouchers.server';

const [file, programmeId, startAt, jobs] = process.argv.slice(2);
if (!file || !programmeId || !startAt || !jobs) {
  console.error('usage: vouchers-claim-worker.ts DB_FILE PROGRAMME_ID START_AT_MS ORDER:ENTERPRISE:USER,…');
  process.exit(2);
}
const db = openDatabase(file);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(Math.max(0, Number(startAt) - Date.now()));

const outcomes: Record<string, number> = {};
const startedAt = Date.now();
for (const job of jobs.split(',')) {
  const [orderId, enterpriseId, userId] = job.split(':') as [string, string, string];
  const result = applyVoucher(
    db,
    { viewer: { role: 'sme', enterpriseId }, actor: { role: 'sme', userId, apiKeyId: null } },
    orderId,
    programmeId,
  );
  const outcome = result.ok ? 'applied' : result.error.kind === 'field' ? result.error.code : result.error.kind;
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  await sleep(1);
}
const finishedAt = Date.now();
db.$client.close();
console.log(JSON.stringify({ pid: process.pid, outcomes, startedAt, finishedAt }));
