// A person's own data (issue 13; 个人信息保护法 Art. 45: the right to access and copy, and to have it
// transferred): everything Yunqiao holds about the signed-in account and the enterprise or provider
// it owns, as tables, and as the ZIP download (data.json + one CSV per table). Only the account's
// own rows are read: every query starts from its user id, or from the enterprise/provider it owns.
// Secrets are left out: no password hash, no API key hash; other people's ids and emails are not
// included (a message says whether it was yours, not who else wrote it).
import { and, asc, eq, or } from 'drizzle-orm';
import { strToU8, zip } from 'fflate';
import type { Db } from '../../db/client.server';
import {
  adoptionEvents,
  adoptionEventStates,
  apiKeys,
  auditLog,
  jobs,
  notifications,
  officialScopes,
  offerings,
  orders,
  quotes,
  requestMessages,
  reviews,
  serviceRequests,
  users,
  voucherClaims,
  voucherProgrammes,
} from '../../db/schema';
import { PRIVACY_NOTICE_VERSION } from '~/domain/privacy-notice';
import { toCsv, type CsvValue } from '~/charts/csv.server';
import { getEnterpriseByOwner } from './enterprises.server';
import { getProviderByOwner } from './providers.server';
import { listContactViewsOfEnterprise } from './contact-views.server';

/** The tables of an export, in the order the page and the ZIP list them. */
export const PERSONAL_DATA_TABLES = [
  'account',
  'sessions',
  'enterprise',
  'provider',
  'offerings',
  'requests',
  'messages',
  'quotes',
  'orders',
  'reviews',
  'notifications',
  'voucherClaims',
  'adoptionEvents',
  'apiKeys',
  'contactViews',
  'jobs',
  'activity',
] as const;
export type PersonalDataTable = (typeof PERSONAL_DATA_TABLES)[number];

type Value = string | number | boolean | null | unknown[] | Record<string, unknown>;
export type PersonalRow = Record<string, Value>;

export interface PersonalData {
  format: 'yunqiao-personal-data/1';
  exportedAt: string;
  /** The privacy notice in force when the export was made. */
  privacyNoticeVersion: string;
  /** Every table with its column names (kept even when it has no rows, so each CSV has a header). */
  tables: Record<PersonalDataTable, { columns: string[]; rows: PersonalRow[] }>;
}

/** A table whose columns are the keys of its select (so an empty table still has a header). */
function table<T extends Record<string, unknown>>(columns: T, rows: PersonalRow[]) {
  return { columns: Object.keys(columns), rows };
}

/** The sessions "table": sessions are signed cookies kept by the browser, so there is one row of facts. */
const SESSION_FACTS = { sessionVersion: 0, sessionStorage: '', sessionMaxAgeDays: 0, privacyNoticeVersion: '', privacyAcceptedAt: '' };

/**
 * What the account owns, and the conditions that pick its rows: the one place both the export
 * (collectPersonalData) and the page's counts (personal-data-counts.server.ts) take them from.
 */
export function personalDataOwners(db: Db, userId: string) {
  const enterprise = getEnterpriseByOwner(db, userId);
  const provider = getProviderByOwner(db, userId);
  const enterpriseId = enterprise?.id ?? null;
  const providerId = provider?.id ?? null;
  // The marketplace records of the organisation the account owns: as buyer (enterprise) or seller (provider).
  const requestOwner =
    enterpriseId !== null
      ? eq(serviceRequests.enterpriseId, enterpriseId)
      : providerId !== null
        ? eq(serviceRequests.providerId, providerId)
        : null;
  const orderOwner =
    enterpriseId !== null ? eq(orders.enterpriseId, enterpriseId) : providerId !== null ? eq(orders.providerId, providerId) : null;
  // Reviews are joined to their offering: a provider's are those of its offerings.
  const reviewOwner =
    enterpriseId !== null ? eq(reviews.enterpriseId, enterpriseId) : providerId !== null ? eq(offerings.providerId, providerId) : null;
  // What the account did, and what was done to it (a suspension).
  const activity = or(eq(auditLog.actorUserId, userId), and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)))!;
  return { enterprise, provider, enterpriseId, providerId, requestOwner, orderOwner, reviewOwner, activity };
}

/** Everything about the account `userId` (which must exist). */
export function collectPersonalData(db: Db, userId: string, now = new Date()): PersonalData {
  const accountColumns = {
    id: users.id,
    email: users.email,
    displayName: users.displayName,
    role: users.role,
    locale: users.locale,
    status: users.status,
    mustChangePassword: users.mustChangePassword,
    officialScope: officialScopes.prefecture,
    createdAt: users.createdAt,
    updatedAt: users.updatedAt,
  };
  const account = db
    .select({ ...accountColumns, sessionVersion: users.sessionVersion, privacyNoticeVersion: users.privacyNoticeVersion, privacyAcceptedAt: users.privacyAcceptedAt })
    .from(users)
    .leftJoin(officialScopes, eq(officialScopes.userId, users.id))
    .where(eq(users.id, userId))
    .get();
  if (!account) throw new Error(`no user ${userId}`);
  const { sessionVersion, privacyNoticeVersion, privacyAcceptedAt, ...accountRow } = account;
  const { enterprise, provider, enterpriseId, providerId, requestOwner, orderOwner, reviewOwner, activity } =
    personalDataOwners(db, userId);

  const offeringColumns = {
    id: offerings.id,
    externalId: offerings.externalId,
    titleZh: offerings.titleZh,
    titleEn: offerings.titleEn,
    level: offerings.level,
    status: offerings.status,
    submittedAt: offerings.submittedAt,
    publishedAt: offerings.publishedAt,
    createdAt: offerings.createdAt,
  };
  const requestColumns = {
    id: serviceRequests.id,
    offeringId: serviceRequests.offeringId,
    offeringTitle: offerings.titleZh,
    status: serviceRequests.status,
    lostReason: serviceRequests.lostReason,
    needs: serviceRequests.needs,
    budgetFen: serviceRequests.budgetFen,
    wantedBy: serviceRequests.wantedBy,
    contact: serviceRequests.contact,
    createdAt: serviceRequests.createdAt,
    updatedAt: serviceRequests.updatedAt,
  };
  const messageColumns = {
    id: requestMessages.id,
    requestId: requestMessages.requestId,
    from: requestMessages.from,
    byYou: requestMessages.authorUserId,
    body: requestMessages.body,
    createdAt: requestMessages.createdAt,
  };
  const quoteColumns = {
    id: quotes.id,
    requestId: quotes.requestId,
    priceFen: quotes.priceFen,
    billing: quotes.billing,
    terms: quotes.terms,
    validUntil: quotes.validUntil,
    status: quotes.status,
    declineReason: quotes.declineReason,
    createdAt: quotes.createdAt,
    decidedAt: quotes.decidedAt,
  };
  const orderColumns = {
    id: orders.id,
    offeringId: orders.offeringId,
    offeringTitle: offerings.titleZh,
    billing: orders.billing,
    amountFen: orders.amountFen,
    subsidyFen: orders.subsidyFen,
    payableFen: orders.payableFen,
    paymentMethod: orders.paymentMethod,
    paymentReference: orders.paymentReference,
    transferReference: orders.transferReference,
    refundReference: orders.refundReference,
    status: orders.status,
    disputeReason: orders.disputeReason,
    createdAt: orders.createdAt,
    updatedAt: orders.updatedAt,
  };
  const reviewColumns = {
    id: reviews.id,
    orderId: reviews.orderId,
    offeringId: reviews.offeringId,
    stars: reviews.stars,
    body: reviews.body,
    providerAnswer: reviews.providerAnswer,
    answeredAt: reviews.answeredAt,
    hiddenAt: reviews.hiddenAt,
    hiddenReason: reviews.hiddenReason,
    createdAt: reviews.createdAt,
  };
  const notificationColumns = {
    id: notifications.id,
    kind: notifications.kind,
    params: notifications.params,
    link: notifications.link,
    readAt: notifications.readAt,
    createdAt: notifications.createdAt,
  };
  const claimColumns = {
    id: voucherClaims.id,
    programmeId: voucherClaims.programmeId,
    programmeName: voucherProgrammes.name,
    orderId: voucherClaims.orderId,
    amountFen: voucherClaims.amountFen,
    status: voucherClaims.status,
    releaseReason: voucherClaims.releaseReason,
    confirmBy: voucherClaims.confirmBy,
    committedAt: voucherClaims.committedAt,
    paidOutAt: voucherClaims.paidOutAt,
    releasedAt: voucherClaims.releasedAt,
  };
  const eventColumns = {
    id: adoptionEvents.id,
    level: adoptionEvents.level,
    occurredAt: adoptionEvents.occurredAt,
    source: adoptionEvents.source,
    status: adoptionEventStates.status,
    offeringExternalId: adoptionEvents.offeringExternalId,
    providerUscc: adoptionEvents.providerUscc,
    createdAt: adoptionEvents.createdAt,
  };
  const keyColumns = {
    id: apiKeys.id,
    name: apiKeys.name,
    displayPrefix: apiKeys.displayPrefix,
    createdAt: apiKeys.createdAt,
    lastUsedAt: apiKeys.lastUsedAt,
    revokedAt: apiKeys.revokedAt,
  };
  const jobColumns = {
    id: jobs.id,
    kind: jobs.kind,
    status: jobs.status,
    params: jobs.params,
    error: jobs.error,
    createdAt: jobs.createdAt,
    finishedAt: jobs.finishedAt,
  };
  const activityColumns = {
    id: auditLog.id,
    yourPart: auditLog.actorUserId,
    action: auditLog.action,
    targetType: auditLog.targetType,
    targetId: auditLog.targetId,
    reason: auditLog.reason,
    createdAt: auditLog.createdAt,
  };
  const contactViewColumns = { viewedAt: '', context: '', viewerScope: '', viewerKnown: false };

  const requestRows = requestOwner
    ? db
        .select(requestColumns)
        .from(serviceRequests)
        .innerJoin(offerings, eq(offerings.id, serviceRequests.offeringId))
        .where(requestOwner)
        .orderBy(asc(serviceRequests.createdAt), asc(serviceRequests.id))
        .all()
    : [];
  const messageRows = requestOwner
    ? db
        .select(messageColumns)
        .from(requestMessages)
        .innerJoin(serviceRequests, eq(serviceRequests.id, requestMessages.requestId))
        .where(requestOwner)
        .orderBy(asc(requestMessages.id))
        .all()
        // Whether the account wrote it, not who else did (another person's id is theirs).
        .map((m) => ({ ...m, byYou: m.byYou === userId }))
    : [];
  const quoteRows = requestOwner
    ? db
        .select(quoteColumns)
        .from(quotes)
        .innerJoin(serviceRequests, eq(serviceRequests.id, quotes.requestId))
        .where(requestOwner)
        .orderBy(asc(quotes.createdAt), asc(quotes.id))
        .all()
    : [];
  const orderRows = orderOwner
    ? db
        .select(orderColumns)
        .from(orders)
        .innerJoin(offerings, eq(offerings.id, orders.offeringId))
        .where(orderOwner)
        .orderBy(asc(orders.createdAt), asc(orders.id))
        .all()
    : [];
  const reviewRows = reviewOwner
    ? db
        .select(reviewColumns)
        .from(reviews)
        .innerJoin(offerings, eq(offerings.id, reviews.offeringId))
        .where(reviewOwner)
        .orderBy(asc(reviews.createdAt), asc(reviews.id))
        .all()
    : [];

  return {
    format: 'yunqiao-personal-data/1',
    exportedAt: now.toISOString(),
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    tables: {
      account: table(accountColumns, [accountRow]),
      sessions: table(SESSION_FACTS, [
        {
          sessionVersion,
          // Nothing about a session is stored on the server: the browser holds a signed cookie
          // naming the account and this version (app/utils/session.server.ts).
          sessionStorage: 'signed-cookie',
          sessionMaxAgeDays: 7,
          privacyNoticeVersion,
          privacyAcceptedAt,
        },
      ]),
      enterprise: table(enterprise ?? { id: '' }, enterprise ? [enterprise] : []),
      provider: table(provider ?? { id: '' }, provider ? [provider] : []),
      offerings: table(
        offeringColumns,
        providerId === null
          ? []
          : db.select(offeringColumns).from(offerings).where(eq(offerings.providerId, providerId)).orderBy(asc(offerings.createdAt), asc(offerings.id)).all(),
      ),
      requests: table(requestColumns, requestRows),
      messages: table(messageColumns, messageRows),
      quotes: table(quoteColumns, quoteRows),
      orders: table(orderColumns, orderRows),
      reviews: table(reviewColumns, reviewRows),
      notifications: table(
        notificationColumns,
        db.select(notificationColumns).from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id)).all(),
      ),
      voucherClaims: table(
        claimColumns,
        enterpriseId === null
          ? []
          : db
              .select(claimColumns)
              .from(voucherClaims)
              .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherClaims.programmeId))
              .where(eq(voucherClaims.enterpriseId, enterpriseId))
              .orderBy(asc(voucherClaims.committedAt), asc(voucherClaims.id))
              .all(),
      ),
      adoptionEvents: table(
        eventColumns,
        enterpriseId === null
          ? []
          : db
              .select(eventColumns)
              .from(adoptionEvents)
              .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
              .where(eq(adoptionEvents.enterpriseId, enterpriseId))
              .orderBy(asc(adoptionEvents.seq))
              .all(),
      ),
      apiKeys: table(
        keyColumns,
        providerId === null
          ? []
          : db.select(keyColumns).from(apiKeys).where(eq(apiKeys.providerId, providerId)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).all(),
      ),
      contactViews: table(contactViewColumns, enterpriseId === null ? [] : listContactViewsOfEnterprise(db, enterpriseId)),
      jobs: table(jobColumns, db.select(jobColumns).from(jobs).where(eq(jobs.createdByUserId, userId)).orderBy(asc(jobs.createdAt), asc(jobs.id)).all()),
      // What the account did, and what was done to it (a suspension) — without the other actor.
      activity: table(
        activityColumns,
        db
          .select(activityColumns)
          .from(auditLog)
          .where(activity)
          .orderBy(asc(auditLog.id))
          .all()
          .map((a) => ({ ...a, yourPart: a.yourPart === userId ? 'actor' : 'subject' })),
      ),
    },
  };
}

function csvCell(value: Value | undefined): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/**
 * The download: data.json (everything, as the tables' rows) and one CSV per table (UTF-8 with BOM,
 * formula-looking text neutralised by toCsv: the person's own words may start with '='). Zipped
 * with fflate's asynchronous zip: files from 160 kB up (a busy account's data.json, messages,
 * activity) are deflated on worker threads, so the server answers other requests meanwhile.
 */
export async function personalDataArchive(data: PersonalData): Promise<Uint8Array> {
  const json = {
    format: data.format,
    exportedAt: data.exportedAt,
    privacyNoticeVersion: data.privacyNoticeVersion,
    ...Object.fromEntries(PERSONAL_DATA_TABLES.map((name) => [name, data.tables[name].rows])),
  };
  const files: Record<string, Uint8Array> = { 'data.json': strToU8(JSON.stringify(json, null, 2)) };
  for (const name of PERSONAL_DATA_TABLES) {
    const { columns, rows } = data.tables[name];
    files[`${name}.csv`] = strToU8(toCsv(columns, rows.map((row) => columns.map((c) => csvCell(row[c])))));
  }
  return new Promise((resolve, reject) =>
    zip(files, { level: 6 }, (error, archive) => (error ? reject(error) : resolve(archive))),
  );
}

/** Which notice version the account accepted, and when (both null: none yet). */
export function privacyAcceptance(db: Db, userId: string): { version: string | null; at: string | null } | null {
  return (
    db
      .select({ version: users.privacyNoticeVersion, at: users.privacyAcceptedAt })
      .from(users)
      .where(eq(users.id, userId))
      .get() ?? null
  );
}

/**
 * Records that the account accepted the notice `version` — only the one in force: a page read
 * before the notice changed must not accept the new one unseen.
 */
export function acceptPrivacyNotice(db: Db, input: { userId: string; version: string; now?: Date }): { ok: true } | { ok: false; reason: 'outdated' } {
  if (input.version !== PRIVACY_NOTICE_VERSION) return { ok: false, reason: 'outdated' };
  db.update(users)
    .set({ privacyNoticeVersion: input.version, privacyAcceptedAt: (input.now ?? new Date()).toISOString() })
    .where(eq(users.id, input.userId))
    .run();
  return { ok: true };
}
