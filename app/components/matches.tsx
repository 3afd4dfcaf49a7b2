import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { isAdoptionLevel, levelName } from '~/domain/adoption-levels';
import { formatFen } from '~/domain/catalog-vocabulary';
import { isTaxonomyVersion, clusterName } from '~/domain/clusters';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';

// UI pieces of the match pages (为您推荐, its block on the console home, 找适合我的).
// The shapes mirror MatchPage in app/models/match-pages.server.ts (components cannot import
// server modules).

export interface MatchView {
  offeringId: string;
  title: string;
  providerName: string;
  level: string;
  /** The lowest plan price in fen; null when every plan is 面议. */
  planFromFen: number | null;
  reasons: { code: string; text: string }[];
}

export interface PeerView {
  offeringId: string;
  title: string;
  enterprises: number;
}

export interface MatchProfileView {
  division: string;
  sizeClass: string;
  prefecture: string;
  cluster: { taxonomy: string; id: string };
  levels: string[];
}

function levelLabel(level: string, locale: 'zh-CN' | 'en') {
  return isAdoptionLevel(level) ? levelName(level, locale) : level;
}

function Check() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className="mt-0.5 h-4 w-4 shrink-0 fill-current text-green-700"
    >
      <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0z" />
    </svg>
  );
}

// When only a few reasons fit (the console home shows one), the most telling come first: what
// peers chose and what fits this firm in particular say more than "for every industry".
const TELLING = ['peers', 'onsite', 'budget', 'query', 'rated', 'industry', 'next-level', 'size', 'certified', 'general'];
function telling(code: string) {
  const i = TELLING.indexOf(code);
  return i === -1 ? TELLING.length : i;
}

/**
 * One match: the title links to the offering page; level, provider and "from" price as on the
 * catalog cards; then its reasons in plain words. `reasonLimit` keeps the first few (the console
 * home shows one).
 */
export function MatchCard({
  match,
  headingLevel = 3,
  reasonLimit,
}: {
  match: MatchView;
  headingLevel?: 2 | 3;
  reasonLimit?: number;
}) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const price = formatFen(match.planFromFen, locale);
  const reasons =
    reasonLimit === undefined
      ? match.reasons
      : [...match.reasons].sort((a, b) => telling(a.code) - telling(b.code)).slice(0, reasonLimit);
  const reasonsId = `match-${match.offeringId}-reasons`;
  return (
    <article className="card flex h-full flex-col gap-3" data-testid="match-card">
      <div>
        <Heading className="text-lg font-semibold leading-snug">
          <Link to={`/catalog/${match.offeringId}`} className="link text-brand-800">
            {match.title}
          </Link>
        </Heading>
        <p className="mt-1 text-sm text-slate-700">
          <span className="sr-only">{t('catalog.providerLabel')}: </span>
          {match.providerName}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="badge bg-brand-50 text-brand-800">
          <span className="sr-only">{t('catalog.level')}: </span>
          {levelLabel(match.level, locale)}
        </span>
        <span className="text-base font-semibold text-slate-900" data-testid="match-price">
          {match.planFromFen === null ? price : t('catalog.priceFrom', { price })}
        </span>
      </div>
      {reasons.length ? (
        <div className="border-t border-slate-100 pt-2">
          <p id={reasonsId} className="text-xs font-medium text-slate-600">
            {t('matchPages.reasons')}
          </p>
          <ul
            className="mt-1 space-y-1 text-sm text-slate-800"
            aria-labelledby={reasonsId}
            data-testid="match-reasons"
          >
            {reasons.map((r) => (
              <li key={r.code} className="flex gap-1.5" data-reason={r.code}>
                <Check />
                <span>{r.text}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* Straight to the offering page's request form (visitors are asked to sign in there). */}
      <Link
        to={`/catalog/${match.offeringId}?request=1#request`}
        className="link mt-auto self-start text-sm"
        aria-label={`${t('requests.cta.fromMatch')}: ${match.title}`}
        data-testid="match-request"
      >
        {t('requests.cta.fromMatch')}
      </Link>
    </article>
  );
}

export function MatchList({
  matches,
  reasonLimit,
  compact = false,
}: {
  matches: MatchView[];
  reasonLimit?: number;
  compact?: boolean;
}) {
  return (
    <ul
      className={compact ? 'grid gap-4 md:grid-cols-3' : 'grid gap-4 sm:grid-cols-2'}
      data-testid="match-list"
    >
      {matches.map((m) => (
        <li key={m.offeringId}>
          <MatchCard match={m} reasonLimit={reasonLimit} />
        </li>
      ))}
    </ul>
  );
}

/** Nothing fits: plain words and a way on (the catalog), or a hint to loosen the filters. */
export function MatchEmpty({ filtered, children }: { filtered?: boolean; children?: ReactNode }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="matches-empty-title" data-testid="empty-state">
      <h3 id="matches-empty-title" className="text-lg font-semibold">
        {t('matchPages.empty')}
      </h3>
      <p className="mt-2 text-sm text-slate-700">
        {filtered ? t('matchPages.emptyFiltered') : t('matchPages.emptyText')}
      </p>
      <p className="mt-3 flex flex-wrap gap-3">
        {children}
        <Link to="/catalog" className="btn-secondary">
          {t('matchPages.browseCatalog')}
        </Link>
      </p>
    </section>
  );
}

/** 同行的选择: offerings chosen by at least 3 verified adopters of the same cluster and prefecture. */
export function PeerChoices({ peers, lead }: { peers: PeerView[]; lead: string }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="match-peers" data-testid="match-peers">
      <h2 id="match-peers" className="text-lg font-semibold">
        {t('matchPages.peers')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{lead}</p>
      {peers.length ? (
        <ul className="mt-3 divide-y divide-slate-100">
          {peers.map((p) => (
            <li
              key={p.offeringId}
              className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2"
            >
              <Link to={`/catalog/${p.offeringId}`} className="link font-medium">
                {p.title}
              </Link>
              <span className="text-sm text-slate-700">
                {t('matchPages.peersCount', { n: p.enterprises })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-700" data-testid="peers-empty">
          {t('matchPages.peersEmpty')}
        </p>
      )}
    </section>
  );
}

/** What the matches were computed from, in words: division, size class, prefecture, cluster, levels in use. */
export function MatchBasis({
  profile,
  showLevels = true,
  action,
}: {
  profile: MatchProfileView;
  showLevels?: boolean;
  action?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const cluster = isTaxonomyVersion(profile.cluster.taxonomy)
    ? clusterName(profile.cluster.id, profile.cluster.taxonomy, locale)
    : null;
  const items: [string, string][] = [
    [
      t('matchPages.basisIndustry'),
      `${profile.division} ${industryName(profile.division, locale) ?? ''}`.trim(),
    ],
    [
      t('matchPages.basisSize'),
      isSizeClass(profile.sizeClass) ? sizeClassName(profile.sizeClass, locale) : profile.sizeClass,
    ],
    [t('matchPages.basisPrefecture'), prefectureName(profile.prefecture, locale) ?? profile.prefecture],
  ];
  if (cluster) items.push([t('matchPages.basisCluster'), cluster]);
  if (showLevels) {
    items.push([
      t('matchPages.basisLevels'),
      profile.levels.length
        ? profile.levels.map((l) => levelLabel(l, locale)).join('、')
        : t('matchPages.levelsNone'),
    ]);
  }
  return (
    <section
      className="rounded-md bg-brand-50 p-3 text-sm text-slate-900"
      aria-labelledby="match-basis"
      data-testid="match-basis"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="match-basis" className="font-semibold">
          {t('matchPages.basis')}
        </h2>
        {action}
      </div>
      <dl className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {items.map(([label, value]) => (
          <div key={label} className="flex gap-1">
            <dt className="text-slate-700">{label}:</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
