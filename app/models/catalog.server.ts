import { and, asc, count, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offeringPlans, offerings, providers } from '../../db/schema';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import { likeContains } from './sql.server';

export const CATALOG_PAGE_SIZE = 20;


// The public catalog shows an offering only while it is published AND its provider is in the
// vetted pool: suspending a provider hides all its listings at once without touching them.
// A provider marked fraudulent (adoption ledger, Jiangsu's rule) is blocked from listings too.
const isPublic = and(eq(offerings.status, 'published'), eq(providers.status, 'approved'), isNull(providers.fraudFlaggedAt));

// Lowest plan price in one correlated subquery (no N+1); MIN skips NULL, so an offering whose
// plans are all 面议 gets NULL.
const minPriceFen = sql<number | null>`(select min(${offeringPlans.priceFen}) from ${offeringPlans} where ${offeringPlans.offeringId} = ${offerings.id})`;


export interface CatalogQuery {
  q?: string;
  level?: AdoptionLevel;
  page: number;
  perPage: number;
}

/**
 * One page of the public catalog, newest first. A page past the end is clamped to the last
 * page (a stale link should still show something). Returns the page actually shown.
 */
export function listPublishedOfferings(db: Db, query: CatalogQuery) {
  const conditions: (SQL | undefined)[] = [isPublic];
  const q = query.q?.trim();
  if (q) {
    conditions.push(
      or(
        likeContains(offerings.titleZh, q),
        likeContains(offerings.titleEn, q),
        likeContains(offerings.summary, q),
        likeContains(providers.nameZh, q),
        likeContains(providers.nameEn, q),
      ),
    );
  }
  if (query.level) conditions.push(eq(offerings.level, query.level));
  const where = and(...conditions);

  const total =
    db.select({ n: count() }).from(offerings).innerJoin(providers, eq(providers.id, offerings.providerId)).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / query.perPage));
  const page = Math.min(Math.max(1, query.page), pages);

  const rows = db
    .select({
      id: offerings.id,
      titleZh: offerings.titleZh,
      titleEn: offerings.titleEn,
      summary: offerings.summary,
      level: offerings.level,
      categories: offerings.categories,
      publishedAt: offerings.publishedAt,
      providerNameZh: providers.nameZh,
      providerNameEn: providers.nameEn,
      minPriceFen,
    })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(where)
    .orderBy(desc(offerings.publishedAt), asc(offerings.id))
    .limit(query.perPage)
    .offset((page - 1) * query.perPage)
    .all();
  return { rows, total, page };
}

export type CatalogRow = ReturnType<typeof listPublishedOfferings>['rows'][number];

/**
 * A published offering of an approved provider with its plans and provider, or null for
 * anything else (drafts, archived, a suspended or unvetted provider): the public never learns
 * such an offering exists.
 */
export function getPublishedOffering(db: Db, id: string) {
  const row = db
    .select({
      offering: {
        id: offerings.id,
        titleZh: offerings.titleZh,
        titleEn: offerings.titleEn,
        summary: offerings.summary,
        description: offerings.description,
        level: offerings.level,
        categories: offerings.categories,
        stages: offerings.stages,
        industries: offerings.industries,
        sizes: offerings.sizes,
        regions: offerings.regions,
        tags: offerings.tags,
        publishedAt: offerings.publishedAt,
      },
      provider: {
        id: providers.id,
        nameZh: providers.nameZh,
        nameEn: providers.nameEn,
        prefecture: providers.prefecture,
        certifications: providers.certifications,
        website: providers.website,
      },
    })
    .from(offerings)
    .innerJoin(providers, eq(providers.id, offerings.providerId))
    .where(and(eq(offerings.id, id), isPublic))
    .get();
  if (!row) return null;
  const plans = db
    .select({
      id: offeringPlans.id,
      name: offeringPlans.name,
      priceFen: offeringPlans.priceFen,
      billing: offeringPlans.billing,
      trialDays: offeringPlans.trialDays,
    })
    .from(offeringPlans)
    .where(eq(offeringPlans.offeringId, id))
    .orderBy(asc(offeringPlans.position), asc(offeringPlans.id))
    .all();
  return { ...row.offering, plans, provider: row.provider };
}

export type PublishedOffering = NonNullable<ReturnType<typeof getPublishedOffering>>;
