import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUscc } from '../../app/domain/uscc';
import { screenshot, useBrowserApp } from './harness';
import { startStripeStandIn, type StripeStandIn } from './stripe-standin';

// Issue 10's journey in a real browser (Chinese UI): a new SME orders a priced plan, applies the
// demo's cloud voucher (上云券), pays the rest through Stripe Checkout — the server talks to a
// loopback stand-in of Stripe's API (STRIPE_API_BASE), the test delivers the signed webhook as
// Stripe would — the counter moves by one, the provider delivers, the SME confirms and reviews the
// offering, and the review shows on the offering's page.

let stripe: StripeStandIn;
beforeAll(async () => {
  stripe = await startStripeStandIn();
});
afterAll(async () => {
  await stripe?.stop();
});
const e2e = useBrowserApp({ env: () => stripe.env });

const ENTERPRISE_NAME = '成都云桥支付旅程测试机械有限公司';
const SME_EMAIL = 'e2e-pay-sme@example.com';
const SME_PASSWORD = 'a-long-payment-password';
const REVIEW = '上线很顺利，在线支付和上云券都很方便，客服响应及时。';

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function readCounter(page: Page): Promise<number> {
  await page.goto(e2e.baseUrl() + '/');
  const text = (await page.getByTestId('campaign-counter').textContent()) ?? '';
  const match = /([\d,]+)\s*\//.exec(text);
  if (!match) throw new Error(`unexpected counter text: ${JSON.stringify(text)}`);
  return Number((match[1] ?? '').replace(/,/g, ''));
}

const yuan = (text: string | null) => Number((/¥([\d,]+\.\d\d)/.exec(text ?? '')?.[1] ?? 'NaN').replace(/,/g, ''));

describe('voucher, online payment and review in a real browser', () => {
  it('an SME applies a voucher, pays the rest through Stripe Checkout, the counter moves, and its review shows', async () => {
    const base = e2e.baseUrl();
    const home = await e2e.newPage();
    const before = await readCounter(home.page);

    // 1. A new SME (small, in Chengdu) signs up.
    const { context: smeContext, page: sme } = await e2e.newPage();
    await sme.goto(base + '/signup/sme');
    await sme.getByLabel('统一社会信用代码').fill(makeUscc('91', '510100', 'MAPAYJRN1'));
    await sme.getByLabel('企业名称').fill(ENTERPRISE_NAME);
    await sme.getByLabel('所在市州').selectOption('5101');
    await sme.getByLabel('所属行业（国民经济行业分类）').selectOption('34');
    await sme.getByLabel('从业人员（人）').fill('85');
    await sme.getByLabel('上年营业收入（万元）').fill('3200');
    await sme.getByLabel('联系人姓名').fill('赵支付');
    await sme.getByLabel('电子邮箱').fill(SME_EMAIL);
    await sme.getByLabel('密码', { exact: true }).fill(SME_PASSWORD);
    await sme.getByLabel('确认密码').fill(SME_PASSWORD);
    await sme.getByLabel('我已阅读并同意《隐私声明》').check();
    await sme.getByRole('button', { name: '注册' }).last().click();
    await sme.waitForURL((url) => url.pathname === '/enterprise');

    // 2. One of the demo provider's published offerings with a priced plan: 立即订购.
    const { context: providerContext, page: provider } = await e2e.logIn('provider@yunqiao.demo');
    await provider.goto(base + '/provider/offerings?status=published');
    const links = provider.locator('tbody tr').getByRole('link');
    await links.first().waitFor();
    const ids = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
      .map((href) => /^\/provider\/offerings\/([^/?#]+)$/.exec(href)?.[1])
      .filter((id): id is string => !!id);
    let offeringId: string | null = null;
    for (const id of ids) {
      await sme.goto(`${base}/catalog/${id}`);
      if ((await sme.getByRole('button', { name: /^订购“/ }).count()) > 0) {
        offeringId = id;
        break;
      }
    }
    expect(offeringId, 'a demo offering with a priced plan').toBeTruthy();
    await screenshot(sme, 'pay-01-offering');
    await sme.getByRole('button', { name: /^订购“/ }).first().click();
    await sme.waitForURL((url) => /^\/enterprise\/orders\/[^/]+$/.test(url.pathname));
    await sme.getByText('订单已生成').waitFor();
    const orderId = new URL(sme.url()).pathname.split('/').pop()!;
    const facts = sme.locator('section[aria-labelledby="order-facts"]');

    // 3. The demo's provincial voucher (30%) on the unpaid order: the SME pays only the rest.
    const voucher = sme.getByTestId('order-voucher');
    await voucher.getByLabel(/四川省中小企业上云券（演示）/).check();
    await voucher.getByRole('button', { name: '使用上云券' }).click();
    await sme.getByText('上云券已使用，应付金额已更新。').waitFor();
    await screenshot(sme, 'pay-02-voucher');
    expect(await facts.textContent()).toContain('−¥');

    // 4. 在线支付: the browser goes to the (stand-in) Checkout page for exactly the payable amount.
    await sme.getByTestId('pay-online').click();
    await sme.waitForURL((url) => url.href.startsWith(stripe.base + '/pay/'));
    const sessionId = ((await sme.getByTestId('session').textContent()) ?? '').trim();
    const session = stripe.fake.sessions.get(sessionId)!;
    expect(session.currency).toBe('cny');
    expect(session.client_reference_id).toBe(orderId);
    expect(session.payment_method_types).toEqual(['card', 'alipay', 'wechat_pay']);
    expect(session.success_url).toBe(`${base}/enterprise/orders/${orderId}?paid=1`);
    await screenshot(sme, 'pay-03-checkout');

    // 5. Stripe tells the server (signed webhook); the SME comes back to a paid order.
    const delivered = await stripe.deliverPaid(base, sessionId);
    expect(delivered.status).toBe(200);
    await sme.goto(session.success_url as string);
    await sme.getByText('已付款').first().waitFor();
    await screenshot(sme, 'pay-04-paid');
    const paidFacts = (await facts.textContent()) ?? '';
    expect(yuan(paidFacts.slice(paidFacts.indexOf('应付')))).toBe(Number(session.amount_total) / 100);

    // 6. An online payment verifies on its own: the counter is one more.
    expect(await readCounter(home.page)).toBe(before + 1);

    // 7. The provider reports the delivery; the SME confirms it.
    await provider.goto(`${base}/provider/orders/${orderId}`);
    await provider.getByLabel('上线日期').fill(todayInChina());
    await provider.getByRole('button', { name: '报告交付' }).click();
    await provider.getByText('已报告交付，等待企业确认。').waitFor();
    await sme.goto(`${base}/enterprise/orders/${orderId}`);
    await sme.getByRole('button', { name: '确认已交付' }).click();
    await sme.getByText('已确认交付').first().waitFor();
    expect(await readCounter(home.page)).toBe(before + 1);

    // 8. The SME reviews the offering; the review shows on its page with the average.
    await sme.goto(`${base}/enterprise/orders/${orderId}`);
    await sme.getByLabel('评分').selectOption('5');
    await sme.getByLabel('评价内容').fill(REVIEW);
    await sme.getByRole('button', { name: '提交评价' }).click();
    await sme.getByText('评价已提交，谢谢！').waitFor();
    await sme.goto(`${base}/catalog/${offeringId}`);
    await sme.getByText(REVIEW).waitFor();
    expect(await sme.locator('section[aria-labelledby="offering-reviews"]').textContent()).toContain('条评价');
    await screenshot(sme, 'pay-05-review');

    await providerContext.close();
    await smeContext.close();
    await home.context.close();
  }, 180_000);
});
