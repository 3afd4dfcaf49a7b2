/**
 * Demo adoption events, so the counter, the dashboard and the officials' queue have something to
 * show: about a third of the first enterprises get a verified event from a prefecture report inside
 * the 2020–2022 campaign, and a few get a pending provider report. A second wave falls in the
 * current campaign (sc-2025-2027, created here as data, as officials would): enterprises already
 * counted in 2020–2022 are deepening there, the others new. Written through the ledger model
 * (app/models/adoption-ledger.server.ts), so the live counter stays equal to a recomputation.
 * Deterministic and safe to re-run: it does nothing once any seeded event exists.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.server';
import { adoptionEvents, campaigns, enterprises, offerings, providers } from '../schema';
import { recordingOf } from '../../app/domain/adoption-admission';
import { ADOPTION_LEVEL_IDS } from '../../app/domain/adoption-levels';
import { appendEvent, ledgerTransaction } from '../../app/models/adoption-ledger.server';
import { createRng, type Rng } from './random';
import type { AdoptionLevel } from '../../app/domain/adoption-levels';
import { seedId } from './factories';
import { CLUSTER_TAXONOMIES } from '../../app/domain/clusters';

export const DEMO_ADOPTION_NOTE = 'demo seed';

/** The demo's current campaign (later campaigns are data, not migrations). */
export const DEMO_CURRENT_CAMPAIGN = {
  id: 'sc-2025-2027',
  name: '四川省中小企业数字化转型行动（2025—2027年）',
  nameEn: 'Sichuan SME Digital Transformation Campaign (2025–2027)',
  target: 50_000,
  startsOn: '2025-01-01',
  endsOn: '2027-12-31',
} as const;
/** The second wave's last month: demo dates must not lie in the future (the API refuses those). */
const SECOND_WAVE_END = { year: 2026, month: 11 };
/** Enterprises considered (the demo data set; larger seeds keep the same events). */
const MAX_ENTERPRISES = 2000;

export function seedDemoAdoption(db: Db): { verified: number; pending: number } {
  const seeded = db
    .select({ n: sql<number>`count(*)` })
    .from(adoptionEvents)
    .where(eq(adoptionEvents.note, DEMO_ADOPTION_NOTE))
    .get();
  if ((seeded?.n ?? 0) > 0) return { verified: 0, pending: 0 };

  const rng = createRng(20_201_231);
  const candidates = db
    .select({ id: enterprises.id })
    .from(enterprises)
    .orderBy(asc(enterprises.uscc))
    .limit(MAX_ENTERPRISES)
    .all();
  const published = db
    .select({
      id: offerings.id,
      providerId: offerings.providerId,
      level: offerings.level,
      industries: offerings.industries,
      sizes: offerings.sizes,
    })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(and(eq(offerings.status, 'published'), eq(providers.status, 'approved')))
    .orderBy(asc(offerings.id))
    .all();
  if (published.length === 0) return { verified: 0, pending: 0 };

  const now = new Date().toISOString();
  let verified = 0;
  let pending = 0;
  ledgerTransaction(db, () => {
    // Created before any event is recorded, so its counts are exact from the start ('ready').
    db.insert(campaigns).values(DEMO_CURRENT_CAMPAIGN).onConflictDoNothing().run();
    // Campaign months weighted toward later years, as adoption accelerated. The second wave has
    // its own random sequence, so the first stays what it was.
    for (const [wave, years] of [
      [rng, [[2020, 2], [2021, 3], [2022, 4]]],
      [createRng(20_250_101), [[2025, 3], [2026, 4]]],
    ] as const) {
      const n = seedWave(db, { rng: wave, years, candidates, published, now });
      verified += n.verified;
      pending += n.pending;
    }
    verified += seedDemoSmePeers(db, published, now);
  });
  return { verified, pending };
}

/** About a third of the enterprises get an event in the years given: most verified, a few pending. */
function seedWave(
  db: Db,
  w: {
    rng: Rng;
    years: readonly (readonly [number, number])[];
    candidates: { id: string }[];
    published: { id: string; providerId: string; level: AdoptionLevel }[];
    now: string;
  },
) {
  const { rng } = w;
  let verified = 0;
  let pending = 0;
  for (const enterprise of w.candidates) {
    const roll = rng.next();
    if (roll >= 0.38) continue;
    const offering = rng.pick(w.published);
    const year = rng.weighted(w.years);
    const month = rng.int(1, year === SECOND_WAVE_END.year ? SECOND_WAVE_END.month : 12);
    const occurredOn = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const isPending = roll >= 0.35;
    appendEvent(
      db,
      {
        enterpriseId: enterprise.id,
        providerId: offering.providerId,
        offeringId: offering.id,
        level: rng.chance(0.7) ? offering.level : rng.pick(ADOPTION_LEVEL_IDS),
        occurredOn,
        ...recordingOf(isPending ? 'provider-report' : 'prefecture-report'),
        note: DEMO_ADOPTION_NOTE,
      },
      w.now,
    );
    if (isPending) pending++;
    else verified++;
  }
  return { verified, pending };
}

/**
 * The demo SME (a small Chengdu maker of general equipment, division 34) gets a verified event of
 * its own, and a group of Chengdu equipment makers chose the same two offerings it may be shown,
 * so its 为您推荐 page has levels in use and a 同行的选择 section (groups of ≥ 3, marketplace-api.md).
 */
function seedDemoSmePeers(
  db: Db,
  published: { id: string; providerId: string; level: string; industries: string[]; sizes: string[] }[],
  now: string,
): number {
  const smeId = seedId('enterprise', 0);
  const fits = published.filter(
    (o) =>
      (o.industries.length === 0 || o.industries.includes('34')) && (o.sizes.length === 0 || o.sizes.includes('small')),
  );
  const equipment = CLUSTER_TAXONOMIES['2023'].clusters.find((c) => c.id === 'equipment')!.divisions;
  const peers = db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.prefecture, '5101'), inArray(enterprises.industry, [...equipment])))
    .orderBy(asc(enterprises.id))
    .limit(7)
    .all()
    .filter((e) => e.id !== smeId)
    .slice(0, 6);
  const [first, second] = fits.filter((o) => o.level !== 'iaas');
  const hosting = fits.find((o) => o.level === 'iaas');
  if (!first || !second || peers.length < 4) return 0;
  const event = (enterpriseId: string, o: (typeof fits)[number], occurredOn: string) =>
    appendEvent(
      db,
      {
        enterpriseId,
        providerId: o.providerId,
        offeringId: o.id,
        level: o.level as (typeof ADOPTION_LEVEL_IDS)[number],
        occurredOn,
        ...recordingOf('prefecture-report'),
        note: DEMO_ADOPTION_NOTE,
      },
      now,
    );
  let n = 0;
  if (hosting && db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, smeId)).get()) {
    event(smeId, hosting, '2021-09-15');
    n++;
  }
  peers.forEach((peer, i) => {
    event(peer.id, first, `2025-${String(3 + i).padStart(2, '0')}-10`);
    n++;
    if (i < 4) {
      event(peer.id, second, `2026-${String(2 + i).padStart(2, '0')}-20`);
      n++;
    }
  });
  return n;
}
