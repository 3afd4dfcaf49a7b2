/**
 * `npm run counter:verify`: recomputes the counter from the ledger and compares it with the live
 * aggregates. Exit code 0 when equal; 1 with a readable diff on any difference.
 * The test suite imports `verifyCounter` and runs it after every adoption scenario.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Db } from '../db/client.server';
import { verifyCounter as verify, type VerifyResult } from '../app/models/counter-verify.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

export function verifyCounter(db: Db): VerifyResult {
  return verify(db);
}

function main() {
  loadDotEnv();
  const file = databasePath();
  const db = openDatabase(file);
  const started = performance.now();
  const result = verify(db);
  const ms = Math.round(performance.now() - started);
  db.$client.close();
  if (result.building.length > 0)
    console.warn(
      `counter:verify: not compared, still being counted (计算中): ${result.building.join(', ')} — run again when they are done.`,
    );
  if (result.ok) {
    console.log(
      `counter:verify OK — ${result.events} events, ${result.countedEnterprises} counted (campaign × enterprise), recomputed in ${ms} ms (${file})`,
    );
    return 0;
  }
  console.error(
    `counter:verify FAILED — ${result.differenceCount} difference(s) between the live counter and the ledger (${file}):`,
  );
  for (const line of result.differences) console.error(`  - ${line}`);
  if (result.differenceCount > result.differences.length)
    console.error(`  … and ${result.differenceCount - result.differences.length} more`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
