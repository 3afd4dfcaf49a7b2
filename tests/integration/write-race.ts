import Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';

/**
 * Another process writing at the worst moment: right before `db`'s first write statement (INSERT,
 * UPDATE or DELETE) of `run`, a second connection to the same file commits a row of its own, with
 * no busy timeout. Inside a deferred transaction that has already read, the first write then fails
 * with SQLITE_BUSY_SNAPSHOT (WAL: its snapshot is older than the other commit). Inside an immediate
 * transaction the other writer is the one refused (SQLITE_BUSY): the lock was taken at BEGIN.
 * Answers what `run` returned (or threw) and what the other writer got.
 */
export async function withRacingWriter<T>(
  db: Db,
  run: () => T | Promise<T>,
): Promise<{ result?: T; error?: { code?: string }; other: 'committed' | 'busy' | 'not run' }> {
  const sqlite = db.$client;
  const other = new Database(sqlite.name);
  other.pragma('busy_timeout = 0');
  let otherOutcome: 'committed' | 'busy' | 'not run' = 'not run';
  const prepare = sqlite.prepare.bind(sqlite);
  const patched = ((source: string) => {
    if (otherOutcome === 'not run' && /^\s*(insert|update|delete)\b/i.test(source)) {
      try {
        other
          .prepare('INSERT INTO rate_limits (key, points, expire) VALUES (?, 1, NULL)')
          .run(`race:${Date.now()}:${Math.random()}`);
        otherOutcome = 'committed';
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        otherOutcome = 'busy';
      }
    }
    return prepare(source);
  }) as typeof sqlite.prepare;
  sqlite.prepare = patched;
  try {
    const result = await run();
    return { result, other: otherOutcome };
  } catch (error) {
    return { error: error as { code?: string }, other: otherOutcome };
  } finally {
    sqlite.prepare = prepare;
    other.close();
  }
}
