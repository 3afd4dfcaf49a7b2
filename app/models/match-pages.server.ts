import type { Db } from '../../db/client.server';
import type { AdoptionLevel } from '~/domain/adoption-levels';
import type { Locale } from '~/i18n/locale';
import { getEnterpriseByOwner } from './enterprises.server';
import { findMatches, profileOfEnterprise, type MatchProfileInput } from './matches.server';

// The match pages' use of the matches model (为您推荐, its block on the console home, 找适合我的):
// one page of matches for a profile, and "my enterprise's" matches for an SME account.

type MatchAnswer = Awaited<ReturnType<typeof findMatches>>;

export interface MatchFilters {
  /** Show only offerings of these levels (empty: every level). */
  level?: AdoptionLevel[];
  budgetFen?: number;
  q?: string;
}

/**
 * One page of matches as the pages show them: without the raw score (the pages explain a match
 * by its reasons, a number like 0.87 means nothing to a reader). A page past the end shows the
 * last page, so a stale link still shows something.
 */
export async function matchPage(
  db: Db,
  profile: MatchProfileInput,
  filters: MatchFilters,
  paging: { page: number; pageSize: number },
  locale: Locale,
) {
  const ask = (page: number) =>
    Promise.resolve(
      findMatches(
        db,
        {
          profile,
          level: filters.level?.length ? filters.level : undefined,
          budgetFen: filters.budgetFen,
          q: filters.q || undefined,
          limit: paging.pageSize,
          offset: (page - 1) * paging.pageSize,
        },
        locale,
      ),
    );
  let page = Math.max(1, Math.floor(paging.page));
  let answer: MatchAnswer = await ask(page);
  const lastPage = Math.max(1, Math.ceil(answer.total / paging.pageSize));
  if (page > lastPage) {
    page = lastPage;
    answer = await ask(page);
  }
  return {
    profile: answer.profile,
    total: answer.total,
    page,
    pageSize: paging.pageSize,
    results: answer.results.map((r) => ({
      offeringId: r.offeringId,
      title: r.title,
      providerName: r.providerName,
      level: r.level,
      planFromFen: r.planFromFen ?? null,
      reasons: r.reasons.map((reason) => ({ code: reason.code, text: reason.text })),
    })),
    peers: answer.peers.map((p) => ({
      offeringId: p.offeringId,
      title: p.title,
      enterprises: p.enterprises,
    })),
  };
}

export type MatchPage = Awaited<ReturnType<typeof matchPage>>;

/**
 * The profile of the enterprise an SME account owns, as matching reads it. Without an enterprise,
 * or with one whose profile cannot be matched (e.g. no industry division), says which, so the page
 * can tell the SME what to complete.
 */
export function ownerMatchProfile(
  db: Db,
  userId: string,
): { state: 'no-enterprise' } | { state: 'no-profile' } | { state: 'ok'; profile: MatchProfileInput } {
  const enterprise = getEnterpriseByOwner(db, userId);
  if (!enterprise) return { state: 'no-enterprise' };
  const profile = profileOfEnterprise(db, enterprise.id);
  if (!profile) return { state: 'no-profile' };
  return { state: 'ok', profile };
}
