import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import { http as mock, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  anonymousPageCache,
  databaseVersionOf,
  type AnonymousPageCacheOptions,
} from '../../scripts/anonymous-page-cache';
import { SHAREABLE_HEADER } from '../../app/utils/shareable';
import { server as msw } from '../setup/msw';

// Issue 14, pages as fast as their data: the micro-cache of public pages for cookie-less visitors
// (scripts/anonymous-page-cache.ts) on a small Express app that renders like Remix does — a
// per-request CSP nonce in the header and in the body, the route's shareable marker — and counts
// how often it really rendered.

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(
  base: string,
  p: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request(new URL(p, base), { headers, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject)
      .end();
  });
}

let server: http.Server;
let base: string;
let renders = 0;
let dir: string;
let writer: Database.Database;
let reader: ReturnType<typeof databaseVersionOf>;

/**
 * An Express app that renders like Remix (Express's default ETag setting left on), behind the
 * cache. `/pad/<n>/…` pages carry n bytes of padding.
 */
async function startApp(cache: Omit<AnonymousPageCacheOptions, 'version'>) {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  const handler = anonymousPageCache({ version: reader.version, ...cache });
  app.use(handler);
  app.get('*', (req, res) => {
    renders++;
    const nonce = res.locals.cspNonce as string;
    if (req.path !== '/private') res.setHeader(SHAREABLE_HEADER, 'anonymous');
    if (req.path === '/sets-cookie') res.setHeader('Set-Cookie', 'a=b');
    res.status(req.path === '/missing' ? 404 : 200).type('html');
    const pad = /^\/pad\/(\d+)\//.exec(req.path);
    // Written in two pieces, as a streamed render is.
    res.write(`<html><script nonce="${nonce}">1</script>${pad ? '云'.repeat(Number(pad[1]) / 3) : ''}`);
    res.end(`<p>render ${renders} of ${req.path}</p><script nonce="${nonce}">2</script></html>`);
  });
  const listening = app.listen(0, '127.0.0.1');
  await new Promise((r) => listening.once('listening', r));
  const stats = (handler as unknown as { stats: () => { size: number; bytes: number } }).stats;
  return { server: listening, base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, stats };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-page-cache-'));
  const file = path.join(dir, 'db.sqlite');
  writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (x INTEGER)');
  reader = databaseVersionOf(file);
  ({ server, base } = await startApp({ maxAgeMs: 60_000 }));
});

// msw refuses unknown requests in tests; this server is a real one on the loopback.
beforeEach(() => {
  msw.use(mock.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
});

afterAll(() => {
  server.close();
  reader.close();
  writer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nonceOf = (a: Answer) => /'nonce-([^']+)'/.exec(String(a.headers['content-security-policy']))![1]!;

describe('anonymous page cache', () => {
  it('renders a shareable page once and answers the next cookie-less visitor from memory', async () => {
    const before = renders;
    const first = await get(base, '/catalog?q=a');
    const second = await get(base, '/catalog?q=a');
    expect(renders - before).toBe(1);
    expect(second.headers['x-page-cache']).toBe('hit');
    expect(second.body.replaceAll(nonceOf(second), 'N')).toBe(first.body.replaceAll(nonceOf(first), 'N'));
    // The marker is for the cache only.
    expect(first.headers[SHAREABLE_HEADER.toLowerCase()]).toBeUndefined();
    expect(second.headers[SHAREABLE_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('gives each answer its own nonce, the one its CSP header names', async () => {
    await get(base, '/progress');
    const hit = await get(base, '/progress');
    const again = await get(base, '/progress');
    expect(hit.headers['x-page-cache']).toBe('hit');
    expect(nonceOf(hit)).not.toBe(nonceOf(again));
    for (const answer of [hit, again]) {
      const nonces = [...answer.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(nonces).toEqual([nonceOf(answer), nonceOf(answer)]);
    }
  });

  it('renders again once anything was committed to the database', async () => {
    await get(base, '/home');
    const cached = await get(base, '/home');
    expect(cached.headers['x-page-cache']).toBe('hit');
    writer.prepare('INSERT INTO t VALUES (1)').run();
    const before = renders;
    const fresh = await get(base, '/home');
    expect(fresh.headers['x-page-cache']).toBeUndefined();
    expect(renders - before).toBe(1);
  });

  it('never serves from memory to a visitor with cookies, nor keeps an answer that is not shareable', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/signed', { Cookie: '__yq_session=abc' }],
      ['/private', {}],
      ['/sets-cookie', {}],
      ['/missing', {}],
    ];
    for (const [p, headers] of cases) {
      const before = renders;
      await get(base, p, headers);
      const second = await get(base, p, headers);
      expect(second.headers['x-page-cache'], p).toBeUndefined();
      expect(renders - before, p).toBe(2);
    }
  });

  it('answers from memory without an ETag, so never with 304, and with the body’s length', async () => {
    await get(base, '/etag');
    const hit = await get(base, '/etag');
    expect(hit.headers['x-page-cache']).toBe('hit');
    expect(hit.headers.etag).toBeUndefined();
    expect(hit.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(hit.headers['content-length'])).toBe(Buffer.byteLength(hit.body));
    // A revalidation gets the whole page: its nonce has to match this answer's CSP header.
    const revalidated = await get(base, '/etag', { 'If-None-Match': '*' });
    expect(revalidated).toMatchObject({ status: 200, headers: { 'x-page-cache': 'hit' } });
    expect(revalidated.body).toContain(`nonce="${nonceOf(revalidated)}"`);
    const head = await get(base, '/etag', {}, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '', headers: { 'x-page-cache': 'hit' } });
    expect(head.headers['content-length']).toBe(hit.headers['content-length']);
  });
});

describe('anonymous page cache within a byte budget', () => {
  let small: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    // Room for two pages of about 1,000 bytes, whatever maxEntries allows.
    small = await startApp({ maxAgeMs: 60_000, maxEntries: 100, maxBytes: 2500 });
  });
  afterAll(() => {
    small.server.close();
  });

  it('keeps at most maxBytes of pages, pushing out the least recently used', async () => {
    for (const p of ['/pad/900/a', '/pad/900/b']) await get(small.base, p);
    expect(small.stats()).toMatchObject({ size: 2 });
    // a is used again: b is now the oldest use.
    expect((await get(small.base, '/pad/900/a')).headers['x-page-cache']).toBe('hit');
    await get(small.base, '/pad/900/c');
    expect(small.stats().size).toBe(2);
    expect(small.stats().bytes).toBeLessThanOrEqual(2500);
    expect((await get(small.base, '/pad/900/a')).headers['x-page-cache']).toBe('hit');
    expect((await get(small.base, '/pad/900/c')).headers['x-page-cache']).toBe('hit');
    const before = renders;
    expect((await get(small.base, '/pad/900/b')).headers['x-page-cache']).toBeUndefined();
    expect(renders - before).toBe(1);
  });

  it('does not keep a page larger than the whole budget, nor push the others out for it', async () => {
    const kept = small.stats();
    const before = renders;
    await get(small.base, '/pad/3000/huge');
    expect((await get(small.base, '/pad/3000/huge')).headers['x-page-cache']).toBeUndefined();
    expect(renders - before).toBe(2);
    expect(small.stats()).toMatchObject({ size: kept.size, bytes: kept.bytes });
  });
});
