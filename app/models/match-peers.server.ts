/**
 * Peers' choices (formats/marketplace-api.md, "Matches" → peers): per prefecture and 2023 cluster,
 * how many distinct enterprises have a verified — hence unrevoked — adoption event of each
 * offering, at any time. Counting a cell reads every offering-linked event of its enterprises
 * (tens of milliseconds for a Chengdu cell at 1,000,000 events), so counted cells are kept per
 * connection and moved along with the ledger: each request applies the events and actions
 * recorded since the last one (their sequence numbers only grow), so a verification, a
 * revocation or a new report changes the next answer without recounting the cell.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import { eventStatus, type ActionKind } from '~/domain/adoption-counting';
import { CLUSTER_TAXONOMIES, clusterOf, OTHER_CLUSTER } from '~/domain/clusters';
import { divisionOf, PEER_TAXONOMY, peerChoices } from '~/domain/match-scoring';
import { prepared } from './prepared.server';

const CLUSTERED = CLUSTER_TAXONOMIES[PEER_TAXONOMY].clusters.flatMap((c) => c.divisions);
// `substr(industry, 1, 2)` restates divisionOf (app/domain/match-scoring.ts) for the SQL.
const CELL = `SELECT e.offering_id, count(DISTINCT e.enterprise_id)
   FROM enterprises en
   JOIN adoption_events e ON e.enterprise_id = en.id
   JOIN adoption_event_states s ON s.event_id = e.id
  WHERE en.prefecture = ? AND e.offering_id IS NOT NULL AND s.status = 'verified'
    AND substr(en.industry, 1, 2) %s (SELECT value FROM json_each(?))
  GROUP BY e.offering_id`;

function statements(db: Db) {
  return prepared(db, 'match-peers', (sqlite) => ({
    position: sqlite.prepare<[], [number | null, number | null]>(
      'SELECT (SELECT max(seq) FROM adoption_events), (SELECT max(seq) FROM adoption_event_actions)',
    ),
    inCluster: sqlite.prepare<[string, string], [string, number]>(CELL.replace('%s', 'IN')),
    other: sqlite.prepare<[string, string], [string, number]>(CELL.replace('%s', 'NOT IN')),
    // The (enterprise, offering) pairs whose events or actions were recorded in a range of the
    // ledger's sequence numbers, with the enterprise's cell.
    touched: sqlite.prepare<[number, number, number, number], [string, string, string, string]>(
      `SELECT t.enterprise_id, t.offering_id, en.prefecture, en.industry FROM (
         SELECT enterprise_id, offering_id FROM adoption_events
          WHERE seq > ? AND seq <= ? AND offering_id IS NOT NULL
         UNION
         SELECT e.enterprise_id, e.offering_id FROM adoption_event_actions a JOIN adoption_events e ON e.id = a.event_id
          WHERE a.seq > ? AND a.seq <= ? AND e.offering_id IS NOT NULL
       ) t JOIN enterprises en ON en.id = t.enterprise_id`,
    ),
    // Every event of a pair with its actions, in recording order (a handful of rows).
    history: sqlite.prepare<[string, string], [number, number | null, ActionKind | null]>(
      `SELECT e.seq, a.seq, a.kind FROM adoption_events e LEFT JOIN adoption_event_actions a ON a.event_id = e.id
        WHERE e.enterprise_id = ? AND e.offering_id = ? ORDER BY e.seq, a.seq`,
    ),
  }));
}

// Beyond this many new ledger rows (a big prefecture report, a fraud marking) recounting the
// cells when next asked is cheaper than following each change.
const MAX_DELTA = 20_000;
// Editing an enterprise's prefecture or industry moves it between cells without a ledger row;
// no cell is kept longer than this.
const CELL_TTL_MS = 10 * 60_000;

interface PeerCache {
  /** The ledger position the cells are counted at. */
  eventSeq: number;
  actionSeq: number;
  cells: Map<string, PeerCell>;
}
interface PeerCell {
  at: number;
  counts: Map<string, number>;
  /** peerChoices(counts), kept until the counts move: sorting a Chengdu cell's groups costs ~1 ms. */
  choices: PeerChoice[] | null;
}
export type PeerChoice = ReturnType<typeof peerChoices>[number];
const caches = new WeakMap<Database.Database, PeerCache>();

const cellKey = (prefecture: string, cluster: string) => `${prefecture}|${cluster}`;

function countCell(db: Db, prefecture: string, cluster: string): Map<string, number> {
  const s = statements(db);
  if (cluster === OTHER_CLUSTER.id) return new Map(s.other.raw().all(prefecture, JSON.stringify(CLUSTERED)));
  const divisions = CLUSTER_TAXONOMIES[PEER_TAXONOMY].clusters.find((c) => c.id === cluster)?.divisions ?? [];
  return new Map(s.inCluster.raw().all(prefecture, JSON.stringify(divisions)));
}

/** Whether any event of a pair was verified at a ledger position (the counting rule's eventStatus). */
function verifiedAt(
  history: [number, number | null, ActionKind | null][],
  eventSeq: number,
  actionSeq: number,
) {
  let current = -1;
  let kinds: ActionKind[] = [];
  const verified = () => current >= 0 && current <= eventSeq && eventStatus(kinds) === 'verified';
  for (const [seq, actionSeqOfRow, kind] of history) {
    if (seq !== current) {
      if (verified()) return true;
      current = seq;
      kinds = [];
    }
    if (kind !== null && actionSeqOfRow !== null && actionSeqOfRow <= actionSeq) kinds.push(kind);
  }
  return verified();
}

/** Moves the counted cells from the cache's ledger position to the current one. */
function follow(db: Db, cache: PeerCache, eventSeq: number, actionSeq: number) {
  const s = statements(db);
  for (const [enterpriseId, offeringId, prefecture, industry] of s.touched
    .raw()
    .all(cache.eventSeq, eventSeq, cache.actionSeq, actionSeq)) {
    const cell = cache.cells.get(cellKey(prefecture, clusterOf(divisionOf(industry), PEER_TAXONOMY)));
    if (!cell) continue;
    const history = s.history.raw().all(enterpriseId, offeringId);
    const change =
      Number(verifiedAt(history, eventSeq, actionSeq)) -
      Number(verifiedAt(history, cache.eventSeq, cache.actionSeq));
    if (change === 0) continue;
    cell.counts.set(offeringId, (cell.counts.get(offeringId) ?? 0) + change);
    cell.choices = null;
  }
}

function cellNow(db: Db, prefecture: string, cluster: string): PeerCell {
  const [events, actions] = statements(db).position.raw().get()!;
  const eventSeq = events ?? 0;
  const actionSeq = actions ?? 0;
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = { eventSeq, actionSeq, cells: new Map() }));
  if (eventSeq !== cache.eventSeq || actionSeq !== cache.actionSeq) {
    const delta = eventSeq - cache.eventSeq + (actionSeq - cache.actionSeq);
    if (delta > MAX_DELTA || delta < 0) cache.cells.clear();
    else if (cache.cells.size > 0) follow(db, cache, eventSeq, actionSeq);
    cache.eventSeq = eventSeq;
    cache.actionSeq = actionSeq;
  }
  const key = cellKey(prefecture, cluster);
  const cell = cache.cells.get(key);
  if (cell && Date.now() - cell.at < CELL_TTL_MS) return cell;
  const counted: PeerCell = { at: Date.now(), counts: countCell(db, prefecture, cluster), choices: null };
  cache.cells.set(key, counted);
  return counted;
}

/**
 * The peers' choices of a prefecture and 2023 cluster: offerings with the number of distinct
 * enterprises that have a verified event of them, as the domain's peerChoices keeps them (groups
 * of 3 or more, most adopted first). The hard rules are the caller's: they depend on the profile.
 */
export function peerGroups(db: Db, prefecture: string, cluster: string): readonly PeerChoice[] {
  const sqlite = db.$client;
  // Inside a caller's write transaction the ledger may still be rolled back: count, keep nothing.
  if (sqlite.inTransaction) return peerChoices(countCell(db, prefecture, cluster));
  // One read transaction: the position, the changes since and a newly counted cell are one
  // snapshot, so a change committed meanwhile by another process is applied once, not twice.
  const cell = sqlite.transaction(() => cellNow(db, prefecture, cluster))();
  return (cell.choices ??= peerChoices(cell.counts));
}
