/**
 * `npm run vouchers:expire [-- --now 2027-01-10T00:00:00Z]`
 *
 * Withdraws the cloud voucher (上云券) subsidies of paid orders not confirmed by their deadline
 * (the payment day in China + the programme's days): each claim is released as 'expired', the
 * order's history and the SME say so. The server runs the same every hour; this is for operators
 * and for trying a date (`--now`, an ISO time) without waiting for it.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { todayInChina } from '../app/domain/adoption-dates';
import { expireVoucherClaims } from '../app/models/vouchers.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = 'Usage: npm run vouchers:expire [-- --now 2027-01-10T00:00:00Z]';

let now = new Date();
try {
  const { values } = parseArgs({ options: { now: { type: 'string' } } });
  if (values.now !== undefined) now = new Date(values.now);
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (Number.isNaN(now.getTime())) {
  console.error(`--now: not a date and time\n${USAGE}`);
  process.exit(2);
}

loadDotEnv();
const file = databasePath();
const db = openDatabase(file);
runMigrations(db);
const released = expireVoucherClaims(db, now);
db.$client.close();
console.log(`vouchers:expire — ${released} subsidy(ies) withdrawn: orders paid but not confirmed by their deadline before ${todayInChina(now)} (China time) (${file})`);
