import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, providers, quotes, requestMessages, serviceRequests } from '../../db/schema';
import { marketplaceSide, maySideWrite, type Principal } from '~/domain/access-policy';
import {
  isUnansweredTooLong,
  quoteTransition,
  requestTransition,
  type RequestStatus,
} from '~/domain/marketplace-states';
import { todayInChina } from '~/domain/adoption-dates';
import { newId } from '~/utils/ids';
import { getPublishedOffering } from './catalog.server';
import { SYSTEM_ACTOR, writeHistory, type MarketplaceActor } from './marketplace-history.server';
import { notify } from './notifications.server';

// 询价 (formats/marketplace-api.md, "Requests (询价) and quotes"): an SME asks a provider about one
// of its offerings, the two write messages, the SME withdraws or the 30-day job closes it. Each
// use case is one transaction holding the new status, its history entry and the notices it sends.
// better-sqlite3 has one connection: statements on `db` inside db.transaction() belong to it
// (notify() takes the Db).

export type ModelRefusal =
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'state'; status: string }
  | { ok: false; reason: 'invalid'; path: string; code: string; messageKey: string };

export interface RequestInput {
  offeringId: string;
  planId?: string | null;
  message: string;
  budgetFen?: number | null;
  wantedBy?: string | null;
  contact: 'phone' | 'email' | 'in-app';
}

/** A request with who owns it (for the access rule) and whom to notify. */
export function loadRequest(db: Db, id: string) {
  return (
    db
      .select({
        id: serviceRequests.id,
        status: serviceRequests.status,
        enterpriseId: serviceRequests.enterpriseId,
        providerId: serviceRequests.providerId,
        offeringId: serviceRequests.offeringId,
        planId: serviceRequests.planId,
        firstReplyAt: serviceRequests.firstReplyAt,
        createdAt: serviceRequests.createdAt,
        prefecture: enterprises.prefecture,
        enterpriseName: enterprises.name,
        smeUserId: enterprises.ownerUserId,
        providerUserId: providers.ownerUserId,
        offeringTitle: offerings.titleZh,
      })
      .from(serviceRequests)
      .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
      .innerJoin(providers, eq(providers.id, serviceRequests.providerId))
      .innerJoin(offerings, eq(offerings.id, serviceRequests.offeringId))
      .where(eq(serviceRequests.id, id))
      .get() ?? null
  );
}
export type LoadedRequest = NonNullable<ReturnType<typeof loadRequest>>;

export const smeLink = (id: string) => `/enterprise/requests/${id}`;
export const providerLink = (id: string) => `/provider/leads/${id}`;

/** Tells the other side of a request; an enterprise or provider without an owner account has no one to tell. */
export function notifySide(
  db: Db,
  r: LoadedRequest,
  to: 'sme' | 'provider',
  kind: string,
  params: Record<string, string | number> = {},
) {
  const userId = to === 'sme' ? r.smeUserId : r.providerUserId;
  if (!userId) return;
  notify(db, {
    userId,
    kind,
    params: { offering: r.offeringTitle, enterprise: r.enterpriseName, ...params },
    link: to === 'sme' ? smeLink(r.id) : providerLink(r.id),
  });
}

/** Writes a request's new status and, when it changed, its history entry. Inside the use case's transaction. */
export function setRequestStatus(
  db: Db,
  r: Pick<LoadedRequest, 'id' | 'status'>,
  to: RequestStatus,
  actor: MarketplaceActor,
  action: string,
  at: string,
  extra: Partial<typeof serviceRequests.$inferInsert> = {},
) {
  db.update(serviceRequests)
    .set({ status: to, updatedAt: at, ...extra })
    .where(eq(serviceRequests.id, r.id))
    .run();
  if (to !== r.status)
    writeHistory(db, { subjectType: 'request', subjectId: r.id, action, from: r.status, to, actor, at });
}

/** POST /api/requests and the offering page's form. The caller has checked the SME owns `enterpriseId`. */
export function createRequest(
  db: Db,
  args: { enterpriseId: string; actor: MarketplaceActor; input: RequestInput; now: Date },
): { ok: true; id: string; status: 'new' } | ModelRefusal {
  const { input } = args;
  // Only an offering the public may see can be asked about (published, provider approved and
  // unflagged): the same rule as the catalog page, so a hidden offering answers like a missing one.
  const offering = getPublishedOffering(db, input.offeringId);
  if (!offering) return { ok: false, reason: 'not-found' };
  if (input.planId && !offering.plans.some((p) => p.id === input.planId))
    return {
      ok: false,
      reason: 'invalid',
      path: 'planId',
      code: 'invalid_value',
      messageKey: 'requests.errors.planNotOfOffering',
    };
  const id = newId();
  const at = args.now.toISOString();
  db.transaction(() => {
    db.insert(serviceRequests)
      .values({
        id,
        enterpriseId: args.enterpriseId,
        offeringId: offering.id,
        providerId: offering.provider.id,
        planId: input.planId ?? null,
        createdByUserId: args.actor.userId,
        status: 'new',
        needs: input.message,
        budgetFen: input.budgetFen ?? null,
        wantedBy: input.wantedBy ?? null,
        contact: input.contact,
        lastMessageAt: at,
        // The SME wrote it: nothing in it is news to them.
        smeSeenAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    // The needs are also the thread's first message, so both sides read one conversation.
    db.insert(requestMessages)
      .values({
        requestId: id,
        from: 'sme',
        authorUserId: args.actor.userId,
        body: input.message,
        createdAt: at,
      })
      .run();
    writeHistory(db, {
      subjectType: 'request',
      subjectId: id,
      action: 'create',
      from: null,
      to: 'new',
      actor: args.actor,
      at,
    });
    notifySide(db, loadRequest(db, id)!, 'provider', 'request.new');
  });
  return { ok: true, id, status: 'new' };
}

/** A message from either party. The first provider message moves new → replied. */
export function postMessage(
  db: Db,
  args: { requestId: string; viewer: Principal; actor: MarketplaceActor; body: string; now: Date },
):
  | { ok: true; message: { from: 'sme' | 'provider'; body: string; at: string }; status: RequestStatus }
  | ModelRefusal {
  const r = loadRequest(db, args.requestId);
  const side = r ? marketplaceSide(args.viewer, r) : null;
  // Officials in scope read the thread; only its two parties write in it.
  if (!r || !maySideWrite(side)) return { ok: false, reason: 'not-found' };
  const action = side === 'provider' ? 'provider-message' : 'sme-message';
  const move = requestTransition(r.status, action);
  if (!move.ok) return { ok: false, reason: 'state', status: move.status };
  const at = args.now.toISOString();
  db.transaction(() => {
    db.insert(requestMessages)
      .values({
        requestId: r.id,
        from: side,
        authorUserId: args.actor.userId,
        authorApiKeyId: args.actor.apiKeyId,
        body: args.body,
        createdAt: at,
      })
      .run();
    setRequestStatus(db, r, move.to, args.actor, action, at, {
      lastMessageAt: at,
      // The writer has read the thread up to their own message.
      ...(side === 'provider'
        ? { providerSeenAt: at, firstReplyAt: r.firstReplyAt ?? at }
        : { smeSeenAt: at }),
    });
    notifySide(db, r, side === 'provider' ? 'sme' : 'provider', 'request.message');
  });
  return { ok: true, message: { from: side, body: args.body, at }, status: move.to };
}

/** The SME withdraws its request: it is lost, and quotes still open can no longer be accepted. */
export function withdrawRequest(
  db: Db,
  args: { requestId: string; viewer: Principal; actor: MarketplaceActor; now: Date },
): { ok: true; status: RequestStatus } | ModelRefusal {
  const r = loadRequest(db, args.requestId);
  if (!r || marketplaceSide(args.viewer, r) !== 'sme') return { ok: false, reason: 'not-found' };
  const move = requestTransition(r.status, 'withdraw');
  if (!move.ok) return { ok: false, reason: 'state', status: move.status };
  const at = args.now.toISOString();
  const today = todayInChina(args.now);
  db.transaction(() => {
    setRequestStatus(db, r, move.to, args.actor, 'withdraw', at, { lostReason: 'withdrawn' });
    const open = db
      .select({ id: quotes.id, status: quotes.status, validUntil: quotes.validUntil })
      .from(quotes)
      .where(and(eq(quotes.requestId, r.id), eq(quotes.status, 'open')))
      .all();
    for (const q of open) {
      const decline = quoteTransition(q.status, q.validUntil, today, 'decline');
      if (!decline.ok) continue; // already past its validity: it reads as expired anyway
      db.update(quotes)
        .set({ status: 'declined', declineReason: 'withdrawn', decidedAt: at })
        .where(eq(quotes.id, q.id))
        .run();
      writeHistory(db, {
        subjectType: 'quote',
        subjectId: q.id,
        action: 'withdraw',
        from: 'open',
        to: 'declined',
        actor: args.actor,
        at,
      });
    }
  });
  return { ok: true, status: move.to };
}

/** Opening a thread marks it read for that side (officials read without marking). */
export function markSeen(db: Db, requestId: string, side: 'sme' | 'provider', now: Date) {
  const at = now.toISOString();
  db.update(serviceRequests)
    .set(side === 'sme' ? { smeSeenAt: at } : { providerSeenAt: at })
    .where(eq(serviceRequests.id, requestId))
    .run();
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The 30-day rule: a request with no provider message 30 days after creation is lost (reason
 * no-reply), written by 'system', and its SME is told. Run by the periodic jobs runner; returns how
 * many requests it closed. SQL finds the candidates by the cutoff; isUnansweredTooLong (the rule)
 * decides each, and the status is read again inside its transaction in case a reply just came.
 */
export function loseUnansweredRequests(db: Db, now: Date): number {
  const cutoff = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const candidates = db
    .select({ id: serviceRequests.id, createdAt: serviceRequests.createdAt })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.status, 'new'), lte(serviceRequests.createdAt, cutoff)))
    .all();
  const at = now.toISOString();
  let lost = 0;
  for (const c of candidates) {
    if (!isUnansweredTooLong(c.createdAt, now)) continue;
    db.transaction(() => {
      const r = loadRequest(db, c.id);
      const move = r ? requestTransition(r.status, 'no-reply-30-days') : null;
      if (!r || !move?.ok) return;
      setRequestStatus(db, r, move.to, SYSTEM_ACTOR, 'no-reply-30-days', at, { lostReason: 'no-reply' });
      notifySide(db, r, 'sme', 'request.lost');
      lost += 1;
    });
  }
  return lost;
}
