import { createCookie, redirect } from '@remix-run/node';
import type { z } from 'zod';
import { isMessageKey } from '~/i18n';
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

/**
 * The Set-Cookie value carrying a message for the next page. `message` is a message key, with
 * parameters as `key|name=value|…` (translateError reads them), e.g. the counts of an upload.
 */
export function flashHeader(message: FlashValue): Promise<string> {
  return flashCookie().serialize(message);
}

/** A message (key, with `|name=value` parameters) or a small summary object for the next page. */
export type FlashValue = string | Record<string, string | number>;

/** Redirects to `to` carrying a message key (or a summary, read with readFlashData) for the page to show once. */
export async function redirectWithFlash(to: string, message: FlashValue) {
  return redirect(to, { headers: { 'Set-Cookie': await flashHeader(message) } });
}

function clearHeader(): Promise<string> {
  return flashCookie().serialize('', { maxAge: 0 });
}

/**
 * The message waiting for this request when it is one of our message keys (with parameters, as
 * translateError reads them), and the header that clears it — for `data(…, { headers })`.
 */
export async function readFlashMessage(request: Request): Promise<{ flash: string | null; headers: HeadersInit }> {
  const { message, headers } = await readFlash(request);
  const key = message?.split('|')[0] ?? '';
  return { flash: message && isMessageKey(key) ? message : null, headers };
}

/** A summary object waiting for this request, checked by `schema` (anything else reads as none). */
export async function readFlashData<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ data: z.output<S> | null; headers: HeadersInit }> {
  const value: unknown = await flashCookie().parse(request.headers.get('Cookie'));
  if (value === null || value === undefined || value === '') return { data: null, headers: {} };
  const parsed = schema.safeParse(value);
  return { data: parsed.success ? parsed.data : null, headers: { 'Set-Cookie': await clearHeader() } };
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
