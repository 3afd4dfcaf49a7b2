// Matches (为您推荐): which offerings an enterprise profile may be shown, how they rank, and why —
// the hard rules, weighted ranking and reasons of formats/marketplace-api.md ("Matches"). Pure: the
// model (app/models/matches.server.ts) feeds it the public offerings and the signals it measured
// (peers, text relevance, ratings) and renders the reasons it returns in the reader's language.

import type { AdoptionLevel } from './adoption-levels';
import type { BillingCycle } from './catalog-vocabulary';
import type { MatchProfile } from './match-profile';

// The profile half (what an enterprise is, as matching reads it) is match-profile.ts.
export {
  deriveMatchProfile,
  divisionOf,
  PEER_TAXONOMY,
  type KnownSizeClass,
  type MatchProfile,
  type MatchProfileFacts,
} from './match-profile';

/** The contract's reason codes, in the order it lists them (and results list them). */
export const REASON_CODES = [
  'industry',
  'general',
  'size',
  'onsite',
  'next-level',
  'budget',
  'certified',
  'peers',
  'query',
  'rated',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface MatchPlan {
  /** Integer fen; null = 面议. */
  priceFen: number | null;
  billing: BillingCycle;
}

/** An offering as matching sees it (the model gives only public ones: published, provider approved and unflagged). */
export interface MatchOffering {
  id: string;
  level: AdoptionLevel;
  /** Empty = made for every industry / size; `regions` empty = no on-site service promised. */
  industries: readonly string[];
  sizes: readonly string[];
  regions: readonly string[];
  /** The provider's. */
  certifications: readonly string[];
  plans: readonly MatchPlan[];
  /**
   * lowestMonthlyTwelfths(plans), for a caller that scores the same offering on many requests
   * (the model's cache) and computes it once; absent = computed from `plans` here.
   */
  lowestMonthlyTwelfths?: number | null;
}

/** What was measured about an offering for this request. */
export interface MatchSignals {
  /** Distinct verified adopters of the enterprise's cluster and prefecture. */
  peers: number;
  /** null when q was not given or the offering does not match it; else how well it matches, 0–1. */
  queryRelevance: number | null;
  /** Verified reviews; null when there are none to go by. */
  rating: { average: number; count: number } | null;
}

export const NO_SIGNALS: MatchSignals = { peers: 0, queryRelevance: null, rating: null };

export interface MatchOptions {
  budgetFen?: number;
  /** Whether q was given (then matching q dominates the ranking, see matchPoints). */
  query?: boolean;
}

export type MatchReason =
  | { code: 'certified'; certifications: string[] }
  | { code: 'peers'; enterprises: number }
  | { code: 'rated'; average: number; count: number }
  | { code: Exclude<ReasonCode, 'certified' | 'peers' | 'rated'> };

// --- the rules -------------------------------------------------------------------------------

/**
 * The hard rules: a non-empty `industries` list admits only those divisions, a non-empty `sizes`
 * list only those size classes — except that an unknown size class is never excluded by size.
 */
export function isAllowed(profile: MatchProfile, offering: MatchOffering): boolean {
  if (offering.industries.length > 0 && !offering.industries.includes(profile.division)) return false;
  if (
    profile.sizeClass !== 'unknown' &&
    offering.sizes.length > 0 &&
    !offering.sizes.includes(profile.sizeClass)
  )
    return false;
  return true;
}

/**
 * The lowest monthly equivalent of the priced plans, in twelfths of a fen so it stays an integer:
 * a `month` price as it is (×12), a `year` or `once` price divided by 12 (×1). `quote` plans and
 * 面议 (no price) never count. null = no plan can fit any budget.
 */
export function lowestMonthlyTwelfths(plans: readonly MatchPlan[]): number | null {
  let lowest: number | null = null;
  for (const plan of plans) {
    if (plan.priceFen === null || plan.billing === 'quote') continue;
    const twelfths = plan.billing === 'month' ? plan.priceFen * 12 : plan.priceFen;
    if (lowest === null || twelfths < lowest) lowest = twelfths;
  }
  return lowest;
}

export function fitsBudget(
  offering: Pick<MatchOffering, 'plans' | 'lowestMonthlyTwelfths'>,
  budgetFen: number,
): boolean {
  const lowest =
    offering.lowestMonthlyTwelfths !== undefined
      ? offering.lowestMonthlyTwelfths
      : lowestMonthlyTwelfths(offering.plans);
  return lowest !== null && lowest <= budgetFen * 12;
}

/** 等保三级, 可信云 and 双跨平台 are the credentials the contract's `certified` reason names. */
export const RECOGNISED_CERTIFICATIONS: readonly string[] = [
  'mlps3',
  'trusted-cloud',
  'cross-industry-platform',
];

function isRecognised(certification: string): boolean {
  return RECOGNISED_CERTIFICATIONS.includes(certification);
}

export const PEER_MIN_ENTERPRISES = 3;

/** A peers group of fewer than 3 enterprises is never shown (nor used as a reason). */
export function showsPeerGroup(enterprises: number): boolean {
  return enterprises >= PEER_MIN_ENTERPRISES;
}

/** Average of verified reviews ≥ 4.0 from ≥ 3 reviews. */
export function isWellRated(rating: { average: number; count: number } | null): boolean {
  return rating !== null && rating.count >= 3 && rating.average >= 4.0;
}

// --- ranking -----------------------------------------------------------------------------------

// Points out of 1000 (integers, so equal fits are exactly equal and fall back to the id order).
// The contract fixes two orders "when everything else is equal": industry-specific above
// all-industries (300 > 100) and a level not used yet above a used one (200 > 0); the other
// reasons only have to raise the score. An allowed offering is either industry or general, so
// `general` merely keeps its scores from starting at 0. The fit weights add up to 1000.
export const FIT_WEIGHTS: Readonly<Record<Exclude<ReasonCode, 'query'>, number>> = {
  industry: 300,
  general: 100,
  size: 100,
  onsite: 100,
  'next-level': 200,
  budget: 100,
  certified: 50,
  peers: 100,
  rated: 50,
};
export const MAX_POINTS = 1000;

// With q, "offerings that do not match it still appear, lower": matching q is worth more than
// any fit, so every match ranks above every non-match (500 + up to 400 fit + up to 100
// relevance, against at most 400). Fit still orders offerings within each half.
const QUERY_BASE = 500;
const QUERY_FIT_SHARE = 0.4;
const QUERY_RELEVANCE = 100;

/**
 * Scores an allowed offering; pushes its reasons onto `reasons` when given, in the contract's
 * order. One function for both, so a reason is shown exactly when it counted. It runs for every public offering on
 * every request (20,000 in the benchmark): plain loops, nothing allocated unless reasons are asked.
 */
export function matchPoints(
  profile: MatchProfile,
  offering: MatchOffering,
  signals: MatchSignals,
  options: MatchOptions,
  reasons: MatchReason[] | null = null,
): number {
  const w = FIT_WEIGHTS;
  let fit = 0;
  if (offering.industries.length === 0) {
    fit += w.general;
    reasons?.push({ code: 'general' });
  } else if (offering.industries.includes(profile.division)) {
    fit += w.industry;
    reasons?.push({ code: 'industry' });
  }
  if (profile.sizeClass !== 'unknown' && offering.sizes.includes(profile.sizeClass)) {
    fit += w.size;
    reasons?.push({ code: 'size' });
  }
  if (offering.regions.includes(profile.prefecture)) {
    fit += w.onsite;
    reasons?.push({ code: 'onsite' });
  }
  if (!profile.levels.includes(offering.level)) {
    fit += w['next-level'];
    reasons?.push({ code: 'next-level' });
  }
  if (options.budgetFen !== undefined && fitsBudget(offering, options.budgetFen)) {
    fit += w.budget;
    reasons?.push({ code: 'budget' });
  }
  if (offering.certifications.some(isRecognised)) {
    fit += w.certified;
    reasons?.push({ code: 'certified', certifications: offering.certifications.filter(isRecognised) });
  }
  if (showsPeerGroup(signals.peers)) {
    fit += w.peers;
    reasons?.push({ code: 'peers', enterprises: signals.peers });
  }
  const matched = options.query === true && signals.queryRelevance !== null;
  if (matched) reasons?.push({ code: 'query' });
  if (signals.rating !== null && isWellRated(signals.rating)) {
    fit += w.rated;
    reasons?.push({ code: 'rated', average: signals.rating.average, count: signals.rating.count });
  }
  if (!options.query) return fit;
  const relevance = matched
    ? Math.round(Math.min(1, Math.max(0, signals.queryRelevance!)) * QUERY_RELEVANCE)
    : 0;
  return (matched ? QUERY_BASE : 0) + Math.round(fit * QUERY_FIT_SHARE) + relevance;
}

export interface RankedMatch<O extends MatchOffering = MatchOffering> {
  offering: O;
  points: number;
  /** points / 1000, 0–1. */
  score: number;
  reasons: MatchReason[];
}

/** Higher points first; equal points by offering id, so pages are stable. */
export function compareMatches(a: { id: string; points: number }, b: { id: string; points: number }): number {
  return b.points - a.points || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface SelectOptions extends MatchOptions {
  /** Show only these levels (a page filter, not a fit rule); empty or absent = all. */
  level?: readonly AdoptionLevel[];
  limit: number;
  offset?: number;
}

/**
 * What was measured, by offering position (the same positions as the offerings): columns rather
 * than a callback, because the scan below runs for every public offering on every request.
 */
export interface SignalColumns {
  /** Distinct peer enterprises; absent = none anywhere. */
  peers?: ArrayLike<number>;
  /** q relevance 0–1, NaN where the offering does not match q; absent = q not given. */
  queryRelevance?: ArrayLike<number>;
  /** Verified reviews, null where there are none; absent = none anywhere. */
  ratings?: ArrayLike<{ average: number; count: number } | null>;
}

/**
 * Applies the hard rules (and the level filter), counts what is left (`total`) and returns the
 * page `offset … offset+limit` of the ranking with scores and reasons. Only the page's reasons
 * are built; the rest are scored without allocating.
 */
export function selectMatches<O extends MatchOffering>(
  profile: MatchProfile,
  offerings: readonly O[],
  columns: SignalColumns,
  options: SelectOptions,
): { total: number; results: RankedMatch<O>[] } {
  const want = (options.offset ?? 0) + options.limit;
  const levels = options.level && options.level.length > 0 ? options.level : null;
  // One signals object, refilled per offering: matchPoints reads it and keeps nothing.
  const signals: MatchSignals = { peers: 0, queryRelevance: null, rating: null };
  const signalsAt = (i: number) => {
    signals.peers = columns.peers ? columns.peers[i]! : 0;
    const relevance = columns.queryRelevance ? columns.queryRelevance[i]! : Number.NaN;
    signals.queryRelevance = Number.isNaN(relevance) ? null : relevance;
    signals.rating = columns.ratings ? columns.ratings[i]! : null;
    return signals;
  };
  // The best `want` so far, best first: a short sorted list beats sorting every offering.
  const best: { id: string; points: number; index: number }[] = [];
  let total = 0;
  for (let i = 0; i < offerings.length; i++) {
    const offering = offerings[i]!;
    if (levels && !levels.includes(offering.level)) continue;
    if (!isAllowed(profile, offering)) continue;
    total++;
    const points = matchPoints(profile, offering, signalsAt(i), options);
    // Most offerings lose to the current last place: decided on numbers, without an object.
    const last = best.length === want ? best[want - 1]! : null;
    if (last && (points < last.points || (points === last.points && offering.id > last.id))) continue;
    const entry = { id: offering.id, points, index: i };
    let at = best.length;
    while (at > 0 && compareMatches(entry, best[at - 1]!) < 0) at--;
    best.splice(at, 0, entry);
    if (best.length > want) best.pop();
  }
  const results = best.slice(options.offset ?? 0).map(({ index, points }) => {
    const offering = offerings[index]!;
    const reasons: MatchReason[] = [];
    matchPoints(profile, offering, signalsAt(index), options, reasons);
    return { offering, points, score: points / MAX_POINTS, reasons };
  });
  return { total, results };
}

/** Peers' choices worth showing: groups of at least 3 enterprises, most adopted first, then by id. */
export function peerChoices(
  counts: ReadonlyMap<string, number>,
): { offeringId: string; enterprises: number }[] {
  return [...counts]
    .filter(([, n]) => showsPeerGroup(n))
    .map(([offeringId, enterprises]) => ({ offeringId, enterprises }))
    .sort((a, b) => b.enterprises - a.enterprises || (a.offeringId < b.offeringId ? -1 : 1));
}
