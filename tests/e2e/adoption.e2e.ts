import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUscc } from '../../app/domain/uscc';
import { screenshot, useBrowserApp } from './harness';

// The adoption ledger in a real browser: a prefecture report in GB18030 moves the home counter;
// a bad file lists its rows; a provider's key works once shown; a reported deployment is confirmed
// by the enterprise's own account.

const e2e = useBrowserApp();
const app = {
  get baseUrl() {
    return e2e.baseUrl();
  },
};

async function homeCount(page: Page): Promise<number> {
  await page.goto(app.baseUrl + '/');
  const text = (await page.getByTestId('campaign-counter').textContent()) ?? '';
  return Number((/([\d,]+)\s*\//.exec(text)?.[1] ?? '0').replace(/,/g, ''));
}

const HEADER =
  'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on';

describe('adoption ledger in a real browser', () => {
  it('a provincial official uploads a GB18030 report and the counter grows', async () => {
    const { context, page } = await e2e.logIn('official@yunqiao.demo');
    const before = await homeCount(page);
    const rows = [1, 2, 3].map(
      (i) =>
        `${makeUscc('91', '510700', `MAE2E000${i}`)},绵阳浏览器测试${i}号有限公司,5107,39,${i * 10},${i * 100},业务应用上云,,2026/6/${i}`,
    );
    await page.goto(app.baseUrl + '/official/adoption/upload');
    await page.getByTestId('console-title').waitFor();
    await page.getByLabel('报表文件（CSV 或 XLSX）').setInputFiles({
      name: '绵阳市2026年上云企业.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode([HEADER, ...rows].join('\r\n'), 'gb18030'),
    });
    await page.getByRole('button', { name: '检查并导入' }).click();
    await page.getByTestId('upload-done').waitFor();
    expect(await page.getByTestId('upload-done').textContent()).toContain('新增 3 条');
    await screenshot(page, 'adoption-upload-done');
    expect(await homeCount(page)).toBe(before + 3);
    await context.close();
  });

  it('a bad report lists every bad row with its line number and changes nothing', async () => {
    const { context, page } = await e2e.logIn('official.chengdu@yunqiao.demo');
    const before = await homeCount(page);
    const csv = [
      HEADER,
      `${makeUscc('91', '510100', 'MAE2E0101')},好企业,5101,34,,,saas,,2021-05-05`,
      `91110000600037341N,坏企业,5103,34,,,cloud,,2021-05-05`,
    ].join('\n');
    await page.goto(app.baseUrl + '/official/adoption/upload');
    await page
      .getByLabel('报表文件（CSV 或 XLSX）')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '检查并导入' }).click();
    const table = page.getByTestId('upload-errors');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('统一社会信用代码校验位不正确');
    expect(text).toContain('该行市州不在您的管辖范围内');
    expect(await table.locator('tbody th').allTextContents()).toEqual(['3', '3', '3']);
    await screenshot(page, 'adoption-upload-errors');
    expect(await homeCount(page)).toBe(before);
    await context.close();
  });

  it('a provider creates an API key, shown once, and reports a deployment the enterprise confirms', async () => {
    const sme = await e2e.logIn('sme@yunqiao.demo');
    const uscc = ((await sme.page.getByTestId('enterprise-uscc').textContent()) ?? '').trim();
    expect(uscc).toHaveLength(18);

    const provider = await e2e.logIn('provider@yunqiao.demo');
    await provider.page.goto(app.baseUrl + '/provider/api-keys');
    await provider.page.getByLabel('密钥名称').fill('浏览器测试');
    await provider.page.getByRole('button', { name: '创建密钥' }).click();
    const key = ((await provider.page.getByTestId('new-api-key').locator('code').textContent()) ?? '').trim();
    expect(key).toMatch(/^yq_/);
    await provider.page.reload();
    expect(await provider.page.getByTestId('new-api-key').count()).toBe(0);

    await provider.page.goto(app.baseUrl + '/provider/deployments/new');
    await provider.page.getByLabel('服务产品').selectOption({ index: 1 });
    await provider.page.getByLabel('统一社会信用代码').fill(uscc);
    await provider.page.getByLabel('企业名称').fill('演示企业');
    await provider.page.getByLabel('所在市州').selectOption('5101');
    await provider.page.getByLabel('所属行业（国民经济行业分类）').selectOption('34');
    await provider.page.getByLabel('上线日期').fill('2022-03-01');
    await provider.page.getByRole('button', { name: '提交报备' }).click();
    await provider.page.waitForURL((url) => url.pathname === '/provider/deployments');
    await provider.page.getByTestId('deployment-list').waitFor();
    await screenshot(provider.page, 'adoption-provider-deployments');

    await sme.page.goto(app.baseUrl + '/enterprise/deployments');
    await sme.page.getByRole('button', { name: '确认属实' }).first().click();
    await sme.page.getByText('已确认，该记录已核验。').waitFor();
    await screenshot(sme.page, 'adoption-enterprise-confirmed');
    await provider.context.close();
    await sme.context.close();
  });
});
