import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../db/client.server';

// drizzle prepares a new better-sqlite3 statement on every execution (tens of microseconds each).
// The adoption ledger's hot paths (API ingestion, 1,000-event batches, 100,000-row reports) keep
// their statements prepared once per connection instead.

const caches = new WeakMap<BetterSqlite3.Database, Map<string, unknown>>();

/** The statements `build` makes for this connection, built on first use under `name`. */
export function prepared<T>(db: Db, name: string, build: (sqlite: BetterSqlite3.Database) => T): T {
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  let entry = cache.get(name) as T | undefined;
  if (entry === undefined) {
    entry = build(db.$client);
    cache.set(name, entry);
  }
  return entry;
}
