/**
 * Abuse limits and sessions (issue 11): the rate limiter's counters and password-reset tokens.
 * Re-exported by db/schema.ts (drizzle-kit reads that file). The per-user session version is a
 * column of `users` (db/schema.ts).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * rate-limiter-flexible's RateLimiterSQLite table, in the shape that library creates (key, points,
 * expire in epoch ms), kept in the database file so every server process sharing the file shares
 * the counts. Keys are `<limit>:<sha-256 of the email, IP, user or key id>` — no address stored in
 * clear. Rows an hour past their expiry are deleted by the limiter itself.
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: integer('expire'),
});

/**
 * Password reset by mail: only the SHA-256 of the token is stored, so a copy of the database cannot
 * be used to take over an account. Single use (`used_at`), valid for 30 minutes (`expires_at`).
 */
export const passwordResetTokens = sqliteTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);
