// The one cross-site rule (issue 11; formats/marketplace-api.md, "Cross-site requests"), used by the
// Express server in front of every page and resource route (scripts/http-guards.ts) and again by
// apiRoute for its cookie-authenticated writes (app/utils/api.server.ts):
//
//   a state-changing request (not GET/HEAD/OPTIONS) is refused when the browser says it comes from
//   another site — `Sec-Fetch-Site` other than `same-origin`, or an `Origin` whose host is not the
//   host this request was sent to — and, when it carries our session cookie, also when it proves
//   nothing (neither header: not a current browser, so not a page acting in the user's name).
//
// SameSite=Lax alone is not enough: every `*.gov.cn` sibling host is the same *site*, so a page on
// another department's server could post forms with the user's cookie. `same-site` is refused.
// The host compared is the one Remix compares (X-Forwarded-Host, else Host), so a request this rule
// lets through is never one Remix's own origin check turns into a 500.
//
// Exempt: the Stripe webhook (Stripe's servers, a signed body) and API calls with an
// `Authorization: Bearer` key (not cookie-bound; a browser cannot add that header cross-site
// without a CORS preflight we never grant).

export const SESSION_COOKIE = '__yq_session';

/** A header reader over either Fetch `Headers` or Node's request (names are case-insensitive). */
export type HeaderReader = (name: string) => string | null | undefined;

export type RequestOrigin = 'same-origin' | 'cross-site' | 'unknown';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The host the request was sent to, as Remix's origin check reads it. */
function requestHost(header: HeaderReader): string | null {
  const forwarded = header('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || header('host') || null;
}

/** What the browser's headers say about where a request comes from. */
export function requestOrigin(header: HeaderReader): RequestOrigin {
  const site = header('sec-fetch-site');
  if (site && site !== 'same-origin') return 'cross-site';
  const origin = header('origin');
  if (origin) {
    if (origin === 'null') return 'cross-site';
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'cross-site';
    }
    return originHost === requestHost(header) ? 'same-origin' : 'cross-site';
  }
  return site === 'same-origin' ? 'same-origin' : 'unknown';
}

/** Whether the request carries our session cookie (so it could act in a user's name). */
export function carriesSession(header: HeaderReader): boolean {
  const cookie = header('cookie') ?? '';
  return cookie.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** The rule above, for a state-changing request. */
export function writeAllowed(header: HeaderReader, opts: { cookieBound: boolean }): boolean {
  const origin = requestOrigin(header);
  return origin === 'same-origin' || (origin === 'unknown' && !opts.cookieBound);
}

/** The Stripe webhook and Bearer-key API calls skip the rule. */
export function exemptFromOriginRule(path: string, header: HeaderReader): boolean {
  if (path === '/webhooks/stripe') return true;
  return path.startsWith('/api/') && /^Bearer\s/i.test(header('authorization') ?? '');
}

/**
 * A Fetch `Request`'s headers as a HeaderReader. A Request built in the process (tests, a server
 * adapter that leaves Host out) has no Host header: the host of its URL stands in, as Remix's
 * adapters build that URL from Host.
 */
export function fromRequest(request: Request): HeaderReader {
  return (name) => request.headers.get(name) ?? (name.toLowerCase() === 'host' ? new URL(request.url).host : null);
}
