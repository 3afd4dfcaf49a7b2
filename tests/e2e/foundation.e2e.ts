import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../db/seed/demo';
import { screenshot, useBrowserApp } from './harness';

const e2e = useBrowserApp();
const app = {
  get baseUrl() {
    return e2e.baseUrl();
  },
};

const CONSOLE_PATH = {
  sme: '/enterprise',
  provider: '/provider',
  official: '/official',
  admin: '/admin',
} as const;

describe('foundation in a real browser', () => {
  it('renders the home page in Chinese with the campaign counter', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(app.baseUrl + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('云桥');
    expect(await page.getByTestId('campaign-counter').textContent()).toContain('/ 50,000');
    await screenshot(page, 'home-zh');
    await context.close();
  });

  it('renders the home page on a phone-sized screen', async () => {
    const { context, page } = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(app.baseUrl + '/');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone');
    await context.close();
  });

  it('switches to English and remembers the choice', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(app.baseUrl + '/');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').first().textContent()).toContain('Yunqiao');
    await page.goto(app.baseUrl + '/catalog');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'catalog-en');
    await context.close();
  });

  for (const login of DEMO_LOGINS) {
    it(`logs in the demo ${login.role} (${login.email}) and reaches the console`, async () => {
      const { context, page } = await e2e.newPage();
      await page.goto(app.baseUrl + '/login');
      await page.getByLabel('电子邮箱').fill(login.email);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).last().click();
      await page.waitForURL((url) => url.pathname.startsWith(CONSOLE_PATH[login.role]));
      await page.getByTestId('console-title').waitFor();
      await screenshot(page, `console-${login.email.split('@')[0]}`);
      await context.close();
    });
  }

  it('shows the field error for a bad USCC on sign-up and keeps the other input', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(app.baseUrl + '/signup/sme');
    await page.getByLabel('统一社会信用代码').fill('91110000600037341N');
    await page.getByLabel('企业名称').fill('成都浏览器测试机械有限公司');
    await page.getByLabel('所在市州').selectOption('5101');
    await page.getByLabel('所属行业（国民经济行业分类）').selectOption('34');
    await page.getByLabel('联系人姓名').fill('王五');
    await page.getByLabel('电子邮箱').fill('e2e-bad-uscc@example.com');
    await page.getByLabel('密码', { exact: true }).fill('a-long-password');
    await page.getByLabel('确认密码').fill('a-long-password');
    await page.getByLabel('我已阅读并同意《隐私声明》').check();
    await page.getByRole('button', { name: '注册' }).last().click();
    await page.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
    expect(await page.getByLabel('企业名称').inputValue()).toBe('成都浏览器测试机械有限公司');
    expect(await page.getByLabel('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'signup-bad-uscc');
    await context.close();
  });
});
