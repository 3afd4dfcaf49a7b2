import { and, asc, count, eq, gt, inArray, lte, notInArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { adoptionCounted, campaigns, counterCells, enterprises } from '../../db/schema';
import { monthsOfWindow, type CountKind } from '~/domain/adoption-counting';
import { ADOPTION_LEVELS, type AdoptionLevel } from '~/domain/adoption-levels';
import {
  CLUSTER_TAXONOMIES,
  DEFAULT_TAXONOMY,
  OTHER_CLUSTER,
  clusterOf,
  listClusters,
  type TaxonomyVersion,
} from '~/domain/clusters';
import { PREFECTURES, isPrefectureCode } from '~/domain/prefectures';
import { currentCampaignId } from './adoption-ledger.server';
import { prepared } from './prepared.server';

// The counter's read side. Everything here reads the aggregate tables kept by the ledger writes
// (adoption_counted and its roll-up counter_cells): a snapshot is two index range scans of about a
// hundred rows, whatever the ledger's size. The cluster taxonomy is applied at
// read time to per-division counts, so every version is always available.

export { listEnterpriseLedger, type EnterpriseLedgerEntry } from './adoption-queries.server';

export const DEFAULT_CAMPAIGN_ID = 'sc-2020-2022';

export interface CampaignProgress {
  campaign: {
    id: string;
    name: string;
    nameEn: string | null;
    target: number;
    startsOn: string;
    endsOn: string;
    /** Set while the campaign's counts are still being built (pages show 计算中 and this progress). */
    counting: CampaignCounting | null;
  };
  /** New cloud-adopting enterprises counted so far. */
  total: number;
}

export interface CampaignCounting {
  done: number;
  total: number;
}

const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  nameEn: campaigns.nameEn,
  target: campaigns.target,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  countsStatus: campaigns.countsStatus,
};

// The snapshot is read on every dashboard and home page view: its statements are prepared once.
function readSql(db: Db) {
  return prepared(db, 'counter-read', (sqlite) => ({
    campaign: sqlite.prepare<
      [string],
      Omit<CampaignProgress['campaign'], 'counting'> & { countsStatus: string; buildDone: number; buildTotal: number }
    >(
      `SELECT id, name, name_en AS nameEn, target, starts_on AS startsOn, ends_on AS endsOn,
         counts_status AS countsStatus, build_done AS buildDone, build_total AS buildTotal
       FROM campaigns WHERE id = ?`,
    ),
    total: sqlite.prepare<[string, string, string], { count: number }>(
      "SELECT count FROM counter_cells WHERE campaign_id = ? AND kind = ? AND scope = ? AND dim = 'total' AND key = ''",
    ),
    cells: sqlite.prepare<[string, string], { dim: string; key: string; count: number }>(
      "SELECT dim, key, count FROM counter_cells WHERE campaign_id = ? AND kind = 'new' AND scope = ? AND dim <> 'industry-month'",
    ),
  }));
}

function getCampaign(db: Db, campaignId?: string): CampaignProgress['campaign'] | null {
  const id = campaignId ?? currentCampaignId(db);
  if (!id) return null;
  const row = readSql(db).campaign.get(id);
  if (!row) return null;
  const { countsStatus, buildDone, buildTotal, ...campaign } = row;
  return { ...campaign, counting: countsStatus === 'building' ? { done: buildDone, total: buildTotal } : null };
}

function cellCount(db: Db, campaignId: string, kind: 'new' | 'deepening', scope: string) {
  return readSql(db).total.get(campaignId, kind, scope)?.count ?? 0;
}

/** The home page's headline: the campaign (the current one by default) and its counted total. */
export function getCampaignProgress(db: Db, campaignId?: string): CampaignProgress | null {
  const campaign = getCampaign(db, campaignId);
  if (!campaign) return null;
  return { campaign, total: cellCount(db, campaign.id, 'new', '*') };
}

export function listCampaigns(db: Db) {
  return db.select(campaignColumns).from(campaigns).orderBy(asc(campaigns.startsOn), asc(campaigns.id)).all();
}

export interface CounterSnapshot {
  campaign: {
    id: string;
    name: string;
    nameEn: string | null;
    target: number;
    start: string;
    end: string;
    counting: CampaignCounting | null;
  };
  taxonomy: TaxonomyVersion;
  /** null = the whole province. */
  prefecture: string | null;
  total: number;
  /** Enterprises on the cloud before the campaign with a verified event in it: shown apart, never in total. */
  deepening: number;
  asOf: string;
  /** Every cluster of the taxonomy, then 'other'; all listed, 0 where nothing is counted. */
  byCluster: { id: string; name: string; nameEn: string; count: number }[];
  /** All 21 prefectures; with a prefecture filter the others are 0, so each list still adds up to total. */
  byPrefecture: { code: string; name: string; nameEn: string; count: number }[];
  byLevel: { level: AdoptionLevel; name: string; nameEn: string; count: number }[];
  /** Every month of the campaign window. */
  byMonth: { month: string; count: number; cumulative: number }[];
}

/**
 * The counter of a campaign (default: the current one) for the province or one prefecture.
 * null when the campaign or the prefecture code is unknown.
 */
export function getCounterSnapshot(
  db: Db,
  opts: { campaignId?: string; taxonomy?: TaxonomyVersion; prefecture?: string | null },
): CounterSnapshot | null {
  const campaign = getCampaign(db, opts.campaignId);
  if (!campaign) return null;
  const prefecture = opts.prefecture ?? null;
  if (prefecture !== null && !isPrefectureCode(prefecture)) return null;
  const taxonomy = opts.taxonomy ?? DEFAULT_TAXONOMY;
  const scope = prefecture ?? '*';

  const cells = readSql(db).cells.all(campaign.id, scope);
  const byDim = new Map<string, Map<string, number>>();
  for (const cell of cells) {
    let m = byDim.get(cell.dim);
    if (!m) byDim.set(cell.dim, (m = new Map()));
    m.set(cell.key, cell.count);
  }
  const get = (dim: string, key: string) => byDim.get(dim)?.get(key) ?? 0;

  const clusterCounts = new Map<string, number>();
  for (const [industry, n] of byDim.get('industry') ?? []) {
    const id = clusterOf(industry, taxonomy);
    clusterCounts.set(id, (clusterCounts.get(id) ?? 0) + n);
  }
  let cumulative = 0;
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      nameEn: campaign.nameEn,
      target: campaign.target,
      start: campaign.startsOn,
      end: campaign.endsOn,
      counting: campaign.counting,
    },
    taxonomy,
    prefecture,
    total: get('total', ''),
    deepening: cellCount(db, campaign.id, 'deepening', scope),
    asOf: new Date().toISOString(),
    byCluster: listClusters(taxonomy).map((c) => ({
      id: c.id,
      name: c.nameZh,
      nameEn: c.nameEn,
      count: clusterCounts.get(c.id) ?? 0,
    })),
    byPrefecture: PREFECTURES.map((p) => ({
      code: p.code,
      name: p.nameZh,
      nameEn: p.nameEn,
      count: get('prefecture', p.code),
    })),
    byLevel: ADOPTION_LEVELS.map((l) => ({
      level: l.id,
      name: l.nameZh,
      nameEn: l.nameEn,
      count: get('level', l.id),
    })),
    byMonth: monthsOfWindow(campaign).map((month) => {
      const n = get('month', month);
      cumulative += n;
      return { month, count: n, cumulative };
    }),
  };
}

/** The division codes of a cluster, or of every mapped cluster (to exclude, for 'other'). */
function clusterCondition(taxonomy: TaxonomyVersion, cluster: string): SQL | undefined {
  const all = CLUSTER_TAXONOMIES[taxonomy].clusters;
  if (cluster === OTHER_CLUSTER.id)
    return notInArray(
      adoptionCounted.industry,
      all.flatMap((c) => [...c.divisions]),
    );
  const entry = all.find((c) => c.id === cluster);
  return inArray(adoptionCounted.industry, entry ? [...entry.divisions] : []);
}

/**
 * The enterprises behind a number of the counter (drill-down), ordered by their first counted
 * event. Enterprise names are returned: callers show them only to officials whose scope covers them.
 * `kind` defaults to 'new' (the counter); 'deepening' lists the figure the headline shows apart.
 * `through` (YYYY-MM) = every month up to and including it: the month table's cumulative column.
 */
export function listCountedEnterprises(
  db: Db,
  opts: {
    campaignId: string;
    taxonomy: TaxonomyVersion;
    prefecture?: string | null;
    cluster?: string;
    level?: AdoptionLevel;
    month?: string;
    through?: string;
    kind?: CountKind;
    page: number;
    pageSize: number;
  },
) {
  const conditions: (SQL | undefined)[] = [
    eq(adoptionCounted.campaignId, opts.campaignId),
    eq(adoptionCounted.kind, opts.kind ?? 'new'),
  ];
  if (opts.prefecture) conditions.push(eq(adoptionCounted.prefecture, opts.prefecture));
  if (opts.cluster) conditions.push(clusterCondition(opts.taxonomy, opts.cluster));
  if (opts.level) conditions.push(eq(adoptionCounted.level, opts.level));
  if (opts.month) conditions.push(eq(adoptionCounted.month, opts.month));
  // Months are YYYY-MM strings, so they compare in calendar order.
  if (opts.through) conditions.push(lte(adoptionCounted.month, opts.through));
  const where = and(...conditions);
  const total = db.select({ n: count() }).from(adoptionCounted).where(where).get()?.n ?? 0;
  const page = Math.max(1, Math.floor(opts.page));
  const rows = db
    .select({
      enterpriseId: adoptionCounted.enterpriseId,
      uscc: enterprises.uscc,
      name: enterprises.name,
      prefecture: adoptionCounted.prefecture,
      industry: adoptionCounted.industry,
      level: adoptionCounted.level,
      month: adoptionCounted.month,
      firstEventId: adoptionCounted.firstEventId,
    })
    .from(adoptionCounted)
    .innerJoin(enterprises, eq(enterprises.id, adoptionCounted.enterpriseId))
    .where(where)
    .orderBy(asc(adoptionCounted.occurredOn), asc(adoptionCounted.enterpriseId))
    .limit(opts.pageSize)
    .offset((page - 1) * opts.pageSize)
    .all()
    .map((r) => ({ ...r, cluster: clusterOf(r.industry, opts.taxonomy) }));
  return { rows, total };
}

/**
 * Counts by prefecture × cluster × month for the open-data table: only cells with a count above 0
 * (the publisher fills zeros and suppresses small cells).
 */
export function getOpenDataCells(db: Db, opts: { campaignId: string; taxonomy: TaxonomyVersion }) {
  const cells = db
    .select({ scope: counterCells.scope, key: counterCells.key, count: counterCells.count })
    .from(counterCells)
    .where(
      and(
        eq(counterCells.campaignId, opts.campaignId),
        eq(counterCells.kind, 'new'),
        eq(counterCells.dim, 'industry-month'),
        gt(counterCells.count, 0),
      ),
    )
    .all();
  const sums = new Map<string, { prefecture: string; cluster: string; month: string; count: number }>();
  for (const cell of cells) {
    const [industry = '', month = ''] = cell.key.split('|');
    const cluster = clusterOf(industry, opts.taxonomy);
    const id = `${cell.scope}|${cluster}|${month}`;
    const entry = sums.get(id);
    if (entry) entry.count += cell.count;
    else sums.set(id, { prefecture: cell.scope, cluster, month, count: cell.count });
  }
  return [...sums.values()].sort(
    (a, b) =>
      a.prefecture.localeCompare(b.prefecture) ||
      a.cluster.localeCompare(b.cluster) ||
      a.month.localeCompare(b.month),
  );
}
