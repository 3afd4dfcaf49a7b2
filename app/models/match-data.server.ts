/**
 * The public catalog as matching reads it, held in memory per connection so one match stays
 * within milliseconds at 20,000 offerings (npm run bench:match): taken from the search index
 * (search_documents holds exactly the published offerings of approved, unflagged providers,
 * written in the catalog's own transactions; search/documents.ts is the one visibility rule),
 * with every plan's price and billing, and reloaded when search_state.docs_version moves.
 * Peers' choices are match-peers.server.ts.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import type { BillingCycle } from '~/domain/catalog-vocabulary';
import { lowestMonthlyTwelfths, type MatchOffering, type MatchPlan } from '~/domain/match-scoring';

export interface CatalogOffering extends MatchOffering {
  docId: number;
  titleZh: string;
  titleEn: string | null;
  providerNameZh: string;
  providerNameEn: string | null;
  /** The lowest priced plan's price, whatever its billing (as search shows it); null when none is priced. */
  minPriceFen: number | null;
}

export interface MatchCatalog {
  version: number;
  offerings: CatalogOffering[];
  /** search_documents.doc_id → index in `offerings`, -1 for none (text matches come back by doc_id). */
  indexOfDoc: Int32Array;
  indexOfId: Map<string, number>;
}

type DocRow = [
  number,
  string,
  string,
  string | null,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string,
  number | null,
];
type PlanRow = [string, number | null, BillingCycle];

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(sqlite: Database.Database, source: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(source);
  if (!stmt) cache.set(source, (stmt = sqlite.prepare(source)));
  return stmt;
}

function docsVersion(sqlite: Database.Database): number {
  return (
    (statement(sqlite, 'SELECT docs_version FROM search_state WHERE id = 1').pluck().get() as
      number | undefined) ?? 0
  );
}

function loadCatalog(sqlite: Database.Database, version: number): MatchCatalog {
  const rows = statement(
    sqlite,
    `SELECT doc_id, offering_id, title, title_en, provider_name, provider_name_en, level,
            industries, sizes, regions, certifications, min_price_fen
       FROM search_documents`,
  )
    .raw()
    .all() as DocRow[];
  const plans = new Map<string, MatchPlan[]>();
  for (const [offeringId, priceFen, billing] of statement(
    sqlite,
    'SELECT p.offering_id, p.price_fen, p.billing FROM offering_plans p JOIN search_documents d ON d.offering_id = p.offering_id',
  )
    .raw()
    .all() as PlanRow[]) {
    const list = plans.get(offeringId);
    if (list) list.push({ priceFen, billing });
    else plans.set(offeringId, [{ priceFen, billing }]);
  }
  const list = (json: string) => JSON.parse(json) as string[];
  const offerings = rows.map((r): CatalogOffering => ({
    docId: r[0],
    id: r[1],
    titleZh: r[2],
    titleEn: r[3],
    providerNameZh: r[4],
    providerNameEn: r[5],
    level: r[6] as AdoptionLevel,
    industries: list(r[7]),
    sizes: list(r[8]),
    regions: list(r[9]),
    certifications: list(r[10]),
    minPriceFen: r[11],
    plans: plans.get(r[1]) ?? [],
    lowestMonthlyTwelfths: lowestMonthlyTwelfths(plans.get(r[1]) ?? []),
  }));
  const indexOfDoc = new Int32Array(rows.reduce((max, r) => Math.max(max, r[0]), 0) + 1).fill(-1);
  offerings.forEach((o, i) => (indexOfDoc[o.docId] = i));
  return { version, offerings, indexOfDoc, indexOfId: new Map(offerings.map((o, i) => [o.id, i])) };
}

const catalogs = new WeakMap<Database.Database, MatchCatalog>();

/** The public catalog as matching sees it, reloaded when the search index has changed. */
export function matchCatalog(db: Db): MatchCatalog {
  const sqlite = db.$client;
  const version = docsVersion(sqlite);
  const cached = catalogs.get(sqlite);
  if (cached && cached.version === version && !sqlite.inTransaction) return cached;
  const catalog = loadCatalog(sqlite, version);
  // Inside a write transaction the version may be rolled back and reused by another change.
  if (!sqlite.inTransaction) catalogs.set(sqlite, catalog);
  return catalog;
}

/**
 * Plans can change without the search document changing (only the lowest price is indexed, so
 * a billing edit does not move docs_version). The page's offerings are checked against the
 * plans as they are now; false means the cache was stale and has been dropped.
 */
export function pagePlansAreCurrent(db: Db, offerings: readonly CatalogOffering[]): boolean {
  if (offerings.length === 0) return true;
  const rows = statement(
    db.$client,
    'SELECT offering_id, price_fen, billing FROM offering_plans WHERE offering_id IN (SELECT value FROM json_each(?))',
  )
    .raw()
    .all(JSON.stringify(offerings.map((o) => o.id))) as PlanRow[];
  const signature = (plans: readonly MatchPlan[]) =>
    plans
      .map((p) => `${p.priceFen}/${p.billing}`)
      .sort()
      .join(',');
  const now = new Map<string, MatchPlan[]>();
  for (const [id, priceFen, billing] of rows) now.set(id, [...(now.get(id) ?? []), { priceFen, billing }]);
  const current = offerings.every((o) => signature(o.plans) === signature(now.get(o.id) ?? []));
  if (!current) catalogs.delete(db.$client);
  return current;
}

/** The levels of an enterprise's verified adoption events (what it "already uses"). */
export function verifiedLevels(db: Db, enterpriseId: string): AdoptionLevel[] {
  return statement(
    db.$client,
    `SELECT DISTINCT e.level FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id
      WHERE e.enterprise_id = ? AND s.status = 'verified' ORDER BY e.level`,
  )
    .pluck()
    .all(enterpriseId) as AdoptionLevel[];
}
