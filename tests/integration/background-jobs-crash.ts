/**
 * A server process that dies in the middle of a report job (tests/integration/background-jobs.test.ts):
 * claims the oldest queued job as this process, exactly as a job worker does, runs the report's
 * import, and kills itself with SIGKILL once 1,000 rows are written inside the import's one
 * transaction. Nothing can clean up after SIGKILL: the job stays `running` under this dead pid.
 *
 * node --import tsx tests/integration/background-jobs-crash.ts DB_FILE
 */
import os from 'node:os';
import { openDatabase } from '../../db/client.server';
import { workerName } from '../../app/domain/background-jobs';
import { ReportParamsSchema } from '../../app/jobs/results';
import { importPrefectureReport } from '../../app/models/adoption-import.server';
import { claimNextJob } from '../../app/models/background-jobs.server';

const file = process.argv[2];
if (!file) {
  console.error('usage: background-jobs-crash.ts DB_FILE');
  process.exit(2);
}
const db = openDatabase(file);
const job = claimNextJob(db, workerName(os.hostname(), process.pid));
if (!job?.input) {
  console.error('no queued report job with a file');
  process.exit(3);
}
const params = ReportParamsSchema.parse(job.params);
await importPrefectureReport(db, {
  bytes: new Uint8Array(job.input),
  fileName: params.fileName,
  scope: params.scope,
  actorUserId: job.createdByUserId,
  onProgress: (phase, done) => {
    if (phase === 'apply' && done >= 1000) process.kill(process.pid, 'SIGKILL');
  },
});
console.error('the import ended before it could be killed');
process.exit(4);
