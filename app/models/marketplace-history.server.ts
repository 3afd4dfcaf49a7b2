import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { marketplaceHistory } from '../../db/schema';

// The history of requests and quotes (formats/marketplace-api.md: "Every state change is written
// in one transaction, with an entry in the history … (who, what, when)"). Written by the models
// inside the transaction of the change.

/** Who acts: a signed-in user, a provider's API key, or the system (the 30-day job). */
export interface MarketplaceActor {
  role: 'sme' | 'provider' | 'official' | 'system';
  userId: string | null;
  apiKeyId: string | null;
}

export const SYSTEM_ACTOR: MarketplaceActor = { role: 'system', userId: null, apiKeyId: null };

export interface HistoryEntry {
  subjectType: 'request' | 'quote' | 'order';
  subjectId: string;
  action: string;
  from: string | null;
  to: string | null;
  actor: MarketplaceActor;
  at: string;
  detail?: Record<string, unknown>;
}

export function writeHistory(db: Db, entry: HistoryEntry) {
  db.insert(marketplaceHistory)
    .values({
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      action: entry.action,
      fromStatus: entry.from,
      toStatus: entry.to,
      actorUserId: entry.actor.userId,
      actorApiKeyId: entry.actor.apiKeyId,
      actorRole: entry.actor.role,
      detail: entry.detail ?? null,
      createdAt: entry.at,
    })
    .run();
}

/** A request's history with its quotes' history, in the order it happened. */
export function requestHistory(db: Db, requestId: string, quoteIds: string[]) {
  const ofRequest = and(
    eq(marketplaceHistory.subjectType, 'request'),
    eq(marketplaceHistory.subjectId, requestId),
  );
  const ofQuotes = quoteIds.length
    ? and(eq(marketplaceHistory.subjectType, 'quote'), inArray(marketplaceHistory.subjectId, quoteIds))
    : undefined;
  return db
    .select({
      subject: marketplaceHistory.subjectType,
      subjectId: marketplaceHistory.subjectId,
      action: marketplaceHistory.action,
      from: marketplaceHistory.fromStatus,
      to: marketplaceHistory.toStatus,
      by: marketplaceHistory.actorRole,
      at: marketplaceHistory.createdAt,
    })
    .from(marketplaceHistory)
    .where(ofQuotes ? or(ofRequest, ofQuotes) : ofRequest)
    .orderBy(asc(marketplaceHistory.id))
    .all();
}
