import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { requireConsole } from '~/utils/auth.server';

// Officials only: administrators manage accounts, they do not vet (each child loader checks again,
// because Remix runs nested loaders in parallel).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireConsole(request, 'official');
  return { scopePrefecture: user.scopePrefecture };
}

// Only provincial officials edit the search synonyms (the page refuses prefecture officials).
const SYNONYMS_NAV = { to: '/official/synonyms', key: 'synonyms.title', end: true } as const;
const SEARCH_MISSES_NAV = { to: '/official/search-misses', key: 'searchMisses.nav', end: true } as const;

const NAV = [
  { to: '/official', key: 'official.navOverview', end: true },
  { to: '/official/queue', key: 'official.navQueue', end: false },
  { to: '/official/providers', key: 'official.navProviders', end: false },
  { to: '/official/offerings', key: 'official.navOfferings', end: false },
  { to: '/official/enterprises', key: 'official.navEnterprises', end: false },
  { to: '/official/adoption', key: 'adoption.official.navLedger', end: false },
  { to: '/official/disputes', key: 'orders.disputes.nav', end: false },
  { to: '/official/payments', key: 'orders.flags.nav', end: false },
  { to: '/official/reviews', key: 'reviews.official.title', end: false },
  { to: '/official/dashboard', key: 'dashboard.title', end: false },
  { to: '/official/report', key: 'dashboard.openReport', end: true },
  { to: '/official/campaigns', key: 'campaigns.nav', end: false },
  { to: '/official/vouchers', key: 'vouchers.nav', end: false },
] as const;

export default function OfficialLayout() {
  const { scopePrefecture } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const scope =
    scopePrefecture === null
      ? t('official.scopeProvince')
      : (prefectureName(scopePrefecture, locale) ?? scopePrefecture);
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block whitespace-nowrap rounded-md px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${
      isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'
    }`;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <p className="mb-1 text-sm font-semibold text-slate-800">{t('official.consoleName')}</p>
        <p className="mb-3 text-sm text-slate-700" data-testid="official-scope">
          {t('official.scope', { scope })}
        </p>
        <nav aria-label={t('official.nav')}>
          <ul className="flex gap-1 overflow-x-auto md:flex-col">
            {(scopePrefecture === null ? [...NAV, SYNONYMS_NAV, SEARCH_MISSES_NAV] : NAV).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className={linkClass}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
