import crypto from 'node:crypto';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { anonymousPageCache, databaseVersionOf } from './anonymous-page-cache';
import { loggedUrl, requestGuards } from './http-guards';

export interface ServerOptions {
  build: ServerBuild;
  logLevel?: string;
  production?: boolean;
  /** Serve the benchmark's baseline route (/api/noop) even in production: the benchmark's own server only. */
  benchRoutes?: boolean;
  /**
   * Other origins a form may lead to: 在线支付 posts to our server, which redirects to the Stripe
   * Checkout page, and browsers apply form-action to that redirect too.
   */
  formActionOrigins?: string[];
  /**
   * The database file: when given, public pages asked for without cookies are kept until it
   * changes (scripts/anonymous-page-cache.ts).
   */
  databasePath?: string;
}

/**
 * The HTTP server: static assets, security headers with a per-request CSP nonce,
 * request logs with a request id, then Remix.
 */
export function createApp({
  build,
  logLevel = 'info',
  production = false,
  benchRoutes = false,
  formActionOrigins = [],
  databasePath,
}: ServerOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  const logger = pino({ level: logLevel });
  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Static files and health checks would drown the useful lines.
      autoLogging: { ignore: (req) => req.url?.startsWith('/build/') || req.url === '/healthz' || false },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'form-action': ["'self'", ...formActionOrigins],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
          'object-src': ["'none'"],
          ...(production ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: production,
    }),
  );
  app.use(compression());
  // Before static files and Remix: a cross-site write is refused whatever it is aimed at, and the
  // benchmark's route is not served in production.
  app.use(requestGuards({ production, benchRoutes }));

  const publicDir = path.resolve('public');
  app.use('/build', express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(publicDir, { maxAge: '1h' }));

  if (databasePath) app.use(anonymousPageCache({ version: databaseVersionOf(databasePath).version }));

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: production ? 'production' : 'development',
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        requestId: String(req.id),
        clientIp: req.ip ?? 'unknown',
        // pino-http's child logger, bound to this request's id (entry.server.tsx handleError).
        log: req.log,
      }),
    }),
  );
  return { app, logger };
}
