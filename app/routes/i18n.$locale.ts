import type { LoaderFunctionArgs } from '@remix-run/node';
import { etagMatches } from '~/charts/http-cache.server';
import { isLocale } from '~/i18n/locale';
import { MESSAGES_VERSION, messagesBody } from '~/i18n/messages-json.server';
import { notFound } from '~/utils/auth.server';

// GET /i18n/:locale?v= — one language's messages, which every page fetches before hydrating
// (entry.client.tsx; root preloads it), instead of both languages inside its JavaScript (issue 13,
// docs/decisions/0009-page-javascript.md). Public, no cookie read; kept a year when v is current.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = params.locale;
  if (!isLocale(locale)) notFound();
  const etag = `"${MESSAGES_VERSION}-${locale}"`;
  const current = new URL(request.url).searchParams.get('v') === MESSAGES_VERSION;
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: etag,
    'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  };
  if (etagMatches(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(messagesBody(locale), { status: 200, headers });
}
