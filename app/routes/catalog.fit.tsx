import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { FormErrors, SelectField, TextField } from '~/components/form';
import { MatchBasis, MatchEmpty, MatchList, PeerChoices } from '~/components/matches';
import { industryOptions, prefectureOptions } from '~/components/options';
import { Pagination } from '~/components/pagination';
import { SizePreview, useSizePreview } from '~/components/size-preview';
import { useLocale, useT } from '~/i18n/use-t';
import { matchPage, type MatchPage } from '~/models/match-pages.server';
import { FIT_FORM_FIELDS, FitFormSchema, MATCHES_PAGE_SIZE } from '~/schemas/match-pages.server';
import { getUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? '找适合我的 · 云桥' },
];

// 找适合我的: matches for a firm described in a GET form, for visitors who have not registered.
// The URL is the whole state (shareable, works without JavaScript); nothing is stored.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale, t } = await getTranslator(request, user);
  const params = new URL(request.url).searchParams;
  const base = {
    title: `${t('matchPages.fitTitle')} · ${t('app.name')}`,
    viewerRole: user?.role ?? null,
    lastResult: null as SubmissionResult<string[]> | null,
    matches: null as MatchPage | null,
  };
  // The first visit (no field in the URL) shows the empty form, not "required" errors.
  if (!FIT_FORM_FIELDS.some((name) => params.has(name))) return base;
  const submission = parseWithZod(params, { schema: FitFormSchema });
  if (submission.status !== 'success')
    return data({ ...base, lastResult: submission.reply() }, { status: 400 });
  const { industry, prefecture, employees, revenueWan, page } = submission.value;
  const matches = await matchPage(
    getDb(),
    // The size class is left to the 2017 rules on these numbers (as on sign-up); a visitor has no adoption record.
    { industry, prefecture, employees, revenueWan, levels: [] },
    {},
    { page: page ?? 1, pageSize: MATCHES_PAGE_SIZE },
    locale,
  );
  return { ...base, lastResult: submission.reply(), matches };
}

export default function CatalogFit() {
  const { matches, viewerRole } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/catalog" className="link">
            {t('catalog.backToList')}
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">{t('matchPages.fitTitle')}</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('matchPages.fitLead')}</p>
      </header>

      {viewerRole === 'sme' ? (
        <p role="note" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-slate-900">
          {t('matchPages.fitSmeText')}{' '}
          <Link to="/enterprise/matches" className="link font-medium">
            {t('matchPages.fitSmeLink')}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-6 md:grid-cols-[20rem_minmax(0,1fr)] md:items-start">
        {/* Remounts per URL so the fields and the size preview start from what the page applied. */}
        <FitForm key={location.search} />

        <section aria-labelledby="fit-results-title" className="min-w-0 space-y-4" id="fit-results">
          {matches ? (
            <>
              <MatchBasis profile={matches.profile} showLevels={false} />
              <h2
                id="fit-results-title"
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
                <MatchEmpty />
              )}
              <PeerChoices peers={matches.peers} lead={t('matchPages.peersLeadVisitor')} />
            </>
          ) : (
            <h2 id="fit-results-title" className="sr-only">
              {t('matchPages.resultsHeading')}
            </h2>
          )}
          {viewerRole === null ? (
            <div className="card" data-testid="fit-signup">
              <p className="text-sm text-slate-700">{t('matchPages.fitSignupText')}</p>
              <Link to="/signup/sme" className="btn-primary mt-3">
                {t('matchPages.fitSignup')}
              </Link>
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function FitForm() {
  const { lastResult } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof FitFormSchema>({
    id: 'fit-form',
    lastResult,
  });
  const initial = lastResult?.initialValue ?? {};
  // The same preview as on sign-up (app/components/size-preview.tsx), started from the URL so
  // it is right without JavaScript too.
  const { size, onChange } = useSizePreview({
    industry: typeof initial.industry === 'string' ? initial.industry : null,
    employees: numberOrNull(initial.employees),
    revenueWan: numberOrNull(initial.revenueWan),
  });
  return (
    <Form
      method="get"
      action="/catalog/fit"
      {...getFormProps(form)}
      onChange={onChange}
      className="card"
      aria-labelledby="fit-form-title"
    >
      <h2 id="fit-form-title" className="mb-3 text-lg font-semibold">
        {t('matchPages.fitFormHeading')}
      </h2>
      <FormErrors errors={form.errors} />
      <SelectField label={t('field.industry')} field={fields.industry} options={industryOptions(locale)} />
      <SelectField
        label={t('field.prefecture')}
        field={fields.prefecture}
        options={prefectureOptions(locale)}
      />
      <TextField
        label={t('field.employees')}
        field={fields.employees}
        type="number"
        inputMode="numeric"
        optional
      />
      <TextField
        label={t('field.revenueWan')}
        field={fields.revenueWan}
        type="number"
        step="0.01"
        inputMode="decimal"
        optional
      />
      <SizePreview size={size} />
      <p className="mb-4 text-xs text-slate-600">{t('matchPages.fitSizeHint')}</p>
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'loading'}>
        {t('matchPages.fitSubmit')}
      </button>
    </Form>
  );
}

function numberOrNull(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
