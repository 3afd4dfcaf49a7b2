/**
 * Seeds the benchmark database: 150,000 enterprises and 1,000,000 ledger events (deterministic),
 * then builds the live counter from the ledger once. Bulk inserts with prepared statements;
 * the counted rows go through the same triggers as the application's writes.
 */
import cliProgress from 'cli-progress';
import type { Db } from '../../db/client.server';
import { createRng } from '../../db/seed/random';
import { ADOPTION_LEVEL_IDS } from '../../app/domain/adoption-levels';
import { INDUSTRY_DIVISIONS } from '../../app/domain/industries';
import { PREFECTURES } from '../../app/domain/prefectures';
import { makeUscc } from '../../app/domain/uscc';
import { recomputeFromLedger } from '../../app/models/counter-verify.server';

export const BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A deterministic, unique 9-character 主体标识码 for serial n (base 31 in the USCC alphabet). */
export function usccBody(prefix: string, n: number): string {
  let digits = '';
  let v = n;
  for (let i = 0; i < 9 - prefix.length; i++) {
    digits = BODY_ALPHABET.charAt(v % 31) + digits;
    v = Math.floor(v / 31);
  }
  return prefix + digits;
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2025, 5, 30);

export interface SeededEnterprise {
  id: string;
  uscc: string;
  prefecture: string;
}

/**
 * Offerings that events may name (bench:match, so peers' choices mean something): reported and
 * paid events (not prefecture reports, which name no offering) get one, popularity falling off
 * steeply and ranked differently in each prefecture. Without it nothing changes (same rows, same
 * random sequence) for bench:counter.
 */
export interface SeedOfferings {
  offerings: readonly { id: string; providerId: string }[];
}

export function seedBenchmark(
  db: Db,
  opts: { enterprises: number; events: number; seed?: number } & Partial<SeedOfferings>,
) {
  const rng = createRng(opts.seed ?? 20201231);
  const sqlite = db.$client;
  const bar = (name: string, total: number) => {
    const b = new cliProgress.SingleBar(
      { format: `${name} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    b.start(total, 0);
    return b;
  };

  // Chengdu holds about a third of Sichuan's enterprises; the other 20 share the rest.
  const prefectureWeights = PREFECTURES.map((p) => [p.code, p.code === '5101' ? 10 : 1] as const);
  const industries = [...INDUSTRY_DIVISIONS.map((d) => d.code), 'F', 'I'];
  const insertEnterprise = sqlite.prepare(
    `INSERT INTO enterprises (id, uscc, name, prefecture, industry, employees, revenue_wan, size_class, on_cloud_before_campaign)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'unknown', ?)`,
  );
  const enterprises: SeededEnterprise[] = [];
  const eBar = bar('enterprises', opts.enterprises);
  const CHUNK = 25_000;
  for (let start = 0; start < opts.enterprises; start += CHUNK) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(opts.enterprises, start + CHUNK); i++) {
        const prefecture = rng.weighted(prefectureWeights);
        const uscc = makeUscc('91', `${prefecture}00`, usccBody('B', i));
        const id = `be${i.toString(36).padStart(10, '0')}`;
        insertEnterprise.run(
          id,
          uscc,
          `基准测试企业${i}`,
          prefecture,
          rng.pick(industries),
          rng.int(5, 800),
          rng.int(50, 50_000),
          rng.chance(0.05) ? 1 : 0,
        );
        enterprises.push({ id, uscc, prefecture });
      }
    })();
    eBar.update(Math.min(opts.enterprises, start + CHUNK));
  }

  const insertEvent = sqlite.prepare(
    `INSERT INTO adoption_events (id, enterprise_id, level, occurred_at, source, created_at, offering_id, provider_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const catalog = opts.offerings ?? [];
  const prefectureRank = new Map(PREFECTURES.map((p, i) => [p.code, i * 7919]));
  const offeringOf = (source: string, prefecture: string) => {
    if (catalog.length === 0 || source === 'prefecture-report') return null;
    const rank = Math.floor(catalog.length * rng.next() ** 3);
    return catalog[(rank + prefectureRank.get(prefecture)!) % catalog.length]!;
  };
  const insertAction = sqlite.prepare(
    `INSERT INTO adoption_event_actions (event_id, kind, reason, created_at) VALUES (?, ?, ?, ?)`,
  );
  const insertState = sqlite.prepare(
    `INSERT INTO adoption_event_states (event_id, enterprise_id, status, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const sources = [
    ['prefecture-report', 40],
    ['api', 40],
    ['provider-report', 15],
    ['payment', 5],
  ] as const;
  const now = new Date().toISOString();
  eBar.stop();
  const evBar = bar('events     ', opts.events);
  const EVENT_CHUNK = 50_000;
  for (let start = 0; start < opts.events; start += EVENT_CHUNK) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(opts.events, start + EVENT_CHUNK); i++) {
        const enterprise = enterprises[rng.int(0, enterprises.length - 1)]!;
        const id = `bv${i.toString(36).padStart(10, '0')}`;
        const day = new Date(FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / DAY) * DAY)
          .toISOString()
          .slice(0, 10);
        const level = rng.pick(ADOPTION_LEVEL_IDS);
        const source = rng.weighted(sources);
        const offering = offeringOf(source, enterprise.prefecture);
        insertEvent.run(
          id,
          enterprise.id,
          level,
          day,
          source,
          now,
          offering?.id ?? null,
          offering?.providerId ?? null,
        );
        const roll = rng.next();
        // 80 % verified, 5 % verified then revoked, 15 % still pending.
        if (roll < 0.85) insertAction.run(id, 'verify', null, now);
        if (roll >= 0.8 && roll < 0.85) insertAction.run(id, 'revoke', '基准测试撤销', now);
        insertState.run(
          id,
          enterprise.id,
          roll < 0.8 ? 'verified' : roll < 0.85 ? 'revoked' : 'pending',
          now,
        );
      }
    })();
    evBar.update(Math.min(opts.events, start + EVENT_CHUNK));
  }
  evBar.stop();

  // The live counter, built once from the ledger (as a migration of existing data would);
  // from here on the application keeps it.
  const started = performance.now();
  const { counted, cells } = recomputeFromLedger(db);
  const insertCounted = sqlite.prepare(
    `INSERT INTO adoption_counted (campaign_id, enterprise_id, kind, first_event_id, level, month, occurred_on, prefecture, industry)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCell = sqlite.prepare(
    'INSERT INTO counter_cells (campaign_id, kind, scope, dim, key, count) VALUES (?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const [key, a] of counted) {
      const [campaignId, enterpriseId] = key.split('|') as [string, string];
      insertCounted.run(
        campaignId,
        enterpriseId,
        a.kind,
        a.firstEventId,
        a.level,
        a.month,
        a.occurredOn,
        a.prefecture,
        a.industry,
      );
    }
    for (const [key, n] of cells) {
      // 'campaign|kind|scope|dim|key' — the last part (an industry-month key) contains a '|' itself.
      const [campaignId, kind, scope, dim, ...rest] = key.split('|') as [
        string,
        string,
        string,
        string,
        ...string[],
      ];
      insertCell.run(campaignId, kind, scope, dim, rest.join('|'), n);
    }
  })();
  sqlite.pragma('optimize');
  return { enterprises, counterBuildMs: performance.now() - started, counted: counted.size };
}
