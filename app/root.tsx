import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import stylesheet from '~/tailwind.css';
import { AppShell } from '~/components/app-shell';
import { ErrorPage } from '~/components/error-page';
import { messagesUrl } from '~/i18n/load-messages';
import { MESSAGES_VERSION } from '~/i18n/messages-json.server';
import { useLocale, useRootData } from '~/i18n/use-t';
import { needsPrivacyAcceptance } from '~/domain/privacy-notice';
import { unreadCount } from '~/models/notifications.server';
import { getUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getLocale } from '~/utils/locale.server';
import { getDisplay } from '~/utils/display.server';
import { LARGE_TEXT_CLASS } from '~/utils/display';
import { useDisplay } from '~/components/display-switch';
import { useNonce } from '~/utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: '云桥 · 四川省企业上云服务平台' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await getLocale(request, user);
  return {
    locale,
    // The URL of the reader's messages (GET /i18n/:locale?v=): a new version, a new URL (issue 13).
    messagesVersion: MESSAGES_VERSION,
    // 大字版 / 标准版 (issue 13): a class on <html>, so every page follows it.
    display: await getDisplay(request),
    requestId: context.requestId ?? null,
    user: user
      ? {
          // Only what the shell shows: not the email (nothing in the browser reads it; PIPL Art. 6, minimum necessary).
          displayName: user.displayName,
          role: user.role,
          // The bell: one covering-index count per page.
          unreadNotifications: unreadCount(getDb(), user.id),
          // A banner asks to accept the current privacy notice (app/domain/privacy-notice.ts); nothing is locked.
          privacyOutdated: needsPrivacyAcceptance(user.privacyNoticeVersion),
        }
      : null,
  };
}

// The bell's count follows the user from page to page (by default the root loader would only run
// again after a form is sent); it is one small query.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

function Document({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const messagesVersion = useRootData()?.messagesVersion;
  const nonce = useNonce();
  const display = useDisplay();
  return (
    <html lang={locale === 'en' ? 'en' : 'zh-CN'} className={display === 'large' ? `h-full ${LARGE_TEXT_CLASS}` : 'h-full'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Fetched while the page's modules load; entry.client.tsx hydrates once it is here. */}
        <link rel="preload" as="fetch" href={messagesUrl(locale, messagesVersion)} crossOrigin="anonymous" data-messages="" />
      </head>
      <body className="min-h-full bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Document>
      <AppShell>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Document>
      <AppShell>
        <ErrorPage status={status} />
      </AppShell>
    </Document>
  );
}
