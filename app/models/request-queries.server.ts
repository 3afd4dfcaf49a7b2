import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  enterprises,
  offeringPlans,
  offerings,
  orders,
  quotes,
  requestMessages,
  serviceRequests,
  users,
} from '../../db/schema';
import { todayInChina } from '~/domain/adoption-dates';
import { marketplaceSide, type MarketplaceSide, type Principal } from '~/domain/access-policy';
import { effectiveQuoteStatus, type RequestStatus } from '~/domain/marketplace-states';
import { prefectureInScope } from './access-sql.server';
import { requestHistory } from './marketplace-history.server';
import { loadRequest } from './requests.server';

// Reading requests (formats/marketplace-api.md, "Requests (询价) and quotes"): the SME's list, the
// provider's lead inbox, an official's list, and one thread as the viewer may see it. Pages and
// the JSON API read the same rows; the API picks the contract's fields.

export const REQUESTS_PAGE_SIZE = 20;

// Unread for a side: something from the other side newer than the side last opened the thread.
// Timestamps are ISO strings written by the models, so text order is time order.
const unreadForProvider = sql<number>`exists (select 1 from ${requestMessages} m
  where m.request_id = ${serviceRequests.id} and m.from_side = 'sme'
  and m.created_at > coalesce(${serviceRequests.providerSeenAt}, ''))`;
const unreadForSme = sql<number>`(exists (select 1 from ${requestMessages} m
  where m.request_id = ${serviceRequests.id} and m.from_side = 'provider'
  and m.created_at > coalesce(${serviceRequests.smeSeenAt}, ''))
  or exists (select 1 from ${quotes} q where q.request_id = ${serviceRequests.id}
  and q.created_at > coalesce(${serviceRequests.smeSeenAt}, '')))`;

const summaryColumns = {
  id: serviceRequests.id,
  status: serviceRequests.status,
  offeringId: serviceRequests.offeringId,
  offeringTitleZh: offerings.titleZh,
  offeringTitleEn: offerings.titleEn,
  enterpriseName: enterprises.name,
  createdAt: serviceRequests.createdAt,
  lastMessageAt: serviceRequests.lastMessageAt,
};

function listWhere(
  db: Db,
  where: SQL | undefined,
  unread: SQL<number>,
  order: SQL[],
  opts: { page: number; pageSize: number },
) {
  const total =
    db
      .select({ n: count() })
      .from(serviceRequests)
      .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({ ...summaryColumns, unread })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .innerJoin(offerings, eq(offerings.id, serviceRequests.offeringId))
    .where(where)
    .orderBy(...order)
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .all()
    .map((r) => ({ ...r, unread: Boolean(r.unread) }));
  return { rows, total };
}

const statusIs = (status?: RequestStatus) => (status ? eq(serviceRequests.status, status) : undefined);

/** 我的询价: the enterprise's requests, the latest activity first. */
export function listSmeRequests(
  db: Db,
  opts: { enterpriseId: string; status?: RequestStatus; page: number; pageSize?: number },
) {
  const where = and(eq(serviceRequests.enterpriseId, opts.enterpriseId), statusIs(opts.status));
  return listWhere(db, where, unreadForSme, [desc(serviceRequests.lastMessageAt), desc(serviceRequests.id)], {
    page: opts.page,
    pageSize: opts.pageSize ?? REQUESTS_PAGE_SIZE,
  });
}

/** An official's read-only list: requests of enterprises in its scope (null = the province). */
export function listScopeRequests(
  db: Db,
  opts: { scopePrefecture: string | null; status?: RequestStatus; page: number; pageSize?: number },
) {
  const where = and(
    prefectureInScope(enterprises.prefecture, opts.scopePrefecture),
    statusIs(opts.status),
  );
  return listWhere(db, where, sql<number>`0`, [desc(serviceRequests.createdAt), desc(serviceRequests.id)], {
    page: opts.page,
    pageSize: opts.pageSize ?? REQUESTS_PAGE_SIZE,
  });
}

/**
 * The provider's lead inbox: unanswered requests (still 'new') first, the oldest first — the
 * longest wait is the most urgent, and the 30-day rule closes it — then the rest by latest activity.
 */
export function listLeads(
  db: Db,
  opts: { providerId: string; status?: RequestStatus; page: number; pageSize?: number; now: Date },
) {
  const where = and(eq(serviceRequests.providerId, opts.providerId), statusIs(opts.status));
  const result = listWhere(
    db,
    where,
    unreadForProvider,
    [
      sql`${serviceRequests.status} = 'new' desc`,
      sql`case when ${serviceRequests.status} = 'new' then ${serviceRequests.createdAt} end asc`,
      desc(serviceRequests.lastMessageAt),
      asc(serviceRequests.id),
    ],
    { page: opts.page, pageSize: opts.pageSize ?? REQUESTS_PAGE_SIZE },
  );
  const now = opts.now.getTime();
  return {
    total: result.total,
    rows: result.rows.map((r) => ({
      ...r,
      ageHours: Math.max(0, Math.floor((now - Date.parse(r.createdAt)) / 3_600_000)),
    })),
  };
}

/** The requests a viewer may see (GET /api/requests): the SME's own, a provider's leads, an official's scope; admins none. */
export function listRequestsFor(
  db: Db,
  viewer: Principal,
  opts: { status?: RequestStatus; page: number; pageSize: number; now: Date },
) {
  switch (viewer.role) {
    case 'sme':
      return viewer.enterpriseId
        ? listSmeRequests(db, { enterpriseId: viewer.enterpriseId, ...opts }).rows
        : [];
    case 'provider':
      return viewer.providerId ? listLeads(db, { providerId: viewer.providerId, ...opts }).rows : [];
    case 'official':
      return listScopeRequests(db, { scopePrefecture: viewer.scopePrefecture, ...opts }).rows;
    case 'admin':
      return [];
  }
}

/** Leads with an SME message the provider has not opened yet (the console nav's number). */
export function unreadLeadCount(db: Db, providerId: string, except?: string): number {
  return (
    db
      .select({ n: count() })
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.providerId, providerId),
          unreadForProvider,
          except ? ne(serviceRequests.id, except) : undefined,
        ),
      )
      .get()?.n ?? 0
  );
}

/** One thread as the viewer may see it, or null (not found for it: 404). */
export function getRequestThread(db: Db, id: string, viewer: Principal, now: Date) {
  const owners = loadRequest(db, id);
  const side: MarketplaceSide | null = owners ? marketplaceSide(viewer, owners) : null;
  if (!owners || !side) return null;
  const r = db
    .select({
      id: serviceRequests.id,
      status: serviceRequests.status,
      lostReason: serviceRequests.lostReason,
      offeringId: serviceRequests.offeringId,
      offeringTitleZh: offerings.titleZh,
      offeringTitleEn: offerings.titleEn,
      planId: serviceRequests.planId,
      planName: offeringPlans.name,
      budgetFen: serviceRequests.budgetFen,
      wantedBy: serviceRequests.wantedBy,
      contact: serviceRequests.contact,
      creatorEmail: users.email,
      createdAt: serviceRequests.createdAt,
      enterprise: {
        name: enterprises.name,
        prefecture: enterprises.prefecture,
        sizeClass: enterprises.sizeClass,
      },
    })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .innerJoin(offerings, eq(offerings.id, serviceRequests.offeringId))
    .leftJoin(offeringPlans, eq(offeringPlans.id, serviceRequests.planId))
    .leftJoin(users, eq(users.id, serviceRequests.createdByUserId))
    .where(eq(serviceRequests.id, id))
    .get()!;
  const messages = db
    .select({ from: requestMessages.from, body: requestMessages.body, at: requestMessages.createdAt })
    .from(requestMessages)
    .where(eq(requestMessages.requestId, id))
    .orderBy(asc(requestMessages.id))
    .all();
  const today = todayInChina(now);
  const quoteRows = db
    .select({
      id: quotes.id,
      status: quotes.status,
      priceFen: quotes.priceFen,
      billing: quotes.billing,
      terms: quotes.terms,
      validUntil: quotes.validUntil,
      declineReason: quotes.declineReason,
      createdAt: quotes.createdAt,
      decidedAt: quotes.decidedAt,
    })
    .from(quotes)
    .where(eq(quotes.requestId, id))
    .orderBy(asc(quotes.createdAt), asc(quotes.id))
    .all()
    // A quote past its validity reads as expired even before anything has written so.
    .map((q) => ({ ...q, status: effectiveQuoteStatus(q.status, q.validUntil, today) }));
  const order = db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.requestId, id))
    .orderBy(asc(orders.createdAt))
    .get();
  const { creatorEmail, ...request } = r;
  return {
    ...request,
    side,
    // The SME asked to be written to: only then does the provider see the address.
    contactEmail: request.contact === 'email' && side === 'provider' ? creatorEmail : null,
    messages,
    quotes: quoteRows,
    orderId: order?.id ?? null,
    history: requestHistory(
      db,
      id,
      quoteRows.map((q) => q.id),
    ),
  };
}
export type RequestThread = NonNullable<ReturnType<typeof getRequestThread>>;
