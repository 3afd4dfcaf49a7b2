import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { OfferingCard } from '~/components/offering-card';
import { Pagination } from '~/components/pagination';
import { ProviderScorecard } from '~/components/provider-scorecard';
import { CERTIFICATIONS, vocabularyName } from '~/domain/catalog-vocabulary';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { getPublicProvider, listPublicOfferingsOfProvider } from '~/models/provider-profile.server';
import { publicProviderScorecard } from '~/models/provider-scorecard.server';
import { ratingsByOffering } from '~/models/reviews.server';
import { ProviderPageQuerySchema } from '~/schemas/provider-analytics.server';
import { getUser, notFound } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? '云桥' }];

/** /providers/:providerId — a vetted provider's public page: who it is, what it lists, its scorecard. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  // Unknown, not (yet) approved, suspended or fraud-flagged: 404 alike (provider-profile.server.ts).
  const provider = getPublicProvider(db, params.providerId ?? '');
  if (!provider) notFound();
  const query = ProviderPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listPublicOfferingsOfProvider(db, { providerId: provider.id, page: query.page });
  const ratings = ratingsByOffering(
    db,
    list.rows.map((o) => o.id),
  );
  const user = await getUser(request);
  const { locale, t } = await getTranslator(request, user);
  const name = (locale === 'en' && provider.nameEn) || provider.nameZh;
  return {
    metaTitle: `${name} · ${t('app.name')}`,
    provider,
    offerings: list.rows.map((o) => ({
      ...o,
      providerName: provider.nameZh,
      providerNameEn: provider.nameEn,
      rating: ratings.get(o.id) ?? null,
    })),
    total: list.total,
    page: list.page,
    pageSize: list.pageSize,
    scorecard: publicProviderScorecard(db, provider.id),
  };
}

export default function ProviderPage() {
  const { provider, offerings, total, page, pageSize, scorecard } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = (locale === 'en' && provider.nameEn) || provider.nameZh;
  const website = provider.website && /^https?:\/\//i.test(provider.website) ? provider.website : null;
  const colon = locale === 'en' ? ': ' : '：';
  return (
    <div className="space-y-6">
      <Link to="/catalog" className="link text-sm">
        ← {t('catalog.backToList')}
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold" data-testid="provider-name">
          {name}
        </h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <div>
            <dt className="inline">
              {t('providerPage.region')}
              {colon}
            </dt>
            <dd className="inline text-slate-900">
              {prefectureName(provider.prefecture, locale) ?? provider.prefecture}
            </dd>
          </div>
          {provider.certifications.length ? (
            <div>
              <dt className="inline">
                {t('catalog.certifications')}
                {colon}
              </dt>
              <dd className="inline text-slate-900">
                {provider.certifications
                  .map((c) => vocabularyName(CERTIFICATIONS, c, locale))
                  .join(locale === 'en' ? ', ' : '、')}
              </dd>
            </div>
          ) : null}
          {website ? (
            <div>
              <dt className="inline">
                {t('catalog.website')}
                {colon}
              </dt>
              <dd className="inline">
                <a href={website} className="link break-all" rel="noopener noreferrer nofollow">
                  {website}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="space-y-4 lg:col-span-2" aria-labelledby="provider-offerings">
          <h2 id="provider-offerings" className="text-lg font-semibold">
            {t('providerPage.offerings')}
          </h2>
          {offerings.length === 0 ? (
            <p className="card text-slate-700" data-testid="empty-state">
              {t('providerPage.noOfferings')}
            </p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2" data-testid="provider-offerings">
              {offerings.map(({ rating, ...offering }) => (
                <li key={offering.id}>
                  <OfferingCard offering={offering} headingLevel={3} rating={rating} />
                </li>
              ))}
            </ul>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
        <aside>
          <ProviderScorecard scorecard={scorecard} />
        </aside>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
