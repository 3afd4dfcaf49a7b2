import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offeringPlans, offerings, providers } from '../../db/schema';

// The catalog list is a search (app/models/search.server.ts); this module serves the detail page.

// The public catalog shows an offering only while it is published AND its provider is in the
// vetted pool: suspending a provider hides all its listings at once without touching them.
// A provider marked fraudulent (adoption ledger, Jiangsu's rule) is blocked from listings too.
const isPublic = and(
  eq(offerings.status, 'published'),
  eq(providers.status, 'approved'),
  isNull(providers.fraudFlaggedAt),
);

/** How many offerings the public may see (start-up compares it with the search index). */
export function countPublishedOfferings(db: Db): number {
  return (
    db
      .select({ n: count() })
      .from(offerings)
      .innerJoin(providers, eq(providers.id, offerings.providerId))
      .where(isPublic)
      .get()?.n ?? 0
  );
}

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
