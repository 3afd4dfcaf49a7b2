import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUscc } from '../../app/domain/uscc';
import { screenshot, useBrowserApp } from './harness';

// The marketplace journey in a real browser (Chinese UI, JavaScript on): a new SME signs up, sees
// its matches, requests an offering of the demo provider, gets a reply and a quote, accepts it,
// pays against the order's bank account and reference, the provider marks the payment received
// and reports the delivery, the SME confirms it, and the home page's counter goes up by one.

const e2e = useBrowserApp();
const app = {
  get baseUrl() {
    return e2e.baseUrl();
  },
};

const ENTERPRISE_NAME = '成都云桥旅程测试机械有限公司';
const SME_EMAIL = 'e2e-journey-sme@example.com';
const SME_PASSWORD = 'a-long-journey-password';

/** Today's date in China (UTC+8) as YYYY-MM-DD: the app's own notion of "today". */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The home page's current-campaign counter: the number before "/" in "1,234 / 50,000". */
async function readCounter(page: Page): Promise<number> {
  await page.goto(app.baseUrl + '/');
  const text = (await page.getByTestId('campaign-counter').textContent()) ?? '';
  const match = /([\d,]+)\s*\//.exec(text);
  if (!match) throw new Error(`unexpected counter text: ${JSON.stringify(text)}`);
  return Number((match[1] ?? '').replace(/,/g, ''));
}

describe('marketplace journey in a real browser', () => {
  it('a new SME requests, accepts a quote, pays, and confirms delivery; the counter goes up by one', async () => {
    // 1. The counter before.
    const home = await e2e.newPage();
    const before = await readCounter(home.page);
    await screenshot(home.page, 'journey-01-home-before');

    // 2. A new SME signs up and lands on its console.
    const { context: smeContext, page: sme } = await e2e.newPage();
    await sme.goto(app.baseUrl + '/signup/sme');
    await sme.getByLabel('统一社会信用代码').fill(makeUscc('91', '510100', 'MAJ0URNE1'));
    await sme.getByLabel('企业名称').fill(ENTERPRISE_NAME);
    await sme.getByLabel('所在市州').selectOption('5101');
    await sme.getByLabel('所属行业（国民经济行业分类）').selectOption('34');
    await sme.getByLabel('从业人员（人）').fill('85');
    await sme.getByLabel('上年营业收入（万元）').fill('3200');
    await sme.getByLabel('联系人姓名').fill('李旅程');
    await sme.getByLabel('电子邮箱').fill(SME_EMAIL);
    await sme.getByLabel('密码', { exact: true }).fill(SME_PASSWORD);
    await sme.getByLabel('确认密码').fill(SME_PASSWORD);
    await sme.getByLabel('我已阅读并同意《隐私声明》').check();
    await screenshot(sme, 'journey-02-signup');
    await sme.getByRole('button', { name: '注册' }).last().click();
    await sme.waitForURL((url) => url.pathname === '/enterprise');
    await sme.getByTestId('console-title').waitFor();
    await screenshot(sme, 'journey-02-enterprise');

    // 3. Its matches.
    await sme.goto(app.baseUrl + '/enterprise/matches');
    await sme.getByTestId('match-card').first().waitFor();
    expect(await sme.getByTestId('match-card').count()).toBeGreaterThan(0);
    await screenshot(sme, 'journey-03-matches');

    // 4. One of the demo provider's published offerings, read from its own console.
    const { context: providerContext, page: provider } = await e2e.logIn('provider@yunqiao.demo');
    await provider.goto(app.baseUrl + '/provider/offerings?status=published');
    await provider.getByTestId('console-title').waitFor();
    const offeringLink = provider.locator('tbody tr').first().getByRole('link').first();
    await offeringLink.waitFor();
    const offeringHref = (await offeringLink.getAttribute('href')) ?? '';
    const offeringId = /^\/provider\/offerings\/([^/?#]+)$/.exec(offeringHref)?.[1];
    expect(offeringId, `offering link ${offeringHref}`).toBeTruthy();
    const offeringTitle = ((await offeringLink.textContent()) ?? '').trim();
    await screenshot(provider, 'journey-04-provider-offerings');

    // The SME requests it through 申请服务 on the offering's page.
    await sme.goto(`${app.baseUrl}/catalog/${offeringId}`);
    await sme.getByRole('heading', { level: 1, name: offeringTitle }).waitFor();
    await sme.getByRole('link', { name: '申请服务' }).click();
    await sme.waitForURL((url) => url.searchParams.get('request') === '1');
    await sme.getByRole('heading', { name: '申请服务' }).waitFor();
    await sme
      .getByLabel('需求说明')
      .fill('我们是一家约 85 人的机械加工企业，想把生产排程和设备管理搬到云上，请介绍方案并报价。');
    await sme.getByLabel('平台内消息').check();
    await screenshot(sme, 'journey-04-request-form');
    await sme.getByRole('button', { name: '提交申请' }).click();
    await sme.waitForURL((url) => /^\/enterprise\/requests\/[^/]+$/.test(url.pathname));
    await sme.getByText('申请已发送').waitFor();
    const requestPath = new URL(sme.url()).pathname;
    await screenshot(sme, 'journey-04-request-thread');

    // It is listed in 我的询价.
    await sme.goto(app.baseUrl + '/enterprise/requests');
    const myRequest = sme.getByTestId('request-list').getByRole('link', { name: offeringTitle });
    await myRequest.waitFor();
    expect(await myRequest.getAttribute('href')).toBe(requestPath);
    await screenshot(sme, 'journey-04-my-requests');

    // 5. The provider opens the lead, replies, and sends a quote.
    await provider.goto(app.baseUrl + '/provider/leads');
    await provider.getByTestId('lead-list').getByRole('link', { name: ENTERPRISE_NAME }).first().click();
    await provider.waitForURL((url) => /^\/provider\/leads\/[^/]+$/.test(url.pathname));
    await provider.getByRole('heading', { level: 1, name: ENTERPRISE_NAME }).waitFor();
    await screenshot(provider, 'journey-05-lead');
    const reply = '您好，感谢申请！我们可以先为贵司开通标准版，下面是正式报价。';
    await provider.getByLabel('写消息').fill(reply);
    await provider.getByRole('button', { name: '发送', exact: true }).click();
    await provider.getByText('消息已发送。').waitFor();
    await provider.getByText(reply).waitFor();
    await provider.getByLabel('报价金额（元）').fill('12800');
    await provider.getByLabel('计费方式').selectOption('year');
    await provider.getByLabel('条款说明').fill('含一年技术支持与两次上门培训。');
    await provider.getByLabel('有效期至').fill(todayInChina());
    await provider.getByRole('button', { name: '发送报价' }).click();
    await provider.getByText('报价已发送给企业。').waitFor();
    await screenshot(provider, 'journey-05-quoted');

    // 6. The SME sees the reply and the quote, and accepts it: an order with where and how to pay.
    await sme.goto(app.baseUrl + requestPath);
    await sme.getByText(reply).waitFor();
    await sme.getByText('¥12,800.00').first().waitFor();
    await screenshot(sme, 'journey-06-quote');
    await sme.getByRole('button', { name: '接受报价并下单' }).click();
    await sme.getByText('已接受报价，订单已生成').waitFor();
    await sme.getByRole('link', { name: '查看订单' }).click();
    await sme.waitForURL((url) => /^\/enterprise\/orders\/[^/]+$/.test(url.pathname));
    const orderId = new URL(sme.url()).pathname.split('/').pop() ?? '';
    await sme.getByTestId('payment-reference').waitFor();
    const reference = ((await sme.getByTestId('payment-reference').textContent()) ?? '').trim();
    expect(reference.length).toBeGreaterThan(0);
    const payment = sme.locator('section[aria-labelledby="order-payment"]');
    for (const label of ['开户名称', '开户行', '账号']) {
      await payment.getByText(label, { exact: true }).waitFor();
    }
    expect(await payment.textContent()).toContain('中国工商银行成都高新技术产业开发区支行');
    expect(((await sme.getByTestId('account-no').textContent()) ?? '').replace(/\s/g, '')).toMatch(/^\d{8,40}$/);
    expect(await sme.getByTestId('console-title').textContent()).toContain(reference);
    expect(await sme.getByText('待付款').first().isVisible()).toBe(true);
    await screenshot(sme, 'journey-06-order');

    // 7. The provider marks the payment received, then reports the delivery.
    await provider.goto(`${app.baseUrl}/provider/orders/${orderId}`);
    await provider.getByTestId('console-title').waitFor();
    expect(await provider.getByTestId('payment-reference').textContent()).toContain(reference);
    await provider.getByLabel('到账流水号或凭证号').fill('ICBC-20261206-0001');
    await provider.getByRole('button', { name: '确认收款' }).click();
    await provider.getByText('已确认收款，企业会收到通知。').waitFor();
    await screenshot(provider, 'journey-07-paid');
    await provider.getByLabel('上线日期').fill(todayInChina());
    await provider.getByRole('button', { name: '报告交付' }).click();
    await provider.getByText('已报告交付，等待企业确认。').waitFor();
    await screenshot(provider, 'journey-07-delivered');

    // 8. The SME confirms the delivery.
    await sme.goto(`${app.baseUrl}/enterprise/orders/${orderId}`);
    await sme.getByRole('button', { name: '确认已交付' }).click();
    await sme.getByText('已确认交付，上云记录已核验。').waitFor();
    await expect
      .poll(() => sme.getByTestId('console-title').locator('xpath=..').textContent())
      .toContain('已确认');
    expect(await sme.getByRole('button', { name: '确认已交付' }).count()).toBe(0);
    await screenshot(sme, 'journey-08-confirmed');

    // 9. The counter is exactly one more.
    expect(await readCounter(home.page)).toBe(before + 1);
    await screenshot(home.page, 'journey-09-home-after');

    await providerContext.close();
    await smeContext.close();
    await home.context.close();
  }, 180_000);
});
