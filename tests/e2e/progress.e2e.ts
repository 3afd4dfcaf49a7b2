import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './harness';

// Issue 14's browser test: the public progress page links its charts as cached SVG images (sent
// once), which must show without JavaScript and give way to the interactive charts with it.

const e2e = useBrowserApp();

describe('public progress page in a real browser', () => {
  it('shows every chart as an image without JavaScript, and revalidates it with a 304', async () => {
    const { context, page } = await e2e.newPage({ javaScriptEnabled: false });
    const images: { url: string; status: number; type: string | undefined }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/charts/counter/'))
        images.push({
          url: response.url(),
          status: response.status(),
          type: response.headers()['content-type'],
        });
    });
    await page.goto(e2e.baseUrl() + '/progress');
    await page.getByTestId('progress-title').waitFor();
    const charts = page.locator('img[data-chart="ssr"]');
    expect(await charts.count()).toBe(4);
    await expect
      .poll(() =>
        charts.evaluateAll((list) =>
          list.every(
            (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
          ),
        ),
      )
      .toBe(true);
    for (const alt of await charts.evaluateAll((list) => list.map((img) => img.getAttribute('alt') ?? '')))
      expect(alt.length).toBeGreaterThan(10);
    expect(images).toHaveLength(4);
    for (const image of images)
      expect(image).toMatchObject({ status: 200, type: 'image/svg+xml; charset=utf-8' });

    // The same URL asked again with its ETag (as a browser revalidating does) is not sent again.
    const first = await page.request.get(images[0]!.url);
    const again = await page.request.get(images[0]!.url, {
      headers: { 'If-None-Match': first.headers().etag! },
    });
    expect(again.status()).toBe(304);
    await screenshot(page, 'progress-no-js');
    await context.close();
  });

  it('draws the interactive charts with JavaScript on a phone, without errors or overflow', async () => {
    const { context, page } = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(e2e.baseUrl() + '/progress');
    await page.locator('[data-testid="chart-prefecture"] [data-chart="live"] svg').first().waitFor();
    expect(await page.locator('img[data-chart="ssr"]').first().isVisible()).toBe(false);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'progress-phone');
    await context.close();
  });
});
