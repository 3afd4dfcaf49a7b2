import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './harness';

// Issue 13, "Open API description", on the built app: the document is served as OpenAPI 3.1 JSON,
// and /api/docs shows every operation of it in the browser, with no script from elsewhere (the CSP
// forbids them), no console error, and no sideways scrolling on a phone.

const e2e = useBrowserApp();

async function documentOf() {
  const response = await fetch(`${e2e.baseUrl()}/api/openapi.json`);
  return {
    response,
    doc: (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> },
  };
}

describe('API description on the running app', () => {
  it('serves /api/openapi.json as OpenAPI 3.1 JSON', async () => {
    const { response, doc } = await documentOf();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/orders/{orderId}/cancel', '/webhooks/stripe']),
    );
  });

  it('shows every documented operation at /api/docs with no script and no console error', async () => {
    const { doc } = await documentOf();
    const operationCount = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const { context, page } = await e2e.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${e2e.baseUrl()}/api/docs`);
    expect(await page.locator('h1').textContent()).toBe('云桥 API 文档');
    expect(await page.locator('article[id] h3').count()).toBe(operationCount);
    // A static page: no script at all, so nothing from elsewhere either.
    expect(await page.locator('script').count()).toBe(0);
    expect(
      await page
        .locator('link[rel="stylesheet"]')
        .evaluateAll((els) =>
          els.map((e) => (e as HTMLLinkElement).href).filter((h) => !h.startsWith(location.origin)),
        ),
    ).toEqual([]);
    // An example opens without JavaScript of its own (<details>), and shows its request.
    const example = page.locator('#orderCancel details').first();
    await example.locator('summary').click();
    await expect
      .poll(() => example.locator('pre').first().textContent())
      .toContain('POST /api/orders/ordpending000001/cancel');
    expect(problems).toEqual([]);
    await screenshot(page, 'api-docs');
    await context.close();
  });

  it('fits a phone-sized screen', async () => {
    const { context, page } = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${e2e.baseUrl()}/api/docs`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'api-docs-phone');
    await context.close();
  });
});
