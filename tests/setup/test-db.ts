import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, getDb, type Db } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { officialScopes, users, type UserRole } from '../../db/schema';
import { hashPassword } from '../../app/utils/password.server';
import { newId } from '../../app/utils/ids';
import { sessionCookieFor } from '../../app/utils/session.server';

/**
 * A fresh, migrated SQLite file for this test file: DATABASE_PATH points at it, so route
 * loaders/actions (which call getDb()) use it too. Returns a getter for the connection.
 */
export function useTestDatabase(): () => Db {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-test-'));
    closeDb();
    process.env.DATABASE_PATH = path.join(dir, 'test.db');
    runMigrations(getDb());
  });
  afterAll(() => {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => getDb();
}

export const TEST_PASSWORD = 'correct-horse-battery';
let cachedHash: string | null = null;

/** Creates a user (hashing is slow, so one hash of TEST_PASSWORD is reused) and returns it with a session cookie. */
export async function createTestUser(
  db: Db,
  opts: { role: UserRole; email?: string; displayName?: string; prefecture?: string | null },
) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = opts.email ?? `${opts.role}-${id}@test.example`;
  db.insert(users).values({ id, email, passwordHash: cachedHash, role: opts.role, displayName: opts.displayName ?? `Test ${opts.role}` }).run();
  if (opts.role === 'official') db.insert(officialScopes).values({ userId: id, prefecture: opts.prefecture ?? null }).run();
  return { id, email, cookie: await sessionCookieFor(id) };
}

/** A POST with a urlencoded form, as a browser without JavaScript sends it. Arrays repeat the name. */
export function formRequest(url: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (cookie) headers.Cookie = cookie;
  return new Request(new URL(url, 'http://localhost').href, { method: 'POST', body, headers });
}

export function getRequest(url: string, cookie?: string) {
  return new Request(new URL(url, 'http://localhost').href, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Runs a loader/action and turns thrown Responses into returned ones, so tests can assert on status. */
export async function call<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** Status of a loader/action result: a Response, a `data()` result with init, or a plain value (200). */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (result && typeof result === 'object' && 'init' in result) {
    const init = (result as { init?: { status?: number } | null }).init;
    return init?.status ?? 200;
  }
  return 200;
}

/** What a loader answers, unwrapped from `data()` as payloadOf does. */
export type LoaderPayload<F extends (...args: any[]) => unknown> =
  Awaited<ReturnType<F>> extends { data: infer D; init: unknown } ? D : Awaited<ReturnType<F>>;

/** The payload of a `data()` result or a plain value. */
export function payloadOf<T = any>(result: unknown): T {
  if (result && typeof result === 'object' && 'data' in result && 'init' in result) return (result as { data: T }).data;
  return result as T;
}

export function routeArgs(request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) {
  return { request, params, context: { clientIp: '127.0.0.1', ...context } } as any;
}
