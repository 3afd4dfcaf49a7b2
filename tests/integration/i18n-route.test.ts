import { describe, expect, it } from 'vitest';
import { messagesOf } from '../../app/i18n';
import { MESSAGES_VERSION } from '../../app/i18n/messages-json.server';
import { loader } from '../../app/routes/i18n.$locale';

// GET /i18n/:locale: what every page fetches before hydrating (issue 13).
const get = (url: string, locale: string, headers: Record<string, string> = {}) =>
  loader({ request: new Request(`http://localhost${url}`, { headers }), params: { locale }, context: {} });

describe('GET /i18n/:locale', () => {
  it('sends one language’s messages, kept a year under the current version', async () => {
    const response = await get(`/i18n/en?v=${MESSAGES_VERSION}`, 'en');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await response.json()).toEqual(messagesOf('en'));
  });

  it('revalidates a stale or missing version, and answers 304 to the current ETag', async () => {
    const stale = await get('/i18n/zh-CN?v=old', 'zh-CN');
    expect(stale.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(await stale.json()).toEqual(messagesOf('zh-CN'));
    const etag = stale.headers.get('ETag')!;
    const again = await get('/i18n/zh-CN', 'zh-CN', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('is a 404 for a language we do not have', async () => {
    const thrown = await get('/i18n/fr', 'fr').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
