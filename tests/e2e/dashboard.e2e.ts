import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUscc } from '../../app/domain/uscc';
import { screenshot, useBrowserApp } from './harness';

// Issue 4's browser test: an official uploads a GB18030 prefecture report and sees the
// dashboard's counter, prefecture table and choropleth map change.

const e2e = useBrowserApp();
const app = {
  get baseUrl() {
    return e2e.baseUrl();
  },
};

const toNumber = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, '') || '0');

/** What the server rendered: counter total, Mianyang's row and the map's SVG (read without JavaScript). */
async function readDashboard(page: Page) {
  await page.goto(app.baseUrl + '/official/dashboard');
  await page.getByTestId('console-title').waitFor();
  return {
    total: toNumber(await page.getByTestId('counter-total').textContent()),
    mianyang: toNumber(
      await page.locator('[data-testid="by-prefecture-table"] tr[data-row="5107"] td').last().textContent(),
    ),
    map: await page.locator('[data-testid="chart-prefecture"] svg').first().innerHTML(),
  };
}

describe('officials’ dashboard in a real browser', () => {
  it('shows the counter, the prefecture table and the map change after a GB18030 upload', async () => {
    const { context, page } = await e2e.logIn('official@yunqiao.demo', {
      viewport: { width: 1280, height: 1000 },
      javaScriptEnabled: false,
    });
    const before = await readDashboard(page);
    expect(before.map).toContain('<path');

    const rows = [1, 2, 3, 4].map(
      (i) =>
        `${makeUscc('91', '510700', `MAD5H000${i}`)},绵阳地图测试${i}号机械有限公司,5107,34,${i * 20},${i * 300},平台系统上云,,2026/3/${i}`,
    );
    const csv = [
      'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on',
      ...rows,
    ].join('\r\n');
    await page.goto(app.baseUrl + '/official/adoption/upload');
    await page.getByLabel('报表文件（CSV 或 XLSX）').setInputFiles({
      name: '绵阳市2026年一季度.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(csv, 'gb18030'),
    });
    await page.getByRole('button', { name: '检查并导入' }).click();
    await page.getByTestId('upload-done').waitFor();

    const after = await readDashboard(page);
    expect(after.total).toBe(before.total + 4);
    expect(after.mianyang).toBe(before.mianyang + 4);
    expect(after.map).not.toBe(before.map);
    await screenshot(page, 'dashboard-after-upload');
    await context.close();
  });

  it('renders interactive charts with JavaScript on, and a phone-sized layout', async () => {
    const { context, page } = await e2e.logIn('official@yunqiao.demo', {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(app.baseUrl + '/official/dashboard');
    await page.getByTestId('chart-prefecture').waitFor();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.waitForTimeout(1000);
    expect(errors).toEqual([]);
    await screenshot(page, 'dashboard-phone');
    await context.close();
  });
});
