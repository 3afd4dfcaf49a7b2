/**
 * `npm run bench:handler` (= `remix build && tsx scripts/bench/handler.ts`) — the CPU time of one
 * answer of the built request handler, called in this process with no HTTP server, socket or load
 * generator around it: the steadiest view of what the application itself costs per request when the
 * machine is shared. Each URL is answered 100 times per round, 8 rounds; the best round's CPU time
 * per answer is printed (process.cpuUsage). Requests carry a cookie, so nothing comes from the
 * anonymous page cache (which is Express middleware and not in this path anyway).
 * Options: --rounds N (default 8) --per-round N (default 100) --from FILE (a seeded database to copy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { BENCH_SESSION_SECRET, demoDatabase } from './app-process';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string' }, 'per-round': { type: 'string' }, from: { type: 'string' } },
});
const ROUNDS = Number(args.rounds ?? 8);
const PER_ROUND = Number(args['per-round'] ?? 100);

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:handler does).');
  process.exit(2);
}
const seeded = await demoDatabase({ prefix: 'yunqiao-bench-handler-', from: args.from });
Object.assign(process.env, {
  NODE_ENV: 'production',
  DATABASE_PATH: seeded.file,
  SESSION_SECRET: BENCH_SESSION_SECRET,
  PUBLIC_URL: 'http://127.0.0.1',
  LOG_LEVEL: 'silent',
});
const { createRequestHandler } = await import('@remix-run/node');
const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as Parameters<
  typeof createRequestHandler
>[0];
const handle = createRequestHandler(build, 'production');
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const URLS: [name: string, url: string, status: number][] = [
  ['healthz', '/healthz', 200],
  ['layout only (404 page)', '/no-such-page', 404],
  ['home', '/', 200],
  ['catalog', '/catalog', 200],
  ['catalog ?q=设备', `/catalog?q=${encodeURIComponent('设备')}`, 200],
  ['progress', '/progress', 200],
  ['catalog loader data (client navigation)', '/catalog?_data=routes%2Fcatalog._index', 200],
];

console.log(`\nIn-process answers — best of ${ROUNDS} rounds × ${PER_ROUND}, Node ${process.version}`);
console.log('route'.padEnd(42), 'CPU ms/answer'.padStart(14), 'status'.padStart(8));
let wrong = 0;
for (const [name, url, status] of URLS) {
  let best = Infinity;
  let seen = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) {
      const answer = await handle(new Request(`http://127.0.0.1${url}`, { headers: { cookie: 'bench=1' } }), {
        cspNonce: 'bench',
        requestId: 'bench',
        clientIp: '127.0.0.1',
        log: quiet as never,
      });
      await answer.arrayBuffer();
      seen = answer.status;
      if (answer.status !== status) wrong++;
    }
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000 / PER_ROUND);
  }
  console.log(name.padEnd(42), best.toFixed(2).padStart(14), String(seen).padStart(8));
}
seeded.remove();
if (wrong > 0) {
  console.error(`${wrong} answers had an unexpected status`);
  process.exitCode = 1;
}
