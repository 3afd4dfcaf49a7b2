/**
 * A micro-cache of the public pages for visitors without cookies (ADR 0007, issue 14). Such a
 * visitor sees exactly what every other cookie-less visitor sees — Chinese, standard display, no
 * signed-in header — so the answer depends only on the URL and the data. It is reused until the
 * database changes (any commit by any connection or process: PRAGMA data_version of a connection
 * that never writes) or for `maxAgeMs` at most, because a page may show the time it was asked.
 *
 * Only answers a route marks shareable (SHAREABLE_HEADER, set by its loader: a catalog search
 * that found nothing is not, since it is counted as a miss) are kept, and only 200 answers
 * without Set-Cookie. Each document carries a per-answer CSP nonce: the stored body is sent with
 * the nonce of the request being answered written over the one it was rendered with, so the
 * nonce stays unpredictable per answer. Documents still get no ETag (ADR 0007, point 5): a stored
 * answer is written with res.end, not Express's res.send, which would hash every body for one.
 * Memory is bounded twice: `maxEntries` pages and `maxBytes` of bodies in all, oldest use first out.
 */
import Database from 'better-sqlite3';
import type express from 'express';
import { SHAREABLE_HEADER } from '../app/utils/shareable';

export interface AnonymousPageCacheOptions {
  /** Where the database stands; a different answer means something was committed. */
  version: () => string;
  maxAgeMs?: number;
  maxEntries?: number;
  /** The bodies' bytes kept at most, all entries together (default 8 MB); a larger page is not kept. */
  maxBytes?: number;
}

interface Entry {
  version: string;
  storedAt: number;
  status: number;
  headers: [string, string][];
  body: string;
  /** The body's size in UTF-8, counted against maxBytes. */
  bytes: number;
  nonce: string | undefined;
}

/** Headers of the stored answer worth repeating; per-answer ones (CSP, request id, date) are set anew. */
const KEPT_HEADERS = new Set(['content-type', 'cache-control', 'vary', 'x-remix-response', 'content-language']);

export function anonymousPageCache(opts: AnonymousPageCacheOptions): express.RequestHandler {
  const maxAgeMs = opts.maxAgeMs ?? 30_000;
  const maxEntries = opts.maxEntries ?? 200;
  const maxBytes = opts.maxBytes ?? 8 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  /** Keeps `entry` as the most recently used, after making room for it (oldest use first out). */
  const store = (key: string, entry: Entry) => {
    forget(key);
    if (entry.bytes > maxBytes) return;
    while (entries.size > 0 && (entries.size >= maxEntries || bytes + entry.bytes > maxBytes))
      forget(entries.keys().next().value as string);
    entries.set(key, entry);
    bytes += entry.bytes;
  };

  const handler: express.RequestHandler & {
    stats?: () => { hits: number; misses: number; size: number; bytes: number };
  } = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.cookie || req.headers.authorization) {
      next();
      return;
    }
    const key = req.originalUrl;
    const version = opts.version();
    const nonce = res.locals.cspNonce as string | undefined;
    const entry = entries.get(key);
    if (entry && entry.version === version && Date.now() - entry.storedAt < maxAgeMs) {
      hits++;
      // Most recently used last: the oldest key is the first to go.
      entries.delete(key);
      entries.set(key, entry);
      for (const [name, value] of entry.headers) res.setHeader(name, value);
      res.setHeader('X-Page-Cache', 'hit');
      const body = Buffer.from(
        entry.nonce && nonce && entry.nonce !== nonce
          ? entry.body.split(entry.nonce).join(nonce)
          : entry.body,
      );
      if (!res.hasHeader('content-type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', body.length);
      res.statusCode = entry.status;
      // Not res.send: it would add an ETag (a SHA-1 of the body) and answer If-None-Match with 304.
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    // Outdated: its memory is freed now rather than when it is replaced or pushed out.
    if (entry) forget(key);
    misses++;

    // A miss: let Remix answer, and keep a copy of what it wrote.
    const chunks: Buffer[] = [];
    let shareable: boolean | null = null;
    const decide = () => {
      if (shareable !== null) return;
      shareable = res.getHeader(SHAREABLE_HEADER) === 'anonymous';
      // The marker is for this cache only.
      if (!res.headersSent) res.removeHeader(SHAREABLE_HEADER);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      decide();
      if (shareable) keep(chunk, encoding);
      return write(chunk, encoding, cb);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
      decide();
      if (shareable) {
        keep(chunk, encoding);
        const status = res.statusCode;
        if (status === 200 && !res.getHeader('set-cookie') && req.method === 'GET') {
          const headers = Object.entries(res.getHeaders())
            .filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))
            .map(([name, value]) => [name, String(value)] as [string, string]);
          const body = Buffer.concat(chunks);
          store(key, {
            version,
            storedAt: Date.now(),
            status,
            headers,
            body: body.toString('utf8'),
            bytes: body.length,
            nonce,
          });
        }
      }
      return end(chunk, encoding, cb);
    }) as typeof res.end;
    next();
  };
  handler.stats = () => ({ hits, misses, size: entries.size, bytes });
  return handler;
}

/**
 * Where the database file stands, read on a connection of its own that never writes: its
 * PRAGMA data_version moves on every commit of every other connection, this process's included.
 */
export function databaseVersionOf(databasePath: string): { version: () => string; close: () => void } {
  const connection = new Database(databasePath, { readonly: true, fileMustExist: true });
  const statement = connection.prepare<[], number>('PRAGMA data_version').pluck();
  return { version: () => String(statement.get()), close: () => connection.close() };
}
