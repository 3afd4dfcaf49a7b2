import { createCookieSessionStorage, redirect } from '@remix-run/node';
import { env } from './env.server';

const USER_ID = 'userId';
type SessionData = { userId: string };
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

export async function getSessionUserId(request: Request): Promise<string | null> {
  const session = await getSession(request);
  const id = session.get(USER_ID);
  return typeof id === 'string' ? id : null;
}

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  session.set(USER_ID, userId);
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': await sessionStorage().commitSession(session) },
  });
}

export async function destroyUserSession(request: Request, redirectTo = '/') {
  const session = await getSession(request);
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } });
}

/** Only same-site paths: an open redirect after login would make a phishing link look like ours. */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}

export function resetSessionStorageForTests() {
  storage = null;
}

/** The Cookie header value of a signed session for `userId` (used by tests and scripts that act as a user). */
export async function sessionCookieFor(userId: string): Promise<string> {
  const session = await sessionStorage().getSession();
  session.set(USER_ID, userId);
  const setCookie = await sessionStorage().commitSession(session);
  return setCookie.split(';')[0]!;
}
