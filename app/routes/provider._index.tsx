import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { ProviderStatusBadge } from '~/components/offering-form';
import { ProviderScorecard } from '~/components/provider-scorecard';
import { CERTIFICATIONS, OFFERING_STATUSES, vocabularyName } from '~/domain/catalog-vocabulary';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { countPendingRevisions } from '~/models/offering-revisions.server';
import { countOfferingsByStatus } from '~/models/offerings.server';
import { getProviderByOwner } from '~/models/providers.server';
import { getPublicProvider } from '~/models/provider-profile.server';
import { providerScorecard } from '~/models/provider-scorecard.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['provider']);
  const db = getDb();
  const { t } = await getTranslator(request, user);
  const title = `${t('provider.overview.title')} · ${t('app.name')}`;
  // The one page a provider account without an organisation can open: it explains why.
  const provider = getProviderByOwner(db, user.id);
  if (!provider) return data({ title, provider: null, counts: null, pendingRevisions: 0, scorecard: null, publicPage: false, flash: null });
  // After sign-up (provider.overview.welcome) or re-applying (provider.overview.reapplied).
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title,
      provider,
      counts: countOfferingsByStatus(db, provider.id),
      pendingRevisions: countPendingRevisions(db, provider.id),
      // The card buyers see; the public page exists only while the provider is in the pool.
      scorecard: providerScorecard(db, provider.id),
      publicPage: getPublicProvider(db, provider.id) !== null,
      flash,
    },
    { headers },
  );
}

export default function ProviderOverview() {
  const { provider, counts, pendingRevisions, scorecard, publicPage, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (!provider || !counts) {
    return (
      <section className="card max-w-2xl" role="alert">
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {t('provider.noOrg.title')}
        </h1>
        <p className="mt-3 text-slate-700">{t('provider.noOrg.text')}</p>
      </section>
    );
  }
  const none = t('provider.none');
  const profile: [string, string][] = [
    [t('field.uscc'), provider.uscc],
    [t('field.providerNameEn'), provider.nameEn ?? none],
    [t('field.providerPrefecture'), prefectureName(provider.prefecture, locale) ?? provider.prefecture],
    [t('field.certifications'), provider.certifications.map((c) => vocabularyName(CERTIFICATIONS, c, locale)).join('、') || none],
    [t('field.website'), provider.website ?? none],
    [t('field.contactName'), provider.contactName ?? none],
    [t('field.contactEmail'), provider.contactEmail ?? none],
    [t('field.contactPhone'), provider.contactPhone ?? none],
  ];
  const showReason = (provider.status === 'rejected' || provider.status === 'suspended') && provider.statusReason;
  return (
    <div className="space-y-6">
      <h1 data-testid="console-title" className="text-2xl font-bold">
        {locale === 'en' && provider.nameEn ? provider.nameEn : provider.nameZh}
      </h1>
      <FlashMessage message={flash} />

      <section className="card" aria-labelledby="vetting-heading">
        <h2 id="vetting-heading" className="mb-2 flex flex-wrap items-center gap-2 text-lg font-semibold">
          {t('provider.vettingStatus')} <ProviderStatusBadge status={provider.status} />
        </h2>
        <p className="text-slate-700">{t(`provider.statusHelp.${provider.status}`)}</p>
        {showReason ? (
          <p className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            {t('provider.statusReason', { reason: provider.statusReason ?? '' })}
          </p>
        ) : null}
        {provider.status === 'rejected' ? (
          <Link to="/provider/organisation" className="btn-primary mt-4">
            {t('provider.org.reapplyTitle')}
          </Link>
        ) : null}
      </section>

      <section className="card" aria-labelledby="offerings-heading">
        <h2 id="offerings-heading" className="mb-3 text-lg font-semibold">
          {t('provider.overview.offerings')}
        </h2>
        <ul className="flex flex-wrap gap-2">
          {OFFERING_STATUSES.map((s) => (
            <li key={s.id}>
              <Link to={`/provider/offerings?status=${s.id}`} className="btn-secondary">
                {t('provider.overview.count', { status: vocabularyName(OFFERING_STATUSES, s.id, locale), n: counts[s.id] })}
              </Link>
            </li>
          ))}
        </ul>
        {pendingRevisions > 0 ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="pending-revisions">
            {t('provider.overview.pendingRevisions', { n: pendingRevisions })}
          </p>
        ) : null}
        <p className="mt-4 flex flex-wrap gap-4">
          <Link to="/provider/offerings" className="link">
            {t('provider.overview.viewAll')}
          </Link>
          {provider.status !== 'suspended' ? (
            <Link to="/provider/offerings/new" className="link">
              {t('provider.nav.newOffering')}
            </Link>
          ) : null}
        </p>
      </section>

      {scorecard ? (
        <div className="space-y-2">
          <ProviderScorecard
            scorecard={scorecard}
            lead={t('scorecard.consoleLead')}
            providerHref={publicPage ? `/providers/${provider.id}` : undefined}
          />
          <Link to="/provider/analytics" className="link text-sm">
            {t('analytics.title')} →
          </Link>
        </div>
      ) : null}

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
          {t('provider.overview.profile')}
        </h2>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          {profile.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-700">{label}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
        <Link to="/provider/organisation" className="btn-secondary mt-4">
          {t('provider.overview.editProfile')}
        </Link>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
