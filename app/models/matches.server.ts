/**
 * Matches (为您推荐): GET /api/matches and the match pages (formats/marketplace-api.md, "Matches").
 * The rules are app/domain/match-scoring.ts; this module feeds them the public catalog, the peers'
 * choices and the offerings that match q, and writes the answer in the contract's exact shape
 * with reason texts in the reader's language.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises } from '../../db/schema';
import { levelName, type AdoptionLevel } from '~/domain/adoption-levels';
import { CERTIFICATIONS, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { clusterName } from '~/domain/clusters';
import { sizeClassName, type SizeClass } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import {
  deriveMatchProfile,
  isAllowed,
  PEER_TAXONOMY,
  selectMatches,
  type MatchProfile,
  type MatchReason,
  type ReasonCode,
} from '~/domain/match-scoring';
import { prefectureName } from '~/domain/prefectures';
import { translator } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { matchText } from './search.server';
import {
  matchCatalog,
  pagePlansAreCurrent,
  verifiedLevels,
  type CatalogOffering,
  type MatchCatalog,
} from './match-data.server';
import { peerGroups, type PeerChoice } from './match-peers.server';
import { ratingsByOffering, type RatingSummary } from './reviews.server';

export {
  MATCH_LIMIT_DEFAULT,
  MATCH_LIMIT_MAX,
  MATCH_Q_MAX,
  missingProfileErrors,
  parseMatchParams,
  PROFILE_PARAMS,
  type MatchOptionsInput,
  type MatchParamError,
  type MatchParseResult,
} from './match-params.server';

export type MatchProfileInput = {
  industry: string;
  size?: 'micro' | 'small' | 'medium' | 'large';
  employees?: number;
  revenueWan?: number;
  prefecture: string;
  levels: AdoptionLevel[];
};

export interface MatchRequest {
  profile: MatchProfileInput;
  /** Show only offerings of these levels: a filter for pages, not a fit rule. */
  level?: AdoptionLevel[];
  /** Monthly budget in fen. */
  budgetFen?: number;
  q?: string;
  limit: number;
  /** Not in the API contract: the pages' later pages. */
  offset?: number;
}

/** The 200 body of GET /api/matches, exactly as the contract shows it. */
export interface MatchAnswer {
  profile: {
    division: string;
    sizeClass: SizeClass;
    prefecture: string;
    cluster: { taxonomy: typeof PEER_TAXONOMY; id: string };
    levels: AdoptionLevel[];
  };
  total: number;
  results: {
    offeringId: string;
    title: string;
    providerName: string;
    level: AdoptionLevel;
    planFromFen: number | null;
    /** Visible verified reviews (issue 10): average stars rounded to 0.1, and how many; null when none. */
    rating: { average: number; count: number } | null;
    score: number;
    reasons: { code: ReasonCode; text: string }[];
  }[];
  peers: { offeringId: string; title: string; enterprises: number }[];
}

/**
 * An SME's own profile: its registered industry, size class, prefecture, and the levels of its
 * verified adoption events. null when there is no such enterprise, or when it is registered with
 * only a 门类 letter (no division to hold against offerings' `industries`).
 */
export function profileOfEnterprise(db: Db, enterpriseId: string): MatchProfileInput | null {
  const row = db
    .select({
      industry: enterprises.industry,
      prefecture: enterprises.prefecture,
      employees: enterprises.employees,
      revenueWan: enterprises.revenueWan,
      sizeClass: enterprises.sizeClass,
    })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId))
    .get();
  if (!row || !/^\d{2}/.test(row.industry)) return null;
  // The stored class is derived on every write; enterprises that came in by report may have only
  // numbers, which matching classifies the same way.
  const size =
    row.sizeClass === 'unknown'
      ? {
          ...(row.employees !== null ? { employees: row.employees } : {}),
          ...(row.revenueWan !== null ? { revenueWan: row.revenueWan } : {}),
        }
      : { size: row.sizeClass };
  return {
    industry: row.industry,
    ...size,
    prefecture: row.prefecture,
    levels: verifiedLevels(db, enterpriseId),
  };
}

const title = (o: CatalogOffering, locale: Locale) => (locale === 'en' && o.titleEn ? o.titleEn : o.titleZh);
const providerName = (o: CatalogOffering, locale: Locale) =>
  locale === 'en' && o.providerNameEn ? o.providerNameEn : o.providerNameZh;

function reasonText(
  reason: MatchReason,
  ctx: { profile: MatchProfile; offering: CatalogOffering; request: MatchRequest; locale: Locale },
): string {
  const { profile, offering, request, locale } = ctx;
  const t = translator(locale);
  switch (reason.code) {
    case 'industry':
      return t('matches.reason.industry', {
        industry: industryName(profile.division, locale) ?? profile.division,
      });
    case 'size': {
      const size = sizeClassName(profile.sizeClass, locale);
      return t('matches.reason.size', { size: locale === 'en' ? size.toLowerCase() : size });
    }
    case 'onsite':
      return t('matches.reason.onsite', {
        prefecture: prefectureName(profile.prefecture, locale) ?? profile.prefecture,
      });
    case 'next-level':
      return t('matches.reason.next-level', { level: levelName(offering.level, locale) });
    case 'budget':
      return t('matches.reason.budget', { budget: formatFen(request.budgetFen ?? 0, locale) });
    case 'certified':
      return t('matches.reason.certified', {
        certifications: reason.certifications
          .map((c) => vocabularyName(CERTIFICATIONS, c, locale))
          .join(t('matches.listSeparator')),
      });
    case 'peers':
      return t('matches.reason.peers', {
        n: reason.enterprises,
        prefecture: prefectureName(profile.prefecture, locale) ?? profile.prefecture,
        cluster: clusterName(profile.cluster, PEER_TAXONOMY, locale) ?? profile.cluster,
      });
    case 'query':
      return t('matches.reason.query', { q: request.q ?? '' });
    case 'rated':
      return t('matches.reason.rated', { average: reason.average.toFixed(1), count: reason.count });
    case 'general':
      return t('matches.reason.general');
  }
}

// The peers' counts laid out by catalog position, kept while both the groups and the catalog are
// the same objects (both are replaced, never changed, when they move).
const positions = new WeakMap<readonly PeerChoice[], { catalog: MatchCatalog; at: Int32Array }>();
function peersByPosition(choices: readonly PeerChoice[], catalog: MatchCatalog): Int32Array {
  const known = positions.get(choices);
  if (known?.catalog === catalog) return known.at;
  const at = new Int32Array(catalog.offerings.length);
  for (const choice of choices) {
    const i = catalog.indexOfId.get(choice.offeringId);
    if (i !== undefined) at[i] = choice.enterprises;
  }
  positions.set(choices, { catalog, at });
  return at;
}

function ratingAt(ratings: (RatingSummary | null)[] | null, i: number | undefined) {
  const r = ratings && i !== undefined ? ratings[i] : null;
  return r ? { average: Math.round(r.average * 10) / 10, count: r.count } : null;
}

/** Review averages laid out by catalog position; null when no offering has a visible review. */
function ratingsByPosition(db: Db, catalog: { offerings: readonly unknown[]; indexOfId: Map<string, number> }) {
  const byId = ratingsByOffering(db);
  if (byId.size === 0) return null;
  const at: (RatingSummary | null)[] = new Array(catalog.offerings.length).fill(null);
  for (const [offeringId, rating] of byId) {
    const i = catalog.indexOfId.get(offeringId);
    if (i !== undefined) at[i] = rating;
  }
  return at;
}

/** Matches for a profile: the contract's answer. Synchronous (SQLite and in-memory columns). */
export function findMatches(db: Db, request: MatchRequest, locale: Locale): MatchAnswer {
  const profile = deriveMatchProfile(request.profile);
  for (let attempt = 0; ; attempt++) {
    const catalog = matchCatalog(db);
    // Only groups worth showing (≥ 3) can count, so only they are laid out by catalog position:
    // a Chengdu cell has adopters for most of the catalog.
    const choices = peerGroups(db, profile.prefecture, profile.cluster);
    const peersAt = peersByPosition(choices, catalog);
    const text = request.q ? matchText(db, request.q) : null;
    let relevance: Float64Array | null = null;
    if (text) {
      relevance = new Float64Array(catalog.offerings.length).fill(Number.NaN);
      for (let p = 0; p < text.docIds.length; p++) {
        const docId = text.docIds[p]!;
        const i = docId < catalog.indexOfDoc.length ? catalog.indexOfDoc[docId]! : -1;
        if (i >= 0) relevance[i] = text.relevance[p]!;
      }
    }
    // Visible reviews' averages: one aggregate query per request (reviews are few; the domain
    // decides what is `rated`).
    const ratings = ratingsByPosition(db, catalog);
    const { total, results } = selectMatches(
      profile,
      catalog.offerings,
      { peers: peersAt, queryRelevance: relevance ?? undefined, ratings: ratings ?? undefined },
      {
        level: request.level,
        budgetFen: request.budgetFen,
        // q that analyses to nothing (only punctuation or stop words) cannot match anything: as if not given.
        query: text !== null,
        limit: request.limit,
        offset: request.offset,
      },
    );
    // The cache's plans are checked for the offerings shown; if stale, reload once and redo.
    if (
      attempt === 0 &&
      !pagePlansAreCurrent(
        db,
        results.map((r) => r.offering),
      )
    )
      continue;

    // The first `limit` groups whose offering the hard rules allow (and that is still public).
    const peerList: { offering: CatalogOffering; enterprises: number }[] = [];
    for (const choice of choices) {
      if (peerList.length === request.limit) break;
      const offering = catalog.offerings[catalog.indexOfId.get(choice.offeringId) ?? -1];
      if (offering && isAllowed(profile, offering))
        peerList.push({ offering, enterprises: choice.enterprises });
    }
    return {
      profile: {
        division: profile.division,
        sizeClass: profile.sizeClass,
        prefecture: profile.prefecture,
        cluster: { taxonomy: PEER_TAXONOMY, id: profile.cluster },
        levels: [...profile.levels],
      },
      total,
      results: results.map(({ offering, score, reasons }) => ({
        offeringId: offering.id,
        title: title(offering, locale),
        providerName: providerName(offering, locale),
        level: offering.level,
        planFromFen: offering.minPriceFen,
        rating: ratingAt(ratings, catalog.indexOfId.get(offering.id)),
        score,
        reasons: reasons.map((reason) => ({
          code: reason.code,
          text: reasonText(reason, { profile, offering, request, locale }),
        })),
      })),
      peers: peerList.map((p) => ({
        offeringId: p.offering.id,
        title: title(p.offering, locale),
        enterprises: p.enterprises,
      })),
    };
  }
}
