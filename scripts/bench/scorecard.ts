/**
 * `npx tsx scripts/bench/scorecard.ts [--requests N]` — what the provider scorecard and view
 * counting cost the offering page (issue 10). In a temporary database: five providers with N
 * requests each (default 5,000; 80 % answered, 3 quotes and 2 orders with their history per 5
 * requests), then, in process, p50/p95 of
 *  - the offering page loader for a human (one view upsert) and for a bot (none), card cached;
 *  - the cached card, the view upsert alone, the uncached card (what the cache saves),
 *  - the analytics of the large provider over 24 months (the console page's query).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDb } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { newId } from '../../app/utils/ids';

const { values: args } = parseArgs({ options: { requests: { type: 'string' } } });
const N = Number(args.requests ?? 5000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-bench-scorecard-'));
process.env.DATABASE_PATH = path.join(dir, 'bench.db');
const db = getDb();
runMigrations(db);
const sqlite = db.$client;

function provider(ownerUserId: string | null) {
  const id = newId();
  sqlite
    .prepare(
      `INSERT INTO providers (id, uscc, name_zh, prefecture, status, owner_user_id) VALUES (?, ?, ?, '5101', 'approved', ?)`,
    )
    .run(id, `91510100MA${id.slice(0, 8)}`, `评测服务商${id.slice(0, 4)}`, ownerUserId);
  const offeringId = newId();
  sqlite
    .prepare(
      `INSERT INTO offerings (id, provider_id, external_id, title_zh, summary, level, status) VALUES (?, ?, ?, '评测产品', '评测', 'saas', 'published')`,
    )
    .run(offeringId, id, offeringId);
  return { id, offeringId };
}

function fill(providerId: string, offeringId: string, enterpriseId: string, tag: string) {
  const req = sqlite.prepare(
    `INSERT INTO service_requests (id, enterprise_id, offering_id, provider_id, status, needs, contact, last_message_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'replied', '评测', 'in-app', ?, ?, ?)`,
  );
  const msg = sqlite.prepare(
    `INSERT INTO request_messages (request_id, from_side, body, created_at) VALUES (?, ?, '评测', ?)`,
  );
  const quote = sqlite.prepare(
    `INSERT INTO quotes (id, request_id, price_fen, billing, valid_until, status, created_at) VALUES (?, ?, 100000, 'month', '2099-12-31', ?, ?)`,
  );
  const order = sqlite.prepare(
    `INSERT INTO orders (id, enterprise_id, offering_id, provider_id, billing, amount_fen, payable_fen, payment_reference, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'month', 100000, 100000, 'BENCH', 'confirmed', ?, ?)`,
  );
  const hist = sqlite.prepare(
    `INSERT INTO marketplace_history (subject_type, subject_id, action, to_status, actor_role, created_at) VALUES ('order', ?, 'bench', ?, 'sme', ?)`,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  sqlite.transaction(() => {
    const base = Date.now() - N * 3_600_000;
    for (let i = 0; i < N; i++) {
      const id = `${tag}-r${i}`;
      const t = base + i * 3_600_000;
      req.run(id, enterpriseId, offeringId, providerId, iso(t), iso(t), iso(t));
      msg.run(id, 'sme', iso(t));
      if (i % 5 !== 0) msg.run(id, 'provider', iso(t + (i % 17) * 600_000));
      if (i % 3 === 0) msg.run(id, 'provider', iso(t + 7_200_000));
      if (i % 5 < 3)
        quote.run(`${tag}-q${i}`, id, ['accepted', 'declined', 'expired', 'open'][i % 4], iso(t + 3_600_000));
      if (i % 5 < 2) {
        order.run(`${tag}-o${i}`, enterpriseId, offeringId, providerId, iso(t), iso(t));
        for (const status of ['pending_payment', 'paid', 'delivered', 'confirmed'])
          hist.run(`${tag}-o${i}`, status, iso(t));
      }
    }
  })();
}

async function time(label: string, fn: () => unknown, runs: number) {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * q))]!.toFixed(3);
  console.log(`${label.padEnd(58)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  (${runs} runs)`);
}

try {
  const enterpriseId = newId();
  sqlite
    .prepare(
      `INSERT INTO enterprises (id, uscc, name, prefecture, industry, size_class) VALUES (?, '91510100MABENCH001', '评测企业', '5101', '34', 'small')`,
    )
    .run(enterpriseId);
  const big = provider(null);
  fill(big.id, big.offeringId, enterpriseId, 'big');
  for (let k = 0; k < 4; k++) {
    const other = provider(null);
    fill(other.id, other.offeringId, enterpriseId, `other${k}`);
  }
  sqlite.pragma('optimize');
  const messages = (sqlite.prepare('SELECT COUNT(*) AS n FROM request_messages').get() as { n: number }).n;
  console.log(`5 providers × ${N} requests, ${messages} messages in all`);

  // Imported after DATABASE_PATH is set: the route reaches the database through getDb().
  const offeringPage = await import('../../app/routes/catalog.$offeringId');
  const { providerScorecard, publicProviderScorecard } =
    await import('../../app/models/provider-scorecard.server');
  const { recordOfferingView } = await import('../../app/models/offering-views.server');
  const { providerAnalytics } = await import('../../app/models/provider-analytics.server');
  const page = (userAgent: string) => () =>
    offeringPage.loader({
      request: new Request(`http://localhost/catalog/${big.offeringId}`, {
        headers: { 'User-Agent': userAgent },
      }),
      params: { offeringId: big.offeringId },
      context: {},
    } as never);
  const human =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
  await time('offering page loader, person (view upsert, card cached)', page(human), 1000);
  await time(
    'offering page loader, Googlebot (no view, card cached)',
    page('Mozilla/5.0 (compatible; Googlebot/2.1)'),
    1000,
  );
  await time('publicProviderScorecard, cached', () => publicProviderScorecard(db, big.id), 1000);
  await time('recordOfferingView alone', () => recordOfferingView(db, big.offeringId), 1000);
  await time(`providerScorecard uncached (${N} requests)`, () => providerScorecard(db, big.id), 100);
  await time(
    'providerAnalytics, 24 months, all offerings',
    () => providerAnalytics(db, { providerId: big.id, range: 24, offeringId: null, locale: 'zh-CN' }),
    100,
  );
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
