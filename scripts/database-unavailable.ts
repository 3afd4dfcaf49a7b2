/**
 * A database that cannot be written (the file or its disk made read-only, the disk full, an I/O
 * error: issue 12, "Faults") is not a bug of the page that happened to write: every loader and
 * action of the server build is wrapped so that such an error becomes a 503 answer that says so in
 * plain words — the error page for a document (app/components/error-page.tsx), the API's error
 * shape for /api/, plain text for other resource routes — instead of a 500 with "something went
 * wrong". SQLite rolls the failed statement's transaction back, so nothing half-written remains;
 * pages that only read keep working.
 */
import type { ServerBuild } from '@remix-run/node';
import { translator } from '../app/i18n';

type RouteFunction = (args: { request: Request }) => unknown;

/**
 * The SQLite result codes (better-sqlite3's `code`, extended codes included) meaning that the
 * database cannot take writes right now; anything else stays an unexpected error.
 * https://www.sqlite.org/rescode.html
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|FULL|IOERR)(_|$)/.test(code);
}

/** The 503 for `request`: JSON for the API (Chinese when asked for, English otherwise, as its other errors), else text. */
export function unavailableResponse(request: Request): Response {
  const headers = { 'Cache-Control': 'no-store', 'Retry-After': '60' };
  const prefersChinese = /^\s*zh/i.test(request.headers.get('Accept-Language') ?? '');
  if (new URL(request.url).pathname.startsWith('/api/')) {
    const message = translator(prefersChinese ? 'zh-CN' : 'en')('api.errors.unavailable');
    return Response.json({ errors: [{ path: '', code: 'unavailable', message }] }, { status: 503, headers });
  }
  const zh = translator('zh-CN');
  const en = translator('en');
  return new Response(
    `${zh('errors.unavailableTitle')}：${zh('errors.unavailableText')}\n${en('errors.unavailableTitle')}: ${en('errors.unavailableText')}\n`,
    { status: 503, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } },
  );
}

function guarded(fn: RouteFunction, onUnavailable: (error: Error) => void): RouteFunction {
  return async (args) => {
    try {
      return await fn(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      onUnavailable(error as Error);
      // A thrown Response: document routes show it in their ErrorBoundary with its status,
      // resource routes answer it as it is.
      throw unavailableResponse(args.request);
    }
  };
}

/** `build` with every route's loader and action answering 503 when the database cannot be written. */
export function withDatabaseUnavailableAnswers(
  build: ServerBuild,
  onUnavailable: (error: Error) => void = () => {},
): ServerBuild {
  const routes: ServerBuild['routes'] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = route.module as ServerBuild['routes'][string]['module'] & {
      loader?: RouteFunction;
      action?: RouteFunction;
    };
    routes[id] =
      module.loader || module.action
        ? {
            ...route,
            module: {
              ...module,
              ...(module.loader ? { loader: guarded(module.loader, onUnavailable) } : {}),
              ...(module.action ? { action: guarded(module.action, onUnavailable) } : {}),
            } as typeof route.module,
          }
        : route;
  }
  return { ...build, routes };
}
