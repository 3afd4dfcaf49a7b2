import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { offerings, providers } from '../../db/schema';

// The public provider page (/providers/:id): who the provider is and what it lists. The public
// sees a provider exactly when it may see its offerings (app/models/catalog.server.ts): vetted
// into the pool (approved) and not marked fraudulent. Applied, rejected and suspended providers
// answer like unknown ones, so the page never tells that such a provider exists.
const visibleProvider = and(eq(providers.status, 'approved'), isNull(providers.fraudFlaggedAt));

export const PROVIDER_OFFERINGS_PAGE_SIZE = 12;

export function getPublicProvider(db: Db, id: string) {
  return (
    db
      .select({
        id: providers.id,
        nameZh: providers.nameZh,
        nameEn: providers.nameEn,
        prefecture: providers.prefecture,
        certifications: providers.certifications,
        website: providers.website,
      })
      .from(providers)
      .where(and(eq(providers.id, id), visibleProvider))
      .get() ?? null
  );
}
export type PublicProvider = NonNullable<ReturnType<typeof getPublicProvider>>;

/** The provider's published offerings, newest first, a page at a time (the provider is public: checked by the caller). */
export function listPublicOfferingsOfProvider(db: Db, opts: { providerId: string; page: number }) {
  const where = and(eq(offerings.providerId, opts.providerId), eq(offerings.status, 'published'));
  const total = db.select({ n: count() }).from(offerings).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PROVIDER_OFFERINGS_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pages);
  const rows = db
    .select({
      id: offerings.id,
      title: offerings.titleZh,
      titleEn: offerings.titleEn,
      summary: offerings.summary,
      level: offerings.level,
      categories: offerings.categories,
      // The cheapest priced plan; null when every plan is 面议. Table named in full: drizzle drops
      // it from columns in a single-table select.
      minPriceFen: sql<
        number | null
      >`(select min(p.price_fen) from offering_plans p where p.offering_id = "offerings"."id")`,
    })
    .from(offerings)
    .where(where)
    .orderBy(desc(offerings.publishedAt), asc(offerings.id))
    .limit(PROVIDER_OFFERINGS_PAGE_SIZE)
    .offset((page - 1) * PROVIDER_OFFERINGS_PAGE_SIZE)
    .all();
  return { rows, total, page, pageSize: PROVIDER_OFFERINGS_PAGE_SIZE };
}
