import { createCookieSessionStorage, redirect } from '@remix-run/node';
import { env } from './env.server';
import { flashHeader } from './flash.server';

const USER_ID = 'userId';
const VERSION = 'v';
type SessionData = { userId: string; v: number };

/** Whose session this is, and which of the user's session versions it was issued under. */
export interface SessionRef {
  userId: string;
  sessionVersion: number;
}
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | null = null;

/**
 * Signed cookie sessions: httpOnly, SameSite=Lax, Secure in production. SESSION_SECRET may list
 * several secrets: the first signs, all verify, so a secret can be rotated without logging everyone out.
 */
function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: '__yq_session',
      httpOnly: true,
      sameSite: 'lax',
      secure: env().production,
      path: '/',
      secrets: env().sessionSecrets,
      maxAge: 60 * 60 * 24 * 7,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get('Cookie'));
}

/**
 * The session's user and version (auth.server.ts compares it with users.session_version, so a
 * password change or "log out everywhere" ends the sessions issued before it).
 */
export async function getSessionRef(request: Request): Promise<SessionRef | null> {
  const session = await getSession(request);
  const id = session.get(USER_ID);
  if (typeof id !== 'string') return null;
  const version = session.get(VERSION);
  // Cookies signed before versions existed carry none: they count as version 1 (the column's
  // default), so deploying this did not log everyone out; the account's next change ends them.
  return { userId: id, sessionVersion: typeof version === 'number' ? version : 1 };
}

/** The Set-Cookie value of a session for `user` (login, sign-up, and keeping this one after a password change). */
export async function commitUserSession(request: Request, user: { id: string; sessionVersion: number }) {
  const session = await getSession(request);
  session.set(USER_ID, user.id);
  session.set(VERSION, user.sessionVersion);
  return sessionStorage().commitSession(session);
}

/** Logs `user` in and redirects; `flash` is a message for the next page (flash.server.ts). */
export async function createUserSession(
  request: Request,
  user: { id: string; sessionVersion: number },
  redirectTo: string,
  opts: { flash?: string } = {},
) {
  const headers = new Headers();
  headers.append('Set-Cookie', await commitUserSession(request, user));
  if (opts.flash) headers.append('Set-Cookie', await flashHeader(opts.flash));
  return redirect(safeRedirect(redirectTo), { headers });
}

export async function destroyUserSession(request: Request, redirectTo = '/', opts: { flash?: string } = {}) {
  const session = await getSession(request);
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionStorage().destroySession(session));
  if (opts.flash) headers.append('Set-Cookie', await flashHeader(opts.flash));
  return redirect(redirectTo, { headers });
}

/** Longest redirect target kept; a longer one is dropped (issue 11: no answer carries headers over 8 KB). */
export const MAX_REDIRECT_LENGTH = 512;

/**
 * A short local path: starts with one `/` (not `//` or `/\`, which browsers read as another host),
 * printable ASCII only (a Location header cannot carry more; URLs arrive percent-encoded), at most
 * MAX_REDIRECT_LENGTH characters. An open redirect after login would make a phishing link look
 * like ours, and a long one would make an oversized header that proxies refuse.
 */
export function isSafeRedirect(to: unknown): to is string {
  return (
    typeof to === 'string' &&
    to.length <= MAX_REDIRECT_LENGTH &&
    /^\/(?![/\\])[\x21-\x7e]*$/.test(to)
  );
}

export function safeRedirect(to: unknown, fallback = '/'): string {
  return isSafeRedirect(to) ? to : fallback;
}

/**
 * The Cookie header value of a signed session for `userId` (used by tests and scripts that act as
 * a user); `sessionVersion` must be the user's current one (1 for an account never changed).
 */
export async function sessionCookieFor(userId: string, sessionVersion = 1): Promise<string> {
  const session = await sessionStorage().getSession();
  session.set(USER_ID, userId);
  session.set(VERSION, sessionVersion);
  const setCookie = await sessionStorage().commitSession(session);
  return setCookie.split(';')[0]!;
}
