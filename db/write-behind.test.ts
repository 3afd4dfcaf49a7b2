import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { counterBuffer, flushBufferedCounts, FLUSH_EVERY_MS } from './write-behind';

interface Hit {
  key: string;
  n: number;
}

const write = (table: string) => (sqlite: Database.Database, rows: Hit[]) => {
  const upsert = sqlite.prepare(
    `INSERT INTO ${table} (key, n) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET n = n + excluded.n`,
  );
  for (const row of rows) upsert.run(row.key, row.n);
};
const merge = (a: Hit, b: Hit): Hit => ({ key: a.key, n: a.n + b.n });

const views = counterBuffer<Hit>({
  name: 'views',
  maxKeys: 3,
  whenFull: 'flush',
  merge,
  write: write('views'),
});
const words = counterBuffer<Hit>({
  name: 'words',
  maxKeys: 2,
  whenFull: 'drop',
  merge,
  write: write('words'),
});

let sqlite: Database.Database;
const count = (table: string) =>
  Object.fromEntries(
    (sqlite.prepare(`SELECT key, n FROM ${table} ORDER BY key`).all() as Hit[]).map((r) => [r.key, r.n]),
  );
const hit = (buffer: typeof views, key: string) => buffer.add(sqlite, key, { key, n: 1 });

beforeEach(() => {
  vi.useFakeTimers();
  sqlite = new Database(':memory:');
  sqlite.exec(
    'CREATE TABLE views (key TEXT PRIMARY KEY, n INTEGER); CREATE TABLE words (key TEXT PRIMARY KEY, n INTEGER)',
  );
});

afterEach(() => {
  flushBufferedCounts();
  sqlite.close();
  vi.useRealTimers();
});

describe('counters written behind', () => {
  it('writes nothing until 30 s after the first count, then every kind in one transaction', () => {
    const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    hit(views, 'a');
    hit(views, 'a');
    hit(words, 'x');
    vi.advanceTimersByTime(29_999);
    expect(changes()).toBe(before);
    expect(views.pending(sqlite)).toBe(1);
    const transactions = vi.spyOn(sqlite, 'transaction');
    vi.advanceTimersByTime(1);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(count('views')).toEqual({ a: 2 });
    expect(count('words')).toEqual({ x: 1 });
    expect(views.pending(sqlite)).toBe(0);
    expect(FLUSH_EVERY_MS).toBe(30_000);
  });

  it('writes at most once per 30 s however many counts arrive', () => {
    const transactions = vi.spyOn(sqlite, 'transaction');
    for (let s = 0; s < 90; s++) {
      hit(views, 'a');
      vi.advanceTimersByTime(1000);
    }
    expect(transactions).toHaveBeenCalledTimes(3);
    expect(count('views')).toEqual({ a: 90 });
  });

  it('writes a full buffer of bounded keys at once', () => {
    for (const key of ['a', 'b', 'c']) hit(views, key);
    expect(count('views')).toEqual({});
    hit(views, 'd');
    expect(count('views')).toEqual({ a: 1, b: 1, c: 1 });
    expect(views.pending(sqlite)).toBe(1);
  });

  it('drops new keys of a full buffer of public keys until the next write, but counts repeats', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const key of ['x', 'y', 'z', 'x']) hit(words, key);
    vi.advanceTimersByTime(FLUSH_EVERY_MS);
    expect(count('words')).toEqual({ x: 2, y: 1 });
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('words: 1 new keys dropped'));
    hit(words, 'z');
    flushBufferedCounts(sqlite);
    expect(count('words')).toEqual({ x: 2, y: 1, z: 1 });
    warned.mockRestore();
  });

  it('keeps the counts and tries again when the database is locked, and drops what can never be written', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const transaction = sqlite.transaction.bind(sqlite);
    const refuse = vi.spyOn(sqlite, 'transaction').mockImplementationOnce(() => {
      const fn = () => {
        throw locked;
      };
      return Object.assign(fn, { immediate: fn, deferred: fn, exclusive: fn, default: fn }) as never;
    });
    hit(views, 'a');
    flushBufferedCounts(sqlite);
    expect(count('views')).toEqual({});
    hit(views, 'a');
    refuse.mockImplementation(transaction);
    vi.advanceTimersByTime(FLUSH_EVERY_MS);
    expect(count('views')).toEqual({ a: 2 });

    sqlite.exec('DROP TABLE views');
    hit(views, 'b');
    flushBufferedCounts(sqlite);
    expect(views.pending(sqlite)).toBe(0);
    expect(logged).toHaveBeenLastCalledWith(expect.stringContaining('dropped'), expect.any(Error));
    logged.mockRestore();
  });

  it('drops the counts of a connection closed before the write', () => {
    hit(views, 'a');
    sqlite.close();
    expect(() => vi.advanceTimersByTime(FLUSH_EVERY_MS)).not.toThrow();
    sqlite = new Database(':memory:');
  });
});
