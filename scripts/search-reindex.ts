/**
 * `npm run search:reindex`: rebuilds the search index from the catalog — always the SQLite
 * index, and Meilisearch's too when MEILI_HOST is set (settings, every visible offering, stale
 * documents removed). Safe while the app runs; use it after a restore, a seed, or a change to
 * the analysis (search/sqlite/store.ts ANALYSIS_VERSION).
 */
import cliProgress from 'cli-progress';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { rebuildSearchIndex } from '../app/models/search.server';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

async function main() {
  loadDotEnv();
  const file = databasePath();
  const db = openDatabase(file);
  try {
    runMigrations(db);
    const bar = new cliProgress.SingleBar(
      { format: 'Offerings [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const result = await rebuildSearchIndex(db, {
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
    });
    if (started) bar.stop();
    console.log(
      `Reindexed ${result.indexed.toLocaleString('en-US')} visible offerings into ${result.engine} in ${result.seconds.toFixed(1)} s ` +
        `(${result.written.toLocaleString('en-US')} rewritten, ${result.removed.toLocaleString('en-US')} removed).`,
    );
  } finally {
    db.$client.close();
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
