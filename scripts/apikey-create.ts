/**
 * `npm run apikey:create -- --prefecture 5101 [--name NAME]`
 * `npm run apikey:create -- --provider <USCC> [--name NAME]`
 *
 * Creates an API key for a prefecture office or a registered provider, for operators. The key
 * is printed on the LAST line (so `| tail -n 1` captures it) and never again: only its digest
 * is stored.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { isPrefectureCode, prefectureName } from '../app/domain/prefectures';
import { parseUscc } from '../app/domain/uscc';
import { createApiKey, findProviderIdByUscc } from '../app/models/api-keys.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = `Usage:
  npm run apikey:create -- --prefecture CODE [--name NAME]
  npm run apikey:create -- --provider USCC [--name NAME]
CODE is a 市州 code such as 5101 (成都市); USCC is a registered provider's 统一社会信用代码.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let args: { prefecture?: string; provider?: string; name?: string };
try {
  args = parseArgs({
    options: { prefecture: { type: 'string' }, provider: { type: 'string' }, name: { type: 'string' } },
  }).values;
} catch (e) {
  fail((e as Error).message);
}
if (Boolean(args.prefecture) === Boolean(args.provider))
  fail('Give exactly one of --prefecture or --provider.');

loadDotEnv();
const db = openDatabase(databasePath());
runMigrations(db);
let created: { key: string; id: string };
if (args.prefecture) {
  if (!isPrefectureCode(args.prefecture))
    fail(`--prefecture ${JSON.stringify(args.prefecture)} is not one of Sichuan's 21 prefecture codes.`);
  created = createApiKey(db, {
    owner: { kind: 'prefecture', prefecture: args.prefecture },
    name: args.name ?? `${prefectureName(args.prefecture, 'zh-CN')}报送系统`,
    actorUserId: null,
  });
  console.log(
    `Created a prefecture key for ${args.prefecture} ${prefectureName(args.prefecture, 'zh-CN')} (id ${created.id}). Events it reports are verified.`,
  );
} else {
  const uscc = parseUscc(args.provider ?? '');
  if (!uscc.ok) fail(`--provider: not a valid USCC (${uscc.error}).`);
  const providerId = findProviderIdByUscc(db, uscc.value);
  if (!providerId) fail(`--provider: no provider with USCC ${uscc.value} is registered.`);
  created = createApiKey(db, {
    owner: { kind: 'provider', providerId },
    name: args.name ?? 'command line',
    actorUserId: null,
  });
  console.log(
    `Created a provider key for ${uscc.value} (id ${created.id}). Events it reports are pending until confirmed.`,
  );
}
console.log('Keep this key secret; it is shown only once:');
db.$client.close();
console.log(created.key);
