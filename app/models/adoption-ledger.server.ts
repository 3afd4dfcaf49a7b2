import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import { attributeEnterprise, eventStatus, type ActionKind, type Attribution, type EventStatus, type LedgerEvent } from '~/domain/adoption-counting';
import { todayInChina } from '~/domain/adoption-dates';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import { classifyEnterpriseSize, sectorOfIndustry } from '~/domain/enterprise-size';
import { newId } from '~/utils/ids';

// The ledger's low-level writes, shared by every way an event arrives (API, provider report,
// prefecture report, officials, payments). Each function must run inside the caller's
// transaction: the event, its actions, the status projection and the counted rows (and through
// the db triggers, counter_cells) change together or not at all.
//
// These are the hot paths of ingestion (1,000-event batches, 100,000-row reports), so they use
// better-sqlite3 statements prepared once per connection rather than building SQL each call.

export type AdoptionSource = 'api' | 'provider-report' | 'prefecture-report' | 'official' | 'payment';

function statements(sqlite: BetterSqlite3.Database) {
  return {
    enterpriseByUscc: sqlite.prepare<[string], EnterpriseRow>(
      `SELECT id, uscc, name, prefecture, industry, employees, revenue_wan AS revenueWan,
              on_cloud_before_campaign AS onCloud, fraud_flagged_at AS fraudFlaggedAt
       FROM enterprises WHERE uscc = ?`,
    ),
    enterpriseFacts: sqlite.prepare<[string], { prefecture: string; industry: string; onCloud: number }>(
      'SELECT prefecture, industry, on_cloud_before_campaign AS onCloud FROM enterprises WHERE id = ?',
    ),
    insertEnterprise: sqlite.prepare(
      `INSERT INTO enterprises (id, uscc, name, prefecture, industry, employees, revenue_wan, size_class)
       VALUES (@id, @uscc, @name, @prefecture, @industry, @employees, @revenueWan, @sizeClass)`,
    ),
    updateEnterpriseSize: sqlite.prepare(
      `UPDATE enterprises SET employees = @employees, revenue_wan = @revenueWan, size_class = @sizeClass, updated_at = @now
       WHERE id = @id`,
    ),
    insertEvent: sqlite.prepare(
      `INSERT INTO adoption_events (id, enterprise_id, provider_id, offering_id, offering_external_id, provider_uscc,
         level, occurred_at, source, note, api_key_id, recorded_by_user_id, created_at)
       VALUES (@id, @enterpriseId, @providerId, @offeringId, @offeringExternalId, @providerUscc,
         @level, @occurredOn, @source, @note, @apiKeyId, @recordedByUserId, @now)`,
    ),
    insertAction: sqlite.prepare(
      `INSERT INTO adoption_event_actions (event_id, kind, actor_user_id, api_key_id, fraud_case_id, reason, created_at)
       VALUES (@eventId, @kind, @actorUserId, @apiKeyId, @fraudCaseId, @reason, @now)`,
    ),
    actionsOf: sqlite.prepare<[string], { kind: ActionKind }>('SELECT kind FROM adoption_event_actions WHERE event_id = ? ORDER BY seq'),
    upsertState: sqlite.prepare(
      `INSERT INTO adoption_event_states (event_id, enterprise_id, status, updated_at) VALUES (@eventId, @enterpriseId, @status, @now)
       ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ),
    eventEnterprise: sqlite.prepare<[string], { enterpriseId: string }>('SELECT enterprise_id AS enterpriseId FROM adoption_events WHERE id = ?'),
    ledgerOf: sqlite.prepare<[string], LedgerEvent>(
      `SELECT e.id, e.seq, e.level, e.occurred_at AS occurredOn, s.status
       FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id
       WHERE e.enterprise_id = ?`,
    ),
    campaigns: sqlite.prepare<[], { id: string; startsOn: string; endsOn: string }>(
      'SELECT id, starts_on AS startsOn, ends_on AS endsOn FROM campaigns',
    ),
    countedOf: sqlite.prepare<[string], Attribution & { campaignId: string }>(
      `SELECT campaign_id AS campaignId, kind, first_event_id AS firstEventId, level, month, occurred_on AS occurredOn, prefecture, industry
       FROM adoption_counted WHERE enterprise_id = ?`,
    ),
    insertCounted: sqlite.prepare(
      `INSERT INTO adoption_counted (campaign_id, enterprise_id, kind, first_event_id, level, month, occurred_on, prefecture, industry)
       VALUES (@campaignId, @enterpriseId, @kind, @firstEventId, @level, @month, @occurredOn, @prefecture, @industry)`,
    ),
    updateCounted: sqlite.prepare(
      `UPDATE adoption_counted SET kind = @kind, first_event_id = @firstEventId, level = @level, month = @month,
         occurred_on = @occurredOn, prefecture = @prefecture, industry = @industry
       WHERE campaign_id = @campaignId AND enterprise_id = @enterpriseId`,
    ),
    deleteCounted: sqlite.prepare('DELETE FROM adoption_counted WHERE campaign_id = ? AND enterprise_id = ?'),
    isCountedNew: sqlite.prepare<[string, string], { n: number }>(
      "SELECT 1 AS n FROM adoption_counted WHERE campaign_id = ? AND enterprise_id = ? AND kind = 'new'",
    ),
  };
}

type Statements = ReturnType<typeof statements>;
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function stmts(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) {
    s = statements(db.$client);
    cache.set(db.$client, s);
  }
  return s;
}

export interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  prefecture: string;
  industry: string;
  employees: number | null;
  revenueWan: number | null;
  onCloud: number;
  fraudFlaggedAt: string | null;
}

export function findEnterpriseByUscc(db: Db, uscc: string): EnterpriseRow | null {
  return stmts(db).enterpriseByUscc.get(uscc) ?? null;
}

export interface EnterpriseInput {
  uscc: string;
  name: string;
  prefecture: string;
  industry: string;
  employees?: number | null;
  revenueWan?: number | null;
}

/**
 * The enterprise of a USCC, created from the report when Yunqiao does not know it yet. A known
 * enterprise keeps its registered name, prefecture and industry (the owner's profile wins over a
 * third party's report); only employees and revenue, when given, update it and its size class
 * (formats/adoption-events.md).
 */
export function ensureEnterprise(db: Db, input: EnterpriseInput, now: string): EnterpriseRow {
  const s = stmts(db);
  const existing = s.enterpriseByUscc.get(input.uscc);
  if (existing) {
    const employees = input.employees ?? existing.employees;
    const revenueWan = input.revenueWan ?? existing.revenueWan;
    if (employees !== existing.employees || revenueWan !== existing.revenueWan) {
      const sizeClass = classifyEnterpriseSize({ sector: sectorOfIndustry(existing.industry), employees, revenueWan });
      s.updateEnterpriseSize.run({ id: existing.id, employees, revenueWan, sizeClass, now });
      return { ...existing, employees, revenueWan };
    }
    return existing;
  }
  const employees = input.employees ?? null;
  const revenueWan = input.revenueWan ?? null;
  const row = {
    id: newId(),
    uscc: input.uscc,
    name: input.name,
    prefecture: input.prefecture,
    industry: input.industry,
    employees,
    revenueWan,
    sizeClass: classifyEnterpriseSize({ sector: sectorOfIndustry(input.industry), employees, revenueWan }),
  };
  s.insertEnterprise.run(row);
  return { ...row, onCloud: 0, fraudFlaggedAt: null };
}

export interface NewEvent {
  enterpriseId: string;
  level: AdoptionLevel;
  occurredOn: string;
  source: AdoptionSource;
  providerId?: string | null;
  offeringId?: string | null;
  offeringExternalId?: string | null;
  providerUscc?: string | null;
  note?: string | null;
  apiKeyId?: string | null;
  recordedByUserId?: string | null;
  /** Trusted sources (prefecture keys and reports, officials, payments) record a verify action with the event. */
  verified: boolean;
}

/** Appends an event (and its verification when trusted), then recounts its enterprise. */
export function appendEvent(db: Db, e: NewEvent, now: string): { id: string; status: EventStatus } {
  const s = stmts(db);
  const id = newId();
  s.insertEvent.run({
    id,
    enterpriseId: e.enterpriseId,
    providerId: e.providerId ?? null,
    offeringId: e.offeringId ?? null,
    offeringExternalId: e.offeringExternalId ?? null,
    providerUscc: e.providerUscc ?? null,
    level: e.level,
    occurredOn: e.occurredOn,
    source: e.source,
    note: e.note ?? null,
    apiKeyId: e.apiKeyId ?? null,
    recordedByUserId: e.recordedByUserId ?? null,
    now,
  });
  const status: EventStatus = e.verified ? 'verified' : 'pending';
  if (e.verified) {
    s.insertAction.run({ eventId: id, kind: 'verify', actorUserId: e.recordedByUserId ?? null, apiKeyId: e.apiKeyId ?? null, fraudCaseId: null, reason: null, now });
  }
  s.upsertState.run({ eventId: id, enterpriseId: e.enterpriseId, status, now });
  // A pending event cannot change how its enterprise counts: skip the recount (most provider reports).
  if (status === 'verified') recountEnterprise(db, e.enterpriseId);
  return { id, status };
}

export interface NewAction {
  eventId: string;
  kind: ActionKind;
  actorUserId?: string | null;
  apiKeyId?: string | null;
  fraudCaseId?: string | null;
  reason?: string | null;
}

/** Appends an action to an event, refreshes its status and recounts its enterprise. Returns the new status. */
export function appendAction(db: Db, a: NewAction, now: string, opts: { recount?: boolean } = {}): EventStatus {
  const s = stmts(db);
  const owner = s.eventEnterprise.get(a.eventId);
  if (!owner) throw new Error(`no adoption event ${a.eventId}`);
  s.insertAction.run({
    eventId: a.eventId,
    kind: a.kind,
    actorUserId: a.actorUserId ?? null,
    apiKeyId: a.apiKeyId ?? null,
    fraudCaseId: a.fraudCaseId ?? null,
    reason: a.reason ?? null,
    now,
  });
  const status = eventStatus(s.actionsOf.all(a.eventId).map((r) => r.kind));
  s.upsertState.run({ eventId: a.eventId, enterpriseId: owner.enterpriseId, status, now });
  if (opts.recount !== false) recountEnterprise(db, owner.enterpriseId);
  return status;
}

/**
 * Re-applies the counting rule to one enterprise for every campaign and writes only what changed
 * in adoption_counted (the triggers move the sums in counter_cells).
 */
export function recountEnterprise(db: Db, enterpriseId: string) {
  const s = stmts(db);
  const facts = s.enterpriseFacts.get(enterpriseId);
  if (!facts) return;
  const enterprise = { prefecture: facts.prefecture, industry: facts.industry, onCloudBeforeCampaign: facts.onCloud === 1 };
  const events = s.ledgerOf.all(enterpriseId);
  const existing = new Map(s.countedOf.all(enterpriseId).map((row) => [row.campaignId, row]));
  for (const campaign of s.campaigns.all()) {
    const next = attributeEnterprise(enterprise, events, campaign);
    const before = existing.get(campaign.id);
    if (!next) {
      if (before) s.deleteCounted.run(campaign.id, enterpriseId);
    } else if (!before) {
      s.insertCounted.run({ campaignId: campaign.id, enterpriseId, ...next });
    } else if (!sameAttribution(before, next)) {
      s.updateCounted.run({ campaignId: campaign.id, enterpriseId, ...next });
    }
  }
}

function sameAttribution(a: Attribution, b: Attribution) {
  return (
    a.kind === b.kind &&
    a.firstEventId === b.firstEventId &&
    a.level === b.level &&
    a.month === b.month &&
    a.occurredOn === b.occurredOn &&
    a.prefecture === b.prefecture &&
    a.industry === b.industry
  );
}

/** Whether the enterprise counts as new in the campaign (the API's `counted`). */
export function isCountedNew(db: Db, campaignId: string | null, enterpriseId: string): boolean {
  if (!campaignId) return false;
  return stmts(db).isCountedNew.get(campaignId, enterpriseId) !== undefined;
}

/**
 * The "current" campaign: the latest one that has started by today (China time), else the first.
 * The seed has one (sc-2020-2022), so before a second campaign exists this is always it.
 */
export function currentCampaignId(db: Db, now = new Date()): string | null {
  const today = todayInChina(now);
  const all = stmts(db).campaigns.all();
  const started = all.filter((c) => c.startsOn <= today).sort((a, b) => (a.startsOn === b.startsOn ? a.id.localeCompare(b.id) : b.startsOn.localeCompare(a.startsOn)));
  return started[0]?.id ?? [...all].sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0]?.id ?? null;
}
