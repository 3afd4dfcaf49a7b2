/**
 * `npm run search:sync`: sends every due outbox change to the active search engine once (the
 * server's worker does the same continuously) and prints what is left. With SQLite as the engine
 * there is nothing to send: the index was updated with each change, and the rows are cleared.
 * Exit status 1 when changes failed (they stay queued with a backoff).
 */
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { outboxBacklog, searchEngineFor, syncSearchOnce } from '../app/models/search.server';
import { loadSynonyms } from '../search/synonyms';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

async function main() {
  loadDotEnv();
  const db = openDatabase(databasePath());
  try {
    runMigrations(db);
    const engine = searchEngineFor(db);
    if (engine.kind === 'meilisearch') {
      try {
        await engine.prepare(loadSynonyms(db));
      } catch (error) {
        console.error(
          `Meilisearch did not take the index settings: ${error instanceof Error ? error.message : String(error)}`,
        );
        console.error(
          `${outboxBacklog(db).pending} changes stay queued; run this again once it is reachable.`,
        );
        process.exitCode = 1;
        return;
      }
    }
    const result = await syncSearchOnce(db);
    const backlog = outboxBacklog(db);
    console.log(
      `Engine: ${engine.kind}. Delivered ${result.delivered}, failed ${result.failed}, left in the outbox ${backlog.pending}.`,
    );
    if (backlog.lastError) console.log(`Last error: ${backlog.lastError}`);
    if (backlog.nextAttemptAt && backlog.pending > 0)
      console.log(`Next attempt due at ${backlog.nextAttemptAt}.`);
    process.exitCode = result.failed > 0 ? 1 : 0;
  } finally {
    db.$client.close();
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
