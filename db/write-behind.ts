/**
 * Counters that reading a page bumps (offering page views, searches that found nothing), kept in
 * memory per process and written behind: all of a connection's buffered counts in one transaction,
 * at most once every FLUSH_EVERY_MS, when a buffer fills, and when the process exits.
 *
 * Why: every commit moves PRAGMA data_version (and the writer's total_changes()), which is how the
 * anonymous page cache (scripts/anonymous-page-cache.ts) and the counter cache
 * (app/charts/counter-cache.server.ts) learn that "the database changed". A row written per page
 * view emptied both caches on every view; now they are emptied at most once per FLUSH_EVERY_MS,
 * which is the page cache's own maxAge. The price: readers of these tables lag by up to
 * FLUSH_EVERY_MS, and a process killed with -9 loses what it had not written yet.
 *
 * Shutdown: `process.on('exit')` writes what is left (better-sqlite3 is synchronous, so it can run
 * there). scripts/start.ts ends every server process with process.exit(0) after its requests are
 * done, so no change is needed there — and a flush called from start.ts would not reach these
 * buffers anyway: the server build bundles its own copy of this module.
 */
import type Database from 'better-sqlite3';

/** The anonymous page cache's maxAge (scripts/anonymous-page-cache.ts): flushing more often would empty it sooner. */
export const FLUSH_EVERY_MS = 30_000;

export interface CounterBufferOptions<V> {
  /** For log lines. */
  name: string;
  /** Distinct keys held at most between two flushes. */
  maxKeys: number;
  /**
   * What a new key does to a full buffer: 'flush' writes everything now (keys come from a bounded
   * set, e.g. offerings × days); 'drop' ignores the key until the next flush (keys come from the
   * public, e.g. search words: this caps the rows one process can add per flush).
   */
  whenFull: 'flush' | 'drop';
  /** The buffered value after one more `next` for the same key. */
  merge(buffered: V, next: V): V;
  /** Writes the rows (inside the flush's transaction; prepared statements of `sqlite`). */
  write(sqlite: Database.Database, rows: V[]): void;
}

export interface CounterBuffer<V> {
  /** Counts `value` under `key` for this connection; written at the next flush. */
  add(sqlite: Database.Database, key: string, value: V): void;
  /** Distinct keys waiting for this connection (tests, logs). */
  pending(sqlite: Database.Database): number;
}

interface Buffer<V> {
  options: CounterBufferOptions<V>;
  entries: Map<string, V>;
  dropped: number;
}

/** What one connection has waiting: one buffer per kind, one timer. */
interface Connection {
  buffers: Map<CounterBufferOptions<never>, Buffer<unknown>>;
  timer: ReturnType<typeof setTimeout> | null;
  /** A flush failed (a locked database): a full buffer waits for the timer instead of retrying on every add. */
  failedAt: number | null;
}

const connections = new Map<Database.Database, Connection>();
let exitHooked = false;

function connectionOf(sqlite: Database.Database): Connection {
  let connection = connections.get(sqlite);
  if (!connection) {
    connection = { buffers: new Map(), timer: null, failedAt: null };
    connections.set(sqlite, connection);
  }
  if (!connection.timer) {
    connection.timer = setTimeout(() => flushConnection(sqlite), FLUSH_EVERY_MS);
    // A buffered count never keeps a process (a script, a test worker) alive.
    connection.timer.unref?.();
  }
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => flushBufferedCounts());
  }
  return connection;
}

export function counterBuffer<V>(options: CounterBufferOptions<V>): CounterBuffer<V> {
  const key = options as CounterBufferOptions<never>;
  return {
    add(sqlite, entryKey, value) {
      const connection = connectionOf(sqlite);
      let buffer = connection.buffers.get(key) as Buffer<V> | undefined;
      if (!buffer) {
        buffer = { options, entries: new Map(), dropped: 0 };
        connection.buffers.set(key, buffer as Buffer<unknown>);
      }
      const before = buffer.entries.get(entryKey);
      if (before !== undefined) {
        buffer.entries.set(entryKey, options.merge(before, value));
        return;
      }
      if (buffer.entries.size >= options.maxKeys) {
        // Not inside the caller's transaction (its rollback would take the counts with it), and
        // not again and again while the database refuses: the timer retries.
        if (options.whenFull === 'drop' || sqlite.inTransaction || connection.failedAt !== null) {
          buffer.dropped++;
          return;
        }
        flushConnection(sqlite);
        this.add(sqlite, entryKey, value);
        return;
      }
      buffer.entries.set(entryKey, value);
    },
    pending(sqlite) {
      return connections.get(sqlite)?.buffers.get(key)?.entries.size ?? 0;
    },
  };
}

/** Failures that may pass (a lock held past the busy timeout, a full disk, a read-only file put right). */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY)/;

/**
 * Writes everything `sqlite` has buffered, every kind in one transaction. On a failure that may
 * pass, the counts go back into the buffers and the timer tries again; any other failure would
 * fail again, so they are dropped (and logged). A closed connection's counts are dropped too (its
 * database is gone: a test's file).
 */
function flushConnection(sqlite: Database.Database): void {
  const connection = connections.get(sqlite);
  if (!connection) return;
  if (connection.timer) clearTimeout(connection.timer);
  connection.timer = null;
  connections.delete(sqlite);
  if (!sqlite.open) return;
  const buffers = [...connection.buffers.values()].filter((b) => b.entries.size > 0);
  for (const buffer of connection.buffers.values()) {
    if (buffer.dropped > 0)
      console.warn(
        `[write-behind] ${buffer.options.name}: ${buffer.dropped} new keys dropped (at most ${buffer.options.maxKeys} between two writes)`,
      );
  }
  if (buffers.length === 0) return;
  try {
    sqlite
      .transaction(() => {
        for (const buffer of buffers) buffer.options.write(sqlite, [...buffer.entries.values()]);
      })
      .immediate();
  } catch (error) {
    const names = buffers.map((b) => b.options.name).join(', ');
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !TRANSIENT.test(code)) {
      console.error(`[write-behind] ${names} not written and dropped`, error);
      return;
    }
    console.error(`[write-behind] ${names} not written (${code}); retrying in ${FLUSH_EVERY_MS / 1000} s`);
    const retry = connectionOf(sqlite);
    retry.failedAt = Date.now();
    for (const buffer of buffers) {
      const key = buffer.options as CounterBufferOptions<never>;
      const now = retry.buffers.get(key);
      if (!now) {
        retry.buffers.set(key, { ...buffer, dropped: 0 });
        continue;
      }
      for (const [k, v] of buffer.entries) {
        const later = now.entries.get(k);
        now.entries.set(k, later === undefined ? v : buffer.options.merge(v, later));
      }
    }
  }
}

/**
 * Writes every connection's buffered counts now: at process exit (hooked above), and in tests
 * and scripts that read the counts right after counting. With `sqlite`, that connection's only.
 */
export function flushBufferedCounts(sqlite?: Database.Database): void {
  for (const connection of sqlite ? [sqlite] : [...connections.keys()]) flushConnection(connection);
}
