/**
 * `npm start`: build when the sources changed, migrate, seed demo data into an empty database
 * (unless SEED_DEMO=0), then serve with WEB_CONCURRENCY processes on the one database file
 * (node:cluster, scripts/cluster-supervisor.ts; 1 = this process alone, no cluster). Migrations and
 * seeding run once, here, before any server process exists, so processes never race them.
 *
 * Every server process asks for the `scheduler` lease (app/models/jobs.server.ts startScheduler);
 * the one holding it runs the periodic jobs (mail outbox, retention, the 30-day rule of requests,
 * voucher expiry) and the long-running duties (WAL checkpoints, the search outbox worker); every
 * process runs a background-job worker thread (app/jobs/), whose sweep also resumes campaign builds
 * left 计算中. Sessions are signed cookies checked against users.session_version in the
 * database, and the abuse limits count in the database, so any process answers any request.
 */
import { execFileSync } from 'node:child_process';
import cluster from 'node:cluster';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { pino } from 'pino';
import { openDatabase, type Db } from '../db/client.server';
import { startBackgroundCheckpoints, WAL_CHECKPOINTS_ENV } from '../db/checkpointer';
import { runMigrations } from '../db/migrate';
import { loadDotEnv, readEnv, type Env } from '../app/utils/env.server';
import { rebuildSearchIndex, searchIndexIsMissing, startSearchSync } from '../app/models/search.server';
import { startJobRunner, type JobRunner } from '../app/jobs/runner.server';
import { serverJobs, startScheduler, type Duty, type LeasedScheduler } from '../app/models/jobs.server';
import { releaseLeasesOfDeadHolders } from '../app/models/leases.server';
import { describeSmtpUrl, mailTransportFor } from '../app/models/mail-transport.server';
import { buildIsStale } from './build-freshness';
import { superviseWorkers } from './cluster-supervisor';
import { isDatabaseUnavailable, withDatabaseUnavailableAnswers } from './database-unavailable';
import { createApp } from './server';

const started = Date.now();
// .env (copied from .env.example) before any setting is read; variables set in the environment win.
loadDotEnv();

/**
 * Whether the database takes writes: a read-only file or disk does not. Only a real write tells
 * (in WAL mode BEGIN IMMEDIATE succeeds on a read-only file), so the header's user_version is
 * written with its own value and rolled back.
 */
function databaseIsWritable(db: Db): boolean {
  const sqlite = db.$client;
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.pragma(`user_version = ${version}`);
    return true;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}

/** The primary's one-time work: build, migrate, seed, search index, leases of dead processes. */
async function prepare(): Promise<Env> {
  // Build only when a source of the server build (app/, db/, search/, compiler config) changed since
  // the last build, so a second start is quick. --no-build serves the build as it is (a server
  // started as a user who may not write build/, as the fault tests do).
  const build =
    process.argv.includes('--build') ||
    (!process.argv.includes('--no-build') && buildIsStale('build/index.js'));
  if (build) {
    execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
      stdio: 'inherit',
    });
  }
  const config = readEnv();
  process.env.DATABASE_PATH = config.DATABASE_PATH;

  const db = openDatabase(config.DATABASE_PATH);
  const writable = databaseIsWritable(db);
  if (!writable)
    console.warn(
      `The database ${config.DATABASE_PATH} is read-only: pages that only read work, every change answers 503 until it can be written again.`,
    );
  // Applied migrations need no write; a pending one on a read-only file fails here, loudly.
  runMigrations(db);
  const userCount = db.$client.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
  if (userCount.n === 0 && config.SEED_DEMO === '1') {
    const { seedDemo, printDemoLogins } = await import('../db/seed/demo');
    console.log('Empty database: seeding demo data …');
    await seedDemo(db);
    printDemoLogins();
  } else if (config.SEED_DEMO === '1') {
    const { printDemoLogins } = await import('../db/seed/demo');
    printDemoLogins();
  }
  if (writable && (await searchIndexIsMissing(db))) {
    // A database seeded or restored without its search index would show an empty catalog.
    console.log('Search index is empty: building it from the catalog …');
    try {
      const result = await rebuildSearchIndex(db);
      console.log(
        `Search index built: ${result.indexed} offerings (${result.engine}) in ${result.seconds.toFixed(1)} s.`,
      );
    } catch (error) {
      console.warn(
        `Could not build the search index (${error instanceof Error ? error.message : String(error)}); run npm run search:reindex.`,
      );
    }
  }
  // A server killed with -9 left its scheduler lease behind: the new processes need not wait it out.
  if (writable) {
    const freed = releaseLeasesOfDeadHolders(db);
    if (freed.length) console.log(`Released leases of stopped processes: ${freed.join(', ')}`);
  }
  db.$client.close();

  if (!config.production && !process.env.SESSION_SECRET) {
    console.warn(
      'SESSION_SECRET is not set: using the development secret (set it, and NODE_ENV=production, in production).',
    );
  }
  return config;
}

/** One server process: HTTP, its share of the requests, and the scheduler (which runs the jobs only while it holds the lease). */
async function serve(config: Env): Promise<void> {
  process.env.DATABASE_PATH = config.DATABASE_PATH;
  // Whichever process holds the lease checkpoints the WAL in a background thread for all of them,
  // so no process's connections checkpoint inside a commit (db/checkpointer.ts). Set before any
  // connection of this process opens: openDatabase reads it.
  process.env[WAL_CHECKPOINTS_ENV] = 'background';

  let log: ReturnType<typeof createApp>['logger'] | null = null;
  const build = withDatabaseUnavailableAnswers(
    (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild,
    (error) => log?.warn({ err: error.message }, 'database cannot be written: answered 503'),
  );
  // With Stripe, the 在线支付 form ends on Stripe's Checkout page (or on the page of STRIPE_API_BASE's
  // stand-in in tests): the CSP's form-action must allow that redirect.
  const formActionOrigins = config.stripe
    ? [
        'https://checkout.stripe.com',
        ...(config.STRIPE_API_BASE ? [new URL(config.STRIPE_API_BASE).origin] : []),
      ]
    : [];
  const { app, logger } = createApp({
    build,
    logLevel: config.LOG_LEVEL,
    production: config.production,
    formActionOrigins,
    databasePath: config.DATABASE_PATH,
  });
  log = logger;
  // The search worker and the scheduler get their own long-lived connections: the server build
  // bundles its own copy of db/client.server, so getDb() here would not be the requests'
  // connection anyway (WAL lets all of them work on the file at once).
  const searchDb = openDatabase(config.DATABASE_PATH);
  const jobsDb = openDatabase(config.DATABASE_PATH);
  // A background job (a 100,000-row report) holds the write lock for seconds in its one
  // transaction; a lease renewal or a mail claim waiting for it here would freeze this thread, and
  // every page with it, for up to 5 s (measured: pages at 5.3 s p99). They give up after 50 ms instead
  // and are retried at their next turn (issue 12).
  jobsDb.$client.pragma('busy_timeout = 50');
  const mailTransport = mailTransportFor(config, logger);
  const duties: Duty[] = [
    {
      name: 'wal-checkpoints',
      async start() {
        const checkpointer = await startBackgroundCheckpoints(config.DATABASE_PATH, {
          onError: (error) => logger.error({ err: error.message }, 'WAL checkpointer failed'),
        });
        return {
          async stop() {
            await checkpointer.stop();
            // Another process's thread takes over: this one's connections still leave checkpoints to it.
            process.env[WAL_CHECKPOINTS_ENV] = 'background';
          },
        };
      },
    },
    // Pushes catalog changes to Meilisearch when MEILI_HOST is set (search/sync.server.ts).
    // (Campaigns left 计算中 are queued again by the job worker's sweep, app/jobs/worker.server.ts.)
    { name: 'search-outbox', start: () => startSearchSync(searchDb, { log: logger }) },
  ];
  let scheduler: LeasedScheduler | null = null;
  // Every process runs one background-job worker thread (reports, catalog imports, campaign builds; issue 12).
  const jobRunner: Promise<JobRunner | null> = startJobRunner(jobsDb, {
    log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  }).catch(
    (error: Error) => (logger.error({ err: error.message }, 'background-job worker did not start'), null),
  );
  const worker = cluster.isWorker ? { worker: Number(process.env.YUNQIAO_WORKER_SLOT) } : {};
  const server = app.listen(config.PORT, () => {
    logger.info(
      worker,
      `Yunqiao listening on http://localhost:${config.PORT} (database ${config.DATABASE_PATH}, ready in ${Date.now() - started} ms)`,
    );
    if (!cluster.isWorker || process.env.YUNQIAO_WORKER_SLOT === '1') {
      if (config.SMTP_URL)
        logger.info(`mail: SMTP via ${describeSmtpUrl(config.SMTP_URL)}, links to ${config.publicUrl}`);
      else
        logger[config.production ? 'warn' : 'info'](
          `mail: SMTP_URL is not set, so mail is written to this log instead of sent (links to ${config.publicUrl})`,
        );
    }
    scheduler = startScheduler({
      db: jobsDb,
      jobs: serverJobs(jobsDb, { transport: mailTransport, publicUrl: config.publicUrl, log: logger }),
      duties,
      log: logger,
    });
  });

  let stopping = false;
  async function shutdown(signal: NodeJS.Signals | 'disconnect') {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, ...worker }, 'shutting down');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // In-flight requests get a few seconds; the scheduler lets running jobs finish their batch (an
    // outbox row stays pending if it is cut short, so nothing is lost; a claimed mail is retried
    // after its lease) and releases its lease, so another process takes over at once.
    await Promise.race([
      Promise.all([closed, scheduler?.stop(), jobRunner.then((r) => r?.stop())]),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
    mailTransport.close();
    searchDb.$client.close();
    jobsDb.$client.close();
    process.exit(0);
  }
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  // The primary is gone (killed): this process can no longer be reached, so it stops too.
  if (cluster.isWorker) process.once('disconnect', () => void shutdown('disconnect'));
}

if (cluster.isPrimary) {
  const config = await prepare();
  if (config.WEB_CONCURRENCY === 1) await serve(config);
  else {
    const log = pino({ level: config.LOG_LEVEL });
    log.info(
      { processes: config.WEB_CONCURRENCY },
      `starting ${config.WEB_CONCURRENCY} server processes (WEB_CONCURRENCY)`,
    );
    superviseWorkers({
      count: config.WEB_CONCURRENCY,
      log,
      // Printed whatever LOG_LEVEL says, like the banners above (benchmarks wait for it).
      onReady: () =>
        console.log(`${config.WEB_CONCURRENCY} server processes listening on port ${config.PORT}`),
    });
  }
} else {
  await serve(readEnv());
}
