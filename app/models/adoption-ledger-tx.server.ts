import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import { cellsOf, type Attribution } from '~/domain/adoption-counting';
import { ledgerSql } from './adoption-ledger-sql.server';

// The ledger's transactions (adoption-ledger.server.ts writes inside them). Counted rows that
// appear or disappear are summed per attribution while the transaction runs and expanded into
// counter_cells once, just before it commits; a counted row that changes is moved by the update
// trigger of migration 0010. Both only add, so their order does not matter.

interface TransactionState {
  /** Counted rows added (+1) or removed (−1), by campaign and attribution; expanded to cells at commit. */
  deltas: Map<string, { campaignId: string; a: Attribution; n: number }>;
  campaigns: { id: string; startsOn: string; endsOn: string }[] | null;
}

const inProgress = new WeakMap<BetterSqlite3.Database, TransactionState>();

// better-sqlite3 builds a transaction wrapper per call to .transaction(); the group commit opens a
// savepoint per API event, so each connection keeps one wrapper that runs whatever it is given
// (it becomes a savepoint when a transaction is already open).
const runners = new WeakMap<
  BetterSqlite3.Database,
  BetterSqlite3.Transaction<(fn: () => unknown) => unknown>
>();
function runner(sqlite: BetterSqlite3.Database) {
  let run = runners.get(sqlite);
  if (!run) {
    run = sqlite.transaction((fn: () => unknown) => fn());
    runners.set(sqlite, run);
  }
  return run;
}

function state(db: Db): TransactionState {
  const s = inProgress.get(db.$client);
  if (!s) throw new Error('adoption ledger writes must run inside ledgerTransaction()');
  return s;
}

/** The exported writers open a ledger transaction of their own when their caller has none. */
export function inLedger<T>(db: Db, fn: () => T): T {
  return inProgress.has(db.$client) ? fn() : ledgerTransaction(db, fn);
}

export function campaignsOf(db: Db) {
  const s = state(db);
  s.campaigns ??= ledgerSql(db).campaigns.all();
  return s.campaigns;
}

export function count(db: Db, campaignId: string, a: Attribution, n: 1 | -1) {
  const { deltas } = state(db);
  const key = `${campaignId}|${a.kind}|${a.prefecture}|${a.industry}|${a.level}|${a.month}`;
  const entry = deltas.get(key);
  if (entry) entry.n += n;
  else deltas.set(key, { campaignId, a, n });
}

/**
 * A ledger transaction inside another one: a savepoint with its own deltas, handed to the outer
 * transaction only if it succeeds — so a caller may roll one back and carry on (group commit).
 */
function nested<T>(sqlite: BetterSqlite3.Database, outer: TransactionState, fn: () => T): T {
  const inner: TransactionState = { deltas: new Map(), campaigns: outer.campaigns };
  inProgress.set(sqlite, inner);
  try {
    const result = runner(sqlite)(fn) as T;
    for (const [key, d] of inner.deltas) {
      const entry = outer.deltas.get(key);
      if (entry) entry.n += d.n;
      else outer.deltas.set(key, d);
    }
    outer.campaigns ??= inner.campaigns;
    return result;
  } finally {
    inProgress.set(sqlite, outer);
  }
}

/**
 * Runs `fn` as one immediate transaction of the ledger and applies its counter-cell changes before
 * committing. A nested call is a savepoint whose changes join the outer transaction.
 */
export function ledgerTransaction<T>(db: Db, fn: () => T): T {
  const sqlite = db.$client;
  const outer = inProgress.get(sqlite);
  if (outer) return nested(sqlite, outer, fn);
  const tx: TransactionState = { deltas: new Map(), campaigns: null };
  inProgress.set(sqlite, tx);
  try {
    return runner(sqlite).immediate(() => {
      const result = fn();
      const cells = new Map<
        string,
        { campaignId: string; kind: string; scope: string; dim: string; key: string; n: number }
      >();
      for (const { campaignId, a, n } of tx.deltas.values()) {
        if (n === 0) continue;
        for (const c of cellsOf(a)) {
          const id = `${campaignId}|${a.kind}|${c.scope}|${c.dim}|${c.key}`;
          const cell = cells.get(id);
          if (cell) cell.n += n;
          else cells.set(id, { campaignId, kind: a.kind, ...c, n });
        }
      }
      const { addToCell } = ledgerSql(db);
      for (const c of cells.values())
        if (c.n !== 0) addToCell.run(c.campaignId, c.kind, c.scope, c.dim, c.key, c.n);
      return result;
    }) as T;
  } finally {
    inProgress.delete(sqlite);
  }
}
