/**
 * Long jobs off the request path and one scheduler across server processes (issue 12).
 * Re-exported by db/schema.ts (drizzle-kit reads that file).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { JOB_STATUSES } from '../app/domain/background-jobs';
import { users } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// The statuses are the domain's (app/domain/background-jobs.ts), as the marketplace's are.
export { JOB_STATUSES };

/**
 * A background job (prefecture report, catalog import, campaign count build): the request that
 * starts it writes a `queued` row and answers at once; a worker thread runs it and writes its
 * progress here, so every server process (and the page polling it) sees the same state. A job
 * found `running` at start whose heartbeat is stale belonged to a process that died: it is
 * failed cleanly (its import ran in one transaction, so nothing of it was written).
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    /** e.g. 'adoption-report', 'catalog-import', 'campaign-build'. */
    kind: text('kind').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** JSON parameters of the job (file name, options); never the uploaded bytes. */
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** The uploaded file, kept until the job has finished. */
    input: blob('input', { mode: 'buffer' }),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    /** What the job is doing now, a short machine word ('parsing', 'applying'). */
    progressPhase: text('progress_phase'),
    /** JSON result shown on the job's page (the report summary). */
    result: text('result', { mode: 'json' }).$type<unknown>(),
    error: text('error'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The process that claimed it (`<hostname>:<pid>`). */
    worker: text('worker'),
    heartbeatAt: text('heartbeat_at'),
    createdAt: text('created_at').notNull().default(now),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt), index('jobs_owner_idx').on(t.createdByUserId)],
);

/**
 * One row per lease (e.g. 'scheduler'): the process whose `holder` is written with a future
 * `expires_at` (epoch ms) runs the periodic jobs; it renews before expiry, another process takes
 * over once it has expired.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
  acquiredAt: text('acquired_at').notNull().default(now),
});
