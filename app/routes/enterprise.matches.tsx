import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { CheckboxGroup, TextField } from '~/components/form';
import { MatchBasis, MatchEmpty, MatchList, PeerChoices } from '~/components/matches';
import { Pagination } from '~/components/pagination';
import { ADOPTION_LEVELS } from '~/domain/adoption-levels';
import { useLocale, useT } from '~/i18n/use-t';
import { matchPage, ownerMatchProfile, type MatchPage } from '~/models/match-pages.server';
import { MATCHES_PAGE_SIZE, SmeMatchesQuerySchema, yuanToFen } from '~/schemas/match-pages.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { HelpLink } from '~/components/help-link';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '为您推荐 · 云桥' }];

// 为您推荐: matches for the SME's own enterprise profile, narrowed by a GET form (levels, monthly
// budget, a need in words) so a filtered page has its own URL and works without JavaScript.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const { locale, t } = await getTranslator(request, user);
  const db = getDb();
  const title = `${t('matchPages.title')} · ${t('app.name')}`;
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: SmeMatchesQuerySchema });
  const owner = ownerMatchProfile(db, user.id);
  const base = {
    title,
    lastResult: submission.reply(),
    state: owner.state,
    filtered: false,
    matches: null as MatchPage | null,
  };
  if (owner.state !== 'ok') return base;
  if (submission.status !== 'success') return data({ ...base, state: 'invalid' as const }, { status: 400 });
  const query = submission.value;
  const matches = await matchPage(
    db,
    owner.profile,
    {
      level: query.level,
      budgetFen: query.budget === undefined ? undefined : yuanToFen(query.budget),
      q: query.q,
    },
    { page: query.page ?? 1, pageSize: MATCHES_PAGE_SIZE },
    locale,
  );
  const filtered = query.level.length > 0 || query.budget !== undefined || Boolean(query.q);
  return { ...base, filtered, matches };
}

export default function EnterpriseMatches() {
  const { state, matches, filtered } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('matchPages.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('matchPages.lead')}</p>
        <p className="mt-1">
          <HelpLink topic="levels" />
        </p>
      </header>

      {state === 'no-enterprise' || state === 'no-profile' ? (
        <section className="card" role="alert" aria-labelledby="matches-no-profile" data-testid="no-profile">
          <h2 id="matches-no-profile" className="text-lg font-semibold">
            {t(state === 'no-enterprise' ? 'matchPages.noEnterprise' : 'matchPages.noProfile')}
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            {t(state === 'no-enterprise' ? 'matchPages.noEnterpriseText' : 'matchPages.noProfileText')}
          </p>
          <p className="mt-4">
            <Link to="/enterprise" className="btn-primary">
              {t('matchPages.completeProfile')}
            </Link>
          </p>
        </section>
      ) : (
        <>
          {matches ? (
            <MatchBasis
              profile={matches.profile}
              action={
                <Link to="/enterprise" className="link text-sm">
                  {t('enterprise.edit')}
                </Link>
              }
            />
          ) : null}
          <div className="grid gap-6 md:grid-cols-[16rem_minmax(0,1fr)] md:items-start">
            <aside aria-labelledby="match-filters-title">
              {/* Remounts per URL so the fields show what the page applied (pages, "clear"). */}
              <Filters key={location.search} />
            </aside>
            <section aria-labelledby="match-results-title" className="min-w-0 space-y-4">
              {state === 'invalid' || !matches ? (
                <>
                  <h2 id="match-results-title" className="sr-only">
                    {t('matchPages.resultsHeading')}
                  </h2>
                  <p className="card text-sm text-slate-700" data-testid="matches-invalid">
                    {t('matchPages.invalidFilters')}
                  </p>
                </>
              ) : (
                <>
                  <h2
                    id="match-results-title"
                    className="text-sm font-normal text-slate-700"
                    aria-live="polite"
                    data-testid="results-count"
                  >
                    {t('matchPages.results', { total: matches.total })}
                  </h2>
                  {matches.results.length ? (
                    <>
                      <MatchList matches={matches.results} />
                      <Pagination page={matches.page} pageSize={matches.pageSize} total={matches.total} />
                    </>
                  ) : (
                    <MatchEmpty filtered={filtered}>
                      {filtered ? (
                        <Link to="/enterprise/matches" className="btn-primary">
                          {t('matchPages.clear')}
                        </Link>
                      ) : null}
                    </MatchEmpty>
                  )}
                </>
              )}
            </section>
          </div>
          {matches ? <PeerChoices peers={matches.peers} lead={t('matchPages.peersLead')} /> : null}
        </>
      )}
    </div>
  );
}

function Filters() {
  const { lastResult } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof SmeMatchesQuerySchema>({
    id: 'match-filters',
    lastResult,
  });
  const levelOptions = ADOPTION_LEVELS.map((l) => ({
    value: l.id,
    label: locale === 'en' ? l.nameEn : l.nameZh,
  }));
  return (
    <Form
      method="get"
      action="/enterprise/matches"
      {...getFormProps(form)}
      className="card"
      aria-labelledby="match-filters-title"
    >
      <h2 id="match-filters-title" className="mb-3 text-base font-semibold">
        {t('matchPages.filters')}
      </h2>
      <CheckboxGroup
        legend={t('matchPages.levelLegend')}
        field={fields.level}
        options={levelOptions}
        optional
      />
      <TextField
        label={t('matchPages.budget')}
        field={fields.budget}
        type="number"
        step="0.01"
        inputMode="decimal"
        hint={t('matchPages.budgetHint')}
        optional
      />
      <TextField label={t('matchPages.q')} field={fields.q} hint={t('matchPages.qHint')} optional />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={navigation.state === 'loading'}>
          {t('matchPages.apply')}
        </button>
        <Link to="/enterprise/matches" className="link text-sm">
          {t('matchPages.clear')}
        </Link>
      </div>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
