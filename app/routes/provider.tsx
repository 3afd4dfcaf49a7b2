import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { ProviderStatusBadge } from '~/components/offering-form';
import { useLocale, useT } from '~/i18n/use-t';
import { getProviderByOwner } from '~/models/providers.server';
import { unreadLeadCount } from '~/models/request-queries.server';
import { requireConsole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireConsole(request, 'provider');
  const provider = getProviderByOwner(getDb(), user.id);
  return {
    provider: provider ? { nameZh: provider.nameZh, nameEn: provider.nameEn, status: provider.status } : null,
    // Leads with an SME message not opened yet: the inbox link shows how many. The lead being
    // opened now is read (its loader runs beside this one, so it may not have marked it yet).
    unreadLeads: provider ? unreadLeadCount(getDb(), provider.id, params.requestId) : 0,
  };
}

// Opening a lead changes the unread number: read it again when moving around the inbox.
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || nextUrl.pathname.startsWith('/provider/leads');

export default function ProviderConsole() {
  const { provider, unreadLeads } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded px-3 py-2 text-sm hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${
      isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700'
    }`;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-56 md:shrink-0">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{t('provider.console')}</p>
        {provider ? (
          <p className="mb-3 mt-1 flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
            <span>{locale === 'en' && provider.nameEn ? provider.nameEn : provider.nameZh}</span>
            <ProviderStatusBadge status={provider.status} />
          </p>
        ) : null}
        {provider ? (
          <nav aria-label={t('provider.nav')}>
            <ul className="flex flex-wrap gap-1 md:flex-col">
              <li>
                <NavLink to="/provider" end className={navClass}>
                  {t('provider.nav.overview')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/organisation" className={navClass}>
                  {t('provider.nav.organisation')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/offerings" className={navClass}>
                  {t('provider.nav.offerings')}
                </NavLink>
              </li>
              {provider.status !== 'suspended' ? (
                <li>
                  <NavLink to="/provider/offerings/new" className={navClass}>
                    {t('provider.nav.newOffering')}
                  </NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/provider/import" className={navClass}>
                  {t('provider.nav.import')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/leads" className={navClass}>
                  {t('requests.nav.leads')}
                  {unreadLeads > 0 ? (
                    <span className="badge ml-2 bg-red-100 text-red-800" data-testid="unread-leads">
                      {t('requests.nav.unread', { count: unreadLeads })}
                    </span>
                  ) : null}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/orders" className={navClass}>
                  {t('orders.nav.provider')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/reviews" className={navClass}>
                  {t('reviews.provider.title')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/analytics" className={navClass}>
                  {t('analytics.title')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/deployments" className={navClass}>
                  {t('adoption.deploy.title')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/provider/api-keys" className={navClass}>
                  {t('adoption.keys.providerTitle')}
                </NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </aside>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
