import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens a SQLite file with the pragmas every connection needs. Creates the folder if missing. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536');
  // Savepoints (the API's group commit) and statement journals stay in memory instead of a
  // temporary file opened and unlinked per transaction (measured: 4 system calls per API event).
  sqlite.pragma('temp_store = MEMORY');
  // A background thread checkpoints for long-running processes (db/checkpointer.ts).
  if (process.env.YUNQIAO_WAL_CHECKPOINTS === 'background') sqlite.pragma('wal_autocheckpoint = 0');
  return drizzle(sqlite, { schema }) as Db;
}

let current: { file: string; db: Db } | null = null;

/**
 * The process-wide connection, opened on first use at DATABASE_PATH.
 * Migrations are not run here (see db/migrate.ts): importing a module never changes the database.
 */
export function getDb(): Db {
  const file = process.env.DATABASE_PATH || 'data/yunqiao.db';
  if (!current || current.file !== file) {
    current?.db.$client.close();
    current = { file, db: openDatabase(file) };
  }
  return current.db;
}

export function closeDb() {
  current?.db.$client.close();
  current = null;
}
