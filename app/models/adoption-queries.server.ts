import { and, asc, count, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  adoptionEventActions,
  adoptionEventStates,
  adoptionEvents,
  enterprises,
  offerings,
  providers,
  users,
} from '../../db/schema';
import type { ActionKind, EventStatus } from '~/domain/adoption-counting';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import { prefectureInScope } from './access-sql.server';
import type { AdoptionSource } from './adoption-ledger.server';

// Read models of the ledger for the consoles: an enterprise's ledger with its history, the
// provider's reported deployments, the enterprise's deployments to confirm, the officials' queue.

export interface LedgerAction {
  kind: ActionKind;
  reason: string | null;
  actorName: string | null;
  /** 'api-key' when a system recorded it through an API key. */
  actorKind: 'user' | 'api-key' | null;
  at: string;
}

export interface EnterpriseLedgerEntry {
  id: string;
  seq: number;
  level: AdoptionLevel;
  occurredOn: string;
  source: AdoptionSource;
  status: EventStatus;
  providerName: string | null;
  providerUscc: string | null;
  offeringTitle: string | null;
  offeringExternalId: string | null;
  note: string | null;
  recordedAt: string;
  actions: LedgerAction[];
}

const eventColumns = {
  id: adoptionEvents.id,
  seq: adoptionEvents.seq,
  enterpriseId: adoptionEvents.enterpriseId,
  level: adoptionEvents.level,
  occurredOn: adoptionEvents.occurredAt,
  source: adoptionEvents.source,
  status: adoptionEventStates.status,
  providerName: providers.nameZh,
  providerUscc: adoptionEvents.providerUscc,
  offeringTitle: offerings.titleZh,
  offeringExternalId: adoptionEvents.offeringExternalId,
  note: adoptionEvents.note,
  recordedAt: adoptionEvents.createdAt,
};

function eventsQuery(db: Db) {
  return db
    .select(eventColumns)
    .from(adoptionEvents)
    .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
    .leftJoin(providers, eq(providers.id, adoptionEvents.providerId))
    .leftJoin(offerings, eq(offerings.id, adoptionEvents.offeringId));
}

function actionsFor(db: Db, eventIds: string[]): Map<string, LedgerAction[]> {
  const byEvent = new Map<string, LedgerAction[]>();
  if (!eventIds.length) return byEvent;
  const rows = db
    .select({
      eventId: adoptionEventActions.eventId,
      kind: adoptionEventActions.kind,
      reason: adoptionEventActions.reason,
      actorName: users.displayName,
      actorUserId: adoptionEventActions.actorUserId,
      apiKeyId: adoptionEventActions.apiKeyId,
      at: adoptionEventActions.createdAt,
    })
    .from(adoptionEventActions)
    .leftJoin(users, eq(users.id, adoptionEventActions.actorUserId))
    .where(inArray(adoptionEventActions.eventId, eventIds))
    .orderBy(asc(adoptionEventActions.seq))
    .all();
  for (const r of rows) {
    const list = byEvent.get(r.eventId) ?? [];
    list.push({
      kind: r.kind,
      reason: r.reason,
      actorName: r.actorName,
      actorKind: r.actorUserId ? 'user' : r.apiKeyId ? 'api-key' : null,
      at: r.at,
    });
    byEvent.set(r.eventId, list);
  }
  return byEvent;
}

/** One enterprise's events, oldest first, each with its verification / revocation history. */
export function listEnterpriseLedger(db: Db, enterpriseId: string): EnterpriseLedgerEntry[] {
  const events = eventsQuery(db)
    .where(eq(adoptionEvents.enterpriseId, enterpriseId))
    .orderBy(asc(adoptionEvents.occurredAt), asc(adoptionEvents.seq))
    .all();
  const actions = actionsFor(
    db,
    events.map((e) => e.id),
  );
  return events.map(({ enterpriseId: _e, ...e }) => ({ ...e, actions: actions.get(e.id) ?? [] }));
}

export const LEDGER_PAGE_SIZE = 20;

/** Deployments a provider reported (console or API), newest first. */
export function listProviderDeployments(db: Db, opts: { providerId: string; page: number }) {
  const where = eq(adoptionEvents.providerId, opts.providerId);
  const total = db.select({ n: count() }).from(adoptionEvents).where(where).get()?.n ?? 0;
  const rows = db
    .select({ ...eventColumns, enterpriseName: enterprises.name, enterpriseUscc: enterprises.uscc })
    .from(adoptionEvents)
    .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
    .innerJoin(enterprises, eq(enterprises.id, adoptionEvents.enterpriseId))
    .leftJoin(providers, eq(providers.id, adoptionEvents.providerId))
    .leftJoin(offerings, eq(offerings.id, adoptionEvents.offeringId))
    .where(where)
    .orderBy(desc(adoptionEvents.seq))
    .limit(LEDGER_PAGE_SIZE)
    .offset((opts.page - 1) * LEDGER_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: LEDGER_PAGE_SIZE };
}

export type QueueStatus = 'pending' | 'disputed';

/**
 * The officials' queue: pending or disputed events of enterprises in the official's scope
 * (null = the province), oldest first so nothing waits forever.
 */
export function listEventQueue(db: Db, opts: { scope: string | null; status: QueueStatus; page: number }) {
  // The second term repeats the partial index's condition so SQLite uses it (migration 0012).
  const conditions: (SQL | undefined)[] = [
    eq(adoptionEventStates.status, opts.status),
    ne(adoptionEventStates.status, 'verified'),
  ];
  conditions.push(prefectureInScope(enterprises.prefecture, opts.scope));
  const where = and(...conditions);
  const total =
    db
      .select({ n: count() })
      .from(adoptionEventStates)
      .innerJoin(enterprises, eq(enterprises.id, adoptionEventStates.enterpriseId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({
      ...eventColumns,
      enterpriseName: enterprises.name,
      enterpriseUscc: enterprises.uscc,
      prefecture: enterprises.prefecture,
    })
    .from(adoptionEventStates)
    .innerJoin(adoptionEvents, eq(adoptionEvents.id, adoptionEventStates.eventId))
    .innerJoin(enterprises, eq(enterprises.id, adoptionEventStates.enterpriseId))
    .leftJoin(providers, eq(providers.id, adoptionEvents.providerId))
    .leftJoin(offerings, eq(offerings.id, adoptionEvents.offeringId))
    .where(where)
    .orderBy(asc(adoptionEventStates.updatedAt), asc(adoptionEvents.seq))
    .limit(LEDGER_PAGE_SIZE)
    .offset((opts.page - 1) * LEDGER_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: LEDGER_PAGE_SIZE };
}

/** One event with its enterprise (for scope checks) and history, or null. */
export function getEventDetail(db: Db, eventId: string) {
  const event = db
    .select({
      ...eventColumns,
      enterpriseName: enterprises.name,
      enterpriseUscc: enterprises.uscc,
      prefecture: enterprises.prefecture,
      industry: enterprises.industry,
      enterpriseFraudFlaggedAt: enterprises.fraudFlaggedAt,
      ownerUserId: enterprises.ownerUserId,
      providerId: adoptionEvents.providerId,
    })
    .from(adoptionEvents)
    .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
    .innerJoin(enterprises, eq(enterprises.id, adoptionEvents.enterpriseId))
    .leftJoin(providers, eq(providers.id, adoptionEvents.providerId))
    .leftJoin(offerings, eq(offerings.id, adoptionEvents.offeringId))
    .where(eq(adoptionEvents.id, eventId))
    .get();
  if (!event) return null;
  return { ...event, actions: actionsFor(db, [event.id]).get(event.id) ?? [] };
}

export type EventDetail = NonNullable<ReturnType<typeof getEventDetail>>;

/** A provider's offerings to pick from when reporting a deployment (any status: it may be live under contract). */
export function listOfferingChoices(db: Db, providerId: string) {
  return db
    .select({
      id: offerings.id,
      titleZh: offerings.titleZh,
      titleEn: offerings.titleEn,
      level: offerings.level,
    })
    .from(offerings)
    .where(eq(offerings.providerId, providerId))
    .orderBy(asc(offerings.titleZh))
    .all();
}
