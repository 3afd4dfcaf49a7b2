import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { vettingOverview } from '~/models/vetting.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  return {
    title: `${t('official.overviewTitle')} · ${t('app.name')}`,
    ...vettingOverview(getDb(), user.scopePrefecture),
  };
}

export default function OfficialOverview() {
  const { pendingProviders, pendingOfferings, pendingRevisions } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = new Intl.NumberFormat(useLocale());
  const cards = [
    {
      id: 'pending-providers',
      label: t('official.pendingProviders'),
      n: pendingProviders,
      to: '/official/providers',
      link: t('official.reviewProviders'),
    },
    {
      id: 'pending-offerings',
      label: t('official.pendingOfferings'),
      n: pendingOfferings,
      to: '/official/offerings',
      link: t('official.reviewOfferings'),
    },
    {
      id: 'pending-revisions',
      label: t('official.pendingRevisions'),
      n: pendingRevisions,
      to: '/official/queue?type=revision',
      link: t('official.reviewQueue'),
    },
  ];
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('official.overviewTitle')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('official.overviewLead')}</p>
      <div className="mt-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {cards.map((card) => (
          <div key={card.id} className="card">
            <h2 className="text-base font-semibold text-slate-800">{card.label}</h2>
            <p className="mt-2 text-3xl font-bold text-brand-800" data-testid={card.id}>
              {fmt.format(card.n)}
            </p>
            <Link to={card.to} className="link mt-3 inline-block">
              {card.link}
            </Link>
          </div>
        ))}
      </div>
      <p className="mt-6 flex flex-wrap gap-4">
        <Link to="/official/queue" className="link">
          {t('official.reviewQueue')}
        </Link>
        <Link to="/official/enterprises" className="link">
          {t('official.viewEnterprises')}
        </Link>
      </p>
    </section>
  );
}
