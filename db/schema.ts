/**
 * The whole Yunqiao domain as known today (drizzle schema → committed migrations in db/migrations).
 * Conventions: text ids (nanoid) that cannot be guessed in URLs; USCC as the natural key of
 * enterprises and providers; money in integer fen; timestamps as ISO-8601 strings in UTC;
 * lists (categories, regions, …) as JSON text arrays.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);
const jsonList = (name: string) => text(name, { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`);

export const USER_ROLES = ['sme', 'provider', 'official', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const USER_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  displayName: text('display_name').notNull(),
  locale: text('locale', { enum: LOCALES }).notNull().default('zh-CN'),
  /**
   * 'deleted': the person deleted the account (deleted_at says when): it can never sign in or be
   * reinstated. TS-only value: the column has no CHECK constraint, so no migration (issue 13).
   */
  status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
  /** Set for accounts created with a one-time password. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  /**
   * Copied into the session cookie at login; a cookie with another number is logged out. Raised by
   * a password change or reset and by "log out everywhere" (app/models/accounts.server.ts,
   * password-reset.server.ts).
   */
  sessionVersion: integer('session_version').notNull().default(1),
  /** The privacy notice's version accepted at sign-up or later (app/domain/privacy-notice.ts); null = not yet. */
  privacyNoticeVersion: text('privacy_notice_version'),
  privacyAcceptedAt: text('privacy_accepted_at'),
  /** Set when the person deleted the account: personal fields are erased, the row stays for references. */
  deletedAt: text('deleted_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** 官员管辖范围: the whole province, or one 市州 (GB/T 2260 code). One row per official. */
export const officialScopes = sqliteTable('official_scopes', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** null = provincial official; otherwise a prefecture code such as '5101'. */
  prefecture: text('prefecture'),
});

/** Failed logins, for the 10-per-15-minutes limit per email+IP (kept in the database so it survives restarts). */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_failures_key_idx').on(t.key, t.createdAt)],
);

export const SIZE_CLASS_VALUES = ['large', 'medium', 'small', 'micro', 'unknown'] as const;

/** 企业: an SME (or any enterprise named in an adoption report). */
export const enterprises = sqliteTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    /** 统一社会信用代码, normalised by app/domain/uscc.ts. */
    uscc: text('uscc').notNull().unique(),
    name: text('name').notNull(),
    prefecture: text('prefecture').notNull(),
    /** GB/T 4754-2017 division code, e.g. '34'. */
    industry: text('industry').notNull(),
    employees: integer('employees'),
    revenueWan: real('revenue_wan'),
    /** Derived by classifyEnterpriseSize on every write; stored so lists can filter on it. */
    sizeClass: text('size_class', { enum: SIZE_CLASS_VALUES }).notNull(),
    onCloudBeforeCampaign: integer('on_cloud_before_campaign', { mode: 'boolean' }).notNull().default(false),
    ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Adoption ledger (issue 4): set while marked fraudulent (Jiangsu's rule); written only by app/models/adoption-fraud.server.ts. */
    fraudFlaggedAt: text('fraud_flagged_at'),
    fraudReason: text('fraud_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('enterprises_prefecture_idx').on(t.prefecture),
    // Most enterprises come from reports and have no owner account: only owned ones are indexed.
    index('enterprises_owner_idx')
      .on(t.ownerUserId)
      .where(sql`${t.ownerUserId} is not null`),
  ],
);

export const PROVIDER_STATUS_VALUES = ['applied', 'approved', 'rejected', 'suspended'] as const;

/** 服务商: a cloud or industrial-internet provider in the vetted resource pool (资源池). */
export const providers = sqliteTable(
  'providers',
  {
    id: text('id').primaryKey(),
    uscc: text('uscc').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    /** A prefecture code, or 'out-of-province'. */
    prefecture: text('prefecture').notNull(),
    certifications: jsonList('certifications'),
    website: text('website'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    status: text('status', { enum: PROVIDER_STATUS_VALUES }).notNull().default('applied'),
    /** The official's reason for the last rejection or suspension, shown to the provider. */
    statusReason: text('status_reason'),
    ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Adoption ledger (issue 4): set while marked fraudulent; its listings must be hidden and its events are revoked. */
    fraudFlaggedAt: text('fraud_flagged_at'),
    fraudReason: text('fraud_reason'),
    /** 收款账户 for bank-transfer orders (对公转账): copied onto each order when it is made. */
    bankAccountName: text('bank_account_name'),
    bankName: text('bank_name'),
    bankAccountNo: text('bank_account_no'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('providers_status_idx').on(t.status), index('providers_owner_idx').on(t.ownerUserId)],
);

export const OFFERING_STATUS_VALUES = ['draft', 'submitted', 'published', 'rejected', 'archived'] as const;
export const LEVEL_VALUES = ['iaas', 'paas', 'saas', 'platform', 'industrial-app'] as const;

/** 服务产品: one catalog listing of a provider. */
export const offerings = sqliteTable(
  'offerings',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    categories: jsonList('categories'),
    stages: jsonList('stages'),
    /** Empty = every industry / size / region (see formats/catalog-import.md). */
    industries: jsonList('industries'),
    sizes: jsonList('sizes'),
    regions: jsonList('regions'),
    tags: jsonList('tags'),
    status: text('status', { enum: OFFERING_STATUS_VALUES }).notNull().default('draft'),
    reviewReason: text('review_reason'),
    submittedAt: text('submitted_at'),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('offerings_provider_external_idx').on(t.providerId, t.externalId),
    index('offerings_status_idx').on(t.status, t.publishedAt),
  ],
);

export const BILLING_VALUES = ['month', 'year', 'once', 'quote'] as const;

export const offeringPlans = sqliteTable(
  'offering_plans',
  {
    id: text('id').primaryKey(),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    name: text('name').notNull(),
    /** Integer fen; null = 面议 (price on request). */
    priceFen: integer('price_fen'),
    billing: text('billing', { enum: BILLING_VALUES }).notNull(),
    trialDays: integer('trial_days'),
  },
  (t) => [index('offering_plans_offering_idx').on(t.offeringId, t.position)],
);

export const CAMPAIGN_COUNTS_STATUS_VALUES = ['ready', 'building'] as const;

/**
 * A counting campaign. Migrations hold only the first (sc-2020-2022, 150,000 new enterprises);
 * later campaigns are data, created by provincial officials or `npm run campaign:create`.
 */
export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  target: integer('target').notNull(),
  /** Inclusive dates, YYYY-MM-DD. */
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  createdAt: createdAt(),
  /**
   * 'building' while its counts are (re)built from the ledger after it was created or its window
   * changed (app/models/campaigns.server.ts); pages show 计算中 until it is 'ready'.
   */
  countsStatus: text('counts_status', { enum: CAMPAIGN_COUNTS_STATUS_VALUES }).notNull().default('ready'),
  /** The last enterprise id the build has recounted: a restarted build resumes after it. */
  buildCursor: text('build_cursor'),
  buildDone: integer('build_done').notNull().default(0),
  buildTotal: integer('build_total').notNull().default(0),
});

export const ADOPTION_SOURCE_VALUES = ['api', 'provider-report', 'prefecture-report', 'official', 'payment'] as const;
export const ADOPTION_STATUS_VALUES = ['pending', 'verified', 'disputed', 'revoked'] as const;

/**
 * 上云事件: the append-only adoption ledger (formats/adoption-events.md). Rows are inserted and never
 * updated or deleted; what happens to an event afterwards is a row of adoption_event_actions.
 * See docs/decisions/0003-adoption-ledger-and-counter.md.
 */
export const adoptionEvents = sqliteTable(
  'adoption_events',
  {
    /**
     * Recording order: the counting rule's tie-break between two events of the same day. Plain
     * rowid (no AUTOINCREMENT, which writes sqlite_sequence on every insert): events are never
     * deleted, so a number is never reused.
     */
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    providerId: text('provider_id').references(() => providers.id),
    offeringId: text('offering_id').references(() => offerings.id),
    /** As reported (API `offeringExternalId`), kept even when no offering could be linked. */
    offeringExternalId: text('offering_external_id'),
    /** A prefecture report's `provider_uscc`: the provider need not be registered on Yunqiao. */
    providerUscc: text('provider_uscc'),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    /** YYYY-MM-DD. */
    occurredAt: text('occurred_at').notNull(),
    source: text('source', { enum: ADOPTION_SOURCE_VALUES }).notNull(),
    note: text('note'),
    apiKeyId: text('api_key_id').references(() => apiKeys.id),
    recordedByUserId: text('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('adoption_events_enterprise_idx').on(t.enterpriseId, t.occurredAt),
    // Partial: most events (prefecture reports) name no provider, and need no entry here.
    index('adoption_events_provider_idx').on(t.providerId, t.seq).where(sql`${t.providerId} is not null`),
    index('adoption_events_provider_uscc_idx').on(t.providerUscc).where(sql`${t.providerUscc} is not null`),
    // Peers' choices (app/models/match-peers.server.ts): a cell's offering-linked events read from
    // the index alone. Partial: events naming no offering (prefecture reports) pay nothing.
    index('adoption_events_enterprise_offering_idx')
      .on(t.enterpriseId, t.offeringId, t.id)
      .where(sql`${t.offeringId} is not null`),
  ],
);

/** 审计日志: who did what to which record, and why. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_created_idx').on(t.createdAt),
    // A user's own activity (/account/data, the export) without scanning the whole log.
    index('audit_log_actor_idx').on(t.actorUserId),
  ],
);

// --- adoption ledger (issue 4) ---

export const ADOPTION_ACTION_VALUES = ['verify', 'confirm', 'dispute', 'revoke', 'reinstate'] as const;

/**
 * What happened to an event after it was recorded, in order (append-only, like the events):
 * verify (official / trusted source), confirm and dispute (the enterprise's account), revoke
 * (with a reason) and reinstate (only when a fraud marking is lifted). The status of an event is
 * the fold of its actions (app/domain/adoption-counting.ts → eventStatus).
 */
export const adoptionEventActions = sqliteTable(
  'adoption_event_actions',
  {
    seq: integer('seq').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => adoptionEvents.id),
    kind: text('kind', { enum: ADOPTION_ACTION_VALUES }).notNull(),
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: text('api_key_id').references(() => apiKeys.id),
    /** Set on the revocations a fraud marking made, so lifting it reinstates exactly those. */
    fraudCaseId: text('fraud_case_id').references(() => fraudCases.id),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('adoption_event_actions_event_idx').on(t.eventId, t.seq),
    index('adoption_event_actions_fraud_idx').on(t.fraudCaseId).where(sql`${t.fraudCaseId} is not null`),
  ],
);

/**
 * Projection of each event's current status (derived from its actions, rebuilt and checked by
 * counter:verify), so the officials' queue of pending/disputed events is an index range.
 */
export const adoptionEventStates = sqliteTable(
  'adoption_event_states',
  {
    eventId: text('event_id')
      .primaryKey()
      .references(() => adoptionEvents.id),
    enterpriseId: text('enterprise_id').notNull(),
    status: text('status', { enum: ADOPTION_STATUS_VALUES }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  // Only the queue's statuses are indexed (verified events are the great majority); a query must
  // repeat the condition to use it (listEventQueue).
  (t) => [
    index('adoption_event_states_status_idx')
      .on(t.status, t.updatedAt)
      .where(sql`${t.status} <> 'verified'`),
  ],
);

export const API_KEY_KINDS = ['provider', 'prefecture'] as const;

/** API keys for provider and prefecture systems. Only a SHA-256 of the key is stored; the key is shown once. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: API_KEY_KINDS }).notNull(),
    providerId: text('provider_id').references(() => providers.id),
    /** Prefecture keys: the 市州 the office reports for. */
    prefecture: text('prefecture'),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so an operator can tell keys apart. */
    displayPrefix: text('display_prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    revokedByUserId: text('revoked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('api_keys_provider_idx').on(t.providerId), index('api_keys_prefecture_idx').on(t.prefecture)],
);

/**
 * One row per (API key, Idempotency-Key) that recorded an event: the hash of the request body and
 * the answer given, replayed with 200. The primary key is what makes concurrent retries record once.
 */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    apiKeyId: text('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    eventId: text('event_id').references(() => adoptionEvents.id),
    response: text('response', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] })],
);

/**
 * How each enterprise counts in each campaign (one row while it counts): kind, the first verified
 * event and its level/month, and the prefecture/industry it is attributed to. Maintained in the
 * same transaction as every ledger change, and rolled up into counter_cells.
 */
export const adoptionCounted = sqliteTable(
  'adoption_counted',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    kind: text('kind', { enum: ['new', 'deepening'] }).notNull(),
    firstEventId: text('first_event_id').notNull(),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    /** YYYY-MM. */
    month: text('month').notNull(),
    occurredOn: text('occurred_on').notNull(),
    prefecture: text('prefecture').notNull(),
    industry: text('industry').notNull(),
  },
  (t) => [
    // Enterprise first: the ledger writer reads an enterprise's rows in every campaign.
    primaryKey({ columns: [t.enterpriseId, t.campaignId] }),
    index('adoption_counted_drill_idx').on(t.campaignId, t.kind, t.prefecture, t.occurredOn),
  ],
);

/**
 * The live counter: counts per campaign × kind × scope ('*' = province, or a prefecture code) ×
 * dimension (total, prefecture, industry, level, month, industry-month) × key. A snapshot reads one
 * index range of about a hundred rows. The roll-up of adoption_counted: inserts and deletions are
 * summed by the ledger writer at the end of each transaction, updates moved by a trigger.
 */
export const counterCells = sqliteTable(
  'counter_cells',
  {
    campaignId: text('campaign_id').notNull(),
    kind: text('kind', { enum: ['new', 'deepening'] }).notNull(),
    scope: text('scope').notNull(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.kind, t.scope, t.dim, t.key] })],
);

/** An uploaded prefecture report (the rows it added are in adoption_report_rows). */
export const adoptionReportUploads = sqliteTable('adoption_report_uploads', {
  id: text('id').primaryKey(),
  uploadedByUserId: text('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  /** The uploader's scope: a prefecture code, or null for the province. */
  scopePrefecture: text('scope_prefecture'),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  rowCount: integer('row_count').notNull(),
  addedCount: integer('added_count').notNull(),
  createdAt: createdAt(),
});

/** The natural key of a prefecture-report row: uploading the same row again adds nothing. */
export const adoptionReportRows = sqliteTable(
  'adoption_report_rows',
  {
    uscc: text('uscc').notNull(),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    occurredOn: text('occurred_on').notNull(),
    /** '' when the report does not name a provider (NULL would defeat the key). */
    providerUscc: text('provider_uscc').notNull(),
    eventId: text('event_id')
      .notNull()
      .references(() => adoptionEvents.id),
    uploadId: text('upload_id').references(() => adoptionReportUploads.id),
  },
  (t) => [primaryKey({ columns: [t.uscc, t.level, t.occurredOn, t.providerUscc] })],
);

/** A fraud marking of an enterprise or a provider (Jiangsu's rule), and its lifting. */
export const fraudCases = sqliteTable(
  'fraud_cases',
  {
    id: text('id').primaryKey(),
    targetType: text('target_type', { enum: ['enterprise', 'provider'] }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason').notNull(),
    markedByUserId: text('marked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    markedAt: text('marked_at').notNull(),
    liftedByUserId: text('lifted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    liftedAt: text('lifted_at'),
    liftReason: text('lift_reason'),
  },
  (t) => [index('fraud_cases_target_idx').on(t.targetType, t.targetId), index('fraud_cases_open_idx').on(t.liftedAt, t.markedAt)],
);

// --- search (issue 3) ---

/**
 * 搜索文档: one row per offering the public may find (published, provider approved and not
 * flagged). Written only by search/sqlite/store.ts, in the transaction of the catalog change;
 * its doc_id is the rowid of the offering's row in the FTS5 table offerings_fts. Kept narrow
 * (no analysed text) because the search process loads every row's facet lists into memory
 * (as bit sets over search/facets.ts, search/sqlite/cache.ts).
 */
export const searchDocuments = sqliteTable(
  'search_documents',
  {
    docId: integer('doc_id').primaryKey({ autoIncrement: true }),
    offeringId: text('offering_id')
      .notNull()
      .unique()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    providerName: text('provider_name').notNull(),
    providerNameEn: text('provider_name_en'),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    summary: text('summary').notNull(),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    categories: jsonList('categories'),
    industries: jsonList('industries'),
    sizes: jsonList('sizes'),
    regions: jsonList('regions'),
    certifications: jsonList('certifications'),
    /** Lowest priced plan in fen; null when every plan is 面议. */
    minPriceFen: integer('min_price_fen'),
    publishedAt: text('published_at').notNull(),
    /** Title (and English title) / summary normalised without spaces, for ranking by where the query matched. */
    titleCompact: text('title_compact').notNull(),
    summaryCompact: text('summary_compact').notNull(),
    /** Hash of the source document: an unchanged offering is not rewritten. */
    sourceHash: text('source_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('search_documents_provider_idx').on(t.providerId)],
);

/**
 * Latin words ever indexed (English, pinyin, model codes): the dictionary typo correction
 * draws from (monitering → monitoring). Only grows; a word no document holds any more simply
 * matches nothing.
 */
export const searchTerms = sqliteTable('search_terms', { term: text('term').primaryKey() }, () => []);

/**
 * Change counters bumped by triggers (offerings_fts migrations): a search process compares them
 * with its in-memory caches (facet columns, typo dictionary, synonyms) and reloads when another
 * connection or process has changed them. Exactly one row, id = 1.
 */
export const searchState = sqliteTable('search_state', {
  id: integer('id').primaryKey(),
  docsVersion: integer('docs_version').notNull().default(0),
  synonymsVersion: integer('synonyms_version').notNull().default(0),
  termsVersion: integer('terms_version').notNull().default(0),
});

export const SEARCH_OUTBOX_KINDS = ['offering', 'synonyms'] as const;

/**
 * Changes waiting to reach Meilisearch, written in the transaction of every catalog change
 * (the transactional outbox). A row only says "this offering changed": the sync worker reads
 * the offering's current state when it sends, so rows can be coalesced and never go stale.
 */
export const searchOutbox = sqliteTable(
  'search_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: SEARCH_OUTBOX_KINDS }).notNull(),
    /** No foreign key: the row must outlive a deleted offering so its removal is sent. */
    offeringId: text('offering_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull().default(now),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt, t.id)],
);

/**
 * 同义词: words that mean the same thing in a search (MES ↔ 制造执行系统). Seeded from
 * search-api.md by a migration; officials edit them (search/synonyms.ts).
 */
export const searchSynonyms = sqliteTable('search_synonyms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Two or more terms, all equivalent. */
  terms: text('terms', { mode: 'json' }).$type<string[]>().notNull(),
  updatedByUserId: text('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// --- offering revisions (issue 3) ---

/** Every field of an offering a provider may change after publication, plans in display order. */
export interface OfferingRevisionSnapshot {
  titleZh: string;
  titleEn: string | null;
  summary: string;
  description: string;
  level: (typeof LEVEL_VALUES)[number];
  categories: string[];
  stages: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  tags: string[];
  plans: { name: string; priceFen: number | null; billing: (typeof BILLING_VALUES)[number]; trialDays: number | null }[];
}

export const REVISION_STATUS_VALUES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

/**
 * 修改待审核: a change a provider proposes to a PUBLISHED offering. The offerings row stays the
 * published version (what the catalog and search show) until an official approves the
 * revision, which then copies the snapshot onto the offering and its plans in one transaction.
 * At most one pending revision per offering (partial unique index).
 */
export const offeringRevisions = sqliteTable(
  'offering_revisions',
  {
    id: text('id').primaryKey(),
    offeringId: text('offering_id')
      .notNull()
      .references(() => offerings.id, { onDelete: 'cascade' }),
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    snapshot: text('snapshot', { mode: 'json' }).$type<OfferingRevisionSnapshot>().notNull(),
    /** The published version the revision was last edited against, so a decided revision's diff can still be shown. */
    baseSnapshot: text('base_snapshot', { mode: 'json' }).$type<OfferingRevisionSnapshot>().notNull(),
    status: text('status', { enum: REVISION_STATUS_VALUES }).notNull().default('pending'),
    reviewReason: text('review_reason'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Changes on every edit: an official's decision names the version it saw. */
    updatedAt: updatedAt(),
    /** First submission: the queue's order, kept when the provider edits a pending revision. */
    submittedAt: text('submitted_at').notNull(),
    decidedAt: text('decided_at'),
    decidedByUserId: text('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('offering_revisions_offering_idx').on(t.offeringId, t.createdAt),
    index('offering_revisions_queue_idx').on(t.status, t.submittedAt),
    uniqueIndex('offering_revisions_one_pending_idx').on(t.offeringId).where(sql`status = 'pending'`),
  ],
);

// --- the marketplace path: requests, quotes, orders, notifications, mail (issue 9) ---
export * from './schema-marketplace';

// --- abuse limits and sessions: rate-limit counters, password-reset tokens (issue 11) ---
export * from './schema-security';

// --- long jobs off the request path and the scheduler lease (issue 12) ---
export * from './schema-jobs';

// --- personal information: officials' views of contact details (issue 13) ---
export * from './schema-privacy';
