import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CampaignCountingNotice } from '~/components/campaign-counting';
import { numberFormat } from '~/charts/intl-format';
import { getDb } from '~/utils/db.server';
import { getCampaignProgress } from '~/models/counter.server';
import { useLocale, useT } from '~/i18n/use-t';

export const meta: MetaFunction = () => [{ title: '云桥 · 四川省企业上云服务平台' }];

// The same for every visitor without cookies: the anonymous page cache may keep it (scripts/server.ts).
export { alwaysShareable as headers } from '~/utils/shareable';

export async function loader(_: LoaderFunctionArgs) {
  return { progress: getCampaignProgress(getDb()) };
}

export default function Home() {
  const { progress } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const fmt = numberFormat(locale);
  const total = progress?.total ?? 0;
  const target = progress?.campaign.target ?? 150_000;
  const percent = Math.min(100, (total / target) * 100);

  return (
    <div className="space-y-8">
      <section className="rounded-xl bg-gradient-to-br from-brand-800 to-brand-600 px-6 py-10 text-white">
        <h1 className="text-2xl font-bold sm:text-3xl">{t('home.title')}</h1>
        <p className="mt-3 max-w-3xl text-blue-50">{t('home.lead')}</p>
        <Form method="get" action="/catalog" className="mt-6 flex max-w-xl gap-2" role="search">
          <label htmlFor="home-q" className="sr-only">
            {t('home.searchLabel')}
          </label>
          <input
            id="home-q"
            name="q"
            type="search"
            placeholder={t('home.searchPlaceholder')}
            className="input flex-1 text-slate-900"
          />
          <button type="submit" className="btn bg-white text-brand-800 hover:bg-blue-50">
            {t('home.searchButton')}
          </button>
        </Form>
      </section>

      {progress ? (
        <section className="card" aria-labelledby="counter-title">
          <h2 id="counter-title" className="text-lg font-semibold">
            {t('home.counterTitle')}
          </h2>
          <p className="mt-2 text-2xl font-bold text-brand-800" data-testid="campaign-counter">
            {t('home.counter', { n: fmt.format(total), target: fmt.format(target) })}
          </p>
          <div
            className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={target}
            aria-valuenow={total}
            aria-label={t('home.counterTitle')}
          >
            <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-2 text-sm text-slate-600">
            {t('home.counterNote', {
              campaign:
                locale === 'en'
                  ? (progress.campaign.nameEn ?? progress.campaign.name)
                  : progress.campaign.name,
              start: progress.campaign.startsOn,
              end: progress.campaign.endsOn,
            })}
          </p>
          <CampaignCountingNotice counting={progress.campaign.counting} />
          <Link to="/progress" className="link mt-2 inline-block text-sm">
            {t('home.counterMore')}
          </Link>
        </section>
      ) : null}

      <section className="grid gap-4 md:grid-cols-3">
        <div className="card">
          <h2 className="text-lg font-semibold">{t('home.forSme')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('home.forSmeText')}</p>
          <Link to="/signup/sme" className="btn-primary mt-4">
            {t('home.signupSme')}
          </Link>
        </div>
        <div className="card">
          <h2 className="text-lg font-semibold">{t('home.forProvider')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('home.forProviderText')}</p>
          <Link to="/signup/provider" className="btn-primary mt-4">
            {t('home.signupProvider')}
          </Link>
        </div>
        <div className="card">
          <h2 className="text-lg font-semibold">{t('home.forOfficial')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('home.forOfficialText')}</p>
          <Link to="/login" className="btn-secondary mt-4">
            {t('nav.login')}
          </Link>
        </div>
      </section>
    </div>
  );
}
