import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { requireConsole } from '~/utils/auth.server';

// Each child loader and action checks the role again: Remix runs nested loaders in parallel.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireConsole(request, 'admin');
  return null;
}

export default function AdminLayout() {
  const t = useT();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block whitespace-nowrap rounded-md px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${
      isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'
    }`;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <p className="mb-3 text-sm font-semibold text-slate-800">{t('admin.consoleName')}</p>
        <nav aria-label={t('admin.nav')}>
          <ul className="flex gap-1 overflow-x-auto md:flex-col">
            <li>
              <NavLink to="/admin" end className={linkClass}>
                {t('admin.navUsers')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/admin/users/new" className={linkClass}>
                {t('admin.navNewUser')}
              </NavLink>
            </li>
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
