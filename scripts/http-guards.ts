import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from '../app/i18n';
import {
  carriesSession,
  exemptFromOriginRule,
  isStateChanging,
  writeAllowed,
  type HeaderReader,
} from '../app/utils/same-origin.server';

// Express middleware that runs before Remix (scripts/server.ts): the cross-site rule for every
// page and resource route, and the benchmark route kept out of production.

function readerOf(req: Request): HeaderReader {
  return (name) => req.get(name);
}

/** The language switch's cookie (yq_lang, app/utils/locale.server.ts: base64 of a JSON string), else Chinese. */
function localeOf(req: Request): Locale {
  const raw = /(?:^|;\s*)yq_lang=([^;]*)/.exec(req.get('cookie') ?? '')?.[1];
  if (!raw) return DEFAULT_LOCALE;
  try {
    const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(raw), 'base64').toString('utf8'));
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether the caller reads JSON (API paths and fetches that ask for it) rather than a page. */
function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || /\bapplication\/json\b/i.test(req.get('accept') ?? '');
}

/**
 * Refuses a state-changing request from another site (app/utils/same-origin.server.ts) with a 403
 * that says why — a page in the reader's language, or the API's JSON error — before Remix sees it:
 * Remix's own check would throw (a 500) for a document request and let a resource route through.
 */
export function crossSiteGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isStateChanging(req.method)) return next();
    const header = readerOf(req);
    if (exemptFromOriginRule(req.path, header)) return next();
    if (writeAllowed(header, { cookieBound: carriesSession(header) })) return next();
    const locale = localeOf(req);
    const t = translator(locale);
    res.status(403).set('Cache-Control', 'no-store');
    if (wantsJson(req)) {
      res.json({ errors: [{ path: '', code: 'cross_site', message: t('api.errors.crossSite') }] });
      return;
    }
    const title = escapeHtml(t('errors.crossSiteTitle'));
    res.type('html').send(`<!doctype html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>403 · ${title} · ${escapeHtml(t('app.name'))}</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:3rem 1rem}main{max-width:36rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:2rem;text-align:center}p.code{font-size:3rem;font-weight:700;color:#1d4ed8;margin:0}a{color:#1d4ed8}</style>
</head>
<body><main role="alert"><p class="code">403</p><h1>${title}</h1><p>${escapeHtml(t('errors.crossSiteText'))}</p><p><a href="/">${escapeHtml(t('errors.goHome'))}</a></p></main></body>
</html>`);
  };
}

/** Paths served only to the benchmark (scripts/bench/bench-server.ts), never by a production server. */
export const BENCH_ONLY_PATHS = ['/api/noop'];

/**
 * In production the benchmark's baseline route answers 404 like any unknown path, unless the
 * server is the benchmark's own (createApp's `benchRoutes`).
 */
export function benchRouteGuard(opts: { production: boolean; benchRoutes: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (opts.production && !opts.benchRoutes && BENCH_ONLY_PATHS.includes(req.path)) {
      res.status(404).type('text').send('Not Found');
      return;
    }
    next();
  };
}

/** The request URL for logs, without a password-reset token (it would let a log reader reset the password). */
export function loggedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** The guards createApp puts before static files and Remix, in order (tests mount the same list). */
export function requestGuards(opts: { production: boolean; benchRoutes: boolean }): RequestHandler[] {
  return [crossSiteGuard(), benchRouteGuard(opts)];
}
