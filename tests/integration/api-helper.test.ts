import { describe, expect, it } from 'vitest';
import { z } from '../../app/i18n/zod';
import { apiRoute } from '../../app/utils/api.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { streamedBody, streamedPost } from './streamed-body';

// The JSON API's common rules (formats/marketplace-api.md), proved once on the shared helper.

const db = useTestDatabase();

const Schema = z.object({ contact: z.enum(['phone', 'email']), priceFen: z.number().int().min(0) });
const echo = (request: Request) =>
  apiRoute(request, async (ctx) => {
    ctx.requireUser(['sme']);
    const body = await ctx.body(Schema);
    return { status: 201, body: { received: body, at: Math.random() } };
  });

function post(body: string, headers: Record<string, string>) {
  return new Request('http://localhost/api/echo', { method: 'POST', body, headers });
}
const sameSite = (cookie: string, extra: Record<string, string> = {}) => ({
  Cookie: cookie,
  Origin: 'http://localhost',
  'Content-Type': 'application/json',
  ...extra,
});

describe('apiRoute', () => {
  it('answers 401 without a caller, 403 for a role that may not call', async () => {
    expect((await echo(post('{}', { 'Content-Type': 'application/json' }))).status).toBe(401);
    const provider = await createTestUser(db(), { role: 'provider' });
    const answer = await echo(post('{}', sameSite(provider.cookie)));
    expect(answer.status).toBe(403);
    expect((await answer.json()).errors[0].code).toBe('forbidden');
  });

  it('refuses a cookie write from another site or not as JSON with 403 cross_site', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const body = JSON.stringify({ contact: 'phone', priceFen: 1 });
    for (const headers of <Record<string, string>[]>[
      { Cookie: sme.cookie, 'Content-Type': 'application/json' },
      { Cookie: sme.cookie, Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      { Cookie: sme.cookie, Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
    ]) {
      const answer = await echo(post(body, headers));
      expect(answer.status).toBe(403);
      expect((await answer.json()).errors[0].code).toBe('cross_site');
    }
    expect((await echo(post(body, sameSite(sme.cookie)))).status).toBe(201);
    const fetchSite = { Cookie: sme.cookie, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
    expect((await echo(post(body, fetchSite))).status).toBe(201);
  });

  it('answers 422 with stable codes: required for a missing value, the code of the failed check otherwise', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const answer = await echo(post(JSON.stringify({ priceFen: 'x' }), sameSite(sme.cookie)));
    expect(answer.status).toBe(422);
    const { errors } = await answer.json();
    expect(errors).toContainEqual({ path: 'contact', code: 'required', message: '此项为必填项' });
    expect(errors.find((e: { path: string }) => e.path === 'priceFen').code).toBe('invalid_type');
    const wrong = await echo(post(JSON.stringify({ contact: 'fax', priceFen: -1 }), sameSite(sme.cookie)));
    const codes = (await wrong.json()).errors.map((e: { code: string }) => e.code).sort();
    expect(codes).toEqual(['invalid_value', 'too_small']);
    const notJson = await echo(post('{nope', sameSite(sme.cookie)));
    expect(notJson.status).toBe(422);
    expect((await notJson.json()).errors[0].code).toBe('invalid_json');
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const answer = await echo(post(JSON.stringify({ pad: 'x'.repeat(70_000) }), sameSite(sme.cookie)));
    expect(answer.status).toBe(413);
  });

  it('stops reading a streamed body once it passes 64 KiB, and answers 413 in the API error shape', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    // 16 MiB announced by nothing (no Content-Length), in 16 KiB chunks.
    const body = streamedBody({ chunkBytes: 16 * 1024, chunks: 1024 });
    const answer = await echo(streamedPost('http://localhost/api/echo', body.stream, sameSite(sme.cookie)));
    expect(answer.status).toBe(413);
    expect((await answer.json()).errors).toEqual([{ path: '', code: 'too_large', message: expect.any(String) }]);
    // 64 KiB is 4 chunks: the 5th passes the limit (and the stream may have one more queued).
    expect(body.pulled()).toBeLessThanOrEqual(6);
  });

  it('replays an Idempotency-Key answer for the same body and refuses another body with 409', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const body = JSON.stringify({ contact: 'email', priceFen: 5 });
    const first = await echo(post(body, sameSite(sme.cookie, { 'Idempotency-Key': 'k-1' })));
    expect(first.status).toBe(201);
    const again = await echo(post(body, sameSite(sme.cookie, { 'Idempotency-Key': 'k-1' })));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const other = await echo(post(JSON.stringify({ contact: 'phone', priceFen: 5 }), sameSite(sme.cookie, { 'Idempotency-Key': 'k-1' })));
    expect(other.status).toBe(409);
    expect((await other.json()).errors[0].code).toBe('idempotency_conflict');
    // Another caller's same key is its own.
    const someone = await createTestUser(db(), { role: 'sme' });
    expect((await echo(post(body, sameSite(someone.cookie, { 'Idempotency-Key': 'k-1' })))).status).toBe(201);
  });
});
