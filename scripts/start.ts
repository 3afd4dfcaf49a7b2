/**
 * `npm start`: migrate, seed demo data into an empty database (unless SEED_DEMO=0), serve.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { readEnv } from '../app/utils/env.server';
import { createApp } from './server';

const started = Date.now();

/** Newest modification time under `dir` (ms), for deciding whether the build is stale. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// Build only when the sources changed since the last build, so a second start is quick.
const buildFile = path.resolve('build/index.js');
const sourcesChanged =
  !fs.existsSync(buildFile) ||
  Math.max(newestMtime('app'), fs.statSync('package-lock.json').mtimeMs, fs.statSync('remix.config.js').mtimeMs) >
    fs.statSync(buildFile).mtimeMs;
if (sourcesChanged || process.argv.includes('--build')) {
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], { stdio: 'inherit' });
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
db.$client.close();

if (!config.production && !process.env.SESSION_SECRET) {
  console.warn('SESSION_SECRET is not set: using the development secret (set it, and NODE_ENV=production, in production).');
}

const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
const { app, logger } = createApp({ build, logLevel: config.LOG_LEVEL, production: config.production });
app.listen(config.PORT, () => {
  logger.info(`Yunqiao listening on http://localhost:${config.PORT} (database ${config.DATABASE_PATH}, ready in ${Date.now() - started} ms)`);
});
