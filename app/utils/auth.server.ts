import { redirect } from '@remix-run/node';
import { getDb } from '~/utils/db.server';
import type { UserRole } from '../../db/schema';
import {
  coversPrefecture,
  homeFor,
  isProvincialOfficial,
  mayEnterConsole,
  mayManageAccounts,
  viewPrefecture,
  type CONSOLES,
  type Console,
  type Principal,
} from '~/domain/access-policy';
import { getEnterpriseByOwner } from '~/models/enterprises.server';
import { getProviderByOwner } from '~/models/providers.server';
import { getUserById, type AppUser } from '~/models/users.server';
import { getSessionRef, isSafeRedirect } from './session.server';

/**
 * The signed-in, active user, or null. A suspended account is treated as logged out, and so is a
 * session issued under an older session version (the password was changed since, or the user
 * logged out everywhere).
 */
export async function getUser(request: Request): Promise<AppUser | null> {
  const ref = await getSessionRef(request);
  if (!ref) return null;
  const user = getUserById(getDb(), ref.userId);
  return user && user.status === 'active' && user.sessionVersion === ref.sessionVersion ? user : null;
}

export const PASSWORD_PATH = '/account/password';

export async function requireUser(request: Request): Promise<AppUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    // A long or odd URL is not carried along: its Location header would grow past what proxies accept.
    throw redirect(isSafeRedirect(back) ? `/login?${new URLSearchParams({ redirectTo: back })}` : '/login');
  }
  // A one-time password (admin-created officials) is good for one thing only: choosing a real one.
  if (user.mustChangePassword && new URL(request.url).pathname !== PASSWORD_PATH) throw redirect(PASSWORD_PATH);
  return user;
}

export function forbidden(): never {
  throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
}

export function notFound(): never {
  throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
}

export async function requireRole<R extends UserRole>(request: Request, roles: readonly R[]): Promise<AppUser & { role: R }> {
  const user = await requireUser(request);
  if (!(roles as readonly string[]).includes(user.role)) forbidden();
  return user as AppUser & { role: R };
}

/**
 * The guard of a console's layout (/enterprise, /provider, /official, /admin): a signed-in user the
 * policy lets in (mayEnterConsole), else 403; anonymous visitors are sent to log in.
 */
export async function requireConsole<C extends Console>(
  request: Request,
  console: C,
): Promise<AppUser & { role: (typeof CONSOLES)[C]['role'] }> {
  const user = await requireUser(request);
  if (!mayEnterConsole(user.role, console)) forbidden();
  return user as AppUser & { role: (typeof CONSOLES)[C]['role'] };
}

/** The guard of the account pages (list, create, suspend): mayManageAccounts, else 403. */
export async function requireAccountManager(request: Request): Promise<AppUser & { role: 'admin' }> {
  const user = await requireUser(request);
  if (!mayManageAccounts(user.role)) forbidden();
  return user as AppUser & { role: 'admin' };
}

/**
 * Province-wide settings (search synonyms, campaigns, search misses) are changed by provincial
 * officials only: a prefecture official gets 403 like any other role.
 */
export async function requireProvincialOfficial(request: Request) {
  const user = await requireRole(request, ['official']);
  if (!isProvincialOfficial(user)) forbidden();
  return user;
}

/**
 * A record named by id must be registered in the official's scope (app/domain/access-policy.ts):
 * out of scope answers 404, exactly like a missing record, so its existence is not revealed.
 */
export function requireInScope(user: AppUser, prefecture: string | null | undefined): void {
  if (!prefecture || !coversPrefecture(user, prefecture)) notFound();
}

/** The prefecture a view by prefecture shows; a prefecture official asking for another one gets 403. */
export function requireViewPrefecture(user: AppUser & { role: 'official' }, requested: string | undefined): string | null {
  const view = viewPrefecture(user.scopePrefecture, requested);
  if (!view.ok) forbidden();
  return view.prefecture;
}

/**
 * Guard for every /provider/* loader and action below the overview: a provider account with its
 * organisation. Other roles get 403; an account without an organisation is sent to the overview,
 * which explains the situation in plain words.
 */
export async function requireProviderAccount(request: Request) {
  const user = await requireRole(request, ['provider']);
  const provider = getProviderByOwner(getDb(), user.id);
  if (!provider) throw redirect('/provider');
  return { user, provider };
}

/** A signed-in user as the plain values the policy and the models take (its enterprise or provider looked up). */
export function principalOf(user: AppUser): Principal {
  switch (user.role) {
    case 'sme':
      return { role: 'sme', enterpriseId: getEnterpriseByOwner(getDb(), user.id)?.id ?? null };
    case 'provider':
      return { role: 'provider', providerId: getProviderByOwner(getDb(), user.id)?.id ?? null };
    case 'official':
      return { role: 'official', scopePrefecture: user.scopePrefecture };
    case 'admin':
      return { role: 'admin' };
  }
}

export { homeFor };
