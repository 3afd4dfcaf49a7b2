/**
 * `npm run bench:cluster` (= `remix build && tsx scripts/bench/cluster.ts`) — issue 12's
 * throughput of one server process against several (WEB_CONCURRENCY), not a timed test. The real
 * `npm start` (scripts/start.ts) serves a fresh copy of the demo database with 1, then 2
 * processes (--processes 1,2); autocannon loads, at 20 connections, /healthz (one database round
 * trip, the yardstick), the home page, the catalog, and POST /api/adoption-events with a
 * prefecture office's API key (every event a new enterprise, verified, counted). Each route runs
 * in --rounds short rounds (the machine's speed drifts within a minute). Prints per route and
 * process count: req/s, p99, errors (network errors and any status other than the route's), and
 * the ratio to one process. Issue 12's target: the catalog page ≥ 1.25× one process, 0 errors,
 * shown for the catalog as an anonymous visitor gets it (the anonymous page cache) and rendered.
 * The load generator shares the machine's cores with the server, as in every benchmark here.
 * Options: --processes 1,2  --duration S (per route per process count, default 20)
 * --rounds N (default 4)  --connections N (default 20)  --from FILE / --keep (reuse a seeded database).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { openDatabase } from '../../db/client.server';
import { makeUscc } from '../../app/domain/uscc';
import { createApiKey } from '../../app/models/api-keys.server';
import { usccBody } from './counter-seed';
import { demoDatabase, startApp } from './app-process';

type Instance = Promise<{
  requests: { total: number };
  errors: number;
  duration: number;
  latency: { p99: number; p50: number };
}> & { on(event: 'response', fn: (client: unknown, status: number) => void): void };
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Instance;

const { values: args } = parseArgs({
  options: {
    processes: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    from: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const PROCESSES = (args.processes ?? '1,2').split(',').map(Number);
if (PROCESSES.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--processes: whole numbers such as 1,2');
const DURATION = Number(args.duration ?? 20);
const ROUNDS = Number(args.rounds ?? 4);
const CONNECTIONS = Number(args.connections ?? 20);
const CATALOG_TARGET = 1.25;

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:cluster does).');
  process.exit(2);
}

const seeded = await demoDatabase({ prefix: 'yunqiao-bench-cluster-', from: args.from, keep: args.keep });

interface Route {
  name: string;
  status: number;
  request: (key: string) => Record<string, unknown>;
}
let serial = 0;
const ROUTES: Route[] = [
  { name: 'healthz', status: 200, request: () => ({ path: '/healthz' }) },
  { name: 'home', status: 200, request: () => ({ path: '/' }) },
  { name: 'catalog', status: 200, request: () => ({ path: '/catalog' }) },
  // Any cookie (language, 大字版, a session) bypasses the anonymous page cache: this row is the
  // page rendered on every request, the work a second core can share. The cached row above is
  // bound by the load generator, which runs on the same two cores.
  { name: 'catalog rendered', status: 200, request: () => ({ path: '/catalog', headers: { cookie: 'bench=1' } }) },
  {
    name: 'event API',
    status: 201,
    request: (key) => ({
      method: 'POST',
      path: '/api/adoption-events',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      // A new enterprise of Chengdu per event, with its own Idempotency-Key.
      setupRequest: (req: { headers: Record<string, string>; body?: string }) => {
        serial += 1;
        req.headers = { ...req.headers, 'Idempotency-Key': `cluster-${process.pid}-${serial}` };
        req.body = JSON.stringify({
          uscc: makeUscc('91', '510100', usccBody('C', serial)),
          enterpriseName: `集群基准企业${serial}`,
          prefecture: '5101',
          industry: '34',
          employees: 50,
          level: 'saas',
          occurredAt: `2025-0${1 + (serial % 9)}-15`,
        });
        return req;
      },
    }),
  },
];

async function load(baseUrl: string, route: Route, key: string, seconds: number) {
  const instance = autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [route.request(key)],
  });
  let bad = 0;
  instance.on('response', (_client, status) => {
    if (status !== route.status) bad++;
  });
  const result = await instance;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    bad: bad + result.errors,
    p99: result.latency.p99,
  };
}

type Tally = { requests: number; seconds: number; bad: number; p99s: number[] };
const results = new Map<number, Map<string, Tally>>();
for (const processes of PROCESSES) {
  // A fresh copy each time: the second run should not start with the first one's events.
  const file = `${seeded.file}.${processes}p.db`;
  fs.copyFileSync(seeded.file, file);
  const db = openDatabase(file);
  const key = createApiKey(db, {
    owner: { kind: 'prefecture', prefecture: '5101' },
    name: 'bench:cluster',
    actorUserId: null,
  }).key;
  db.$client.close();
  // One key sends every event: far past the 1,200 a minute a real office gets; the limiter still
  // counts each call, so its cost stays in the figures (as bench:counter does).
  const app = await startApp({ file, processes, env: { API_KEY_RATE_LIMIT: '100000000' } });
  try {
    for (const route of ROUTES) await load(app.baseUrl, route, key, 2); // warm-up: JIT, caches
    const tallies = new Map(
      ROUTES.map((r) => [r.name, { requests: 0, seconds: 0, bad: 0, p99s: [] } as Tally]),
    );
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of ROUTES) {
        const run = await load(app.baseUrl, route, key, DURATION / ROUNDS);
        const tally = tallies.get(route.name)!;
        tally.requests += run.requests;
        tally.seconds += run.seconds;
        tally.bad += run.bad;
        tally.p99s.push(run.p99);
      }
    }
    results.set(processes, tallies);
  } finally {
    await app.stop();
  }
}
seeded.remove();

const base = PROCESSES[0]!;
const header = [
  'route',
  ...PROCESSES.flatMap((n) => [`${n}p req/s`, `${n}p p99 ms`, `${n}p errors`]),
  ...PROCESSES.slice(1).map((n) => `${n}p ÷ ${base}p`),
];
const rows: string[][] = [];
let errors = 0;
let catalogMet = true;
for (const route of ROUTES) {
  const rate = (n: number) => {
    const t = results.get(n)!.get(route.name)!;
    return t.requests / t.seconds;
  };
  const cells = [route.name];
  for (const n of PROCESSES) {
    const t = results.get(n)!.get(route.name)!;
    errors += t.bad;
    // The worst round's p99: autocannon gives percentiles per run, not mergeable ones.
    cells.push(rate(n).toFixed(0), Math.max(...t.p99s).toFixed(0), String(t.bad));
  }
  for (const n of PROCESSES.slice(1)) {
    const ratio = rate(n) / rate(base);
    const targeted = route.name.startsWith('catalog');
    if (targeted && ratio < CATALOG_TARGET) catalogMet = false;
    cells.push(`${ratio.toFixed(2)}${targeted ? (ratio >= CATALOG_TARGET ? '  ✓' : '  ✗') : ''}`);
  }
  rows.push(cells);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  `\nYunqiao server processes — ${CONNECTIONS} connections, ${ROUNDS} rounds of ${(DURATION / ROUNDS).toFixed(1)} s per route, ${os.availableParallelism()} CPUs, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `Target: catalog (cached and rendered) ≥ ${CATALOG_TARGET}× one process with 0 errors — ${catalogMet && errors === 0 ? 'met' : 'not met'} (p99: the worst round's).`,
);
// A missed ratio is a finding, printed above; only wrong answers fail the run.
if (errors > 0) process.exitCode = 1;
