import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { quotes } from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import { formatFen } from '~/domain/catalog-vocabulary';
import { marketplaceSide, type Principal } from '~/domain/access-policy';
import {
  effectiveQuoteStatus,
  quoteTransition,
  requestTransition,
  type RequestStatus,
} from '~/domain/marketplace-states';
import { newId } from '~/utils/ids';
import { writeHistory, type MarketplaceActor } from './marketplace-history.server';
import { createOrderInTx } from './order-create.server';
import { loadRequest, notifySide, setRequestStatus, type ModelRefusal } from './requests.server';

// 报价 (formats/marketplace-api.md, "Requests (询价) and quotes"): the provider quotes a price on a
// request; the SME accepts one (an order is made, the other open quotes are declined, the request
// is won) or declines it (declining the last open quote returns the request to replied).

export interface QuoteInput {
  priceFen: number;
  billing: 'month' | 'year' | 'once';
  terms: string;
  validUntil: string;
}

export function createQuote(
  db: Db,
  args: {
    requestId: string;
    viewer: Principal;
    actor: MarketplaceActor;
    input: QuoteInput;
    now: Date;
  },
): { ok: true; id: string; status: 'open' } | ModelRefusal {
  const r = loadRequest(db, args.requestId);
  if (!r || marketplaceSide(args.viewer, r) !== 'provider') return { ok: false, reason: 'not-found' };
  const move = requestTransition(r.status, 'quote');
  if (!move.ok) return { ok: false, reason: 'state', status: move.status };
  const id = newId();
  const at = args.now.toISOString();
  const { input } = args;
  db.transaction(() => {
    db.insert(quotes)
      .values({
        id,
        requestId: r.id,
        priceFen: input.priceFen,
        billing: input.billing,
        terms: input.terms,
        validUntil: input.validUntil,
        status: 'open',
        createdByUserId: args.actor.userId,
        createdByApiKeyId: args.actor.apiKeyId,
        createdAt: at,
      })
      .run();
    writeHistory(db, {
      subjectType: 'quote',
      subjectId: id,
      action: 'create',
      from: null,
      to: 'open',
      actor: args.actor,
      at,
      detail: { priceFen: input.priceFen, billing: input.billing, validUntil: input.validUntil },
    });
    setRequestStatus(db, r, move.to, args.actor, 'quote', at);
    notifySide(db, r, 'sme', 'quote.new', { price: formatFen(input.priceFen, 'zh-CN') });
  });
  return { ok: true, id, status: 'open' };
}

/** A quote with its request, if the viewer is the request's SME; null otherwise (404). */
function loadQuoteForSme(db: Db, quoteId: string, viewer: Principal) {
  const q = db
    .select({
      id: quotes.id,
      requestId: quotes.requestId,
      status: quotes.status,
      validUntil: quotes.validUntil,
      priceFen: quotes.priceFen,
      billing: quotes.billing,
    })
    .from(quotes)
    .where(eq(quotes.id, quoteId))
    .get();
  const r = q ? loadRequest(db, q.requestId) : null;
  if (!q || !r || marketplaceSide(viewer, r) !== 'sme') return null;
  return { q, r };
}

function otherOpenQuotes(db: Db, requestId: string, quoteId: string) {
  return db
    .select({ id: quotes.id, status: quotes.status, validUntil: quotes.validUntil })
    .from(quotes)
    .where(and(eq(quotes.requestId, requestId), eq(quotes.status, 'open'), ne(quotes.id, quoteId)))
    .all();
}

/** The SME accepts a quote: quote accepted, the other open ones declined, request won, order made. */
export function acceptQuote(
  db: Db,
  args: { quoteId: string; viewer: Principal; actor: MarketplaceActor; now: Date },
): { ok: true; orderId: string } | ModelRefusal {
  const found = loadQuoteForSme(db, args.quoteId, args.viewer);
  if (!found) return { ok: false, reason: 'not-found' };
  const { q, r } = found;
  const today = todayInChina(args.now);
  const accept = quoteTransition(q.status, q.validUntil, today, 'accept');
  if (!accept.ok) return { ok: false, reason: 'state', status: accept.status };
  const won = requestTransition(r.status, 'accept-quote');
  if (!won.ok) return { ok: false, reason: 'state', status: won.status };
  const at = args.now.toISOString();
  const orderId = db.transaction(() => {
    db.update(quotes).set({ status: 'accepted', decidedAt: at }).where(eq(quotes.id, q.id)).run();
    writeHistory(db, {
      subjectType: 'quote',
      subjectId: q.id,
      action: 'accept',
      from: 'open',
      to: 'accepted',
      actor: args.actor,
      at,
    });
    for (const other of otherOpenQuotes(db, r.id, q.id)) {
      if (!quoteTransition(other.status, other.validUntil, today, 'decline').ok) continue; // expired: stays so
      db.update(quotes)
        .set({ status: 'declined', declineReason: 'another-accepted', decidedAt: at })
        .where(eq(quotes.id, other.id))
        .run();
      writeHistory(db, {
        subjectType: 'quote',
        subjectId: other.id,
        action: 'another-accepted',
        from: 'open',
        to: 'declined',
        actor: args.actor,
        at,
      });
    }
    setRequestStatus(db, r, won.to, args.actor, 'accept-quote', at);
    const order = createOrderInTx(
      db,
      {
        enterpriseId: r.enterpriseId,
        offeringId: r.offeringId,
        offeringTitle: r.offeringTitle,
        providerId: r.providerId,
        planId: r.planId,
        quoteId: q.id,
        requestId: r.id,
        billing: q.billing,
        priceFen: q.priceFen,
        actor: args.actor,
        at,
      },
      // One notice for one event: quote.accepted tells the provider an order was made.
      { notifyProvider: false },
    );
    notifySide(db, r, 'provider', 'quote.accepted', { price: formatFen(q.priceFen, 'zh-CN') });
    return order.id;
  });
  return { ok: true, orderId };
}

/** The SME declines a quote; the last open one declined returns the request to replied. */
export function declineQuote(
  db: Db,
  args: {
    quoteId: string;
    viewer: Principal;
    actor: MarketplaceActor;
    reason?: string | null;
    now: Date;
  },
): { ok: true; id: string; status: 'declined'; requestStatus: RequestStatus } | ModelRefusal {
  const found = loadQuoteForSme(db, args.quoteId, args.viewer);
  if (!found) return { ok: false, reason: 'not-found' };
  const { q, r } = found;
  const today = todayInChina(args.now);
  const decline = quoteTransition(q.status, q.validUntil, today, 'decline');
  if (!decline.ok) return { ok: false, reason: 'state', status: decline.status };
  const at = args.now.toISOString();
  let requestStatus: RequestStatus = r.status;
  db.transaction(() => {
    db.update(quotes)
      .set({ status: 'declined', declineReason: args.reason || null, decidedAt: at })
      .where(eq(quotes.id, q.id))
      .run();
    writeHistory(db, {
      subjectType: 'quote',
      subjectId: q.id,
      action: 'decline',
      from: 'open',
      to: 'declined',
      actor: args.actor,
      at,
      detail: args.reason ? { reason: args.reason } : undefined,
    });
    // "Open" as the SME sees it: a quote past its validity no longer counts.
    const stillOpen = otherOpenQuotes(db, r.id, q.id).some(
      (o) => effectiveQuoteStatus(o.status, o.validUntil, today) === 'open',
    );
    if (!stillOpen) {
      const back = requestTransition(r.status, 'decline-last-quote');
      if (back.ok) {
        setRequestStatus(db, r, back.to, args.actor, 'decline-last-quote', at);
        requestStatus = back.to;
      }
    }
    notifySide(db, r, 'provider', 'quote.declined', { price: formatFen(q.priceFen, 'zh-CN') });
  });
  return { ok: true, id: q.id, status: 'declined', requestStatus };
}
