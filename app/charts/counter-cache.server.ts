import type { Db } from '../../db/client.server';

// Answers computed from the database and kept until it changes. The public counter's pages are
// read on every visit by the public and the press, while the counter moves only when an event is
// recorded, reviewed or revoked, a report is applied or a campaign is (re)built — all commits.
// SQLite says cheaply (one statement, a few microseconds) whether anything was committed since:
//  - PRAGMA data_version changes when another connection commits (the jobs' and search worker's
//    connections, a CLI import, another process);
//  - total_changes() grows with every row this connection writes (the requests' own writes:
//    the adoption API, uploads, reviews), rolled-back ones included.
// Together they move on every commit that could move the counter, and on others (a login, an
// order) too: those cost one recomputation, never a stale answer. Time matters too — the month
// rows and the pace run up to today — so callers put the day (China time) in their keys.

const MAX_ENTRIES = 64;

interface Cache {
  version: string;
  entries: Map<string, unknown>;
}

const caches = new WeakMap<Db['$client'], { read: () => string; cache: Cache }>();

function cacheOf(db: Db) {
  let state = caches.get(db.$client);
  if (!state) {
    const statement = db.$client.prepare<[], { dataVersion: number; changes: number }>(
      'SELECT data_version AS dataVersion, total_changes() AS changes FROM pragma_data_version',
    );
    const read = () => {
      const row = statement.get()!;
      return `${row.dataVersion}.${row.changes}`;
    };
    state = { read, cache: { version: '', entries: new Map() } };
    caches.set(db.$client, state);
  }
  return state;
}

/** Where the database stands: changes whenever anything was committed since the last reading. */
export function databaseVersion(db: Db): string {
  return cacheOf(db).read();
}

/**
 * `compute()`'s answer under `key`, computed again only after the database changed. `key` must
 * name everything else the answer depends on (parameters, language, the day).
 */
export function untilDatabaseChanges<T>(db: Db, key: string, compute: () => T): T {
  const state = cacheOf(db);
  const version = state.read();
  if (state.cache.version !== version) state.cache = { version, entries: new Map() };
  const { entries } = state.cache;
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  // Keys come from query strings: a bounded map, oldest first out.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key, value);
  return value;
}
