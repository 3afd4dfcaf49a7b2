/**
 * `npm run bench:load` (= `remix build && tsx scripts/bench/load.ts`) — issue 12's load test, not
 * a timed test. The real `npm start` (scripts/start.ts, WEB_CONCURRENCY's default unless
 * --processes) serves a temporary copy of the demo database; 100 virtual users (--users) each
 * sign in through the real login form as their own SME account (made up front: the demo has one;
 * ten at a time, timed apart), then for --duration seconds (default 60) all of them repeat a weighted mix of what people and provider
 * systems do, one request at a time (--think-ms adds a pause between them; default none, so 100
 * requests are always in flight):
 *   home · catalog search · offering pages · /api/search · /api/matches (as the SME) · signing in
 *   again · sending a request (询价, the offering page's form, with the Origin a browser sends) ·
 *   POST /api/adoption-events with a provider's API key (one key per provider, ten providers) ·
 *   /healthz, the one-round-trip reference the others are read against.
 * Every request is timed to its last byte. Prints per route the count, p50/p95/p99 and the errors
 * (network errors, timeouts and any status other than the route's own), the total rate, and at
 * the end counter:verify on the database the run wrote to. 0 errors expected: a VU sends at most
 * 15 requests (询价) in the run, below the 20 an hour an SME may send, and each API key stays far
 * below its 1,200 calls a minute.
 * A small node:http loop rather than autocannon: autocannon reports latency per run, not per
 * request of a mixed run, and keeps no per-user state (cookies, accounts).
 * Options: --users N --duration S --think-ms MS --processes N --from FILE --keep.
 */
import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../db/client.server';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { makeUscc } from '../../app/domain/uscc';
import { PREFECTURES } from '../../app/domain/prefectures';
import { registerSme } from '../../app/models/accounts.server';
import { createApiKey } from '../../app/models/api-keys.server';
import { verifyCounter } from '../../app/models/counter-verify.server';
import { SmeSignupSchema } from '../../app/schemas/accounts';
import { usccBody } from './counter-seed';
import { demoDatabase, startApp } from './app-process';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string' },
    'think-ms': { type: 'string' },
    processes: { type: 'string' },
    from: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const USERS = Number(args.users ?? 100);
const DURATION_S = Number(args.duration ?? 60);
const THINK_MS = Number(args['think-ms'] ?? 0);
/** Sign-ins before the run, at most this many at once (argon2id: 100 at once is not how a morning starts). */
const SIGN_IN_CONCURRENCY = 10;
const PROCESSES = args.processes ? Number(args.processes) : undefined;
const API_KEYS = 10;
/** Below the requestCreate limit (20 an hour per SME, app/domain/rate-limits.ts). */
const REQUESTS_PER_USER = 15;
const TIMEOUT_MS = 30_000;
const SEARCH_TERMS = [
  '设备',
  '制造',
  'MES',
  '云服务器',
  '物联网',
  'ERP',
  '质量追溯',
  '能耗',
  '仓储',
  '财务',
  'erp',
  'shebei',
];

if (!fs.existsSync('build/index.js')) {
  console.error('No build: run `npx remix build` first (npm run bench:load does).');
  process.exit(2);
}

// 1. The database: the demo data, plus an SME account per virtual user and the providers' API keys.
const seeded = await demoDatabase({ prefix: 'yunqiao-bench-load-', from: args.from, keep: args.keep });
const db = openDatabase(seeded.file);
const t0 = performance.now();
const emails = await smeAccounts(db, USERS);
const keys = providerKeys(db, API_KEYS);
const offeringIds = (
  db.$client.prepare('SELECT offering_id AS id FROM search_documents ORDER BY offering_id').all() as {
    id: string;
  }[]
).map((r) => r.id);
if (offeringIds.length === 0) throw new Error('no published offerings in the database');
db.$client.pragma('wal_checkpoint(TRUNCATE)');
db.$client.close();
console.log(
  `${USERS} SME accounts, ${keys.length} provider API keys, ${offeringIds.length} published offerings (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);

async function smeAccounts(db: Db, n: number): Promise<string[]> {
  const codes = PREFECTURES.map((p) => p.code);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const email = `load-sme-${i}@load.yunqiao.demo`;
      const prefecture = codes[i % codes.length]!;
      const input = SmeSignupSchema.parse({
        email,
        displayName: `压测用户${i}`,
        password: DEMO_PASSWORD,
        passwordConfirm: DEMO_PASSWORD,
        acceptPrivacy: true,
        uscc: makeUscc('91', `${prefecture}00`, usccBody('L', i)),
        name: `压测制造企业${i}有限公司`,
        prefecture,
        industry: String(13 + (i % 31)),
        employees: 20 + (i % 200),
        revenueWan: 500 + i * 10,
      });
      const result = await registerSme(db, input);
      if (!result.ok && !result.fieldErrors.email)
        throw new Error(`SME account ${email}: ${JSON.stringify(result.fieldErrors)}`);
      return email;
    }),
  );
}

/** One API key for each of the first `n` approved providers with published offerings, with their offerings' external ids. */
function providerKeys(db: Db, n: number) {
  const providers = db.$client
    .prepare(
      `SELECT p.id, json_group_array(o.external_id) AS externalIds FROM providers p
       JOIN offerings o ON o.provider_id = p.id AND o.status = 'published'
       WHERE p.status = 'approved' AND p.fraud_flagged_at IS NULL GROUP BY p.id ORDER BY p.id LIMIT ?`,
    )
    .all(n) as { id: string; externalIds: string }[];
  return providers.map((p) => ({
    key: createApiKey(db, {
      owner: { kind: 'provider', providerId: p.id },
      name: 'bench:load',
      actorUserId: null,
    }).key,
    externalIds: JSON.parse(p.externalIds) as string[],
  }));
}

// 2. The server.
const app = await startApp({ file: seeded.file, processes: PROCESSES });
const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  ms: number;
}
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  retried = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port: app.port,
        method,
        path,
        agent,
        headers: body ? { ...headers, 'Content-Length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, ms: performance.now() - started }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed as it was reused: sent again once on a new one,
      // as browsers do (Node's documentation of request.reusedSocket).
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET')
        resolve(send(method, path, headers, body, true));
      else reject(error);
    });
    req.end(body);
  });
}

// 3. The mix.
interface User {
  index: number;
  email: string;
  cookie: string;
  requestsLeft: number;
  key: (typeof keys)[number];
}
interface Tally {
  latencies: number[];
  errors: number;
  unexpected: Map<string, number>;
}
const tallies = new Map<string, Tally>();
let serial = 0;
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
const origin = () => ({ Origin: app.baseUrl, 'Sec-Fetch-Site': 'same-origin' });
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function timed(route: string, expected: number, call: () => Promise<Answer>): Promise<Answer | null> {
  let tally = tallies.get(route);
  if (!tally) tallies.set(route, (tally = { latencies: [], errors: 0, unexpected: new Map() }));
  try {
    const answer = await call();
    tally.latencies.push(answer.ms);
    if (answer.status !== expected) {
      tally.errors++;
      tally.unexpected.set(String(answer.status), (tally.unexpected.get(String(answer.status)) ?? 0) + 1);
      return null;
    }
    return answer;
  } catch (error) {
    tally.errors++;
    const what = error instanceof Error ? error.message.slice(0, 40) : 'error';
    tally.unexpected.set(what, (tally.unexpected.get(what) ?? 0) + 1);
    return null;
  }
}

async function logIn(user: User) {
  const body = new URLSearchParams({ email: user.email, password: DEMO_PASSWORD, redirectTo: '' }).toString();
  const answer = await timed('login (POST /login)', 302, () =>
    send('POST', '/login', { ...FORM, ...origin() }, body),
  );
  const cookie = answer?.headers['set-cookie']?.find((c) => c.startsWith('__yq_session='))?.split(';')[0];
  if (cookie) user.cookie = cookie;
}

type Action = { route: string; weight: number; run: (user: User) => Promise<unknown> };
const page =
  (route: string, path: (user: User) => string): Action['run'] =>
  (user) =>
    timed(route, 200, () => send('GET', path(user), { Cookie: user.cookie }));
const offeringPage = page('offering page', () => `/catalog/${pick(offeringIds)}`);
const ACTIONS: Action[] = [
  { route: 'healthz (1 round trip)', weight: 5, run: page('healthz (1 round trip)', () => '/healthz') },
  { route: 'home', weight: 15, run: page('home', () => '/') },
  {
    route: 'catalog?q',
    weight: 15,
    run: page('catalog?q', () => `/catalog?q=${encodeURIComponent(pick(SEARCH_TERMS))}`),
  },
  { route: 'offering page', weight: 18, run: offeringPage },
  {
    route: '/api/search',
    weight: 10,
    run: page('/api/search', () => `/api/search?q=${encodeURIComponent(pick(SEARCH_TERMS))}`),
  },
  { route: '/api/matches (SME)', weight: 10, run: page('/api/matches (SME)', () => '/api/matches') },
  { route: 'login (POST /login)', weight: 2, run: logIn },
  {
    route: '询价 (POST offering form)',
    weight: 5,
    run: (user) => {
      if (user.requestsLeft <= 0) return offeringPage(user);
      user.requestsLeft--;
      const body = new URLSearchParams({
        message: '我们是一家制造企业，想了解贵公司服务的实施周期和费用，请与我们联系。',
        contact: 'in-app',
      }).toString();
      return timed('询价 (POST offering form)', 302, () =>
        send('POST', `/catalog/${pick(offeringIds)}`, { ...FORM, ...origin(), Cookie: user.cookie }, body),
      );
    },
  },
  {
    route: 'event API (provider key)',
    weight: 20,
    run: (user) => {
      serial += 1;
      const prefecture = PREFECTURES[serial % PREFECTURES.length]!.code;
      const body = JSON.stringify({
        uscc: makeUscc('92', `${prefecture}00`, usccBody('E', serial)),
        enterpriseName: `压测上云企业${serial}`,
        prefecture,
        industry: String(13 + (serial % 31)),
        employees: 30 + (serial % 300),
        level: pick(['iaas', 'paas', 'saas', 'platform', 'industrial-app']),
        offeringExternalId: pick(user.key.externalIds),
        occurredAt: `2025-${String(1 + (serial % 12)).padStart(2, '0')}-15`,
      });
      return timed('event API (provider key)', 201, () =>
        send(
          'POST',
          '/api/adoption-events',
          {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${user.key.key}`,
            'Idempotency-Key': `load-${process.pid}-${serial}`,
          },
          body,
        ),
      );
    },
  },
];
const totalWeight = ACTIONS.reduce((n, a) => n + a.weight, 0);
function weightedAction(): Action {
  let r = Math.random() * totalWeight;
  for (const action of ACTIONS) if ((r -= action.weight) < 0) return action;
  return ACTIONS[ACTIONS.length - 1]!;
}

const users: User[] = emails.map((email, index) => ({
  index,
  email,
  cookie: '',
  requestsLeft: REQUESTS_PER_USER,
  key: keys[index % keys.length]!,
}));
// Every user signs in through the form first (timed apart from the run), then all of them run at once.
const signInStarted = performance.now();
for (let i = 0; i < users.length; i += SIGN_IN_CONCURRENCY)
  await Promise.all(users.slice(i, i + SIGN_IN_CONCURRENCY).map((user) => logIn(user)));
const signIns = tallies.get('login (POST /login)')!;
tallies.delete('login (POST /login)');
const signInSeconds = (performance.now() - signInStarted) / 1000;
console.log(
  `${USERS} users signed in through the login form in ${signInSeconds.toFixed(1)} s (${SIGN_IN_CONCURRENCY} at a time, ${signIns.errors} errors)`,
);
console.log(`${USERS} virtual users for ${DURATION_S} s against ${app.processes} server process(es) …`);
const startedAt = performance.now();
const endAt = startedAt + DURATION_S * 1000;
await Promise.all(
  users.map(async (user) => {
    while (performance.now() < endAt) {
      await weightedAction().run(user);
      if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
    }
  }),
);
const seconds = (performance.now() - startedAt) / 1000;
agent.destroy();
await app.stop();

// 4. The table, and the counter checked against its ledger after all those events.
const check = openDatabase(seeded.file);
const verified = verifyCounter(check);
check.$client.close();
seeded.remove();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
const header = ['route', 'count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
const rows: string[][] = [];
let total = 0;
let errors = 0;
const order = ACTIONS.map((a) => a.route);
for (const route of order) {
  const tally = tallies.get(route);
  if (!tally) continue;
  const sorted = tally.latencies.sort((a, b) => a - b);
  total += sorted.length;
  errors += tally.errors;
  const why = [...tally.unexpected].map(([k, v]) => `${k}×${v}`).join(', ');
  rows.push([
    route,
    String(sorted.length),
    (sorted.length / seconds).toFixed(1),
    percentile(sorted, 50).toFixed(0),
    percentile(sorted, 95).toFixed(0),
    percentile(sorted, 99).toFixed(0),
    tally.errors ? `${tally.errors} (${why})` : '0',
  ]);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  `\nYunqiao under load — ${USERS} users, ${seconds.toFixed(0)} s, think time ${THINK_MS} ms, ${app.processes} server process(es), ${os.availableParallelism()} CPUs, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(`total: ${total} requests, ${(total / seconds).toFixed(1)} req/s, ${errors} errors`);
console.log(
  verified.ok
    ? `counter:verify OK after the run (${verified.events} events)`
    : `counter:verify FAILED after the run: ${verified.differences.slice(0, 5).join('; ')}`,
);
if (errors > 0 || signIns.errors > 0 || !verified.ok) process.exitCode = 1;
