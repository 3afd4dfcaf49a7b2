import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { http as mock, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleError } from '../../app/entry.server';
import { neutraliseFormula } from '../../app/utils/csv-formula';
import { toCsv } from '../../app/charts/csv.server';
import { loggedUrl, requestGuards } from '../../scripts/http-guards';
import { server as msw } from '../setup/msw';

// The Express guards of scripts/server.ts (the same list createApp mounts before static files and
// Remix), on a small server whose only handler answers 200 "reached": the cross-site rule for
// pages and resource routes alike (a clear 403, never a 500), its exemptions, and the benchmark
// route kept out of production. The browser test tests/e2e/security.e2e.ts probes the real server.

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function serve(opts: { production: boolean; benchRoutes: boolean }) {
  const app = express();
  app.use(requestGuards(opts));
  app.all('*', (_req, res) => void res.status(200).send('reached'));
  return app;
}

let server: http.Server;
let prodServer: http.Server;
let base = '';
let prodBase = '';
beforeAll(async () => {
  server = serve({ production: false, benchRoutes: false }).listen(0, '127.0.0.1');
  prodServer = serve({ production: true, benchRoutes: false }).listen(0, '127.0.0.1');
  await Promise.all([server, prodServer].map((s) => new Promise((r) => s.once('listening', r))));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  prodBase = `http://127.0.0.1:${(prodServer.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  prodServer.close();
});
// Our own loopback servers are no outside service: msw lets them through.
beforeEach(() => {
  msw.use(mock.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
});

const SESSION = { Cookie: '__yq_session=signed-value' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the cross-site rule in front of every route', () => {
  it('refuses a cross-site POST to /logout (a resource route) and to a page with a 403 page, not a 500', async () => {
    const host = new URL(base).host;
    for (const path of ['/logout', '/account/password', '/enterprise/requests/abc']) {
      const res = await send(base, 'POST', path, { ...SESSION, ...FORM, Origin: 'https://evil.example', Host: host }, 'x=1');
      expect(res.status, path).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('请求已被拒绝');
      expect(res.body).not.toContain('reached');
    }
  });

  it('treats a sibling host of the same site as another site (SameSite=Lax would not)', async () => {
    const res = await send(base, 'POST', '/logout', { ...SESSION, 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.gov.cn' });
    expect(res.status).toBe(403);
  });

  it('answers in English for a reader who switched the site to English, and in JSON on API paths', async () => {
    const en = await send(base, 'POST', '/logout', { ...SESSION, Cookie: `${SESSION.Cookie}; yq_lang=ImVuIg%3D%3D`, Origin: 'https://evil.example' });
    expect(en.status).toBe(403);
    expect(en.body).toContain('Request refused');
    expect(en.body).toContain('<html lang="en">');
    const json = await send(base, 'POST', '/api/requests', { ...SESSION, 'Content-Type': 'application/json', Origin: 'https://evil.example' }, '{}');
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toEqual({ errors: [{ path: '', code: 'cross_site', message: expect.stringContaining('跨站请求') }] });
  });

  it('lets the same origin through, by Origin or by Sec-Fetch-Site, and safe methods always', async () => {
    const host = new URL(base).host;
    expect((await send(base, 'POST', '/logout', { ...SESSION, Origin: base })).status).toBe(200);
    expect((await send(base, 'POST', '/logout', { ...SESSION, 'Sec-Fetch-Site': 'same-origin', Origin: base })).status).toBe(200);
    expect((await send(base, 'POST', '/logout', { ...SESSION, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    // Behind a proxy: the host Remix compares is X-Forwarded-Host.
    expect((await send(base, 'POST', '/logout', { ...SESSION, Origin: 'https://yunqiao.example.cn', 'X-Forwarded-Host': 'yunqiao.example.cn', Host: host })).status).toBe(200);
    expect((await send(base, 'GET', '/logout', { ...SESSION, Origin: 'https://evil.example' })).status).toBe(200);
  });

  it('demands proof only of a request carrying the session: no Origin and no Sec-Fetch-Site', async () => {
    expect((await send(base, 'POST', '/logout', SESSION)).status).toBe(403);
    expect((await send(base, 'POST', '/login', FORM, 'email=a')).status).toBe(200);
    expect((await send(base, 'POST', '/login', { ...FORM, Origin: 'null' }, 'email=a')).status).toBe(403);
  });

  it('exempts the Stripe webhook and Bearer-key API calls, not a Bearer header on a page', async () => {
    expect((await send(base, 'POST', '/webhooks/stripe', { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=x' }, '{}')).status).toBe(200);
    expect((await send(base, 'POST', '/api/adoption-events', { Authorization: 'Bearer yq_key', Origin: 'https://crm.example' }, '{}')).status).toBe(200);
    expect((await send(base, 'POST', '/logout', { ...SESSION, Authorization: 'Bearer yq_key', Origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('the benchmark route', () => {
  it('answers 404 in production and is served otherwise (and to the benchmark’s own server)', async () => {
    expect((await send(prodBase, 'POST', '/api/noop')).status).toBe(404);
    expect((await send(prodBase, 'GET', '/api/noop')).status).toBe(404);
    expect((await send(prodBase, 'GET', '/healthz')).status).toBe(200);
    expect((await send(base, 'POST', '/api/noop')).status).toBe(200);
    const bench = serve({ production: true, benchRoutes: true }).listen(0, '127.0.0.1');
    await new Promise((r) => bench.once('listening', r));
    expect((await send(`http://127.0.0.1:${(bench.address() as AddressInfo).port}`, 'POST', '/api/noop')).status).toBe(200);
    bench.close();
  });
});

describe('request logs and server errors', () => {
  it('keep a password-reset token out of the logged URL', () => {
    expect(loggedUrl('/account/reset?token=abc_DEF-123&x=1')).toBe('/account/reset?token=[redacted]&x=1');
    expect(loggedUrl('/catalog?q=token')).toBe('/catalog?q=token');
  });

  it('log an unexpected error once through the request’s pino logger, with its request id', () => {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const log = { error: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg }) };
    const error = new Error('boom');
    const request = new Request('http://localhost/official/dashboard?x=1', { method: 'POST' });
    handleError(error, { request, params: {}, context: { requestId: 'req-42', log: log as never } });
    expect(lines).toEqual([
      { obj: { err: error, requestId: 'req-42', method: 'POST', path: '/official/dashboard' }, msg: 'unhandled server error' },
    ]);
    // A request the client gave up on is not logged as our error.
    const controller = new AbortController();
    controller.abort();
    handleError(error, { request: new Request('http://localhost/', { signal: controller.signal }), params: {}, context: { log: log as never } });
    expect(lines).toHaveLength(1);
  });
});

describe('CSV cells', () => {
  it('get a leading apostrophe when they start like a formula; numbers and plain text stay', () => {
    for (const cell of ['=1+2', '+86 28 1234', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['成都精密机械', 'a=b', '', '-12.50', '+3', '2025-03'])
      expect(neutraliseFormula(cell)).toBe(cell);
    expect(toCsv(['名称', '数量'], [['=cmd', -5], ['ok', 3]])).toBe('\uFEFF名称,数量\r\n\'=cmd,-5\r\nok,3\r\n');
  });
});
