/**
 * `npm run bench:pages` (= `remix build && tsx scripts/bench/pages.ts`) — issue 14's page-speed
 * benchmark, not a timed test. In a temporary database seeded with the demo data (db/seed/demo.ts,
 * as `npm run setup` does), the real build serves the pages in its own process
 * (scripts/bench/bench-server.ts) and autocannon loads each route at 20 connections, as an
 * anonymous visitor with no cookie: /healthz (one database round trip, the yardstick), a 404 page
 * (the layout alone: the floor under every page), the home page, the catalog browsed and with a
 * query, the public progress page. Routes take turns in
 * short rounds rather than one long run each — this machine's speed drifts within a minute and
 * other work shares its two cores, so only the ratio to /healthz measured in the same rounds is
 * comparable between runs.
 *
 * Prints per route: requests/s, the ratio to /healthz, latency p50/p95/p99 (every response timed),
 * the body size of one answer (no compression asked, as autocannon does), the server's CPU time
 * per answer and /healthz's as a share of it (a steadier estimate of the ratio on a busy machine),
 * and the target.
 * Options: --duration S (seconds per route in all, default 15), --rounds N (default 5),
 * --connections N (default 20), --enterprises N (demo seed size, default the seed's 2,000),
 * --offerings N (add that many offerings of the search benchmark's catalog), --profile DIR (the
 * server writes a V8 CPU profile there: open it in Chrome DevTools or read its top frames),
 * --only a,b (route names: 'layout only', home, catalog, catalog?q, progress), --keep / --from FILE (keep the seeded database / start from a copy).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { importCatalog } from '../../app/models/catalog-import.server';
import { rebuildSearchIndex } from '../../app/models/search.server';
import { benchCatalog } from './bench-catalog';

type Instance = Promise<{ requests: { total: number }; non2xx: number; errors: number; duration: number }> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Instance;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    enterprises: { type: 'string' },
    offerings: { type: 'string' },
    profile: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean' },
    from: { type: 'string' },
  },
});
const DURATION = Number(args.duration ?? 15);
const ROUNDS = Number(args.rounds ?? 5);
const CONNECTIONS = Number(args.connections ?? 20);

interface Route {
  name: string;
  path: string;
  /** The issue's target as a share of /healthz's rate; null for the two references. */
  target: number | null;
  /** The status every answer must have (200 unless said). */
  status?: number;
  note?: string;
  /** Sent as the Cookie header: a visitor with any cookie is answered by a fresh render, never the anonymous page cache. */
  cookie?: string;
}
const ROUTES: Route[] = [
  { name: 'healthz', path: '/healthz', target: null, note: 'yardstick' },
  // Not a target: what any page costs before its own content (Remix matches the ~110 routes
  // several times per document and renders the layout), for reading the others against.
  { name: 'layout only', path: '/no-such-page', target: null, status: 404, note: 'floor: the 404 page' },
  { name: 'home', path: '/', target: 0.6 },
  { name: 'catalog', path: '/catalog', target: 0.35 },
  { name: 'catalog?q', path: `/catalog?q=${encodeURIComponent('设备')}`, target: 0.35 },
  { name: 'progress', path: '/progress', target: 0.5 },
  // The same pages for a visitor with a cookie (language, 大字版, session): rendered every time.
  { name: 'home+cookie', path: '/', target: null, cookie: 'bench=1', note: 'rendered (no page cache)' },
  { name: 'catalog+cookie', path: '/catalog', target: null, cookie: 'bench=1', note: 'rendered (no page cache)' },
  {
    name: 'catalog?q+cookie',
    path: `/catalog?q=${encodeURIComponent('设备')}`,
    target: null,
    cookie: 'bench=1',
    note: 'rendered (no page cache)',
  },
  { name: 'progress+cookie', path: '/progress', target: null, cookie: 'bench=1', note: 'rendered (no page cache)' },
];
const P99_TARGET_MS = 150;
const only = args.only ? new Set(['healthz', ...args.only.split(',')]) : null;
const routes = ROUTES.filter((r) => !only || only.has(r.name));

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:pages does).');
  process.exit(2);
}

// 1. The demo database (a copy of a kept one with --from: seeding takes a while).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-bench-pages-'));
const file = path.join(dir, 'bench.db');
let t0 = performance.now();
if (args.from) {
  fs.copyFileSync(args.from, file);
  // A kept copy may predate migrations added since.
  const db = openDatabase(file);
  runMigrations(db);
  db.$client.close();
  console.log(`Copied ${args.from} to ${file}`);
} else {
  const db = openDatabase(file);
  runMigrations(db);
  await seedDemo(db, args.enterprises ? { enterprises: Number(args.enterprises) } : {});
  if (args.offerings) {
    const summary = importCatalog(db, benchCatalog(Number(args.offerings)), {
      actorUserId: null,
      publish: true,
      partial: false,
      source: 'bench',
    });
    if (!summary.written)
      throw new Error(`bench catalog refused: ${summary.errors[0]?.path} ${summary.errors[0]?.message}`);
  }
  const indexed = await rebuildSearchIndex(db);
  console.log(
    `Demo data seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${indexed.indexed} visible offerings, ${indexed.engine} engine)`,
  );
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  if (args.keep) {
    fs.copyFileSync(file, path.join(dir, 'seeded.db'));
    console.log(`Seeded database kept as ${path.join(dir, 'seeded.db')} (reuse with --from)`);
  }
}

// 2. The server: the real build in its own process.
const profileDir = args.profile ? path.resolve(args.profile) : null;
const server = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    '--import',
    'tsx',
    'scripts/bench/bench-server.ts',
  ],
  {
    env: {
      ...process.env,
      DATABASE_PATH: file,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      // Production refuses to start (and to read a session) without it.
      PUBLIC_URL: 'http://127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const port = await new Promise<number>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    const m = /PORT (\d+)/.exec(chunk.toString());
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
});

// The server is stopped however the run ends, so a failed run leaves no process behind.
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stopServer);
process.on('SIGINT', () => process.exit(130));

/** One plain GET without Accept-Encoding: status, body size and the start of the body. */
function fetchOnce(urlPath: string): Promise<{ status: number; bytes: number; head: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            bytes: body.length,
            head: body.subarray(0, 500).toString(),
          });
        });
      })
      .on('error', reject);
  });
}

/**
 * The server's CPU time so far (user + system, all threads) in ms, from /proc: CPU per answer does
 * not depend on what else runs on the machine as much as the request rate does, so it is printed
 * beside the rates as a steadier second opinion (null where there is no /proc).
 */
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux
function serverCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

async function load(route: Route, seconds: number, latencies: number[] | null) {
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${route.path}`,
    ...(route.cookie ? { headers: { cookie: route.cookie } } : {}),
    connections: CONNECTIONS,
    duration: seconds,
  });
  let bad = 0;
  const expected = route.status ?? 200;
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status !== expected) bad++;
    latencies?.push(ms);
  });
  const cpuBefore = serverCpuMs();
  const result = await instance;
  const cpuAfter = serverCpuMs();
  return {
    requests: result.requests.total,
    seconds: result.duration,
    bad: bad + result.errors,
    cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

const sizes = new Map<string, number>();
for (const route of routes) {
  const answer = await fetchOnce(route.path);
  if (answer.status !== (route.status ?? 200))
    throw new Error(`${route.path} answered ${answer.status}: ${answer.head}`);
  sizes.set(route.name, answer.bytes);
  await load(route, 2, null); // warm-up: JIT, prepared statements, caches
}

interface Tally {
  requests: number;
  seconds: number;
  bad: number;
  cpuMs: number | null;
  latencies: number[];
  ratios: number[];
}
const tallies = new Map<string, Tally>(
  routes.map((r) => [r.name, { requests: 0, seconds: 0, bad: 0, cpuMs: 0, latencies: [], ratios: [] }]),
);
t0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const rates = new Map<string, number>();
  for (const route of routes) {
    const tally = tallies.get(route.name)!;
    const run = await load(route, DURATION / ROUNDS, tally.latencies);
    tally.requests += run.requests;
    tally.seconds += run.seconds;
    tally.bad += run.bad;
    tally.cpuMs = tally.cpuMs === null || run.cpuMs === null ? null : tally.cpuMs + run.cpuMs;
    rates.set(route.name, run.requests / run.seconds);
  }
  for (const route of routes)
    tallies.get(route.name)!.ratios.push(rates.get(route.name)! / rates.get('healthz')!);
}
const benchSeconds = (performance.now() - t0) / 1000;
stopServer();
await new Promise((resolve) => server.on('exit', resolve));
if (args.keep) console.log(`Kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });

// 3. The table.
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
const healthRate = tallies.get('healthz')!.requests / tallies.get('healthz')!.seconds;
const cpuPerAnswer = (tally: Tally) => (tally.cpuMs === null ? null : tally.cpuMs / tally.requests);
const healthCpu = cpuPerAnswer(tallies.get('healthz')!);
const header = [
  'route',
  'req/s',
  '÷ healthz',
  'rounds',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'KB/answer',
  'CPU ms/answer',
  'healthz CPU ÷',
  'unexpected',
  'target',
];
const rows: string[][] = [];
let unexpected = 0;
for (const route of routes) {
  const tally = tallies.get(route.name)!;
  const rate = tally.requests / tally.seconds;
  const ratio = rate / healthRate;
  const sorted = tally.latencies.sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const met = route.target === null || (ratio >= route.target && p99 <= P99_TARGET_MS && tally.bad === 0);
  unexpected += tally.bad;
  rows.push([
    `${route.name} (${route.path.length > 24 ? `${route.path.slice(0, 21)}…` : route.path})`,
    rate.toFixed(0),
    route.name === 'healthz' ? '1' : ratio.toFixed(2),
    route.name === 'healthz'
      ? '—'
      : `${Math.min(...tally.ratios).toFixed(2)}–${Math.max(...tally.ratios).toFixed(2)}`,
    percentile(sorted, 50).toFixed(1),
    percentile(sorted, 95).toFixed(1),
    p99.toFixed(1),
    ((sizes.get(route.name) ?? 0) / 1024).toFixed(1),
    cpuPerAnswer(tally)?.toFixed(2) ?? '—',
    healthCpu === null || !cpuPerAnswer(tally) ? '—' : (healthCpu / cpuPerAnswer(tally)!).toFixed(2),
    String(tally.bad),
    route.target === null
      ? (route.note ?? '')
      : `≥ ${route.target} and p99 ≤ ${P99_TARGET_MS} ms${met ? '  ✓' : '  ✗'}`,
  ]);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  `\nYunqiao page speed — ${CONNECTIONS} connections, ${ROUNDS} alternating rounds, ${(DURATION / ROUNDS).toFixed(1)} s per route per round (${benchSeconds.toFixed(0)} s), ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
if (profileDir) console.log(`\nCPU profile of the server written to ${profileDir}`);
// A missed target is a finding, printed above; only wrong answers (a status not expected) fail the run.
if (unexpected) process.exitCode = 1;
