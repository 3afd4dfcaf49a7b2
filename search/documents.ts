/**
 * The search document of an offering, read from the catalog tables. This is where the
 * visibility rule lives for search (issue 3): only a published offering of an approved
 * provider that is not flagged for fraud is indexed; anything else is removed from both
 * engines. The published version is the offerings row itself (a pending revision, when that
 * flow lands, must live elsewhere until approved).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.server';
import { offerings, providers } from '../db/schema';
import type { SearchDocument } from './engine';
import { connectionOf, statement } from './sqlite/client';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A connection or a transaction (reads only). */
export type DbOrTx = Pick<Db, 'select'>;

const visible = and(
  eq(offerings.status, 'published'),
  eq(providers.status, 'approved'),
  isNull(providers.fraudFlaggedAt),
);

// Raw SQL, prepared once per connection: indexOfferingInTx runs it for every catalog write and
// every imported offering (drizzle's builder costs ~60 µs a call). MIN skips NULL (面议) prices,
// so an offering priced only on quote gets NULL.
const DOCUMENT_SQL = `
  SELECT o.id, o.external_id, o.provider_id, p.name_zh, p.name_en, o.title_zh, o.title_en, o.summary,
         o.description, o.level, o.categories, o.stages, o.industries, o.sizes, o.regions, o.tags,
         p.certifications,
         (SELECT min(price_fen) FROM offering_plans WHERE offering_id = o.id),
         coalesce(o.published_at, o.updated_at)
    FROM offerings o JOIN providers p ON p.id = o.provider_id
   WHERE o.status = 'published' AND p.status = 'approved' AND p.fraud_flagged_at IS NULL`;

type RawDocument = [
  string,
  string,
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
  string,
  string,
  string,
  string,
  string,
  number | null,
  string,
];

function fromRaw(r: RawDocument): SearchDocument {
  const list = (json: string) => JSON.parse(json) as string[];
  return {
    id: r[0],
    externalId: r[1],
    providerId: r[2],
    providerName: r[3],
    providerNameEn: r[4],
    title: r[5],
    titleEn: r[6],
    summary: r[7],
    description: r[8],
    level: r[9],
    categories: list(r[10]),
    stages: list(r[11]),
    industries: list(r[12]),
    sizes: list(r[13]),
    regions: list(r[14]),
    tags: list(r[15]),
    certifications: list(r[16]),
    minPriceFen: r[17],
    publishedAt: r[18],
  };
}

/** The document of a visible offering, or null when the public must not find it (or it is gone). */
export function loadSearchDocument(db: DbOrTx, offeringId: string): SearchDocument | null {
  const row = statement(connectionOf(db), `${DOCUMENT_SQL} AND o.id = ?`).raw().get(offeringId) as
    RawDocument | undefined;
  return row ? fromRaw(row) : null;
}

/** Visible documents in id order, a batch at a time (reindex). */
export function loadSearchDocumentBatch(
  db: DbOrTx,
  opts: { afterId: string | null; limit: number },
): SearchDocument[] {
  const rows = statement(connectionOf(db), `${DOCUMENT_SQL} AND o.id > ? ORDER BY o.id LIMIT ?`)
    .raw()
    .all(opts.afterId ?? '', opts.limit) as RawDocument[];
  return rows.map(fromRaw);
}

export function countVisibleOfferings(db: DbOrTx): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(visible)
    .get();
  return row?.n ?? 0;
}

/** Every offering of a provider, visible or not (suspension, reinstatement, renaming). */
export function offeringIdsOfProvider(db: DbOrTx, providerId: string): string[] {
  return db
    .select({ id: offerings.id })
    .from(offerings)
    .where(eq(offerings.providerId, providerId))
    .all()
    .map((r) => r.id);
}
