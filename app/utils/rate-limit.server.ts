import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible';
import {
  RATE_LIMITS,
  retryAfterMinutes,
  retryAfterSeconds,
  type RateLimit,
  type RateLimitName,
} from '~/domain/rate-limits';
import { getDb } from './db.server';
import { env } from './env.server';

// The abuse limits of app/domain/rate-limits.ts, counted with rate-limiter-flexible in the
// database file (table rate_limits, migration 0019), so every server process on that file — a
// later issue runs several under node:cluster — shares one count per key: a password guesser does
// not get N × 10 tries from N processes. Callers pass plain subjects (an email, an address, a user
// or key id); they are hashed into the key, so the table holds no address in clear.

const UPSERT = `INSERT INTO rate_limits (key, points, expire) VALUES (?, ?, ?)
  ON CONFLICT(key) DO UPDATE SET
    points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
    expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
  RETURNING points, expire`;

/**
 * RateLimiterSQLite with its statements prepared once per connection. The library prepares each
 * statement on every call and wraps the single upsert in a transaction: measured on this machine
 * (20,000 consumes, WAL, synchronous=NORMAL) 140–200 µs a call against 45 µs here — it runs on
 * every API-key request. One INSERT … ON CONFLICT … RETURNING is atomic on its own, also between
 * processes. Only the store hooks are replaced; counting, blocking and RateLimiterRes stay the
 * library's.
 */
class SqliteLimiter extends RateLimiterSQLite {
  private readonly statements: {
    upsert: BetterSqlite3.Statement<[string, number, number | null, number, number], { points: number; expire: number | null }>;
    replace: BetterSqlite3.Statement<[string, number, number | null], { points: number; expire: number | null }>;
    get: BetterSqlite3.Statement<[string, number], { points: number; expire: number | null }>;
    remove: BetterSqlite3.Statement<[string]>;
  };

  constructor(
    sqlite: BetterSqlite3.Database,
    name: RateLimitName,
    limit: RateLimit,
    opts: { sweeps: boolean },
  ) {
    super({
      storeClient: sqlite,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      // Created by migration 0019, like every other table.
      tableCreated: true,
      // The library's sweep deletes expired rows of the whole table, whichever limiter runs it:
      // one limiter per connection sweeps (every 5 minutes), not each of the nine.
      clearExpiredByTimeout: opts.sweeps,
      // A key whose minute is spent is refused from memory until the window ends: a client
      // hammering past its limit costs no write (and no wait for the write lock) per call. Only
      // for API keys: they are never rewarded or cleared, which a block held in one process's
      // memory would not see done by another (a login's success clears an account's failures).
      ...(name === 'apiKey' ? { inMemoryBlockOnConsumed: limit.points } : {}),
      keyPrefix: name,
      points: limit.points,
      duration: limit.seconds,
    });
    this.statements = {
      upsert: sqlite.prepare(UPSERT),
      replace: sqlite.prepare(
        'INSERT OR REPLACE INTO rate_limits (key, points, expire) VALUES (?, ?, ?) RETURNING points, expire',
      ),
      get: sqlite.prepare('SELECT points, expire FROM rate_limits WHERE key = ? AND (expire > ? OR expire IS NULL)'),
      remove: sqlite.prepare('DELETE FROM rate_limits WHERE key = ?'),
    };
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false) {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    return Promise.resolve(
      forceExpire
        ? this.statements.replace.get(rlKey, points, expire)
        : this.statements.upsert.get(rlKey, points, expire, now, now),
    );
  }

  _get(rlKey: string) {
    return Promise.resolve(this.statements.get.get(rlKey, Date.now()) ?? null);
  }

  _delete(rlKey: string) {
    return Promise.resolve(this.statements.remove.run(rlKey).changes > 0);
  }

  /** The library's five-minute sweep; a closed connection (tests, shutdown) must not crash the process. */
  async clearExpired(nowMs: number) {
    try {
      // Not in the library's type declarations, but part of RateLimiterSQLite.
      const base = RateLimiterSQLite.prototype as unknown as { clearExpired(ms: number): Promise<void> };
      await base.clearExpired.call(this, nowMs);
    } catch {
      // The next sweep tries again; expired rows are ignored by _get meanwhile.
    }
  }
}

const limiters = new WeakMap<BetterSqlite3.Database, Map<RateLimitName, SqliteLimiter>>();

/** A limit as this server applies it (the API document prints these numbers too). */
export function configuredLimit(name: RateLimitName): RateLimit {
  // The API-key limit is a setting: a benchmark or a big integration may need another number.
  if (name === 'apiKey') return { ...RATE_LIMITS.apiKey, points: env().API_KEY_RATE_LIMIT };
  return RATE_LIMITS[name];
}

function limiter(name: RateLimitName): SqliteLimiter {
  const sqlite = getDb().$client;
  let byName = limiters.get(sqlite);
  if (!byName) {
    byName = new Map();
    limiters.set(sqlite, byName);
  }
  let l = byName.get(name);
  if (!l) {
    l = new SqliteLimiter(sqlite, name, configuredLimit(name), { sweeps: byName.size === 0 });
    byName.set(name, l);
  }
  return l;
}

function keyOf(subject: string): string {
  return crypto.createHash('sha256').update(subject).digest('base64url').slice(0, 32);
}

/** Allowed, or refused with the wait until the window ends. */
export type LimitVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Counts one action for `subject` (tests pass `points` to spend a window at once); refused once the window's points are spent. */
export async function consumeLimit(name: RateLimitName, subject: string, points = 1): Promise<LimitVerdict> {
  try {
    await limiter(name).consume(keyOf(subject), points);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterMs: error.msBeforeNext };
    throw error;
  }
}

/** Gives back one action that turned out not to count (e.g. a successful login). */
export async function rewardLimit(name: RateLimitName, subject: string): Promise<void> {
  await limiter(name).reward(keyOf(subject), 1);
}

/** Forgets `subject`'s count (e.g. an account's failed logins after it logs in). */
export async function clearLimit(name: RateLimitName, subject: string): Promise<void> {
  await limiter(name).delete(keyOf(subject));
}

/** Consumes several limits (each is counted); refused when any refuses, with the longest wait. */
export async function consumeLimits(checks: readonly [RateLimitName, string][]): Promise<LimitVerdict> {
  let verdict: LimitVerdict = { ok: true };
  for (const [name, subject] of checks) {
    const v = await consumeLimit(name, subject);
    if (!v.ok && (verdict.ok || v.retryAfterMs > verdict.retryAfterMs)) verdict = v;
  }
  return verdict;
}

/** The Retry-After header of a refusal. */
export function retryAfterHeader(verdict: { retryAfterMs: number }): Record<string, string> {
  return { 'Retry-After': String(retryAfterSeconds(verdict.retryAfterMs)) };
}

/** A page's refusal as a form error: a message key in the user's language (FormErrors translates it). */
export function rateLimitedMessage(verdict: { retryAfterMs: number }, key = 'errors.rateLimited'): string {
  return `${key}|minutes=${retryAfterMinutes(verdict.retryAfterMs)}`;
}

/** The status and headers of a page's refusal: 429 Too Many Requests with Retry-After. */
export function tooManyRequests(verdict: { retryAfterMs: number }): ResponseInit {
  return { status: 429, headers: retryAfterHeader(verdict) };
}
