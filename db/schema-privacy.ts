/**
 * Personal information (个人信息保护, issue 13): the log of officials' views of an enterprise's
 * contact details. The accepted privacy-notice version and account deletion are columns of
 * `users` (db/schema.ts). Re-exported by db/schema.ts (drizzle-kit reads that file).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { enterprises, users } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Each time an official is shown an enterprise's personal contact details. */
export const contactViews = sqliteTable(
  'contact_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    officialUserId: text('official_user_id').references(() => users.id, { onDelete: 'set null' }),
    enterpriseId: text('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    /** Where it was shown (a route path such as '/official/enterprises/:id'). */
    context: text('context').notNull(),
    viewedAt: text('viewed_at').notNull().default(now),
  },
  (t) => [
    index('contact_views_enterprise_idx').on(t.enterpriseId, t.viewedAt),
    index('contact_views_official_idx').on(t.officialUserId, t.viewedAt),
  ],
);
