import { afterEach, describe, expect, it, vi } from 'vitest';
import { heldMessages, loadMessages, messagesUrl, messagesVersion, someHeldLocale, subscribeToMessages } from './load-messages';

// The page's side: one language fetched once, others only when asked for. (This file does not
// import app/i18n/index.ts, which would provide both languages as on the server.)

afterEach(() => vi.unstubAllGlobals());

describe('the messages a page holds', () => {
  it('versions the URL so it can be cached for a year', () => {
    expect(messagesUrl('zh-CN', 'abc-_1')).toBe('/i18n/zh-CN?v=abc-_1');
    expect(messagesUrl('en')).toBe('/i18n/en');
  });

  it('fetches a language once, even when asked twice at the same time, and tells the subscribers', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ 'app.name': '云桥' })));
    vi.stubGlobal('fetch', fetch);
    const seen: number[] = [];
    const unsubscribe = subscribeToMessages(() => seen.push(messagesVersion()));
    expect(someHeldLocale()).toBeUndefined();
    const [a, b] = await Promise.all([loadMessages('zh-CN', '/i18n/zh-CN?v=1'), loadMessages('zh-CN', '/i18n/zh-CN?v=1')]);
    unsubscribe();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('/i18n/zh-CN?v=1');
    expect(a).toBe(b);
    expect(heldMessages('zh-CN')).toEqual({ 'app.name': '云桥' });
    expect(someHeldLocale()).toBe('zh-CN');
    expect(seen).toHaveLength(1);
    await loadMessages('zh-CN', '/i18n/zh-CN?v=1');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failure: the next call fetches again', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response('Not Found', { status: 404 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ 'app.name': 'Yunqiao' })));
    vi.stubGlobal('fetch', fetch);
    await expect(loadMessages('en', '/i18n/en')).rejects.toThrow(/404/);
    expect(heldMessages('en')).toBeUndefined();
    await expect(loadMessages('en', '/i18n/en')).resolves.toEqual({ 'app.name': 'Yunqiao' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
