// The enterprise side of matches (为您推荐): the profile matching reads from the query parameters
// or an SME's registered enterprise (formats/marketplace-api.md, "Matches"). Rules that use it are
// match-scoring.ts.

import type { AdoptionLevel } from './adoption-levels';
import { clusterOf } from './clusters';
import { classifyEnterpriseSize, sectorOfIndustry, type SizeClass } from './enterprise-size';

export type KnownSizeClass = Exclude<SizeClass, 'unknown'>;

/** What an enterprise says about itself: the query parameters, or its registered profile. */
export interface MatchProfileFacts {
  /** A GB/T 4754 division ('34') or a longer code whose first two digits are the division ('3441'). */
  industry: string;
  size?: KnownSizeClass;
  employees?: number;
  revenueWan?: number;
  prefecture: string;
  levels: readonly AdoptionLevel[];
}

export interface MatchProfile {
  division: string;
  sizeClass: SizeClass;
  prefecture: string;
  /** Its 2023-taxonomy cluster (六大优势产业), the peers' group. */
  cluster: string;
  levels: readonly AdoptionLevel[];
}

// Peers are grouped by the province's current system (formats/marketplace-api.md: "2023-taxonomy cluster").
export const PEER_TAXONOMY = '2023' as const;

/** The division of an industry code: its first two digits (大类 of GB/T 4754-2017). */
export function divisionOf(industry: string): string {
  return industry.trim().slice(0, 2);
}

/**
 * The profile matching reads: `size` wins over the numbers when both are given; otherwise the
 * numbers are classified by the 2017 rules (国统字〔2017〕213号) and may well be 'unknown'.
 */
export function deriveMatchProfile(facts: MatchProfileFacts): MatchProfile {
  const division = divisionOf(facts.industry);
  const sizeClass =
    facts.size ??
    classifyEnterpriseSize({
      sector: sectorOfIndustry(division),
      employees: facts.employees ?? null,
      revenueWan: facts.revenueWan ?? null,
    });
  return {
    division,
    sizeClass,
    prefecture: facts.prefecture,
    cluster: clusterOf(division, PEER_TAXONOMY),
    levels: [...new Set(facts.levels)],
  };
}
