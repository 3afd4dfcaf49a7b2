// How the access matrix asks one cell: the URL of a route file, the request an actor's browser (or
// API client) sends to it, and the answer reduced to one token. Calls the route module's loader or
// action directly, as Remix would, with the world's ids in the URL.
import fs from 'node:fs';
import path from 'node:path';
import { formRequest, getRequest, routeArgs } from '../setup/test-db';
import { cookieOf, type AccessWorld, type Actor } from './access-matrix-world';

export const ROUTES_DIR = path.resolve(__dirname, '../../app/routes');

/** Every route file's id (its name without the extension), as Remix's flat routes name them. */
export function routeIds(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => f.replace(/\.(ts|tsx)$/, ''))
    .sort();
}

type RouteFunction = (args: any) => unknown;

export async function routeModule(
  id: string,
): Promise<{ loader?: RouteFunction; action?: RouteFunction; default?: unknown }> {
  const file = ['.tsx', '.ts'].map((ext) => path.join(ROUTES_DIR, id + ext)).find((f) => fs.existsSync(f))!;
  return import(file);
}

/** The URL a flat route file answers: `[.]` is a dot, `_index` and a trailing `_` add nothing, `$x` is a parameter. */
export function urlOf(id: string, params: Record<string, string>): string {
  const segments = id
    .replace(/\[\.\]/g, '\uE000')
    .split('.')
    .map((s) => s.replace(/\uE000/g, '.'))
    .filter((s) => s !== '_index')
    .map((s) => s.replace(/_$/, ''))
    .map((s) => (s === '$' ? params['*']! : s.startsWith('$') ? params[s.slice(1)]! : s));
  return `/${segments.join('/')}`.replace(/^\/\//, '/');
}

/** The route parameters a route file names (`$orderId` → orderId, `$` → *). */
export function paramNamesOf(id: string): string[] {
  return id
    .replace(/\[\.\]/g, '')
    .split('.')
    .filter((s) => s.startsWith('$'))
    .map((s) => (s === '$' ? '*' : s.slice(1).replace(/_$/, '')));
}

export type Method = 'GET' | 'POST';

/** What a cell sends besides who it is: the route's parameters, a query string, a body, headers. */
export interface CellInput {
  params: Record<string, string>;
  query?: string;
  /** Form fields (pages) or a JSON body (the JSON API); empty when absent. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function request(
  method: Method,
  url: string,
  json: boolean,
  cookie: string | undefined,
  bearer: string | undefined,
  input: CellInput,
) {
  const extra = { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...input.headers };
  if (method === 'GET') {
    const r = getRequest(url, cookie);
    for (const [name, value] of Object.entries(extra)) r.headers.set(name, value);
    return r;
  }
  // Sent as our own page sends it (same-origin.server.ts): the cross-site rule is not what a cell asks.
  const browser = {
    Origin: 'http://localhost',
    Host: 'localhost',
    'Sec-Fetch-Site': 'same-origin',
    ...extra,
  };
  if (!json) {
    const fields = Object.fromEntries(Object.entries(input.body ?? {}).map(([k, v]) => [k, String(v)]));
    const r = formRequest(url, fields, cookie);
    for (const [name, value] of Object.entries(browser)) r.headers.set(name, value);
    return r;
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...browser };
  if (cookie) headers.Cookie = cookie;
  return new Request(new URL(url, 'http://localhost').href, {
    method,
    headers,
    body: JSON.stringify(input.body ?? {}),
  });
}

/**
 * One cell's answer as a token: the status, `L` for a redirect to the login page, or `500` for an
 * exception that is not a Response. A route without the export answers as Remix does: POST to a
 * route without an action 405; GET of a page without a loader renders it (200), of a resource
 * route 400.
 */
export async function answerOf(
  w: AccessWorld,
  mod: Awaited<ReturnType<typeof routeModule>>,
  id: string,
  method: Method,
  actor: Actor,
  input: CellInput,
): Promise<string> {
  const fn = method === 'GET' ? mod.loader : mod.action;
  if (!fn) return method === 'POST' ? '405' : mod.default ? '200' : '400';
  const json = id.startsWith('api.');
  const bearer = actor === 'keyProvA' || actor === 'key5101' ? w.keys[actor] : undefined;
  const url = urlOf(id, input.params) + (input.query ?? '');
  const req = request(method, url, json, await cookieOf(w, actor), bearer, input);
  let result: unknown;
  try {
    result = await fn(routeArgs(req, input.params));
  } catch (error) {
    if (!(error instanceof Response))
      return `500 (${error instanceof Error ? error.message.slice(0, 80) : String(error)})`;
    result = error;
  }
  if (result instanceof Response) {
    const location = result.headers.get('Location');
    if (result.status >= 300 && result.status < 400 && location?.startsWith('/login')) return 'L';
    return String(result.status);
  }
  if (result && typeof result === 'object' && 'init' in result) {
    const init = (result as { init?: { status?: number } | null }).init;
    return String(init?.status ?? 200);
  }
  return '200';
}
