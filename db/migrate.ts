import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.server';

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies the committed drizzle migrations (idempotent). Called by start-up, scripts and tests.
 * Foreign keys are off while they run and checked afterwards — SQLite's procedure for rebuilding a
 * table (https://sqlite.org/lang_altertable.html#otheralter): dropping a table that other rows
 * reference would otherwise fail, and `PRAGMA foreign_keys` inside a migration's transaction is
 * ignored. A migration that leaves a dangling reference is rolled back by nothing, so it fails here
 * loudly instead of going unnoticed.
 */
export function runMigrations(db: Db) {
  const sqlite = db.$client;
  const enforced = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length)
      throw new Error(
        `migrations left ${violations.length} foreign-key violations: ${JSON.stringify(violations.slice(0, 5))}`,
      );
  } finally {
    if (enforced) sqlite.pragma('foreign_keys = ON');
  }
}
