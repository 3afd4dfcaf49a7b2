/**
 * `npm run adoption:import -- FILE --prefecture 5101`   (rows must all be in that prefecture)
 * `npm run adoption:import -- FILE --province`           (any prefecture)
 *
 * Imports a prefecture report (CSV in GB18030/GBK, UTF-8 or UTF-8 with BOM, or XLSX) exactly as
 * the officials' upload page does: every row is checked first, every bad row is printed with its
 * line number, and nothing is written unless the whole file is valid. Exit code 1 on bad rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { isPrefectureCode } from '../app/domain/prefectures';
import { translateError, translator } from '../app/i18n';
import { importPrefectureReport } from '../app/models/adoption-import.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = `Usage:
  npm run adoption:import -- FILE --prefecture CODE
  npm run adoption:import -- FILE --province
Options: --lang en (messages in English; Chinese by default)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed: { values: { prefecture?: string; province?: boolean; lang?: string }; positionals: string[] };
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { prefecture: { type: 'string' }, province: { type: 'boolean' }, lang: { type: 'string' } },
  });
} catch (e) {
  fail((e as Error).message);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) fail('Give exactly one FILE.');
if (Boolean(values.prefecture) === Boolean(values.province))
  fail('Give exactly one of --prefecture CODE or --province.');
if (values.prefecture && !isPrefectureCode(values.prefecture))
  fail(`--prefecture ${JSON.stringify(values.prefecture)} is not one of Sichuan's 21 prefecture codes.`);
if (!fs.existsSync(file)) fail(`No such file: ${file}`);

const t = translator(values.lang === 'en' ? 'en' : 'zh-CN');
loadDotEnv();
const db = openDatabase(databasePath());
runMigrations(db);
const bar = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {percentage}% | {value}/{total} rows', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
let phase = '';
const started = performance.now();
const outcome = await importPrefectureReport(db, {
  bytes: fs.readFileSync(file),
  fileName: path.basename(file),
  scope: values.prefecture ?? null,
  actorUserId: null,
  onProgress: (p, done, total) => {
    if (p !== phase) {
      if (phase) bar.stop();
      phase = p;
      bar.start(total, done, { phase: p === 'check' ? 'check ' : 'apply ' });
    } else bar.update(done);
  },
});
if (phase) bar.stop();
db.$client.close();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (!outcome.ok) {
  console.error(translateError(t, `adoption.upload.failed|n=${outcome.errors.length}`));
  for (const e of outcome.errors)
    console.error(`  line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${translateError(t, e.message)}`);
  process.exit(1);
}
console.log(
  t('adoption.upload.done', {
    rows: outcome.rows,
    added: outcome.added,
    unchanged: outcome.unchanged,
    encoding: outcome.encoding,
  }) + ` (${seconds} s)`,
);
