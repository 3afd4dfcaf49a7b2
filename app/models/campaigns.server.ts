import type { Db } from '../../db/client.server';
import { writeAudit } from './audit.server';
import { forgetCurrentCampaign, ledgerTransaction, recountEnterpriseIn } from './adoption-ledger.server';
import { prepared } from './prepared.server';

// Campaigns after the first are data (formats/adoption-events.md, "Several campaigns"): a
// provincial official or an operator creates one, and its counts are then built from the ledger.
//
// A build recounts every enterprise that has an event, in enterprise-id order and in small
// transactions, so other requests keep being answered between chunks. It needs no lock against
// the ledger's own writes: each chunk re-applies the counting rule to its enterprises and writes
// only the difference (recountEnterpriseIn), so an event counted incrementally before the build
// reaches its enterprise is corrected then, and one after it is counted exactly. The cursor is
// stored, so a build cut short by a restart resumes (resumeCampaignBuilds); changing the window
// resets it, and the running build starts over at its next chunk.

export interface CampaignInput {
  id: string;
  name: string;
  nameEn: string | null;
  target: number;
  startsOn: string;
  endsOn: string;
}

export interface CampaignRow extends CampaignInput {
  countsStatus: 'ready' | 'building';
  buildDone: number;
  buildTotal: number;
  createdAt: string;
}

function campaignSql(db: Db) {
  return prepared(db, 'campaigns', (sqlite) => ({
    all: sqlite.prepare<[], CampaignRow>(
      `SELECT id, name, name_en AS nameEn, target, starts_on AS startsOn, ends_on AS endsOn,
         counts_status AS countsStatus, build_done AS buildDone, build_total AS buildTotal, created_at AS createdAt
       FROM campaigns ORDER BY starts_on DESC, id`,
    ),
    one: sqlite.prepare<[string], CampaignRow>(
      `SELECT id, name, name_en AS nameEn, target, starts_on AS startsOn, ends_on AS endsOn,
         counts_status AS countsStatus, build_done AS buildDone, build_total AS buildTotal, created_at AS createdAt
       FROM campaigns WHERE id = ?`,
    ),
    insert: sqlite.prepare<[string, string, string | null, number, string, string, number]>(
      `INSERT INTO campaigns (id, name, name_en, target, starts_on, ends_on, counts_status, build_cursor, build_done, build_total)
       VALUES (?, ?, ?, ?, ?, ?, 'building', NULL, 0, ?)`,
    ),
    update: sqlite.prepare<[string, string | null, number, string, string, string]>(
      'UPDATE campaigns SET name = ?, name_en = ?, target = ?, starts_on = ?, ends_on = ? WHERE id = ?',
    ),
    restartBuild: sqlite.prepare<[number, string]>(
      "UPDATE campaigns SET counts_status = 'building', build_cursor = NULL, build_done = 0, build_total = ? WHERE id = ?",
    ),
    cursor: sqlite.prepare<[string], { status: string; cursor: string | null }>(
      'SELECT counts_status AS status, build_cursor AS cursor FROM campaigns WHERE id = ?',
    ),
    advance: sqlite.prepare<[string, number, string]>(
      'UPDATE campaigns SET build_cursor = ?, build_done = build_done + ? WHERE id = ?',
    ),
    finish: sqlite.prepare<[string]>(
      "UPDATE campaigns SET counts_status = 'ready', build_cursor = NULL, build_done = build_total WHERE id = ?",
    ),
    building: sqlite.prepare<[], { id: string }>("SELECT id FROM campaigns WHERE counts_status = 'building'"),
    // Enterprises with at least one event, in id order: the ledger's enterprise index, no table rows.
    nextEnterprises: sqlite.prepare<[string, number], { id: string }>(
      'SELECT DISTINCT enterprise_id AS id FROM adoption_events WHERE enterprise_id > ? ORDER BY enterprise_id LIMIT ?',
    ),
    enterprisesWithEvents: sqlite.prepare<[], { n: number }>(
      'SELECT count(DISTINCT enterprise_id) AS n FROM adoption_events',
    ),
  }));
}

export function listCampaignRows(db: Db): CampaignRow[] {
  return campaignSql(db).all.all();
}

export function getCampaignRow(db: Db, id: string): CampaignRow | null {
  return campaignSql(db).one.get(id) ?? null;
}

export type CampaignWriteResult =
  | { ok: true; campaign: CampaignRow; rebuild: boolean }
  | { ok: false; error: 'duplicate-id' | 'not-found' };

/** Creates a campaign; its counts are 'building' until buildCampaignCounts has run. */
export function createCampaign(db: Db, input: CampaignInput, actorUserId: string | null): CampaignWriteResult {
  const sql = campaignSql(db);
  const result: CampaignWriteResult = ledgerTransaction(db, () => {
    if (sql.one.get(input.id)) return { ok: false, error: 'duplicate-id' } as const;
    const total = sql.enterprisesWithEvents.get()?.n ?? 0;
    sql.insert.run(input.id, input.name, input.nameEn, input.target, input.startsOn, input.endsOn, total);
    writeAudit(db, {
      actorUserId,
      action: 'campaign.create',
      targetType: 'campaign',
      targetId: input.id,
      detail: { ...input },
    });
    return { ok: true, campaign: sql.one.get(input.id)!, rebuild: true } as const;
  });
  if (result.ok) forgetCurrentCampaign(db);
  return result;
}

/**
 * Edits a campaign. Names and target change only what pages show; a new window changes who counts
 * (and who is "already on the cloud at the start"), so its counts are rebuilt.
 */
export function updateCampaign(
  db: Db,
  id: string,
  input: Omit<CampaignInput, 'id'>,
  actorUserId: string | null,
): CampaignWriteResult {
  const sql = campaignSql(db);
  const result: CampaignWriteResult = ledgerTransaction(db, () => {
    const before = sql.one.get(id);
    if (!before) return { ok: false, error: 'not-found' } as const;
    sql.update.run(input.name, input.nameEn, input.target, input.startsOn, input.endsOn, id);
    const rebuild = before.startsOn !== input.startsOn || before.endsOn !== input.endsOn;
    if (rebuild) sql.restartBuild.run(sql.enterprisesWithEvents.get()?.n ?? 0, id);
    writeAudit(db, {
      actorUserId,
      action: 'campaign.update',
      targetType: 'campaign',
      targetId: id,
      detail: {
        before: { name: before.name, nameEn: before.nameEn, target: before.target, startsOn: before.startsOn, endsOn: before.endsOn },
        after: input,
      },
    });
    return { ok: true, campaign: sql.one.get(id)!, rebuild } as const;
  });
  if (result.ok) forgetCurrentCampaign(db);
  return result;
}

export interface BuildOptions {
  /** At most this many enterprises per transaction … */
  chunkSize?: number;
  /** … and no more than about this long (ms), so requests waiting for the event loop are answered soon. */
  budgetMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called between chunks; the server yields to its event loop here so requests are answered. */
  pause?: () => Promise<void>;
}

const STEP = 25;

/**
 * Builds (or finishes building) a campaign's counts from the ledger. Returns the number of
 * enterprises recounted by this call. Safe to run while events arrive, and twice at once.
 */
export async function buildCampaignCounts(db: Db, campaignId: string, opts: BuildOptions = {}): Promise<number> {
  const sql = campaignSql(db);
  const chunkSize = opts.chunkSize ?? 2000;
  const budgetMs = opts.budgetMs ?? 20;
  let recounted = 0;
  for (;;) {
    const step = ledgerTransaction(db, () => {
      const state = sql.cursor.get(campaignId);
      if (!state || state.status !== 'building') return { finished: true, n: 0 };
      const started = performance.now();
      let cursor = state.cursor ?? '';
      let n = 0;
      for (;;) {
        const want = Math.min(STEP, chunkSize - n);
        const ids = sql.nextEnterprises.all(cursor, want);
        for (const { id } of ids) recountEnterpriseIn(db, id, campaignId);
        n += ids.length;
        if (ids.length < want) {
          sql.finish.run(campaignId);
          return { finished: true, n };
        }
        cursor = ids[ids.length - 1]!.id;
        if (n >= chunkSize || performance.now() - started >= budgetMs) break;
      }
      sql.advance.run(cursor, n, campaignId);
      return { finished: false, n };
    });
    recounted += step.n;
    const row = sql.one.get(campaignId);
    if (row) opts.onProgress?.(row.buildDone, row.buildTotal);
    if (step.finished) return recounted;
    if (opts.pause) await opts.pause();
  }
}

export function campaignsBeingBuilt(db: Db): string[] {
  return campaignSql(db)
    .building.all()
    .map((r) => r.id);
}

// One build per campaign at a time in this process (a second would be correct, only wasted work).
const running = new Map<string, Promise<number>>();

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts a campaign's build in the background of this process, between requests. The returned
 * promise settles when it is done (tests await it; pages do not, they show 计算中).
 */
export function startCampaignBuild(
  db: Db,
  campaignId: string,
  log: (message: string) => void = (m) => console.error(m),
): Promise<number> {
  const existing = running.get(campaignId);
  if (existing) return existing;
  // The first chunk too waits for the event loop: the request that started the build is answered first.
  const build = yieldToRequests()
    .then(() => buildCampaignCounts(db, campaignId, { pause: yieldToRequests }))
    .catch((error: unknown) => {
      // The campaign stays 'building' with its cursor: the next start (or edit) resumes it.
      log(`Campaign ${campaignId}: counting stopped: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    })
    .finally(() => running.delete(campaignId));
  running.set(campaignId, build);
  return build;
}

/** Resumes builds left unfinished by a stopped server or CLI. */
export function resumeCampaignBuilds(db: Db, log?: (message: string) => void): Promise<number>[] {
  return campaignsBeingBuilt(db).map((id) => startCampaignBuild(db, id, log));
}
