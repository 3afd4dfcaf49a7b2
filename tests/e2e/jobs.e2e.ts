import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../app/domain/uscc';
import { usccBody } from '../../scripts/bench/counter-seed';
import { screenshot, useBrowserApp } from './harness';

// Issue 12 in a real browser, against `npm start` (which runs the background-job worker): an upload
// answers at once with the job's page, whose <progress> bar follows the job and then gives way to
// the report — with JavaScript (the page polls /api/jobs/:id) and without (it reloads itself).

const e2e = useBrowserApp();
const HEADER =
  'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on';

function report(rows: number, tag: string): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${makeUscc('92', '510100', usccBody(tag, i))},浏览器任务测试${tag}${i}有限公司,5101,34,${i % 200},${i % 900},saas,,2024/5/${1 + (i % 28)}`,
    );
  return Buffer.from(lines.join('\n'));
}

async function upload(page: Awaited<ReturnType<typeof e2e.logIn>>['page'], name: string, buffer: Buffer) {
  await page.goto(e2e.baseUrl() + '/official/adoption/upload');
  await page.getByLabel('报表文件（CSV 或 XLSX）').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: '检查并导入' }).click();
  await page.waitForURL((url) => /^\/official\/adoption\/upload\/[0-9a-z]{16}$/.test(url.pathname));
}

describe('background jobs in a real browser', () => {
  it('a large report shows its progress bar on a phone, then the report', async () => {
    const { context, page } = await e2e.logIn('official.chengdu@yunqiao.demo', {
      viewport: { width: 390, height: 844 },
    });
    await upload(page, '成都大报表.csv', report(20_000, 'JB'));
    // The job's page, answered before the report is applied.
    await page.getByTestId('job-progress').waitFor();
    expect(await page.locator('progress[aria-label="处理进度"]').count()).toBe(1);
    await screenshot(page, 'job-progress-phone');
    await page.getByTestId('upload-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('upload-done').textContent()).toContain('新增 20000 条');
    expect(await page.getByTestId('job-progress').count()).toBe(0);
    // Listed under the upload page's recent uploads.
    await page.getByRole('link', { name: '上传另一个文件' }).click();
    expect(await page.getByTestId('recent-jobs').textContent()).toContain('成都大报表.csv');
    // The page fits a phone: nothing wider than the viewport.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('without JavaScript the job page reloads itself until the report is there', async () => {
    const { context, page } = await e2e.logIn('official.chengdu@yunqiao.demo', { javaScriptEnabled: false });
    await upload(page, '无脚本.csv', report(20_000, 'JN'));
    // First the progress, with a link to reload by hand …
    await page.getByTestId('job-progress').waitFor();
    expect(await page.getByTestId('job-refresh').getAttribute('href')).toMatch(
      /^\/official\/adoption\/upload\//,
    );
    // … then, after the page has reloaded itself, the report.
    await page.getByTestId('upload-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('upload-done').textContent()).toContain('新增 20000 条');
    await context.close();
  });
});
