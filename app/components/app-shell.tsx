import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useRef, type ReactNode } from 'react';
import { useRootData, useT } from '~/i18n/use-t';
import { DisplaySwitch } from '~/components/display-switch';
import { useFocusResetOnNavigation } from '~/components/use-focus-reset';
import { PRIVACY_NOTICE_VERSION } from '~/domain/privacy-notice';

const CONSOLE_PATH = { sme: '/enterprise', provider: '/provider', official: '/official', admin: '/admin' } as const;

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const data = useRootData();
  const location = useLocation();
  const user = data?.user ?? null;
  const here = location.pathname + location.search;
  const top = useRef<HTMLDivElement>(null);
  useFocusResetOnNavigation(top);
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 hover:bg-brand-50 ${isActive ? 'font-semibold text-brand-800' : 'text-slate-700'}`;

  return (
    <div ref={top} tabIndex={-1} className="flex min-h-screen flex-col focus:outline-none">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t('nav.skip')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-lg font-bold text-brand-800">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>{t('app.name')}</span>
            <span className="hidden text-sm font-normal text-slate-600 sm:inline">{t('app.tagline')}</span>
          </Link>
          <nav aria-label={t('nav.menu')} className="order-last flex w-full flex-wrap items-center gap-1 text-sm sm:order-none sm:w-auto sm:flex-1">
            <NavLink to="/" end className={navClass}>
              {t('nav.home')}
            </NavLink>
            <NavLink to="/catalog" className={navClass}>
              {t('nav.catalog')}
            </NavLink>
            <NavLink to="/progress" className={navClass}>
              {t('nav.progress')}
            </NavLink>
            <NavLink to="/help" className={navClass}>
              {t('help.nav')}
            </NavLink>
            {user ? (
              <NavLink to={CONSOLE_PATH[user.role]} className={navClass}>
                {t('nav.console')}
              </NavLink>
            ) : null}
          </nav>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <DisplaySwitch redirectTo={here} />
            <Form method="post" action="/lang">
              <input type="hidden" name="redirectTo" value={here} />
              <input type="hidden" name="locale" value={data?.locale === 'en' ? 'zh-CN' : 'en'} />
              <button type="submit" className="btn-secondary px-2 py-1" aria-label={t('lang.switchLabel')}>
                {t('lang.switch')}
              </button>
            </Form>
            {user ? (
              <>
                <NotificationBell unread={user.unreadNotifications} />
                <Link to="/account/password" className="hidden text-slate-700 hover:underline md:inline" data-testid="current-user" title={t('nav.password')}>
                  {user.displayName} · {t(`role.${user.role}`)}
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-secondary px-2 py-1">
                    {t('nav.logout')}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login" className="btn-secondary px-2 py-1">
                  {t('nav.login')}
                </Link>
                <Link to="/signup" className="btn-primary px-2 py-1">
                  {t('nav.signup')}
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
        {user?.privacyOutdated && location.pathname !== '/privacy' ? <PrivacyBanner /> : null}
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-sm text-slate-600">
        {t('footer.text')} ·{' '}
        <Link to="/privacy" className="link underline">
          {t('privacy.footerLink')}
        </Link>
      </footer>
    </div>
  );
}

/**
 * An account that has not accepted the privacy notice in force (demo and older accounts, staff
 * created by an admin) is asked to, on every page but the notice itself; nothing else is locked.
 */
function PrivacyBanner() {
  const t = useT();
  return (
    <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="privacy-banner">
      {t('privacy.banner', { version: PRIVACY_NOTICE_VERSION })}{' '}
      <Link to="/privacy#accept" className="link font-semibold underline">
        {t('privacy.bannerLink')}
      </Link>
    </p>
  );
}

/**
 * The bell: a plain link to /notifications (no JavaScript needed) whose accessible name carries the
 * unread count (通知（3 条未读）); the badge shows the same number to the eye, 99+ beyond 99.
 */
function NotificationBell({ unread }: { unread: number }) {
  const t = useT();
  const label = unread > 0 ? t('notifications.bellUnread', { n: unread }) : t('notifications.bell');
  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className={({ isActive }) =>
        `relative inline-flex h-9 w-9 items-center justify-center rounded-full text-slate-700 hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${isActive ? 'bg-brand-50 text-brand-800' : ''}`
      }
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          data-testid="notification-count"
          className="absolute -right-1 -top-1 min-w-[1.25rem] rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
