/**
 * `npm start`: migrate, seed demo data into an empty database (unless SEED_DEMO=0), serve, and
 * run the search outbox worker (pushes catalog changes to Meilisearch when MEILI_HOST is set) and
 * the periodic jobs (mail outbox, 30-day rule of requests; app/models/jobs.server.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { openDatabase } from '../db/client.server';
import { startBackgroundCheckpoints } from '../db/checkpointer';
import { runMigrations } from '../db/migrate';
import { loadDotEnv, readEnv } from '../app/utils/env.server';
import {
  rebuildSearchIndex,
  searchIndexIsMissing,
  startSearchSync,
  type SearchWorker,
} from '../app/models/search.server';
import { resumeCampaignBuilds } from '../app/models/campaigns.server';
import { serverJobs, startJobs, type Scheduler } from '../app/models/jobs.server';
import { describeSmtpUrl, mailTransportFor } from '../app/models/mail-transport.server';
import { buildIsStale } from './build-freshness';
import { createApp } from './server';

const started = Date.now();
// .env (copied from .env.example) before any setting is read; variables set in the environment win.
loadDotEnv();

// Build only when a source of the server build (app/, db/, search/, compiler config) changed since
// the last build, so a second start is quick.
const sourcesChanged = buildIsStale('build/index.js');
if (sourcesChanged || process.argv.includes('--build')) {
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    stdio: 'inherit',
  });
}
const config = readEnv();
process.env.DATABASE_PATH = config.DATABASE_PATH;

const db = openDatabase(config.DATABASE_PATH);
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
if (await searchIndexIsMissing(db)) {
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
db.$client.close();

if (!config.production && !process.env.SESSION_SECRET) {
  console.warn(
    'SESSION_SECRET is not set: using the development secret (set it, and NODE_ENV=production, in production).',
  );
}

const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
// Before any request opens the requests' connection: its commits then leave checkpoints to this thread.
const checkpointer = await startBackgroundCheckpoints(config.DATABASE_PATH, {
  onError: (error) => console.error(`WAL checkpointer: ${error.message}`),
});
// With Stripe, the 在线支付 form ends on Stripe's Checkout page (or on the page of STRIPE_API_BASE's
// stand-in in tests): the CSP's form-action must allow that redirect.
const formActionOrigins = config.stripe
  ? ['https://checkout.stripe.com', ...(config.STRIPE_API_BASE ? [new URL(config.STRIPE_API_BASE).origin] : [])]
  : [];
const { app, logger } = createApp({ build, logLevel: config.LOG_LEVEL, production: config.production, formActionOrigins });
// The worker gets its own long-lived connection: the server build bundles its own copy of
// db/client.server, so getDb() here would not be the requests' connection anyway (WAL lets both
// work on the file at once).
const searchDb = openDatabase(config.DATABASE_PATH);
let searchWorker: SearchWorker | null = null;
const jobsDb = openDatabase(config.DATABASE_PATH);
const mailTransport = mailTransportFor(config, logger);
let jobs: Scheduler | null = null;
const server = app.listen(config.PORT, () => {
  logger.info(
    `Yunqiao listening on http://localhost:${config.PORT} (database ${config.DATABASE_PATH}, ready in ${Date.now() - started} ms)`,
  );
  searchWorker = startSearchSync(searchDb, { log: logger });
  // A campaign left 计算中 by a stopped server or an interrupted campaign:create is finished here,
  // between requests.
  for (const build of resumeCampaignBuilds(searchDb, (m) => logger.error(m)))
    void build.then((n) => logger.info(`campaign counts resumed and finished (${n} enterprises recounted)`));
  if (config.SMTP_URL) logger.info(`mail: SMTP via ${describeSmtpUrl(config.SMTP_URL)}, links to ${config.publicUrl}`);
  else
    logger[config.production ? 'warn' : 'info'](
      `mail: SMTP_URL is not set, so mail is written to this log instead of sent (links to ${config.publicUrl})`,
    );
  jobs = startJobs(serverJobs(jobsDb, { transport: mailTransport, publicUrl: config.publicUrl, log: logger }), {
    log: logger,
  });
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // In-flight requests get a few seconds; the workers finish their current batch (an outbox row
  // stays pending if it is cut short, so nothing is lost; a claimed mail is retried after its lease).
  await Promise.race([
    Promise.all([closed, searchWorker?.stop(), jobs?.stop()]),
    new Promise((resolve) => setTimeout(resolve, 5000).unref()),
  ]);
  mailTransport.close();
  searchDb.$client.close();
  jobsDb.$client.close();
  await checkpointer.stop();
  process.exit(0);
}
process.once('SIGTERM', (signal) => void shutdown(signal));
process.once('SIGINT', (signal) => void shutdown(signal));
