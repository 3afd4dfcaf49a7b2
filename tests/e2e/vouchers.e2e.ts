import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserApp } from './harness';

// Cloud vouchers (上云券) in a real browser: a Chengdu official creates a programme for Chengdu with
// the console form (its prefecture is fixed) and sees its report; the demo SME (in Chengdu) sees it
// and the demo's provincial programme on its unpaid order, applies one on a phone-width screen
// without JavaScript, and pays only the rest.

const e2e = useBrowserApp();

describe('cloud vouchers in a real browser', () => {
  it('a prefecture official creates a programme; the SME applies it on its unpaid order and pays only the rest', async () => {
    const { context: officialContext, page: official } = await e2e.logIn('official.chengdu@yunqiao.demo');
    const base = e2e.baseUrl();
    await official.goto(base + '/official');
    await official.getByRole('link', { name: '上云券' }).click();
    await official.waitForURL((url) => url.pathname === '/official/vouchers');
    // The demo's provincial programme is listed for a prefecture official too.
    await official.getByRole('link', { name: '四川省中小企业上云券（演示）' }).waitFor();
    await official.getByRole('link', { name: '新建上云券' }).click();
    await official.getByLabel('名称').fill('成都市制造业上云券');
    await official.getByLabel('补贴方式').selectOption('fixed');
    await official.getByLabel('每单补贴金额（元）').fill('500');
    await official.getByLabel('每单补贴上限（元）').fill('500');
    await official.getByLabel('企业首次申领上限（元）').fill('500');
    await official.getByLabel('此后各次申领合计上限（元）').fill('0');
    await official.getByLabel('总预算（元）').fill('100000');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await official.getByLabel('有效期开始').fill(today);
    await official.getByLabel('有效期结束').fill('2020-01-01');
    await official.getByLabel('付款后确认交付期限（天）').fill('20');
    expect(await official.getByTestId('fixed-prefecture').textContent()).toContain('成都市');
    // A wrong window is refused in plain words first.
    await official.getByRole('button', { name: '创建' }).click();
    await official.getByText('结束日期不能早于开始日期').waitFor();
    await official.getByLabel('有效期结束').fill('2099-12-31');
    await official.getByRole('button', { name: '创建' }).click();
    await official.waitForURL((url) => /^\/official\/vouchers\/[a-z0-9]+$/.test(url.pathname));
    await official.getByText('上云券已创建。').waitFor();
    expect(await official.getByTestId('total-budget').textContent()).toBe('¥100,000.00');
    await official.getByRole('table', { name: '按市州' }).waitFor();
    await official.getByText('创建上云券', { exact: false }).first().waitFor();
    await screenshot(official, 'vouchers-official-programme');
    const programmePath = new URL(official.url()).pathname;

    // The SME, on a phone, without JavaScript: its unpaid order offers both programmes.
    const { context: smeContext, page: sme } = await e2e.logIn('sme@yunqiao.demo', {
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    await sme.goto(base + '/enterprise/orders?status=pending_payment');
    await sme.getByRole('link', { name: '查看' }).first().click();
    const voucher = sme.getByTestId('order-voucher');
    await voucher.getByText('成都市制造业上云券').waitFor();
    await voucher.getByText('四川省中小企业上云券（演示）').waitFor();
    await screenshot(sme, 'vouchers-sme-order-before');
    await voucher.getByLabel(/成都市制造业上云券/).check();
    await voucher.getByRole('button', { name: '使用上云券' }).click();
    await sme.getByText('上云券已使用，应付金额已更新。').waitFor();
    expect(await sme.getByTestId('voucher-status').textContent()).toContain('付款后请按期确认交付');
    const facts = sme.locator('section[aria-labelledby="order-facts"]');
    expect(await facts.textContent()).toContain('−¥500.00');
    expect(await sme.getByTestId('order-history').textContent()).toContain('使用上云券');
    await screenshot(sme, 'vouchers-sme-order-after');
    await smeContext.close();

    // The official's report now holds the committed ¥500 in Chengdu.
    await official.goto(base + programmePath);
    expect(await official.getByTestId('total-committed').textContent()).toBe('¥500.00');
    const csv = await official.request.get(base + programmePath + '/report.csv');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('市州,5101,成都市,,500.00,0.00,0.00,,1');
    await officialContext.close();
  });
});
