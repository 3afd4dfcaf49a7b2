/**
 * The application server for the benchmark, in its own process so the load generator does not
 * share its event loop: the real build (`npx remix build`) behind scripts/server.ts's Express app,
 * on a random loopback port, printed as `PORT <n>` once listening. DATABASE_PATH comes from the
 * parent.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { ServerBuild } from '@remix-run/node';
import { startBackgroundCheckpoints } from '../../db/checkpointer';
import { createApp } from '../server';

// As scripts/start.ts does: WAL checkpoints in a background thread.
const checkpointer = await startBackgroundCheckpoints(process.env.DATABASE_PATH!);
const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild;
// benchRoutes: the baseline route /api/noop, which a production server does not serve.
const { app } = createApp({
  build,
  logLevel: 'silent',
  production: true,
  benchRoutes: true,
  databasePath: process.env.DATABASE_PATH,
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => void checkpointer.stop().then(() => process.exit(0))));
