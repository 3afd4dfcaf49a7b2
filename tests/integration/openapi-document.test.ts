import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../app/openapi/document.server';
import { docsView } from '../../app/openapi/docs-view.server';
import * as documentRoute from '../../app/routes/api.openapi[.]json';
import * as docsRoute from '../../app/routes/api.docs';

// Issue 13, "Open API description": the document covers every JSON endpoint. The JSON endpoints are
// found from the route files themselves (app/routes/api.*, webhooks.*, healthz), so a route added
// later without an entry in app/openapi/ fails here.

const ROUTES_DIR = path.resolve('app/routes');

/**
 * Resource routes under /api that do not answer JSON, and why. Each is checked below to really not
 * answer JSON, so this list cannot hide a JSON endpoint.
 */
const NOT_JSON: Record<string, string> = {
  'api.noop.ts': "the benchmark's baseline (scripts/bench/counter.ts): answers text/plain 'ok'",
  'api.docs.tsx': 'the readable page of this document: text/html',
};

/** Remix flat-route file name → URL path in OpenAPI form: api.orders.$orderId.cancel.ts → /api/orders/{orderId}/cancel. */
function openApiPathOf(file: string): string {
  const stem = file.replace(/\.tsx?$/, '');
  const segments = stem
    .replace(/\[\.\]/g, '\uE000')
    .split('.')
    .map((s) => s.replace(/\uE000/g, '.'))
    .filter((s) => s !== '_index');
  return '/' + segments.map((s) => (s.startsWith('$') ? `{${s.slice(1)}}` : s)).join('/');
}

type RouteModule = {
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
  default?: unknown;
};

async function loadRoute(file: string): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteModule;
}

async function callLoader(mod: RouteModule, url: string): Promise<Response> {
  const request = new Request(`http://localhost${url}`);
  try {
    return (await mod.loader!({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    return thrown as Response;
  }
}

async function servedDocument() {
  const response = (await documentRoute.loader()) as Response;
  return {
    response,
    doc: (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, any>>;
      components: any;
    },
  };
}

const candidates = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /^(api\.|webhooks\.|healthz\.)/.test(f) && !/\.test\./.test(f));

describe('route discovery', () => {
  it('finds the JSON routes the contracts name (so the discovery itself works)', () => {
    const paths = candidates.map(openApiPathOf);
    for (const expected of [
      '/api/search',
      '/api/matches',
      '/api/counter',
      '/api/adoption-events',
      '/api/adoption-events/batch',
      '/api/orders/{orderId}/checkout',
      '/webhooks/stripe',
      '/healthz',
      '/api/openapi.json',
    ])
      expect(paths).toContain(expected);
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document served as JSON', async () => {
    const { response, doc } = await servedDocument();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json\b/);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has an entry for every JSON route file, with a method for each of its exports', async () => {
    const { doc } = await servedDocument();
    const missing: string[] = [];
    for (const file of candidates) {
      const mod = await loadRoute(file);
      // A page (a route with a component, such as /api/docs) answers HTML, not JSON.
      if (mod.default) continue;
      if (NOT_JSON[file]) continue;
      const item = doc.paths[openApiPathOf(file)];
      if (!item) {
        missing.push(`${file}: no path ${openApiPathOf(file)}`);
        continue;
      }
      for (const op of Object.values(item)) expect(op['x-route']).toBe(`app/routes/${file}`);
      if (mod.action && !Object.keys(item).some((m) => m !== 'get'))
        missing.push(`${file}: action without a POST entry`);
      if (mod.loader && !item.get) {
        // A loader that only refuses GET (405) is not an endpoint of its own.
        const answer = await callLoader(mod, openApiPathOf(file));
        if (answer.status !== 405)
          missing.push(`${file}: loader without a GET entry (it answered ${answer.status})`);
      }
      for (const method of Object.keys(item)) {
        const needs = method === 'get' ? 'loader' : 'action';
        if (!mod[needs])
          missing.push(`${file}: ${method.toUpperCase()} documented, but the route exports no ${needs}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes no path that has no route file', async () => {
    const { doc } = await servedDocument();
    const routed = new Set(candidates.map(openApiPathOf));
    expect(Object.keys(doc.paths).filter((p) => !routed.has(p))).toEqual([]);
  });

  it('lists only resource routes that really do not answer JSON as exceptions', async () => {
    for (const file of Object.keys(NOT_JSON)) {
      expect(candidates).toContain(file);
      const answer = await callLoader(await loadRoute(file), openApiPathOf(file));
      expect(answer.headers.get('Content-Type') ?? '').not.toMatch(/json/);
    }
  });

  it('declares each path parameter, has unique operation ids, and every $ref resolves', async () => {
    const { doc } = await servedDocument();
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        expect(ids.has(op.operationId), `${op.operationId} is unique`).toBe(false);
        ids.add(op.operationId);
        const declared = (op.parameters ?? [])
          .filter((x: any) => x.in === 'path')
          .map((x: any) => x.name)
          .sort();
        expect(declared, p).toEqual(inPath);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
  });
});

describe('/api/docs', () => {
  it('is a page of its own with every operation and no script', async () => {
    const response = docsRoute.loader();
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN"/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<main id="main"');
    for (const op of docsView(openApiDocument()).tags.flatMap((t) => t.operations))
      expect(html).toContain(`id="${op.anchor}"`);
  });

  it('shows every operation and every example of the document', async () => {
    const { doc } = await servedDocument();
    const view = docsView(openApiDocument());
    const operations = view.tags.flatMap((t) => t.operations);
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      documented.map((d) => d.key).sort(),
    );
    expect(operations.flatMap((o) => o.examples).length).toBe(
      documented.flatMap((d) => d.op['x-examples']).length,
    );
    // Bodies and answers are shown field by field, nested fields by their dotted path.
    const batch = operations.find((o) => o.path === '/api/adoption-events/batch')!;
    expect(batch.body?.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['events', 'events[].uscc', 'events[].idempotencyKey']),
    );
    const order = view.schemas.find((s) => s.name === 'Order')!;
    expect(order.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['payment.method', 'payment.account.number', 'history[].at']),
    );
  });

  it('writes each example as the HTTP request it is, with a stand-in for the credential', () => {
    const operations = docsView(openApiDocument()).tags.flatMap((t) => t.operations);
    const cancel = operations
      .find((o) => o.path === '/api/orders/{orderId}/cancel')!
      .examples.find((e) => e.name === 'cancel')!;
    expect(cancel.request.split('\n')).toEqual([
      'POST /api/orders/ordpending000001/cancel HTTP/1.1',
      'Cookie: __yq_session=<SME 登录后的会话>',
      'Content-Type: application/json',
      'Sec-Fetch-Site: same-origin',
    ]);
    const search = operations.find((o) => o.path === '/api/search')!.examples[0]!;
    expect(search.request.split('\n')[0]).toBe('GET /api/search?q=MES&level=saas&perPage=5 HTTP/1.1');
    expect(search.response).toContain('"engine": "sqlite"');
  });
});

describe('rate limits in the document', () => {
  it('prints the API-key limit this server applies (API_KEY_RATE_LIMIT), not the default', async () => {
    const limitOf = (doc: Awaited<ReturnType<typeof servedDocument>>['doc']) =>
      doc.paths['/api/adoption-events']!.post.responses['429'].description as string;
    expect(limitOf((await servedDocument()).doc)).toContain('每个 API 密钥每 1 分钟 1200 次');
    const before = process.env.API_KEY_RATE_LIMIT;
    process.env.API_KEY_RATE_LIMIT = '5000';
    try {
      const served = await servedDocument();
      expect(limitOf(served.doc)).toContain('每个 API 密钥每 1 分钟 5000 次');
    } finally {
      if (before === undefined) delete process.env.API_KEY_RATE_LIMIT;
      else process.env.API_KEY_RATE_LIMIT = before;
    }
    expect(limitOf((await servedDocument()).doc)).toContain('每个 API 密钥每 1 分钟 1200 次');
  });

  // An operation documents 429 exactly when its route can answer it: it counts a per-account limit
  // (ctx.limit in the route's source) or accepts an API key (every key call counts against the
  // key's limit, checkApiKey in app/utils/api.server.ts).
  it('documents 429 with Retry-After on every operation that counts a limit, and on no other', async () => {
    const { doc } = await servedDocument();
    const checked: string[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const source = fs.readFileSync(path.resolve(op['x-route']), 'utf8');
        const byKey = (op.security as Record<string, unknown>[]).some(
          (s) => 'providerKey' in s || 'prefectureKey' in s,
        );
        const limited = byKey || /\.limit\(/.test(source);
        const documented = op.responses['429'];
        expect(Boolean(documented), `${method.toUpperCase()} ${p}`).toBe(limited);
        if (limited) {
          expect(Object.keys(documented.headers ?? {})).toContain('Retry-After');
          checked.push(`${method.toUpperCase()} ${p}`);
        }
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining(['POST /api/requests', 'POST /api/adoption-events', 'POST /api/adoption-events/batch']),
    );
  });
});
