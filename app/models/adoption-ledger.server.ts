import type { Db } from '../../db/client.server';
import type { AdoptionSource, MoveRefusal } from '~/domain/adoption-admission';
import {
  attributeEnterprise,
  attributeWithNewEvent,
  currentCampaign,
  eventStatus,
  type ActionKind,
  type Attribution,
  type CountKind,
  type EventStatus,
  type LedgerEvent,
} from '~/domain/adoption-counting';
import { todayInChina } from '~/domain/adoption-dates';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import { classifyEnterpriseSize, sectorOfIndustry } from '~/domain/enterprise-size';
import { newId } from '~/utils/ids';
import { countedParams, ledgerSql, type EnterpriseRow } from './adoption-ledger-sql.server';
import { campaignsOf, count, inLedger } from './adoption-ledger-tx.server';

export { ledgerTransaction } from './adoption-ledger-tx.server';

export type { EnterpriseRow } from './adoption-ledger-sql.server';

// The ledger's low-level writes, shared by every way an event arrives (API, provider report,
// prefecture report, officials, payments). They run inside ledgerTransaction() (each opens one
// when its caller has none): the event, its actions, the status projection, the counted rows and
// the counter cells change together or not at all (docs/decisions/0003-adoption-ledger-and-counter.md).
//
// counter_cells is the roll-up of adoption_counted (adoption-ledger-tx.server.ts): an enterprise
// starting or stopping to count is summed and applied once per transaction, so a 100,000-row report
// touches each cell once instead of eleven upserts per row.

export type { AdoptionSource } from '~/domain/adoption-admission';

/**
 * The message of each refusal of the admission rule (app/domain/adoption-admission.ts), the same
 * wherever the ledger is written: API answers, report rows, console forms, order endpoints.
 */
const REFUSAL_MESSAGES = {
  'enterprise-flagged': 'adoption.errors.enterpriseFraud',
  'provider-flagged': 'adoption.errors.providerFraud',
  'not-pending': 'adoption.errors.notPending',
  'already-revoked': 'adoption.errors.alreadyRevoked',
} as const satisfies Record<MoveRefusal, string>;

export function refusalMessage<R extends MoveRefusal>(refusal: R): (typeof REFUSAL_MESSAGES)[R] {
  return REFUSAL_MESSAGES[refusal];
}

/**
 * Ids for ledger rows and the enterprises reports create: a millisecond timestamp (9 base-36
 * characters) before nanoid's 16 random ones. Still unguessable, but rows recorded together sort
 * together, so a 100,000-row report appends to the id indexes instead of splitting random pages
 * (measured: about half the insert cost on a 1,000,000-event ledger).
 */
export function ledgerId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + newId();
}

export function findEnterpriseByUscc(db: Db, uscc: string): EnterpriseRow | null {
  return ledgerSql(db).enterpriseByUscc.get(uscc) ?? null;
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
export function ensureEnterprise(
  db: Db,
  input: EnterpriseInput,
  now: string,
  /** The caller's findEnterpriseByUscc answer for this USCC in this transaction, if it has one. */
  known?: EnterpriseRow | null,
): EnterpriseRow & { created: boolean } {
  const sql = ledgerSql(db);
  const existing = known === undefined ? sql.enterpriseByUscc.get(input.uscc) : known;
  if (existing) {
    const employees = input.employees ?? existing.employees;
    const revenueWan = input.revenueWan ?? existing.revenueWan;
    if (employees === existing.employees && revenueWan === existing.revenueWan)
      return { ...existing, created: false };
    const sizeClass = classifyEnterpriseSize({
      sector: sectorOfIndustry(existing.industry),
      employees,
      revenueWan,
    });
    sql.updateEnterpriseSize.run(employees, revenueWan, sizeClass, now, existing.id);
    return { ...existing, employees, revenueWan, created: false };
  }
  const employees = input.employees ?? null;
  const revenueWan = input.revenueWan ?? null;
  const id = ledgerId();
  const sizeClass = classifyEnterpriseSize({
    sector: sectorOfIndustry(input.industry),
    employees,
    revenueWan,
  });
  sql.insertEnterprise.run(
    id,
    input.uscc,
    input.name,
    input.prefecture,
    input.industry,
    employees,
    revenueWan,
    sizeClass,
  );
  const { uscc, name, prefecture, industry } = input;
  return {
    id,
    uscc,
    name,
    prefecture,
    industry,
    employees,
    revenueWan,
    onCloud: 0,
    fraudFlaggedAt: null,
    created: true,
  };
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
  /**
   * Recorded with a verify action. The use cases take source and verified from the admission rule
   * (app/domain/adoption-admission.ts recordingOf / admissionOf); seeds and test fixtures set them.
   */
  verified: boolean;
  /**
   * The enterprise as ensureEnterprise returned it: a verified event is then counted incrementally
   * from the enterprise's counted rows alone (none to read when it was created in this transaction),
   * without reading its other events — the common case of API batches and bulk reports.
   */
  enterprise?: { prefecture: string; industry: string; onCloud: number; created: boolean };
}

export interface AppendedEvent {
  id: string;
  status: EventStatus;
  /**
   * How the enterprise counts afterwards, by campaign — known without another query when a
   * verified event was counted incrementally (NewEvent.enterprise); otherwise undefined.
   */
  countedAs?: ReadonlyMap<string, CountKind>;
}

/** Appends an event (and its verification when trusted), then recounts its enterprise. */
export function appendEvent(db: Db, e: NewEvent, now: string): AppendedEvent {
  return inLedger(db, () => appendEventNow(db, e, now));
}

function appendEventNow(db: Db, e: NewEvent, now: string): AppendedEvent {
  const sql = ledgerSql(db);
  const id = ledgerId();
  sql.insertEvent.run(
    id,
    e.enterpriseId,
    e.providerId ?? null,
    e.offeringId ?? null,
    e.offeringExternalId ?? null,
    e.providerUscc ?? null,
    e.level,
    e.occurredOn,
    e.source,
    e.note ?? null,
    e.apiKeyId ?? null,
    e.recordedByUserId ?? null,
    now,
  );
  const status: EventStatus = e.verified ? 'verified' : 'pending';
  if (e.verified)
    sql.insertAction.run(id, 'verify', e.recordedByUserId ?? null, e.apiKeyId ?? null, null, null, now);
  sql.insertState.run(id, e.enterpriseId, status, now);
  // A pending event cannot change how its enterprise counts: no recount (most provider reports).
  if (status !== 'verified') return { id, status };
  if (!e.enterprise) {
    recountNow(db, e.enterpriseId);
    return { id, status };
  }
  const event = { id, level: e.level, occurredOn: e.occurredOn };
  return { id, status, countedAs: countNewEvent(db, e.enterpriseId, e.enterprise, event) };
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
export function appendAction(
  db: Db,
  a: NewAction,
  now: string,
  opts: { recount?: boolean } = {},
): EventStatus {
  const sql = ledgerSql(db);
  const owner = sql.eventEnterprise.get(a.eventId);
  if (!owner) throw new Error(`no adoption event ${a.eventId}`);
  sql.insertAction.run(
    a.eventId,
    a.kind,
    a.actorUserId ?? null,
    a.apiKeyId ?? null,
    a.fraudCaseId ?? null,
    a.reason ?? null,
    now,
  );
  const status = eventStatus(sql.actionsOf.all(a.eventId).map((r) => r.kind));
  sql.updateState.run(status, now, a.eventId);
  if (opts.recount !== false) recountNow(db, owner.enterpriseId);
  return status;
}

/**
 * Re-applies the counting rule to one enterprise for every campaign and writes only what changed
 * in adoption_counted and (at the end of the ledger transaction) counter_cells.
 */
export function recountEnterprise(db: Db, enterpriseId: string) {
  inLedger(db, () => recountNow(db, enterpriseId));
}

/** recountEnterprise for one campaign only (building a new campaign's counts). */
export function recountEnterpriseIn(db: Db, enterpriseId: string, campaignId: string) {
  inLedger(db, () => recountNow(db, enterpriseId, campaignId));
}

function recountNow(db: Db, enterpriseId: string, onlyCampaignId?: string) {
  const sql = ledgerSql(db);
  const facts = sql.enterpriseFacts.get(enterpriseId);
  if (!facts) return;
  const enterprise = {
    prefecture: facts.prefecture,
    industry: facts.industry,
    onCloudBeforeCampaign: facts.onCloud === 1,
  };
  const events = sql.ledgerOf.all(enterpriseId);
  const existing = new Map(sql.countedOf.all(enterpriseId).map((row) => [row.campaignId, row]));
  for (const campaign of campaignsOf(db)) {
    if (onlyCampaignId !== undefined && campaign.id !== onlyCampaignId) continue;
    const next = attributeEnterprise(enterprise, events, campaign);
    const before = existing.get(campaign.id);
    if (!next) {
      if (before) {
        sql.deleteCounted.run(campaign.id, enterpriseId);
        count(db, campaign.id, before, -1);
      }
    } else if (!before) {
      sql.insertCounted.run(...countedParams(campaign.id, enterpriseId, next));
      count(db, campaign.id, next, 1);
    } else if (!sameAttribution(before, next)) {
      // The update trigger moves this row's cells.
      sql.updateCounted.run(...countedParams(campaign.id, enterpriseId, next));
    }
  }
}

/** recountEnterprise for one new verified event, by the incremental rule (attributeWithNewEvent). */
function countNewEvent(
  db: Db,
  enterpriseId: string,
  facts: { prefecture: string; industry: string; onCloud: number; created: boolean },
  event: Pick<LedgerEvent, 'id' | 'level' | 'occurredOn'>,
): Map<string, CountKind> {
  const sql = ledgerSql(db);
  const enterprise = {
    prefecture: facts.prefecture,
    industry: facts.industry,
    onCloudBeforeCampaign: facts.onCloud === 1,
  };
  const existing = facts.created
    ? null
    : new Map(sql.countedOf.all(enterpriseId).map((row) => [row.campaignId, row]));
  const countedAs = new Map<string, CountKind>();
  for (const campaign of campaignsOf(db)) {
    const before = existing?.get(campaign.id) ?? null;
    // A just-created enterprise has no other event: nothing to look up.
    const verifiedBefore = () =>
      !facts.created && sql.verifiedBefore.get(enterpriseId, campaign.startsOn) !== undefined;
    const next = attributeWithNewEvent(before, enterprise, event, campaign, verifiedBefore);
    const after = next ?? before;
    if (after) countedAs.set(campaign.id, after.kind);
    if (next === before || !next) continue;
    if (before) {
      // The update trigger moves this row's cells.
      sql.updateCounted.run(...countedParams(campaign.id, enterpriseId, next));
    } else {
      sql.insertCounted.run(...countedParams(campaign.id, enterpriseId, next));
      count(db, campaign.id, next, 1);
    }
  }
  return countedAs;
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

/** The campaigns that count the enterprise as new (the API's `countedIn`), in order of their start. */
export function campaignsCountingNew(db: Db, enterpriseId: string): string[] {
  return ledgerSql(db)
    .campaignsCountingNew.all(enterpriseId)
    .map((r) => r.campaignId);
}

/** The "current" campaign (currentCampaign in app/domain/adoption-counting.ts), by today in China. */
export function currentCampaignId(db: Db, now = new Date()): string | null {
  return currentCampaign(ledgerSql(db).campaigns.all(), todayInChina(now))?.id ?? null;
}

// The campaign `counted` refers to changes when a campaign starts or is created, not between two
// API requests: a few seconds' memory saves a query and a date computation per event. Creating or
// editing a campaign in this process forgets it at once (another process's edit: within 5 s).
const campaignMemo = new WeakMap<Db['$client'], { at: number; id: string | null }>();

export function currentCampaignIdRemembered(db: Db): string | null {
  const memo = campaignMemo.get(db.$client);
  if (memo && Date.now() - memo.at < 5000) return memo.id;
  const id = currentCampaignId(db);
  campaignMemo.set(db.$client, { at: Date.now(), id });
  return id;
}

export function forgetCurrentCampaign(db: Db) {
  campaignMemo.delete(db.$client);
}
