/**
 * Leases: one row per named duty (table `leases`, db/schema-jobs.ts) that at most one process may
 * perform at a time — the scheduler of periodic jobs when several server processes share the
 * database (issue 12). A process holds a lease while its row names it with a future `expires_at`
 * (epoch ms); it renews well before expiry, and another process takes the row over only once it
 * has expired, so a holder that dies (kill -9, a crash) is replaced after at most one TTL.
 *
 * Every step runs in an IMMEDIATE transaction: the write lock is taken before the row is read, so
 * two processes deciding at once are serialised by SQLite and cannot both see the row as free.
 * All processes of one deployment run on one machine and one clock (Date.now()), so comparing
 * their epoch times is sound.
 */
import os from 'node:os';
import { nanoid } from 'nanoid';
import type { Db } from '../../db/client.server';
import { parseWorker, workerName } from '~/domain/background-jobs';
import { prepared } from './prepared.server';

export interface LeaseState {
  name: string;
  holder: string;
  /** Epoch ms. */
  expiresAt: number;
  acquiredAt: string;
}

/**
 * A holder name that says where it runs: its process's worker name (`<host>:<pid>`, as jobs.worker)
 * and a random part (`:<random>`), so it is unique even if a pid is reused.
 */
export function leaseHolderId(): string {
  return `${workerName(os.hostname(), process.pid)}:${nanoid(6)}`;
}

/**
 * Whether a process of this host with id `pid` exists (signal 0 only asks). Only ESRCH says it is
 * gone: EPERM is a process of another user, and any other error proves nothing. Used for lease
 * holders here and for the owners of running jobs (app/jobs/worker.server.ts).
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function statements(db: Db) {
  return prepared(db, 'leases', (sqlite) => ({
    get: sqlite.prepare<[string], LeaseState>(
      'SELECT name, holder, expires_at AS expiresAt, acquired_at AS acquiredAt FROM leases WHERE name = ?',
    ),
    insert: sqlite.prepare<[string, string, number, string]>(
      'INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES (?, ?, ?, ?)',
    ),
    take: sqlite.prepare<[string, number, string, string]>(
      'UPDATE leases SET holder = ?, expires_at = ?, acquired_at = ? WHERE name = ?',
    ),
    extend: sqlite.prepare<[number, string]>('UPDATE leases SET expires_at = ? WHERE name = ?'),
    release: sqlite.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?'),
  }));
}

export type LeaseOutcome =
  /** `holder` holds the lease until `expiresAt`; `acquired` = it did not hold it before this call. */
  | { held: true; acquired: boolean; expiresAt: number }
  /** Another holder's lease is still running. */
  | { held: false; holder: string; expiresAt: number };

/**
 * Takes the lease for `ttlMs` if nobody holds it, if its holder let it expire, or if `holder`
 * already holds it (then this is a renewal). Otherwise reports who holds it until when.
 */
export function acquireLease(
  db: Db,
  opts: { name: string; holder: string; ttlMs: number; now?: number },
): LeaseOutcome {
  const s = statements(db);
  const now = opts.now ?? Date.now();
  const expiresAt = now + opts.ttlMs;
  return db.$client
    .transaction((): LeaseOutcome => {
      const row = s.get.get(opts.name);
      if (!row) {
        s.insert.run(opts.name, opts.holder, expiresAt, new Date(now).toISOString());
        return { held: true, acquired: true, expiresAt };
      }
      if (row.holder === opts.holder) {
        s.extend.run(expiresAt, opts.name);
        // Ours but already expired: another process may have run the duty meanwhile, so say so.
        return { held: true, acquired: row.expiresAt <= now, expiresAt };
      }
      if (row.expiresAt > now) return { held: false, holder: row.holder, expiresAt: row.expiresAt };
      s.take.run(opts.holder, expiresAt, new Date(now).toISOString(), opts.name);
      return { held: true, acquired: true, expiresAt };
    })
    .immediate();
}

/** Gives the lease up at once (clean shutdown), so another process need not wait for it to expire. */
export function releaseLease(db: Db, opts: { name: string; holder: string }): boolean {
  return statements(db).release.run(opts.name, opts.holder).changes > 0;
}

/**
 * Whether `holder` (leaseHolderId) may still be alive: false only for a process of this host that
 * no longer exists. Another host's holder, or a name of another shape, counts as alive.
 */
export function holderMayBeAlive(holder: string): boolean {
  const random = holder.lastIndexOf(':');
  const owner = random > 0 ? parseWorker(holder.slice(0, random)) : null;
  if (!owner || owner.host !== os.hostname()) return true;
  return owner.pid === process.pid || processAlive(owner.pid);
}

/**
 * At start-up, before this deployment's processes ask for leases: frees each lease whose holder
 * was a process of this host that has died (kill -9, a crash), so the new processes need not wait
 * out its TTL. A live holder's lease is left alone. Returns the names freed.
 */
export function releaseLeasesOfDeadHolders(db: Db): string[] {
  const s = statements(db);
  return db.$client
    .transaction(() => {
      const freed: string[] = [];
      const rows = db.$client
        .prepare<[], { name: string; holder: string }>('SELECT name, holder FROM leases')
        .all();
      for (const row of rows) {
        if (holderMayBeAlive(row.holder)) continue;
        s.release.run(row.name, row.holder);
        freed.push(row.name);
      }
      return freed;
    })
    .immediate();
}

/** The lease row as it stands (tests, health and diagnostics). */
export function readLease(db: Db, name: string): LeaseState | null {
  return statements(db).get.get(name) ?? null;
}
