import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './harness';

// Issue 11 in a real browser: "log out everywhere" from the account page ends the session on
// another device too, and the forgot-password page answers the same for any email.

const e2e = useBrowserApp();

describe('sessions in a real browser', () => {
  it('logs out everywhere: the other device is sent to the login page', async () => {
    const laptop = await e2e.logIn('sme@yunqiao.demo');
    const phone = await e2e.logIn('sme@yunqiao.demo', { viewport: { width: 390, height: 844 } });

    await laptop.page.goto(e2e.baseUrl() + '/account/password');
    await laptop.page.getByRole('button', { name: '在所有设备上退出登录' }).click();
    await laptop.page.waitForURL((url) => url.pathname === '/login');
    await expect.poll(() => laptop.page.getByRole('status').first().textContent()).toContain('您已在所有设备上退出登录');
    await screenshot(laptop.page, 'sessions-logged-out-everywhere');

    await phone.page.goto(e2e.baseUrl() + '/enterprise');
    await phone.page.waitForURL((url) => url.pathname === '/login');
    await laptop.context.close();
    await phone.context.close();
  });

  it('answers the forgot-password form the same for an unknown email, on a phone', async () => {
    const { context, page } = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(e2e.baseUrl() + '/login');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL((url) => url.pathname === '/account/forgot');
    await page.getByLabel('电子邮箱').fill('nobody-here@example.com');
    await page.getByRole('button', { name: '发送重设链接' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('如果该邮箱已注册');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'forgot-password-phone');
    await context.close();
  });
});
