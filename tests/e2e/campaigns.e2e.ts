import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './harness';

// Issue 8's browser test: a provincial official creates a campaign in the console; its counts are
// built in the background (计算中 until done) and the dashboard offers it.

const browser = useBrowserApp();

describe('campaigns in a real browser', () => {
  it('an official creates a campaign and the dashboard offers it', async () => {
    const { context, page } = await browser.logIn('official@yunqiao.demo');
    const app = { baseUrl: browser.baseUrl() };

    await page.goto(app.baseUrl + '/official/campaigns');
    // The demo's current campaign is listed and marked as such.
    await expect
      .poll(() => page.locator('tr[data-campaign="sc-2025-2027"]').textContent())
      .toContain('当前活动');
    await page.getByRole('link', { name: '新建统计活动' }).click();
    await page.getByLabel('活动编号').fill('sc-2026-special');
    await page.getByLabel('名称（中文）').fill('2026年制造业上云专项行动');
    await page.getByLabel('名称（英文）').fill('2026 Manufacturing Cloud Drive');
    await page.getByLabel('新增上云企业目标（家）').fill('8000');
    await page.getByLabel('开始日期').fill('2026-01-01');
    await page.getByLabel('结束日期（含当日）').fill('2026-12-31');
    // A wrong window is refused in plain words first.
    await page.getByLabel('结束日期（含当日）').fill('2025-12-31');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByText('结束日期不能早于开始日期').waitFor();
    await page.getByLabel('结束日期（含当日）').fill('2026-12-31');
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL((url) => url.pathname === '/official/campaigns');
    await page.getByText('统计活动已创建').waitFor();
    const row = page.locator('tr[data-campaign="sc-2026-special"]');
    // Built between requests: the page follows it until it is done.
    await expect
      .poll(() => row.getByTestId('campaign-status').textContent(), { timeout: 30_000 })
      .toContain('已完成统计');
    await screenshot(page, 'campaigns-list');

    await page.goto(app.baseUrl + '/official/dashboard');
    // It started most recently, so it is the current campaign and the dashboard's default.
    const select = page.getByLabel('统计活动');
    expect(await select.locator('option').allTextContents()).toContain('2026年制造业上云专项行动');
    expect(await select.inputValue()).toBe('sc-2026-special');
    await select.selectOption('sc-2020-2022');
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL((url) => url.searchParams.get('campaign') === 'sc-2020-2022');
    expect(await page.getByTestId('console-title').textContent()).toContain('企业上云进度');
    await screenshot(page, 'campaigns-dashboard');
    await context.close();
  });
});
