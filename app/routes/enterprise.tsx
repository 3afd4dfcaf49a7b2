import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { requireConsole } from '~/utils/auth.server';

// The SME console. Every child loader and action checks the role again: Remix runs loaders in
// parallel, and an action never runs this loader at all.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireConsole(request, 'enterprise');
  return null;
}

const NAV: readonly { to: string; key: MessageKey; end: boolean }[] = [
  { to: '/enterprise', key: 'matchPages.navProfile', end: true },
  { to: '/enterprise/matches', key: 'matchPages.navMatches', end: false },
  { to: '/enterprise/requests', key: 'requests.nav.mine', end: false },
  { to: '/enterprise/orders', key: 'orders.nav.sme', end: false },
  { to: '/enterprise/deployments', key: 'adoption.mine.title', end: false },
];

export default function EnterpriseLayout() {
  const t = useT();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded px-3 py-2 text-sm hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${
      isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700'
    }`;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-56 md:shrink-0">
        <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600">
          {t('matchPages.consoleNav')}
        </p>
        <nav aria-label={t('matchPages.consoleNav')}>
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className={navClass}>
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
