/**
 * `npm run campaign:create -- --id sc-2025-2027 --name-zh 名称 [--name-en NAME] --target 50000 --start 2025-01-01 --end 2027-12-31`
 *
 * Creates a counting campaign, for operators (provincial officials do the same in the console at
 * /official/campaigns), then builds its counts from the adoption ledger with a progress bar.
 * Interrupted, the campaign stays 计算中 and the next `npm start` finishes the build. Checked by
 * the same schema as the console form.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { translateError, translator } from '../app/i18n';
import { buildCampaignCounts, createCampaign } from '../app/models/campaigns.server';
import { getCampaignProgress } from '../app/models/counter.server';
import { CampaignCreateSchema } from '../app/schemas/campaigns';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = `Usage:
  npm run campaign:create -- --id ID --name-zh 名称 [--name-en NAME] --target N --start YYYY-MM-DD --end YYYY-MM-DD
ID: lower-case letters, digits and hyphens (e.g. sc-2025-2027). The end date is inclusive.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let args: Record<string, string | undefined>;
try {
  args = parseArgs({
    options: {
      id: { type: 'string' },
      'name-zh': { type: 'string' },
      'name-en': { type: 'string' },
      target: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
    },
  }).values;
} catch (e) {
  fail((e as Error).message);
}

const parsed = CampaignCreateSchema.safeParse({
  id: args.id ?? '',
  name: args['name-zh'] ?? '',
  nameEn: args['name-en'] ?? '',
  target: args.target === undefined || args.target.trim() === '' ? undefined : Number(args.target),
  startsOn: args.start ?? '',
  endsOn: args.end ?? '',
});
if (!parsed.success) {
  const t = translator('en');
  const flags: Record<string, string> = { name: 'name-zh', nameEn: 'name-en', startsOn: 'start', endsOn: 'end' };
  fail(
    parsed.error.issues
      .map((i) => {
        const field = String(i.path[0] ?? '');
        return `--${flags[field] ?? field}: ${translateError(t, i.message)}`;
      })
      .join('\n'),
  );
}

loadDotEnv();
const db = openDatabase(databasePath());
runMigrations(db);
const created = createCampaign(db, parsed.data, null);
if (!created.ok) fail(`--id: a campaign ${parsed.data.id} already exists.`);
console.log(`Created campaign ${parsed.data.id} (${parsed.data.startsOn} – ${parsed.data.endsOn}); counting it from the ledger …`);

const started = Date.now();
const bar = new cliProgress.SingleBar(
  { format: 'Counting {bar} {value}/{total} enterprises | {eta_formatted} left', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
bar.start(Math.max(created.campaign.buildTotal, 1), 0);
await buildCampaignCounts(db, parsed.data.id, {
  // Nobody waits on this process's event loop: larger transactions.
  budgetMs: 500,
  onProgress: (done, total) => {
    bar.setTotal(Math.max(total, 1));
    bar.update(done);
  },
});
bar.stop();
const progress = getCampaignProgress(db, parsed.data.id);
console.log(
  `Counted in ${((Date.now() - started) / 1000).toFixed(1)} s: ${progress?.total ?? 0} new cloud-adopting enterprises in ${parsed.data.id} (target ${parsed.data.target}).`,
);
db.$client.close();
