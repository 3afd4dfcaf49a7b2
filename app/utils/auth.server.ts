import { redirect } from '@remix-run/node';
import { getDb } from '~/utils/db.server';
import type { UserRole } from '../../db/schema';
import { getUserById, type AppUser } from '~/models/users.server';
import { getSessionUserId } from './session.server';

/** The signed-in, active user, or null. A suspended account is treated as logged out. */
export async function getUser(request: Request): Promise<AppUser | null> {
  const id = await getSessionUserId(request);
  if (!id) return null;
  const user = getUserById(getDb(), id);
  return user && user.status === 'active' ? user : null;
}

export const PASSWORD_PATH = '/account/password';

export async function requireUser(request: Request): Promise<AppUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
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
 * Province-wide settings (search synonyms, campaigns) are changed by provincial officials only:
 * a prefecture official gets 403 like any other role.
 */
export async function requireProvincialOfficial(request: Request) {
  const user = await requireRole(request, ['official']);
  if (user.scopePrefecture !== null) forbidden();
  return user;
}

/** Whether an official (or admin) may see records registered in `prefecture`. */
export function scopeCovers(user: AppUser, prefecture: string): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'official') return false;
  return user.scopePrefecture === null || user.scopePrefecture === prefecture;
}

/** Throws 403 unless the user's scope covers the prefecture of the record asked for. */
export function requireScope(user: AppUser, prefecture: string) {
  if (!scopeCovers(user, prefecture)) forbidden();
}

export function homeFor(role: UserRole): string {
  switch (role) {
    case 'sme':
      return '/enterprise';
    case 'provider':
      return '/provider';
    case 'official':
      return '/official';
    case 'admin':
      return '/admin';
  }
}
