import { describe, expect, it } from 'vitest';
import { carriesSession, exemptFromOriginRule, fromRequest, requestOrigin, writeAllowed } from './same-origin.server';

const reader = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()] ?? null;

describe('requestOrigin', () => {
  it('reads Sec-Fetch-Site and Origin against the host the request was sent to', () => {
    const host = 'yunqiao.example.cn';
    expect(requestOrigin(reader({ host, 'sec-fetch-site': 'same-origin', origin: `https://${host}` }))).toBe('same-origin');
    expect(requestOrigin(reader({ host, origin: `https://${host}` }))).toBe('same-origin');
    expect(requestOrigin(reader({ host, 'sec-fetch-site': 'same-origin' }))).toBe('same-origin');
    expect(requestOrigin(reader({ host, 'sec-fetch-site': 'same-site', origin: 'https://other.example.cn' }))).toBe('cross-site');
    expect(requestOrigin(reader({ host, 'sec-fetch-site': 'cross-site' }))).toBe('cross-site');
    expect(requestOrigin(reader({ host, 'sec-fetch-site': 'none' }))).toBe('cross-site');
    expect(requestOrigin(reader({ host, origin: 'https://evil.example' }))).toBe('cross-site');
    expect(requestOrigin(reader({ host, origin: 'null' }))).toBe('cross-site');
    expect(requestOrigin(reader({ host, origin: 'not a url' }))).toBe('cross-site');
    // Same-origin by the browser's word but another host than the one Remix compares: refused, not a 500 later.
    expect(requestOrigin(reader({ host: 'internal:3000', 'sec-fetch-site': 'same-origin', origin: `https://${host}` }))).toBe('cross-site');
    expect(requestOrigin(reader({ host: 'internal:3000', 'x-forwarded-host': `${host}, proxy`, origin: `https://${host}` }))).toBe('same-origin');
    expect(requestOrigin(reader({ host }))).toBe('unknown');
  });
});

describe('writeAllowed', () => {
  it('asks proof of a request with the session cookie only', () => {
    expect(writeAllowed(reader({ host: 'a' }), { cookieBound: false })).toBe(true);
    expect(writeAllowed(reader({ host: 'a' }), { cookieBound: true })).toBe(false);
    expect(writeAllowed(reader({ host: 'a', origin: 'http://a' }), { cookieBound: true })).toBe(true);
    expect(writeAllowed(reader({ host: 'a', origin: 'http://b' }), { cookieBound: false })).toBe(false);
  });

  it('finds the session cookie among others, and only it', () => {
    expect(carriesSession(reader({ cookie: 'yq_lang=x; __yq_session=abc' }))).toBe(true);
    expect(carriesSession(reader({ cookie: '__yq_flash=abc; x__yq_session=1' }))).toBe(false);
    expect(carriesSession(reader({}))).toBe(false);
  });

  it('exempts the Stripe webhook and Bearer calls to the API only', () => {
    expect(exemptFromOriginRule('/webhooks/stripe', reader({}))).toBe(true);
    expect(exemptFromOriginRule('/api/orders', reader({ authorization: 'Bearer k' }))).toBe(true);
    expect(exemptFromOriginRule('/api/orders', reader({ authorization: 'Basic k' }))).toBe(false);
    expect(exemptFromOriginRule('/logout', reader({ authorization: 'Bearer k' }))).toBe(false);
  });

  it('takes the URL’s host for a Request built without a Host header', () => {
    const request = new Request('http://localhost:3000/api/requests', { method: 'POST', headers: { Origin: 'http://localhost:3000' } });
    expect(requestOrigin(fromRequest(request))).toBe('same-origin');
  });
});
