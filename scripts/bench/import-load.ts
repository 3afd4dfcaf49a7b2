/**
 * `npm run bench:import-load` (= `remix build && tsx scripts/bench/import-load.ts`) — issue 12's
 * measurement, not a timed test: do the pages keep answering while a 100,000-row prefecture
 * report is applied? In a temporary copy of a demo database (seeded here, or `--from FILE`), the
 * real server (`scripts/start.ts`: one process, its background-job worker thread, the WAL
 * checkpointer and the scheduler) serves on a free port. autocannon loads `/` and `/catalog` at
 * once (--connections in all, half each, as anonymous visitors):
 *   1. without an import, for --baseline seconds;
 *   2. while a provincial official's upload of a generated 100,000-row GB18030 report (as Excel on
 *      Chinese Windows saves it) is taken and applied by the job worker — from the upload until the
 *      job has ended.
 * Prints per page and phase: requests/s and latency p50/p95/p99 (every response timed), then the
 * upload's answer time, the job's wait and run time and its outcome. Target: p99 ≤ 200 ms on both
 * pages during the import.
 * Options: --rows N (default 100,000), --connections N (default 10), --baseline S (default 10),
 * --enterprises N (demo seed size, default the seed's 2,000), --from FILE (start from a copy of a seeded
 * database), --keep (keep the temporary directory).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { openDatabase } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { seedDemo } from '../../db/seed/demo';
import { makeUscc } from '../../app/domain/uscc';
import { PREFECTURES } from '../../app/domain/prefectures';
import { rebuildSearchIndex } from '../../app/models/search.server';
import { usccBody } from './counter-seed';

type Instance = Promise<{ requests: { total: number }; errors: number; duration: number }> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Instance;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    connections: { type: 'string' },
    baseline: { type: 'string' },
    enterprises: { type: 'string' },
    from: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const ROWS = Number(args.rows ?? 100_000);
const CONNECTIONS = Number(args.connections ?? 10);
const BASELINE_S = Number(args.baseline ?? 10);
const P99_TARGET_MS = 200;
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'catalog', path: '/catalog' },
] as const;
// The session the upload is signed in with: the server and this script sign with the same secret.
const SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef';
process.env.SESSION_SECRET = SESSION_SECRET;
const { sessionCookieFor } = await import('../../app/utils/session.server');

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:import-load does).');
  process.exit(2);
}

// 1. The database.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-bench-import-'));
const file = path.join(dir, 'bench.db');
{
  const t0 = performance.now();
  if (args.from) fs.copyFileSync(args.from, file);
  const db = openDatabase(file);
  runMigrations(db);
  if (!args.from) {
    await seedDemo(db, args.enterprises ? { enterprises: Number(args.enterprises) } : {});
    await rebuildSearchIndex(db);
  }
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  console.log(`Database ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${file})`);
}
const official = (() => {
  const db = openDatabase(file);
  try {
    return db.$client
      .prepare(
        "SELECT u.id, u.session_version AS v FROM users u JOIN official_scopes s ON s.user_id = u.id WHERE u.role = 'official' AND s.prefecture IS NULL LIMIT 1",
      )
      .get() as { id: string; v: number } | undefined;
  } finally {
    db.$client.close();
  }
})();
if (!official) throw new Error('the database has no provincial official (seed the demo data)');
const cookie = await sessionCookieFor(official.id, official.v);

// 2. The report, as Excel on Chinese Windows saves it: every prefecture, every row a new enterprise.
function reportCsv(rows: number, tag = 'B'): Buffer {
  const codes = PREFECTURES.map((p) => p.code);
  const lines = [
    'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on',
  ];
  for (let i = 0; i < rows; i++) {
    const prefecture = codes[i % codes.length]!;
    lines.push(
      `${makeUscc('92', `${prefecture}00`, usccBody(tag, i))},压测企业${i}有限公司,${prefecture},${13 + (i % 31)},${i % 500},${i % 9000},${i % 2 ? '业务应用上云' : 'iaas'},,2022/${1 + (i % 12)}/${1 + (i % 28)}`,
    );
  }
  return iconv.encode(lines.join('\r\n'), 'gb18030');
}
const report = reportCsv(ROWS);

// 3. The server: `npm start` on the copy, one process.
const port = await new Promise<number>((resolve, reject) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() =>
      typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
    );
  });
});
const base = `http://127.0.0.1:${port}`;
// --no-build: `npm run bench:import-load` has just built; a rebuild here would run inside the measurement.
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_PATH: file,
    NODE_ENV: 'production',
    SESSION_SECRET,
    PUBLIC_URL: base,
    SEED_DEMO: '0',
    WEB_CONCURRENCY: '1',
    LOG_LEVEL: 'warn',
    MEILI_HOST: '',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stopServer);
process.on('SIGINT', () => process.exit(130));
{
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz in 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Loads both pages at once until `until` resolves (or for `seconds`); every response's latency kept. */
async function loadPages(until: Promise<unknown> | number) {
  const per = Math.max(1, Math.floor(CONNECTIONS / PAGES.length));
  const runs = PAGES.map((page) => {
    const latencies: number[] = [];
    const slow: { startedAt: number; ms: number }[] = [];
    let bad = 0;
    const instance = autocannon({
      url: `${base}${page.path}`,
      connections: per,
      duration: typeof until === 'number' ? until : 3600,
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) bad++;
      latencies.push(ms);
      if (ms > P99_TARGET_MS) slow.push({ startedAt: performance.now() - ms, ms });
    });
    return { page, instance, latencies, slow, bad: () => bad };
  });
  if (typeof until !== 'number') void until.then(() => runs.forEach((r) => r.instance.stop()));
  const results = await Promise.all(runs.map((r) => r.instance));
  return runs.map((r, i) => ({
    page: r.page,
    latencies: r.latencies.sort((a, b) => a - b),
    slow: r.slow,
    seconds: results[i]!.duration,
    requests: results[i]!.requests.total,
    bad: r.bad() + results[i]!.errors,
  }));
}

interface JobAnswer {
  status: string;
  progress: { phase: string; done: number; total: number | null };
  result: Record<string, number | string> | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What the job was doing when (its page's polls), to place the slow responses. */
const timeline: { at: number; what: string }[] = [];

/** Uploads a report as the official's browser does; returns the upload's answer time and the job's end. */
async function uploadReport(bytes: Buffer, name: string) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
  const t0 = performance.now();
  const answer = await fetch(`${base}/official/adoption/upload`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: base, 'Sec-Fetch-Site': 'same-origin' },
  });
  const answeredMs = performance.now() - t0;
  const location = answer.headers.get('Location') ?? '';
  if (answer.status !== 302 || !location.startsWith('/official/adoption/upload/'))
    throw new Error(
      `the upload answered ${answer.status} ${location}: ${(await answer.text()).slice(0, 300)}`,
    );
  const jobId = location.slice('/official/adoption/upload/'.length);
  timeline.push({ at: performance.now(), what: 'upload answered' });
  for (;;) {
    const job = (await (
      await fetch(`${base}/api/jobs/${jobId}`, { headers: { Cookie: cookie } })
    ).json()) as JobAnswer;
    const { phase, done, total } = job.progress;
    timeline.push({ at: performance.now(), what: `${job.status} ${phase} ${done}/${total ?? '?'}` });
    if (job.status === 'succeeded' || job.status === 'failed') return { answeredMs, jobId, job };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Warm-up: a small report through the whole pipeline (the job thread started, its code loaded),
// then both pages (JIT, prepared statements, caches).
const warm = await uploadReport(reportCsv(20, 'W'), 'warm-up.csv');
if (warm.job.status !== 'succeeded')
  throw new Error(`the warm-up report ${warm.job.status}: ${JSON.stringify(warm.job.error)}`);
await loadPages(5);
const baseline = await loadPages(BASELINE_S);

// 4. The upload, and the load while its job runs.
let uploadMs = 0;
let jobId = '';
let ended: JobAnswer | null = null;
const jobDone = uploadReport(report, '全省上云企业压测.csv').then((r) => {
  uploadMs = r.answeredMs;
  jobId = r.jobId;
  ended = r.job;
});
const t0 = performance.now();
const during = await loadPages(jobDone);
const wallS = (performance.now() - t0) / 1000;
await jobDone;
stopServer();
await new Promise((resolve) => server.once('exit', resolve));
if (args.keep) console.log(`Kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });

// 5. The table.
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
const header = ['page', 'phase', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-200', 'target'];
const rows: string[][] = [];
let worst = 0;
for (const [phase, runs] of [
  ['no import', baseline],
  ['during import', during],
] as const) {
  for (const run of runs) {
    const p99 = percentile(run.latencies, 99);
    if (phase === 'during import') worst = Math.max(worst, p99);
    rows.push([
      `${run.page.name} (${run.page.path})`,
      phase,
      (run.requests / run.seconds).toFixed(0),
      percentile(run.latencies, 50).toFixed(1),
      percentile(run.latencies, 95).toFixed(1),
      p99.toFixed(1),
      (run.latencies.at(-1) ?? 0).toFixed(1),
      String(run.bad),
      phase === 'during import'
        ? `p99 ≤ ${P99_TARGET_MS} ms ${p99 <= P99_TARGET_MS && run.bad === 0 ? '✓' : '✗'}`
        : '',
    ]);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
const job = ended as JobAnswer | null;
const ms = (a: string | null | undefined, b: string | null | undefined) =>
  a && b ? Date.parse(b) - Date.parse(a) : NaN;
console.log(
  `\nYunqiao pages during a ${ROWS.toLocaleString('en')}-row report import — ${CONNECTIONS} connections (${Math.max(1, Math.floor(CONNECTIONS / PAGES.length))} per page), ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `\nUpload (${(report.length / 1024 / 1024).toFixed(1)} MB GB18030 CSV) answered in ${uploadMs.toFixed(0)} ms; job ${jobId} ${job?.status ?? '?'}` +
    ` after ${(ms(job?.createdAt, job?.startedAt) / 1000).toFixed(1)} s in the queue and ${(ms(job?.startedAt, job?.finishedAt) / 1000).toFixed(1)} s running` +
    ` (load phase ${wallS.toFixed(1)} s)` +
    (job?.result
      ? `: ${JSON.stringify(job.result)}`
      : job?.error
        ? `: ${job.error.code} ${job.error.message}`
        : ''),
);
// Where the slow answers of the import phase fell: bursts (gaps under a second), with what the job was doing.
const slow = during.flatMap((r) => r.slow).sort((a, b) => a.startedAt - b.startedAt);
const bursts: { from: number; to: number; n: number; worst: number }[] = [];
for (const answer of slow) {
  const last = bursts.at(-1);
  if (last && answer.startedAt - last.to < 1000) {
    last.to = Math.max(last.to, answer.startedAt + answer.ms);
    last.n++;
    last.worst = Math.max(last.worst, answer.ms);
  } else bursts.push({ from: answer.startedAt, to: answer.startedAt + answer.ms, n: 1, worst: answer.ms });
}
const doing = (at: number) => timeline.filter((e) => e.at >= t0 && e.at <= at).at(-1)?.what ?? 'uploading';
console.log(
  `Answers over ${P99_TARGET_MS} ms during the import: ${slow.length}, in ${bursts.length} bursts; the worst:`,
);
for (const b of [...bursts].sort((x, y) => y.worst - x.worst).slice(0, 8))
  console.log(
    `  +${((b.from - t0) / 1000).toFixed(1)} s to +${((b.to - t0) / 1000).toFixed(1)} s: ${b.n} answers, slowest ${b.worst.toFixed(0)} ms (job: ${doing(b.from)})`,
  );
if (job?.status !== 'succeeded') process.exitCode = 1;
