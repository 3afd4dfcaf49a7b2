import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness';

// Issue 13: a page fetches its reader's language only, still hydrates, and its forms still show the
// server's field errors in that language (the browser no longer checks them with zod).

const e2e = useBrowserApp();
const hydrated = () => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true;

describe('what a page downloads', () => {
  it('fetches one language’s messages, hydrates, and switches language without a page load', async () => {
    const { context, page } = await e2e.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/i18n/')) fetched.push(url.pathname + url.search);
    });
    await page.goto(e2e.baseUrl() + '/catalog');
    await page.waitForFunction(hydrated);
    // The preload in <head> and entry.client's fetch are one request.
    expect(fetched).toEqual([expect.stringMatching(/^\/i18n\/zh-CN\?v=[\w-]+$/)]);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // Text and <html lang> change together, once the English messages are here.
    expect(await page.locator('h1').first().textContent()).toContain('Service catalog');
    expect(fetched).toContainEqual(expect.stringMatching(/^\/i18n\/en\?v=[\w-]+$/));
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await context.close();
  });

  it('shows the server’s field errors in the reader’s language after a failed submit', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(e2e.baseUrl() + '/login');
    await page.waitForFunction(hydrated);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.getByText('此项为必填项').first().waitFor();
    expect(await page.getByText('此项为必填项').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByLabel('电子邮箱').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await context.close();
  });
});
