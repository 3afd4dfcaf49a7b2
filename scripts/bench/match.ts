/**
 * `npm run bench:match` (= `remix build && tsx scripts/bench/match.ts`) — the matches issue's
 * benchmark, not a timed test. In a temporary database: the deterministic bench catalog (20,000
 * offerings, imported and indexed as catalog:import --publish does), 150,000 enterprises and
 * 1,000,000 ledger events naming offerings (scripts/bench/counter-seed.ts), then
 *  1. one match in process (findMatches) for profiles of seeded enterprises — their own profile
 *     as an SME gets it, some with q, a budget or a level filter: p50/p95/p99 (target p95 ≤ 15 ms),
 *     and apart the first match of each (prefecture, cluster) cell, which computes its peers;
 *  2. GET /api/matches over HTTP against the built server, beside GET /api/search on the same
 *     data, with autocannon (10 connections, alternating rounds): p50/p95/p99 and requests/s.
 * Options: --offerings N --enterprises N --events N (smaller runs), --requests N (in process,
 * default 3000), --duration S (HTTP per endpoint, default 12), --keep (keep the temporary folder
 * and a copy of the seeded database), --from FILE (start from such a copy).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { createRng, hashSeed } from '../../db/seed/random';
import { deriveMatchProfile } from '../../app/domain/match-scoring';
import { importCatalog } from '../../app/models/catalog-import.server';
import { findMatches, profileOfEnterprise, type MatchRequest } from '../../app/models/matches.server';
import { benchCatalog } from './bench-catalog';
import { seedBenchmark } from './counter-seed';

type Instance = Promise<{
  requests: { average: number; total: number };
  non2xx: number;
  duration: number;
}> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Instance;

const { values: args } = parseArgs({
  options: {
    offerings: { type: 'string' },
    enterprises: { type: 'string' },
    events: { type: 'string' },
    requests: { type: 'string' },
    duration: { type: 'string' },
    keep: { type: 'boolean' },
    from: { type: 'string' },
  },
});
const OFFERINGS = Number(args.offerings ?? 20_000);
const ENTERPRISES = Number(args.enterprises ?? 150_000);
const EVENTS = Number(args.events ?? 1_000_000);
const REQUESTS = Number(args.requests ?? 3000);
const DURATION = Number(args.duration ?? 12);

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:match does).');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-bench-match-'));
const file = path.join(dir, 'bench.db');
let db: Db;
let t0 = performance.now();
if (args.from) {
  fs.copyFileSync(args.from, file);
  db = openDatabase(file);
  runMigrations(db);
  console.log(`Copied ${args.from} to ${file}`);
} else {
  db = openDatabase(file);
  runMigrations(db);
  const summary = importCatalog(db, benchCatalog(OFFERINGS), {
    actorUserId: null,
    publish: true,
    partial: false,
    source: 'bench',
  });
  if (!summary.written)
    throw new Error(`bench catalog refused: ${summary.errors[0]?.path} ${summary.errors[0]?.message}`);
  console.log(
    `Catalog: ${OFFERINGS.toLocaleString('en')} offerings imported and indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = performance.now();
  const offerings = db.$client
    .prepare('SELECT id, provider_id AS providerId FROM offerings ORDER BY id')
    .all() as { id: string; providerId: string }[];
  seedBenchmark(db, { enterprises: ENTERPRISES, events: EVENTS, offerings });
  console.log(
    `Seeded ${ENTERPRISES.toLocaleString('en')} enterprises and ${EVENTS.toLocaleString('en')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (args.keep) {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, path.join(dir, 'seeded.db'));
    console.log(`Seeded database kept as ${path.join(dir, 'seeded.db')} (reuse with --from)`);
  }
}

// Needs written in words, as an SME would type them, and the pages' usual filters.
const NEEDS = [
  '设备联网',
  '能耗管理',
  'MES',
  '云主机',
  '质量追溯',
  '仓储管理',
  '财务',
  'ERP',
  'shebei',
  '数据分析',
];
const LEVELS = ['iaas', 'paas', 'saas', 'platform', 'industrial-app'] as const;
const rng = createRng(hashSeed('bench-match'));
const enterpriseIds = db.$client
  .prepare("SELECT id FROM enterprises WHERE id LIKE 'be%' ORDER BY id")
  .pluck()
  .all() as string[];
const requests: MatchRequest[] = [];
while (requests.length < REQUESTS) {
  const profile = profileOfEnterprise(db, rng.pick(enterpriseIds));
  if (!profile) continue; // registered with a 门类 letter only: the API answers 422
  requests.push({
    profile,
    ...(rng.chance(0.3) ? { q: rng.pick(NEEDS) } : {}),
    ...(rng.chance(0.3) ? { budgetFen: rng.pick([20_000, 100_000, 500_000]) } : {}),
    ...(rng.chance(0.1) ? { level: [rng.pick(LEVELS)] } : {}),
    limit: 10,
  });
}
const cellOf = (r: MatchRequest) => {
  const p = deriveMatchProfile(r.profile);
  return `${p.prefecture}|${p.cluster}`;
};

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}
const f = (n: number) => n.toFixed(2).padStart(7);
const line = (name: string, s: ReturnType<typeof stats>, extra = '') =>
  console.log(
    `  ${name.padEnd(44)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)}   (${s.n.toLocaleString('en')} requests${extra})`,
  );

// 1. In process. The first call loads the catalog columns and jieba (once per process).
t0 = performance.now();
findMatches(db, requests[0]!, 'zh-CN');
const firstMs = performance.now() - t0;
const seen = new Set([cellOf(requests[0]!)]);
const all: number[] = [];
const warm: number[] = [];
const cold: number[] = [];
let peersShown = 0;
for (const request of requests) {
  const cell = cellOf(request);
  const start = performance.now();
  const answer = findMatches(db, request, 'zh-CN');
  const ms = performance.now() - start;
  all.push(ms);
  (seen.has(cell) ? warm : cold).push(ms);
  seen.add(cell);
  peersShown += answer.peers.length;
}
console.log(`\nFirst match (loads the catalog columns and jieba): ${firstMs.toFixed(0)} ms`);
console.log(`Peers shown per answer: ${(peersShown / requests.length).toFixed(1)} on average`);

// 2. HTTP: the real build in a child process, autocannon here.
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/bench-server.ts'], {
  env: {
    ...process.env,
    DATABASE_PATH: file,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
    // Production refuses to start (and to read a session) without it.
    PUBLIC_URL: 'http://127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    const m = /PORT (\d+)/.exec(chunk.toString());
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
});
const matchPaths = requests.map((r) => {
  const p = new URLSearchParams({
    industry: r.profile.industry,
    prefecture: r.profile.prefecture,
    levels: r.profile.levels.join(','),
  });
  if (r.profile.size) p.set('size', r.profile.size);
  if (r.profile.employees !== undefined) p.set('employees', String(r.profile.employees));
  if (r.profile.revenueWan !== undefined) p.set('revenueWan', String(r.profile.revenueWan));
  if (r.q) p.set('q', r.q);
  if (r.budgetFen !== undefined) p.set('budgetFen', String(r.budgetFen));
  if (r.level) p.set('level', r.level.join(','));
  return `/api/matches?${p}`;
});
// The same needs (and no need: browsing) as searches, with the filters a catalog visitor picks.
const searchPaths = requests.map((r) => {
  const p = new URLSearchParams({ perPage: '10' });
  if (r.q) p.set('q', r.q);
  if (r.level) p.set('level', r.level[0]!);
  if (/^(1[3-9]|[23]\d|4[0-3])$/.test(r.profile.industry) && rng.chance(0.5))
    p.set('industry', r.profile.industry);
  if (r.budgetFen !== undefined) p.set('priceMaxFen', String(r.budgetFen));
  return `/api/search?${p}`;
});
async function load(paths: string[], seconds: number, latencies: number[] | null) {
  let next = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
  let non2xx = 0;
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) non2xx++;
    latencies?.push(ms);
  });
  const result = await instance;
  return { requests: result.requests.total, seconds: result.duration, non2xx };
}
// The server counts each (prefecture, cluster) cell's peers on its first request for it (measured
// in process above), then follows the ledger: one request per cell first, so the rounds measure a
// server that has been running, as the in-process "cell already seen" line does.
const firstOfCell = new Map<string, string>();
requests.forEach((r, i) => {
  if (!firstOfCell.has(cellOf(r))) firstOfCell.set(cellOf(r), matchPaths[i]!);
});
t0 = performance.now();
for (const path of firstOfCell.values())
  await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.arrayBuffer());
const warmUpSeconds = (performance.now() - t0) / 1000;
await load(matchPaths, 3, null);
await load(searchPaths, 3, null);
const ROUNDS = 3;
const http = {
  match: { lat: [] as number[], n: 0, s: 0, bad: 0 },
  search: { lat: [] as number[], n: 0, s: 0, bad: 0 },
};
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, paths] of [
    ['match', matchPaths],
    ['search', searchPaths],
  ] as const) {
    const r = await load(paths, DURATION / ROUNDS, http[name].lat);
    http[name].n += r.requests;
    http[name].s += r.seconds;
    http[name].bad += r.non2xx;
  }
}
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
db.$client.close();
if (args.keep) console.log(`Kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });

console.log(
  `\nYunqiao matches benchmark — ${OFFERINGS.toLocaleString('en')} offerings, ${ENTERPRISES.toLocaleString('en')} enterprises, ${EVENTS.toLocaleString('en')} events, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}`,
);
console.log(`  ${''.padEnd(44)}     p50     p95     p99   (ms)`);
line('one match in process (findMatches)', stats(all), '; target p95 ≤ 15 ms');
line('  cell already counted', stats(warm));
line('  first of its (prefecture, cluster) cell', stats(cold), ', counts its peers');
console.log(
  `  (HTTP after one request per cell: ${firstOfCell.size} cells counted in ${warmUpSeconds.toFixed(1)} s)`,
);
for (const [name, label] of [
  ['match', 'GET /api/matches over HTTP (10 connections)'],
  ['search', 'GET /api/search over HTTP (10 connections)'],
] as const) {
  const h = http[name];
  line(label, stats(h.lat), `, ${(h.n / h.s).toFixed(0)} req/s, non-2xx ${h.bad}`);
}
