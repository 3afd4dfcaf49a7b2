/**
 * `npm run seed [-- --enterprises N]`: migrate the database at DATABASE_PATH and load the
 * demo data (db/seed/demo.ts). Safe to re-run; a larger N adds the missing enterprises.
 */
import cliProgress from 'cli-progress';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { rebuildSearchIndex } from '../app/models/search.server';
import { DEMO_ENTERPRISES_DEFAULT, DEMO_ENTERPRISES_MAX, printDemoLogins, seedDemo } from '../db/seed/demo';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

const USAGE = `Usage: tsx scripts/seed.ts [--enterprises N]   (1 ≤ N ≤ ${DEMO_ENTERPRISES_MAX.toLocaleString('en-US')}, default ${DEMO_ENTERPRISES_DEFAULT.toLocaleString('en-US')})`;

function fail(message: string): never {
  console.error(`seed: ${message}\n${USAGE}`);
  process.exit(1);
}

function parseArgs(argv: readonly string[]): { enterprises: number } {
  let enterprises = DEMO_ENTERPRISES_DEFAULT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--enterprises(?:=(.*))?$/.exec(arg);
    if (!match) fail(`unknown argument ${JSON.stringify(arg)}`);
    const raw = match[1] ?? argv[++i];
    if (raw === undefined) fail('--enterprises needs a number');
    const value = raw.replace(/[_,]/g, '');
    if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > DEMO_ENTERPRISES_MAX) {
      fail(
        `--enterprises must be a whole number from 1 to ${DEMO_ENTERPRISES_MAX.toLocaleString('en-US')}, got ${JSON.stringify(raw)}`,
      );
    }
    enterprises = Number(value);
  }
  return { enterprises };
}

async function main() {
  const { enterprises } = parseArgs(process.argv.slice(2));
  loadDotEnv();
  const file = databasePath();
  const db = openDatabase(file);
  try {
    runMigrations(db);
    console.log(`Seeding demo data into ${file} …`);
    const bar = new cliProgress.SingleBar(
      { format: 'Enterprises [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(enterprises, 0);
    const { created } = await seedDemo(db, { enterprises, onProgress: (done) => bar.update(done) });
    bar.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${enterprises.toLocaleString('en-US')} enterprises in ${seconds} s`);
    console.log(
      `New rows: ${created.users} users, ${created.providers} providers, ${created.offerings} offerings, ` +
        `${created.enterprises.toLocaleString('en-US')} enterprises`,
    );
    // The seed writes rows directly, so the search index is rebuilt from them (idempotent).
    const indexed = await rebuildSearchIndex(db);
    console.log(`Search index (${indexed.engine}): ${indexed.indexed} visible offerings`);
    console.log('');
    printDemoLogins();
  } finally {
    db.$client.close();
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
