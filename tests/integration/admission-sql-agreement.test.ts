import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADOPTION_SOURCES } from '../../app/domain/adoption-admission';
import type { Attribution } from '../../app/domain/adoption-counting';
import { campaignsCountingNew, currentCampaignId } from '../../app/models/adoption-ledger.server';
import { ledgerSql } from '../../app/models/adoption-ledger-sql.server';
import { getCounterSnapshot } from '../../app/models/counter.server';
import { recomputeFromLedger } from '../../app/models/counter-verify.server';
import { createRng } from '../../db/seed/random';
import { ADOPTION_SOURCE_VALUES } from '../../db/schema';
import { useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import { bindDatabase, setUpWorld, STEP_KINDS, TODAY, world } from './admission-steps';

// formats/adoption-events.md, "The counting rule", is stated once in TypeScript
// (app/domain/adoption-counting.ts, app/domain/adoption-admission.ts), and restated in SQL where
// speed asks for it: the counted-row and cell triggers (migrations 0012, 0013), the ledger's
// prepared statements (verifiedBefore, campaignsCountingNew), the fraud marking's coverage,
// counter:verify's streaming recomputation, the campaign build and the counter's read side.
// Random ledgers, built through every way in, must give the SQL exactly what the domain computes
// from the same ledger in memory (admission-world.ts); the steps are in admission-steps.ts.

const db = useTestDatabase();
bindDatabase(db);
afterEach(() => expectCounterConsistent(db()));

const SEEDS = [20261206, 7, 4242];
const STEPS = 600;

// --- the comparison ------------------------------------------------------------------------------

function describeAttribution(a: Attribution) {
  return `${a.kind} ${a.prefecture}/${a.industry}/${a.level}/${a.month} first ${a.firstEventId} on ${a.occurredOn}`;
}

/** Everything the SQL holds or answers about the ledger equals what the domain computes from the oracle. */
function expectAgreement() {
  const sqlite = db().$client;
  // The ledger itself: the same events, in the same recording order, with the same actions.
  const rows = sqlite
    .prepare(
      `SELECT e.id, e.seq, e.enterprise_id AS enterpriseId, e.provider_id AS providerId, e.provider_uscc AS providerUscc,
         e.level, e.occurred_at AS occurredOn, e.source, s.status,
         (SELECT group_concat(a.kind || ':' || coalesce(a.fraud_case_id, ''), ',' ORDER BY a.seq) FROM adoption_event_actions a WHERE a.event_id = e.id) AS actions
       FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id ORDER BY e.seq`,
    )
    .all() as Record<string, string | number | null>[];
  expect(rows.map(({ seq: _seq, ...row }) => row)).toEqual(
    [...world.events.values()]
      .sort((a, b) => a.order - b.order)
      .map((e) => ({
        id: e.id,
        enterpriseId: e.enterpriseId,
        providerId: e.providerId,
        providerUscc: e.providerUscc,
        level: e.level,
        occurredOn: e.occurredOn,
        source: e.source,
        status: world.status(e),
        actions: e.actions.length ? e.actions.map((a) => `${a.kind}:${a.caseId ?? ''}`).join(',') : null,
      })),
  );
  // Enterprise facts and fraud flags.
  const facts = sqlite
    .prepare(
      'SELECT id, prefecture, industry, on_cloud_before_campaign AS onCloud, fraud_flagged_at IS NOT NULL AS flagged FROM enterprises',
    )
    .all() as { id: string; prefecture: string; industry: string; onCloud: number; flagged: number }[];
  expect(facts).toEqual(
    facts.map(({ id }) => {
      const e = world.enterprises.get(id)!;
      return {
        id: e.id,
        prefecture: e.prefecture,
        industry: e.industry,
        onCloud: e.onCloud ? 1 : 0,
        flagged: e.flaggedAt ? 1 : 0,
      };
    }),
  );
  expect(facts.length).toBe(world.enterprises.size);

  // Counted rows (triggers and incremental counting) and cells (cell trigger, transaction roll-up).
  const expected = world.expectedCounter();
  const counted = sqlite
    .prepare(
      `SELECT campaign_id AS campaignId, enterprise_id AS enterpriseId, kind, first_event_id AS firstEventId, level, month,
         occurred_on AS occurredOn, prefecture, industry FROM adoption_counted`,
    )
    .all() as (Attribution & { campaignId: string; enterpriseId: string })[];
  const stored = new Map(
    counted.map(({ campaignId, enterpriseId, ...a }) => [
      `${campaignId}|${enterpriseId}`,
      describeAttribution(a),
    ]),
  );
  expect(stored).toEqual(new Map([...expected.counted].map(([k, a]) => [k, describeAttribution(a)])));
  const cells = sqlite
    .prepare(
      "SELECT campaign_id || '|' || kind || '|' || scope || '|' || dim || '|' || key AS k, count FROM counter_cells WHERE count <> 0",
    )
    .all() as { k: string; count: number }[];
  expect(new Map(cells.map((c) => [c.k, c.count]))).toEqual(expected.cells);

  // counter:verify's own SQL reading of the ledger recomputes the same thing.
  const recomputed = recomputeFromLedger(db());
  expect(recomputed.statusDiffs).toEqual([]);
  expect(new Map([...recomputed.counted].map(([k, a]) => [k, describeAttribution(a)]))).toEqual(
    new Map([...expected.counted].map(([k, a]) => [k, describeAttribution(a)])),
  );
  expect(recomputed.cells).toEqual(expected.cells);

  // The ledger's prepared statements that restate the rule, per enterprise and campaign.
  const sql = ledgerSql(db());
  const answered: string[] = [];
  const computed: string[] = [];
  for (const enterprise of world.enterprises.values()) {
    const ledger = world.ledgerOf(enterprise.id);
    answered.push(`${enterprise.id} countedIn ${campaignsCountingNew(db(), enterprise.id).join(',')}`);
    computed.push(`${enterprise.id} countedIn ${world.countedIn(enterprise, ledger).join(',')}`);
    for (const campaign of world.campaigns) {
      answered.push(
        `${enterprise.id} before ${campaign.id} ${sql.verifiedBefore.get(enterprise.id, campaign.startsOn) !== undefined}`,
      );
      computed.push(
        `${enterprise.id} before ${campaign.id} ${world.verifiedBefore(enterprise, campaign, ledger)}`,
      );
    }
  }
  expect(answered).toEqual(computed);

  // The counter's read side, per campaign: what pages and /api/counter show.
  for (const campaign of world.campaigns) {
    const snapshot = getCounterSnapshot(db(), { campaignId: campaign.id })!;
    const mine = [...expected.counted].filter(([k]) => k.startsWith(`${campaign.id}|`)).map(([, a]) => a);
    const isNew = mine.filter((a) => a.kind === 'new');
    expect(snapshot.total).toBe(isNew.length);
    expect(snapshot.deepening).toBe(mine.length - isNew.length);
    for (const { level, count } of snapshot.byLevel)
      expect(count).toBe(isNew.filter((a) => a.level === level).length);
    for (const { code, count } of snapshot.byPrefecture)
      expect(count).toBe(isNew.filter((a) => a.prefecture === code).length);
    expect(snapshot.byMonth.at(-1)?.cumulative ?? 0).toBe(isNew.length);
  }
  expect(currentCampaignId(db())).toBe(world.current(TODAY));
}

// --- the runs ------------------------------------------------------------------------------------

beforeAll(setUpWorld);

describe('the SQL that restates the counting and admission rules agrees with the domain on random ledgers', () => {
  it('knows the same sources as the schema', () => {
    expect([...ADOPTION_SOURCES]).toEqual([...ADOPTION_SOURCE_VALUES]);
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} operations through every way in, checked every 100`, async () => {
      const rng = createRng(seed);
      for (let step = 1; step <= STEPS; step++) {
        const run = rng.weighted(STEP_KINDS);
        await run(rng);
        if (step % 100 === 0) expectAgreement();
      }
    }, 180_000);
  }
});
