import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, Outlet, useLocation } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { requireRole } from '~/utils/auth.server';

// The adoption ledger's pages for officials (/official/adoption/*), under the officials' console.
// Every child loader and action checks the role and scope again (Remix runs loaders in parallel).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['official']);
  return null;
}

const NAV = [
  { to: '/official/adoption', key: 'adoption.official.navQueue' },
  { to: '/official/adoption/upload', key: 'adoption.official.navUpload' },
  { to: '/official/adoption/keys', key: 'adoption.official.navKeys' },
  { to: '/official/adoption/fraud', key: 'adoption.official.navFraud' },
] as const;

// The queue tab owns /official/adoption and its event pages; the others own their own path.
function isCurrent(to: string, pathname: string) {
  if (to === '/official/adoption')
    return pathname === to || pathname === `${to}/` || pathname.startsWith(`${to}/events/`);
  return pathname === to || pathname.startsWith(`${to}/`);
}

export default function OfficialAdoptionLayout() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <div>
      <nav aria-label={t('adoption.official.nav')} className="mb-4 border-b border-slate-200 pb-2">
        <ul className="flex gap-1 overflow-x-auto">
          {NAV.map((item) => {
            const current = isCurrent(item.to, pathname);
            return (
              <li key={item.to}>
                <Link
                  to={item.to}
                  aria-current={current ? 'page' : undefined}
                  className={`inline-block whitespace-nowrap rounded-md px-3 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${
                    current ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'
                  }`}
                >
                  {t(item.key)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
