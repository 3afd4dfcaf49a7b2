/**
 * For the whole-server benchmarks (bench:cluster, bench:load): a temporary copy of the demo
 * database, and the real server — `npm start`'s scripts/start.ts with its WEB_CONCURRENCY
 * processes, in production mode — on a free loopback port, stopped however the run ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { rebuildSearchIndex } from '../../app/models/search.server';

export const BENCH_SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef';

/**
 * A folder with `bench.db`: the demo data as `npm run setup` makes it (or a copy of `from`),
 * migrated, indexed and checkpointed. `keep` leaves a copy named seeded.db for --from.
 */
export async function demoDatabase(opts: { prefix: string; from?: string; keep?: boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  const file = path.join(dir, 'bench.db');
  const t0 = performance.now();
  if (opts.from) fs.copyFileSync(opts.from, file);
  const db = openDatabase(file);
  // A kept copy may predate migrations added since.
  runMigrations(db);
  if (!opts.from) {
    await seedDemo(db);
    await rebuildSearchIndex(db);
    console.log(`Demo data seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${file})`);
  } else console.log(`Copied ${opts.from} to ${file}`);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  if (opts.keep && !opts.from) {
    fs.copyFileSync(file, path.join(dir, 'seeded.db'));
    console.log(`Seeded database kept as ${path.join(dir, 'seeded.db')} (reuse with --from)`);
  }
  return {
    dir,
    file,
    remove: () => (opts.keep ? console.log(`Kept ${dir}`) : fs.rmSync(dir, { recursive: true, force: true })),
  };
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

export interface AppProcess {
  baseUrl: string;
  port: number;
  /** Server processes serving (the cluster's size). */
  processes: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts scripts/start.ts on `file` (no build: the npm script built it) with `processes` server
 * processes (unset: WEB_CONCURRENCY's default), and resolves once every process listens.
 */
export async function startApp(opts: {
  file: string;
  processes?: number;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: opts.file,
      NODE_ENV: 'production',
      SESSION_SECRET: BENCH_SESSION_SECRET,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: '0',
      // Request lines at info would cost the server a log write per answer.
      LOG_LEVEL: 'warn',
      MEILI_HOST: '',
      ...(opts.processes ? { WEB_CONCURRENCY: String(opts.processes) } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  let output = '';
  // Several processes: start.ts says when all of them listen; one process: /healthz answers.
  const allListening = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/server processes listening on port/.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  allListening.catch(() => {}); // awaited below only for several processes; an early exit is caught there too
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // WEB_CONCURRENCY's default, as app/utils/env.server.ts computes it.
  const processes = opts.processes ?? Math.min(os.availableParallelism(), 4);
  if (processes > 1) await allListening;
  return { baseUrl, port, child, stop, processes };
}
