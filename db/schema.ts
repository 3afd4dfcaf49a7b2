/**
 * The whole Yunqiao domain as known today (drizzle schema → committed migrations in db/migrations).
 * Conventions: text ids (nanoid) that cannot be guessed in URLs; USCC as the natural key of
 * enterprises and providers; money in integer fen; timestamps as ISO-8601 strings in UTC;
 * lists (categories, regions, …) as JSON text arrays.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);
const jsonList = (name: string) => text(name, { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`);

export const USER_ROLES = ['sme', 'provider', 'official', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  displayName: text('display_name').notNull(),
  locale: text('locale', { enum: LOCALES }).notNull().default('zh-CN'),
  status: text('status', { enum: ['active', 'suspended'] }).notNull().default('active'),
  /** Set for accounts created with a one-time password. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('enterprises_prefecture_idx').on(t.prefecture), index('enterprises_owner_idx').on(t.ownerUserId)],
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

/** A counting campaign (the seed plan: sc-2020-2022, 150,000 new enterprises). */
export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  target: integer('target').notNull(),
  /** Inclusive dates, YYYY-MM-DD. */
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  createdAt: createdAt(),
});

export const ADOPTION_SOURCE_VALUES = ['api', 'provider-report', 'prefecture-report', 'official', 'payment'] as const;
export const ADOPTION_STATUS_VALUES = ['pending', 'verified', 'disputed', 'revoked'] as const;

/**
 * 上云事件: the append-only adoption ledger. Rows are inserted, never updated in place by
 * application code; the counting rules (formats/adoption-events.md) arrive with the counter issue.
 */
export const adoptionEvents = sqliteTable(
  'adoption_events',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    providerId: text('provider_id').references(() => providers.id),
    offeringId: text('offering_id').references(() => offerings.id),
    level: text('level', { enum: LEVEL_VALUES }).notNull(),
    /** YYYY-MM-DD. */
    occurredAt: text('occurred_at').notNull(),
    source: text('source', { enum: ADOPTION_SOURCE_VALUES }).notNull(),
    status: text('status', { enum: ADOPTION_STATUS_VALUES }).notNull(),
    note: text('note'),
    recordedByUserId: text('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('adoption_events_enterprise_idx').on(t.enterpriseId, t.occurredAt),
    index('adoption_events_status_idx').on(t.status),
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
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_created_idx').on(t.createdAt)],
);
