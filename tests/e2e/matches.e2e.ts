import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, useBrowserApp } from './harness';

// The match pages in a real browser, on the demo data: a visitor finds what fits a firm like
// theirs from the catalog (with and without JavaScript), and the demo SME sees its own
// recommendations on its console.

const e2e = useBrowserApp();
const app = {
  get baseUrl() {
    return e2e.baseUrl();
  },
};

async function fillFitForm(page: Page) {
  await page.getByLabel('所属行业（国民经济行业分类）').selectOption('34');
  await page.getByLabel('所在市州').selectOption('5101');
  await page.getByLabel('从业人员（人）').fill('85');
  await page.getByLabel('上年营业收入（万元）').fill('3200');
}

describe('match pages in a real browser', () => {
  it('a visitor goes from the catalog to 找适合我的 and sees matches with reasons', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(app.baseUrl + '/catalog');
    await page.getByTestId('fit-callout').waitFor();
    await screenshot(page, 'matches-catalog-callout');
    await page.getByTestId('fit-callout').getByRole('link', { name: '找适合我的' }).click();
    await page.waitForURL((url) => url.pathname === '/catalog/fit');
    await page.getByRole('heading', { level: 1, name: '找适合我的' }).waitFor();

    // Nothing chosen: the errors say what is missing, in words, and no request is needed for it.
    await page.getByRole('button', { name: '查看推荐' }).click();
    await page.getByText('请选择企业所属的行业').waitFor();
    await page.getByText('请选择企业所在的市州').waitFor();
    expect(await page.getByLabel('所属行业（国民经济行业分类）').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'matches-fit-errors');

    await fillFitForm(page);
    // The size class as on sign-up: 工业, 85 persons and 3,200 万元 is 小型.
    expect(await page.getByTestId('size-preview').textContent()).toContain('小型');
    await page.getByRole('button', { name: '查看推荐' }).click();
    await page.waitForURL((url) => url.searchParams.get('industry') === '34');
    await page.getByTestId('match-list').waitFor();

    const cards = page.getByTestId('match-card');
    expect(await cards.count()).toBeGreaterThan(0);
    const first = cards.first();
    expect((await first.getByTestId('match-reasons').locator('li').count()) > 0).toBe(true);
    expect(await first.getByTestId('match-price').textContent()).toMatch(/¥[\d,]+\.\d{2} 起|面议/);
    expect(await page.getByTestId('match-basis').textContent()).toContain('成都市');
    // The link goes to the offering's page.
    const href = (await first.getByRole('link').first().getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/catalog\/[^/]+$/);
    await screenshot(page, 'matches-fit');

    // The URL is shareable: opened afresh it shows the same form and matches.
    const shared = page.url();
    const other = await e2e.newPage();
    await other.page.goto(shared);
    expect(await other.page.getByLabel('从业人员（人）').inputValue()).toBe('85');
    expect(await other.page.getByTestId('match-card').count()).toBe(await cards.count());
    await other.context.close();

    await first.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === href);
    await context.close();
  });

  it('the form works without JavaScript, errors included, and on a phone', async () => {
    const { context, page } = await e2e.newPage({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    await page.goto(app.baseUrl + '/catalog/fit');
    await page.getByLabel('从业人员（人）').fill('-3');
    await page.getByRole('button', { name: '查看推荐' }).click();
    await page.waitForURL((url) => url.searchParams.has('industry'));
    await page.getByText('请选择企业所属的行业').waitFor();
    expect(await page.getByLabel('从业人员（人）').inputValue()).toBe('-3');

    await fillFitForm(page);
    await page.getByRole('button', { name: '查看推荐' }).click();
    await page.waitForURL((url) => url.searchParams.get('employees') === '85');
    await page.getByTestId('match-list').waitFor();
    expect(await page.getByTestId('size-preview').textContent()).toContain('小型');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'matches-fit-phone-nojs');
    await context.close();
  });

  it('the demo SME sees its own recommendations on the console home and on 为您推荐', async () => {
    const { context, page } = await e2e.logIn('sme@yunqiao.demo');
    await page.waitForURL((url) => url.pathname.startsWith('/enterprise'));

    const home = page.getByTestId('home-matches');
    await home.waitFor();
    const homeCards = home.getByTestId('match-card');
    expect(await homeCards.count()).toBeGreaterThan(0);
    expect(await homeCards.count()).toBeLessThanOrEqual(3);
    // One reason each on the home page.
    expect(await homeCards.first().getByTestId('match-reasons').locator('li').count()).toBe(1);
    await screenshot(page, 'matches-sme-home');

    await page
      .getByRole('navigation', { name: '企业工作台' })
      .getByRole('link', { name: '为您推荐' })
      .click();
    await page.waitForURL((url) => url.pathname === '/enterprise/matches');
    await page.getByTestId('console-title').waitFor();
    expect(await page.getByTestId('match-basis').textContent()).toContain('成都市');
    expect(await page.getByTestId('match-basis').textContent()).toContain('通用设备制造业');
    expect(await page.getByTestId('match-card').count()).toBeGreaterThan(0);
    await page.getByTestId('match-peers').waitFor();
    await screenshot(page, 'matches-sme');

    // Narrow by a level and a budget: the URL keeps them and every card is of that level.
    await page.getByLabel('业务应用上云').check();
    await page.getByLabel('每月预算（元）').fill('500');
    await page.getByRole('button', { name: '更新推荐' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('level') === 'saas' && url.searchParams.get('budget') === '500',
    );
    await page.getByTestId('results-count').waitFor();
    const cards = page.getByTestId('match-card');
    const n = await cards.count();
    if (n === 0) {
      await page.getByTestId('empty-state').waitFor();
    } else {
      for (let i = 0; i < n; i++) expect(await cards.nth(i).textContent()).toContain('业务应用上云');
    }
    expect(await page.getByLabel('业务应用上云').isChecked()).toBe(true);
    await screenshot(page, 'matches-sme-filtered');
    await context.close();
  });
});
