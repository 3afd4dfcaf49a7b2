/**
 * The real server (scripts/start.ts, with its cluster of WEB_CONCURRENCY processes) in a child
 * process for the fault tests: started on a free port on a given database file, optionally as
 * another user (a read-only file means nothing to root), stopped gracefully or killed with -9 —
 * the whole process group, primary and server processes alike, as a power cut or the OOM killer
 * of a container would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openDatabase } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { rebuildSearchIndex } from '../../app/models/search.server';
import { buildIsStale } from '../../scripts/build-freshness';

export const FAULTS_SESSION_SECRET = 'faults-session-secret-0123456789abcdefghij';

/** The server runs the build: made here (as the current user) when the sources changed. */
export function ensureFreshBuild(): void {
  if (!buildIsStale('build/index.js')) return;
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    stdio: 'ignore',
  });
}

/** A migrated database with a small demo seed and its search index, checkpointed into one file. */
export async function seededDatabase(file: string, enterprises = 100): Promise<void> {
  const db = openDatabase(file);
  runMigrations(db);
  await seedDemo(db, { enterprises });
  await rebuildSearchIndex(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, as a service manager stops it; resolves when the primary has exited. */
  stop(): Promise<void>;
  /** SIGKILL to the primary and every server process at once. */
  kill9(): Promise<void>;
}

export async function startServer(opts: {
  databasePath: string;
  env?: Record<string, string>;
  /** Run as this user (the tests run as root in CI containers, and root ignores file modes). */
  user?: { uid: number; gid: number };
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  // ensureFreshBuild made the build; another user could not write build/ anyway.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: opts.databasePath,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      // As the browser tests run it: `npm run dev` may have left a development build, which a
      // production process cannot render.
      NODE_ENV: 'test',
      SESSION_SECRET: FAULTS_SESSION_SECRET,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Whatever this shell says: the tests set what they mean.
      MEILI_HOST: '',
      ...opts.env,
    },
    // Its own process group, so kill9 reaches the cluster's server processes too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.user ? { uid: opts.user.uid, gid: opts.user.gid } : {}),
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // /healthz answered from one process; with several, start.ts says when all of them listen.
  if (Number(opts.env?.WEB_CONCURRENCY ?? 1) > 1)
    while (!/server processes listening on port/.test(output)) {
      if (Date.now() > deadline) throw new Error(`not every server process started in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  return {
    baseUrl,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
      // The server processes are killed by the same signal; wait until none is left on the file.
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
  };
}

/** The uid/gid to run a server as so that file modes apply, or null when the tests are not root. */
export function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  // nobody:nogroup on Debian.
  return { uid: 65534, gid: 65534 };
}

/**
 * Lets `user` (nobody) reach the checkout the server runs from: a clone made in `mktemp -d` (mode
 * 0700), as the README's fresh-clone check does, or under /root, is closed to other users, and the
 * server could not even load tsx. Adds search (x) permission for others to each ancestor that lacks
 * it — no read, no write — and answers a function that puts the old modes back.
 */
export function lendCheckoutTo(user: { uid: number; gid: number } | null, from = process.cwd()): () => void {
  const changed: [string, number][] = [];
  if (user) {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        changed.push([dir, mode]);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return () => {
    for (const [dir, mode] of changed.reverse()) fs.chmodSync(dir, mode);
  };
}

/** Lets `user` reach a folder made by mkdtemp (mode 0700). */
export function openFolderTo(dir: string, user: { uid: number; gid: number } | null): void {
  if (user) fs.chmodSync(dir, 0o777);
}
