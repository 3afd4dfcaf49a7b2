import { describe, expect, it } from 'vitest';
import * as root from '../../app/root';
import * as display from '../../app/routes/display';
import * as helpIndex from '../../app/routes/help._index';
import * as helpLevels from '../../app/routes/help.levels';
import * as helpOrders from '../../app/routes/help.orders';
import * as helpVouchers from '../../app/routes/help.vouchers';
import { localeCookie } from '../../app/utils/locale.server';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

// Issue 13: the 大字版 switch is remembered like the language (a cookie for a year, SameSite=Lax)
// and sends the reader back to the same page; the root loader reads it for the class on <html>.
// Then the help pages' loaders, in both languages.

const db = useTestDatabase();

async function switchTo(fields: Record<string, string>, cookie?: string) {
  return (await call(() => display.action(routeArgs(formRequest('/display', fields, cookie))))) as Response;
}

/** The cookie pair a browser would send back after `response`. */
function cookieFrom(response: Response): string {
  return (response.headers.get('Set-Cookie') ?? '').split(';')[0]!;
}

async function rootDisplay(cookie?: string) {
  return payloadOf(await call(() => root.loader(routeArgs(getRequest('/catalog', cookie)))))
    .display as string;
}

describe('the large-text switch', () => {
  it('turns large text on for a year and comes back to the same page, query included', async () => {
    const on = await switchTo({ display: 'large', redirectTo: '/catalog?q=MES&page=2' });
    expect(on.status).toBe(302);
    expect(on.headers.get('Location')).toBe('/catalog?q=MES&page=2');
    const setCookie = on.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^yq_display=/);
    expect(setCookie).toMatch(/Max-Age=31536000/);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(await rootDisplay(cookieFrom(on))).toBe('large');
  });

  it('turns it off again, and a visitor without the cookie gets the standard pages', async () => {
    const off = await switchTo({ display: 'standard', redirectTo: '/progress' });
    expect(off.headers.get('Location')).toBe('/progress');
    expect(await rootDisplay(cookieFrom(off))).toBe('standard');
    expect(await rootDisplay()).toBe('standard');
  });

  it('is kept beside the language and a signed-in session', async () => {
    const user = await createTestUser(db(), { role: 'sme' });
    const on = await switchTo({ display: 'large', redirectTo: '/enterprise' }, user.cookie);
    const lang = await localeCookie.serialize('en');
    const data = payloadOf(
      await call(() =>
        root.loader(
          routeArgs(getRequest('/enterprise', `${user.cookie}; ${cookieFrom(on)}; ${lang.split(';')[0]}`)),
        ),
      ),
    );
    expect(data).toMatchObject({ display: 'large', locale: 'en', user: { role: 'sme' } });
  });

  it('only goes back to a local path of at most 512 characters', async () => {
    const long = '/catalog?q=' + 'a'.repeat(512 - '/catalog?q='.length);
    expect(long).toHaveLength(512);
    expect((await switchTo({ display: 'large', redirectTo: long })).headers.get('Location')).toBe(long);
    for (const redirectTo of [
      long + 'a',
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'catalog',
      '',
    ])
      expect((await switchTo({ display: 'large', redirectTo })).headers.get('Location')).toBe('/');
    expect((await switchTo({ display: 'large' })).headers.get('Location')).toBe('/');
  });

  it('changes nothing for a value that is not a display, and never fails', async () => {
    for (const value of ['huge', '', 'LARGE']) {
      const res = await switchTo({ display: value, redirectTo: '/catalog' });
      expect(res.status).toBe(302);
      expect(res.headers.get('Location')).toBe('/catalog');
      expect(res.headers.get('Set-Cookie')).toBeNull();
    }
    const missing = await switchTo({ redirectTo: '/catalog' });
    expect(missing.headers.get('Set-Cookie')).toBeNull();
  });

  it('ignores a cookie it did not write', async () => {
    expect(await rootDisplay('yq_display=bGFyZ2U')).toBe('standard'); // not base64 JSON of a string
    expect(await rootDisplay(`yq_display=${Buffer.from(JSON.stringify('huge')).toString('base64')}`)).toBe(
      'standard',
    );
    expect(await rootDisplay(`yq_display=${Buffer.from(JSON.stringify('large')).toString('base64')}`)).toBe(
      'large',
    );
  });

  it('answers a GET with a redirect home', async () => {
    const res = (await call(() => display.loader())) as Response;
    expect(statusOf(res)).toBe(302);
    expect(res.headers.get('Location')).toBe('/');
  });
});

describe('the help pages', () => {
  const en = async () => (await localeCookie.serialize('en')).split(';')[0]!;
  const load = async (route: { loader: (args: any) => Promise<unknown> }, url: string, cookie?: string) =>
    payloadOf(await call(() => route.loader(routeArgs(getRequest(url, cookie)))));

  it('title each page in the reader’s language', async () => {
    expect((await load(helpIndex, '/help')).title).toBe('帮助中心 · 云桥');
    expect((await load(helpIndex, '/help', await en())).title).toBe('Help · Yunqiao');
    expect((await load(helpVouchers, '/help/vouchers')).title).toBe('上云券是什么、怎么用 · 云桥');
    expect((await load(helpOrders, '/help/orders', await en())).title).toBe(
      'How an order is completed, step by step · Yunqiao',
    );
  });

  it('lists the five adoption levels in order, by the names MIIT’s guide and the catalog use', async () => {
    const zh = await load(helpLevels, '/help/levels');
    expect(zh.steps.map((s: { title: string }) => s.title)).toEqual([
      '基础设施上云',
      '平台系统上云',
      '业务应用上云',
      '工业互联网平台',
      '工业APP',
    ]);
    for (const step of zh.steps) expect(step.paragraphs).toHaveLength(2);
    const english = await load(helpLevels, '/help/levels', await en());
    expect(english.steps.map((s: { title: string }) => s.title)).toEqual([
      'Infrastructure on cloud (IaaS)',
      'Platform systems on cloud (PaaS)',
      'Business applications on cloud (SaaS)',
      'Industrial internet platform',
      'Industrial app',
    ]);
  });

  it('names the buttons and statuses the order pages show', async () => {
    const orders = await load(helpOrders, '/help/orders');
    expect(orders.steps.map((s: { status?: string }) => s.status ?? null)).toEqual([
      '订单状态：待付款',
      null,
      '订单状态：已付款',
      '订单状态：已交付待确认',
      '订单状态：已确认',
    ]);
    expect(orders.steps[0].paragraphs[0]).toContain('“立即订购”');
    expect(orders.steps[2].paragraphs.join('')).toMatch(
      /对公转账.*“转账附言码”.*“确认收款”.*在线支付：点“在线支付”/,
    );
    expect(orders.steps[4].paragraphs[0]).toContain('“确认已交付”');
    expect(orders.sections[0].paragraphs.join('')).toContain('“提出争议”');
    const vouchers = await load(helpVouchers, '/help/vouchers', await en());
    expect(vouchers.sections.find((c: { id: string }) => c.id === 'vouchers-how').paragraphs[1]).toBe(
      'Under “Cloud voucher”, choose a voucher and press “Use voucher”.',
    );
    expect(vouchers.others.map((o: { topic: string }) => o.topic)).toEqual(['levels', 'orders']);
  });
});
