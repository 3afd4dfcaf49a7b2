import { createCookie, redirect } from '@remix-run/node';
import { env } from './env.server';

// A message shown once after a redirect (STYLE.md: "Messages after a redirect travel in
// session.flash, not in the query string"): a short-lived signed cookie holding a message key,
// read and cleared by the next page's loader. Its own cookie, so the session cookie stays as it is.

let cookie: ReturnType<typeof createCookie> | null = null;
function flashCookie() {
  cookie ??= createCookie('__yq_flash', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().production,
    path: '/',
    secrets: env().sessionSecrets,
    maxAge: 60,
  });
  return cookie;
}

/** Redirects to `to` carrying a message key for the page to show once. */
export async function redirectWithFlash(to: string, messageKey: string) {
  return redirect(to, { headers: { 'Set-Cookie': await flashCookie().serialize(messageKey) } });
}

/**
 * The message key waiting for this request, if any, and the header that clears it (add it to the
 * loader's answer whenever `message` is set).
 */
export async function readFlash(request: Request): Promise<{ message: string | null; headers: HeadersInit }> {
  const value: unknown = await flashCookie().parse(request.headers.get('Cookie'));
  if (typeof value !== 'string') return { message: null, headers: {} };
  return { message: value, headers: { 'Set-Cookie': await flashCookie().serialize('', { maxAge: 0 }) } };
}
