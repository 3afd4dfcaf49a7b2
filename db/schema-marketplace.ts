/**
 * The marketplace path (formats/marketplace-api.md): requests (询价) with their messages, quotes,
 * orders paid by bank transfer (对公转账), their history, in-app notifications and the mail
 * outbox. Re-exported by db/schema.ts (drizzle-kit reads that file). Conventions as there: text
 * ids that cannot be guessed, money in integer fen, dates YYYY-MM-DD (China time), timestamps ISO.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ORDER_STATUSES, QUOTE_STATUSES, REQUEST_STATUSES } from '../app/domain/marketplace-states';
import { enterprises, offeringPlans, offerings, providers, users, adoptionEvents, apiKeys } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);

export const REQUEST_STATUS_VALUES = REQUEST_STATUSES;
export const CONTACT_VALUES = ['phone', 'email', 'in-app'] as const;

/** 询价: an SME asks a provider about one of its offerings. */
export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    /** The offering's provider, kept on the row: the lead inbox is an index range. */
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    planId: text('plan_id').references(() => offeringPlans.id, { onDelete: 'set null' }),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: REQUEST_STATUS_VALUES }).notNull().default('new'),
    /** Why it was lost: withdrawn by the SME, or no provider message within 30 days. */
    lostReason: text('lost_reason', { enum: ['withdrawn', 'no-reply'] }),
    /** The SME's needs as first written (also its first message). */
    needs: text('needs').notNull(),
    budgetFen: integer('budget_fen'),
    wantedBy: text('wanted_by'),
    contact: text('contact', { enum: CONTACT_VALUES }).notNull(),
    firstReplyAt: text('first_reply_at'),
    lastMessageAt: text('last_message_at').notNull(),
    /** When each side last opened the thread: newer messages from the other side are unread. */
    smeSeenAt: text('sme_seen_at'),
    providerSeenAt: text('provider_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_requests_provider_idx').on(t.providerId, t.status, t.createdAt),
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.createdAt),
  ],
);

export const requestMessages = sqliteTable(
  'request_messages',
  {
    id: integer('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    from: text('from_side', { enum: ['sme', 'provider'] }).notNull(),
    authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorApiKeyId: text('author_api_key_id').references(() => apiKeys.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_messages_request_idx').on(t.requestId, t.id)],
);

export const QUOTE_STATUS_VALUES = QUOTE_STATUSES;
export const QUOTE_BILLING_VALUES = ['month', 'year', 'once'] as const;

/** 报价: the provider's price for a request. */
export const quotes = sqliteTable(
  'quotes',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    priceFen: integer('price_fen').notNull(),
    billing: text('billing', { enum: QUOTE_BILLING_VALUES }).notNull(),
    terms: text('terms').notNull().default(''),
    /** YYYY-MM-DD, China time, inclusive. */
    validUntil: text('valid_until').notNull(),
    status: text('status', { enum: QUOTE_STATUS_VALUES }).notNull().default('open'),
    declineReason: text('decline_reason'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdByApiKeyId: text('created_by_api_key_id').references(() => apiKeys.id),
    createdAt: createdAt(),
    decidedAt: text('decided_at'),
  },
  (t) => [index('quotes_request_idx').on(t.requestId, t.createdAt)],
);

export const ORDER_STATUS_VALUES = ORDER_STATUSES;
export const PAYMENT_METHOD_VALUES = ['bank_transfer', 'stripe'] as const;

/** 订单: one billing period of a priced plan or an accepted quote. */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    planId: text('plan_id').references(() => offeringPlans.id, { onDelete: 'set null' }),
    quoteId: text('quote_id').references(() => quotes.id),
    requestId: text('request_id').references(() => serviceRequests.id),
    billing: text('billing', { enum: QUOTE_BILLING_VALUES }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** 上云券 (vouchers, a later issue): 0 until then; payable = amount − subsidy. */
    subsidyFen: integer('subsidy_fen').notNull().default(0),
    payableFen: integer('payable_fen').notNull(),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHOD_VALUES }).notNull().default('bank_transfer'),
    /** What the SME writes on its transfer (附言), so the provider can match it. */
    paymentReference: text('payment_reference').notNull(),
    /** The provider's receiving account, copied when the order is made (a later edit does not change it). */
    accountName: text('account_name'),
    bankName: text('bank_name'),
    accountNo: text('account_no'),
    /** The provider's record of the transfer it received, and of a refund it sent. */
    transferReference: text('transfer_reference'),
    refundReference: text('refund_reference'),
    status: text('status', { enum: ORDER_STATUS_VALUES }).notNull().default('pending_payment'),
    adoptionEventId: text('adoption_event_id').references(() => adoptionEvents.id),
    disputeReason: text('dispute_reason'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_enterprise_idx').on(t.enterpriseId, t.createdAt),
    index('orders_provider_idx').on(t.providerId, t.status, t.createdAt),
    index('orders_event_idx')
      .on(t.adoptionEventId)
      .where(sql`${t.adoptionEventId} is not null`),
    index('orders_disputed_idx')
      .on(t.status)
      .where(sql`${t.status} = 'disputed'`),
  ],
);

/** Every state change of a request, quote or order: who, what, when (marketplace-api.md). */
export const marketplaceHistory = sqliteTable(
  'marketplace_history',
  {
    id: integer('id').primaryKey(),
    subjectType: text('subject_type', { enum: ['request', 'quote', 'order'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorApiKeyId: text('actor_api_key_id').references(() => apiKeys.id),
    /** 'sme' | 'provider' | 'official' | 'system' (the 30-day job). */
    actorRole: text('actor_role').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('marketplace_history_subject_idx').on(t.subjectType, t.subjectId, t.id)],
);

/**
 * Idempotency-Key answers for marketplace writes, scoped to the caller ('user:ID' or 'key:ID'),
 * the method and the path (the adoption API keeps its own table, keyed by API key).
 */
export const idempotencyRecords = sqliteTable(
  'idempotency_records',
  {
    caller: text('caller').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.method, t.path, t.idempotencyKey] })],
);

/** In-app notifications (the bell): text is rendered from `kind` + `params` in the reader's language. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
    /** A path inside Yunqiao, e.g. /enterprise/requests/ID. */
    link: text('link').notNull(),
    readAt: text('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id)],
);

export const MAIL_STATUS_VALUES = ['pending', 'sent', 'failed'] as const;

/** Mail to send, written in the transaction of what it tells; a worker sends it (app/models/mail.server.ts). */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    status: text('status', { enum: MAIL_STATUS_VALUES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at').notNull().default(now),
    sentAt: text('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);

// --- online payment (Stripe) and reviews (issue 10) ---

/** Stripe webhook events already processed: a repeat is acknowledged with 200 and no effect. */
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  orderId: text('order_id').references(() => orders.id),
  /** What it did: 'paid', 'refunded', 'ignored', 'flagged: …' — for officials and support. */
  outcome: text('outcome').notNull(),
  receivedAt: createdAt(),
});

/** The Checkout Session an order is paid through (one open session per order and payable amount). */
export const orderPayments = sqliteTable('order_payments', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => orders.id),
  sessionId: text('session_id').notNull(),
  sessionUrl: text('session_url').notNull(),
  amountFen: integer('amount_fen').notNull(),
  paymentIntentId: text('payment_intent_id'),
  /** Set when amounts or currency did not match the order: an official must look. */
  flaggedReason: text('flagged_reason'),
  /** An official looked at the flag: what they found (audited as well). */
  flagResolvedAt: text('flag_resolved_at'),
  flagResolution: text('flag_resolution'),
  flagResolvedByUserId: text('flag_resolved_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  refundedFen: integer('refunded_fen').notNull().default(0),
  updatedAt: updatedAt(),
});

/** 评价: one per confirmed order, by its enterprise. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .unique()
      .references(() => orders.id),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    stars: integer('stars').notNull(),
    body: text('body').notNull(),
    providerAnswer: text('provider_answer'),
    answeredAt: text('answered_at'),
    hiddenAt: text('hidden_at'),
    hiddenReason: text('hidden_reason'),
    hiddenByUserId: text('hidden_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('reviews_offering_idx').on(t.offeringId, t.createdAt)],
);

export const reviewReports = sqliteTable(
  'review_reports',
  {
    id: integer('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id),
    reporterUserId: text('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    /** An official's answer to the report: 'hidden' (the review was hidden) or 'declined' (kept). */
    resolution: text('resolution', { enum: ['hidden', 'declined'] }),
    resolvedAt: text('resolved_at'),
    resolvedByUserId: text('resolved_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('review_reports_review_idx').on(t.reviewId),
    // One report per reporter and review: a second one from the same person adds nothing.
    uniqueIndex('review_reports_reporter_idx').on(t.reviewId, t.reporterUserId),
  ],
);

// --- cloud vouchers (上云券), provider analytics (issue 10) ---

export const VOUCHER_KIND_VALUES = ['fixed', 'percent'] as const;

/**
 * 上云券 programme, created by an official. Eligibility lists are JSON arrays of codes; an empty
 * list means "any". `prefectureCodes` of a prefecture official's programme is exactly its own.
 */
export const voucherProgrammes = sqliteTable('voucher_programmes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: VOUCHER_KIND_VALUES }).notNull(),
  /** kind 'fixed': the subsidy in fen; kind 'percent': whole percent 1–100 of the order amount. */
  amountFen: integer('amount_fen'),
  percent: integer('percent'),
  capPerOrderFen: integer('cap_per_order_fen').notNull(),
  /** Per enterprise, cumulative in this programme; released claims do not count. */
  firstClaimCapFen: integer('first_claim_cap_fen').notNull(),
  laterClaimsCapFen: integer('later_claims_cap_fen').notNull(),
  eligibleLevels: text('eligible_levels').notNull().default('[]'),
  eligibleSizeClasses: text('eligible_size_classes').notNull().default('[]'),
  prefectureCodes: text('prefecture_codes').notNull().default('[]'),
  budgetFen: integer('budget_fen').notNull(),
  validFrom: text('valid_from').notNull(),
  validUntil: text('valid_until').notNull(),
  /** The order must be confirmed within this many days after payment, or the subsidy is withdrawn. */
  confirmWithinDays: integer('confirm_within_days').notNull(),
  /** null: a provincial programme; else the prefecture of the official who created it. */
  scopePrefecture: text('scope_prefecture'),
  createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const VOUCHER_CLAIM_STATUS_VALUES = ['committed', 'paid_out', 'released'] as const;

/** One programme's subsidy on one order: committed when applied, paid out on confirmation, or released. */
export const voucherClaims = sqliteTable(
  'voucher_claims',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: VOUCHER_CLAIM_STATUS_VALUES }).notNull().default('committed'),
    /** 'cancelled', 'refunded', 'expired' (not confirmed in time) or 'replaced'. */
    releaseReason: text('release_reason'),
    /** Set when the order is paid: payment day + the programme's confirmWithinDays. */
    confirmBy: text('confirm_by'),
    committedAt: text('committed_at').notNull().default(now),
    paidOutAt: text('paid_out_at'),
    releasedAt: text('released_at'),
  },
  (t) => [
    index('voucher_claims_programme_idx').on(t.programmeId, t.status),
    index('voucher_claims_enterprise_idx').on(t.enterpriseId, t.programmeId),
    // At most one live (committed or paid-out) claim per order.
    uniqueIndex('voucher_claims_live_order_idx')
      .on(t.orderId)
      .where(sql`${t.status} <> 'released'`),
    index('voucher_claims_confirm_by_idx')
      .on(t.confirmBy)
      .where(sql`${t.status} = 'committed' and ${t.confirmBy} is not null`),
  ],
);

/** Offering page views per day, bots excluded (isbot); counts only, no personal data. */
export const offeringViews = sqliteTable(
  'offering_views',
  {
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  // The most viewed offerings of the last 30 days read a range of days.
  (t) => [primaryKey({ columns: [t.offeringId, t.day] }), index('offering_views_day_idx').on(t.day)],
);

/**
 * Searches that found nothing, counted per month and normalised query (no user, no IP), so
 * officials can add synonyms where people actually fail (issue 14).
 */
export const searchMisses = sqliteTable(
  'search_misses',
  {
    month: text('month').notNull(),
    query: text('query').notNull(),
    count: integer('count').notNull().default(0),
    lastAt: text('last_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.month, t.query] })],
);
