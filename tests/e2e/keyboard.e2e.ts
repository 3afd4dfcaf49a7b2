// Keyboard-only journeys (issue 13): SME sign-up, catalog search, and 申请服务 as a signed-in SME,
// driven with page.keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, typing; no clicks, no
// fill). Every stop of the tab order must show a focus indicator; the skip link is the first stop
// and moves focus to <main>; a failed submit moves focus to the first invalid field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../app/domain/uscc';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { screenshot, useBrowserApp } from './harness';

// The server's demo database, read for an offering the demo SME has not asked about yet.
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-keyboard-'));
const dbPath = path.join(dbDir, 'keyboard.db');
const e2e = useBrowserApp({ env: () => ({ DATABASE_PATH: dbPath }) });
afterAll(() => fs.rmSync(dbDir, { recursive: true, force: true }));

interface Focused {
  tag: string;
  id: string;
  name: string;
  type: string;
  href: string;
  text: string;
  invalid: string | null;
  inMain: boolean;
  /** A focus ring the eye can see: an outline or a box-shadow (Tailwind's ring), on a box that is on screen. */
  visible: boolean;
  style: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return {
        tag: 'BODY',
        id: '',
        name: '',
        type: '',
        href: '',
        text: '',
        invalid: null,
        inMain: false,
        visible: false,
        style: '',
      };
    const cs = getComputedStyle(el);
    // Tailwind's outline-none is a 2px *transparent* outline, and its ring a box-shadow layer:
    // only a painted colour counts.
    const painted = (color: string) => !/^(transparent|rgba\(.*,\s*0\))$/.test(color.trim());
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && painted(cs.outlineColor);
    const shadow =
      cs.boxShadow !== 'none' &&
      cs.boxShadow.split(/,(?![^(]*\))/).some((layer) => {
        const color = layer.match(/rgba?\([^)]*\)/)?.[0] ?? '';
        const lengths = layer.replace(color, '').trim().split(/\s+/).map(parseFloat);
        // x y blur spread: a ring is a spread, a glow a blur.
        return painted(color) && ((lengths[2] ?? 0) > 0 || (lengths[3] ?? 0) > 0);
      });
    const rect = el.getBoundingClientRect();
    const onScreen = rect.width > 1 && rect.height > 1 && rect.bottom > 0 && rect.right > 0;
    return {
      tag: el.tagName,
      id: el.id,
      name: el.getAttribute('name') ?? '',
      type: el.getAttribute('type') ?? '',
      href: el.getAttribute('href') ?? '',
      text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
      invalid: el.getAttribute('aria-invalid'),
      inMain: Boolean(el.closest('main')),
      visible: onScreen && (outline || shadow),
      style: `outline: ${cs.outlineStyle} ${cs.outlineWidth}; box-shadow: ${cs.boxShadow}; ${Math.round(rect.width)}×${Math.round(rect.height)}`,
    };
  });
}

const describeStop = (f: Focused) =>
  `${f.tag}${f.id ? `#${f.id}` : ''}${f.name ? `[name=${f.name}]` : ''} "${f.text}" (${f.style})`;

/** One Tab (or Shift+Tab); the element it lands on must show a focus indicator. */
async function tab(page: Page, opts: { back?: boolean } = {}) {
  await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  const f = await focused(page);
  expect(f.visible, `no visible focus indicator on ${describeStop(f)}`).toBe(true);
  return f;
}

/**
 * Presses Tab until the focused element matches (at once if it already does), checking the focus
 * indicator at every stop on the way. Fails when it is not reached within `max` stops.
 */
async function tabTo(page: Page, match: (f: Focused) => boolean, opts: { max?: number } = {}) {
  const current = await focused(page);
  if (match(current)) return current;
  const stops: string[] = [];
  for (let i = 0; i < (opts.max ?? 60); i++) {
    const f = await tab(page);
    stops.push(describeStop(f));
    if (match(f)) return f;
  }
  throw new Error(`not reached by keyboard; stops:\n${stops.join('\n')}`);
}
const named = (name: string) => (f: Focused) => f.name === name;

/** Selects an option of the focused <select> with the arrow keys (a closed select changes value on ArrowDown). */
async function arrowToValue(page: Page, value: string) {
  for (let i = 0; i < 120; i++) {
    if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option ${value} not reached with ArrowDown`);
}

/** Replaces the focused field's text as a keyboard user does: select all, then type. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** The skip link: the first Tab stop, visible when focused; Enter moves focus to <main id="main">. */
async function useSkipLink(page: Page) {
  const first = await tab(page);
  expect(first.tag).toBe('A');
  expect(first.href).toBe('#main');
  expect(first.text).toBe('跳到主要内容');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  // The next Tab continues inside the main content, past the header's links.
  const next = await tab(page);
  expect(next.inMain, `first stop after the skip link: ${describeStop(next)}`).toBe(true);
  return next;
}

async function waitForHydration(page: Page) {
  // Conform's client validation and the catalog's live search need React running.
  await page.waitForFunction(() => '__remixContext' in window && document.readyState === 'complete');
  await page.waitForLoadState('networkidle');
}

describe('keyboard-only journeys', () => {
  it('signs an SME up: skip link, focus on the first invalid field after each failed submit', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(e2e.baseUrl() + '/signup/sme');
    await waitForHydration(page);
    await useSkipLink(page);

    const uscc = makeUscc('91', '510100', `KB${String(Date.now() % 1e7).padStart(7, '0')}`);
    const wrongCheck = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');
    await tabTo(page, named('uscc'));
    await page.keyboard.type(wrongCheck);
    await tabTo(page, named('name'));
    await page.keyboard.type('成都键盘测试机械有限公司');
    // Enter in a text field submits the form: the browser checks it first (Conform), nothing is sent.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).name).toBe('uscc');
    expect((await focused(page)).invalid).toBe('true');
    expect(await page.getByText('统一社会信用代码校验位不正确，请核对').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/signup/sme');

    // Corrected, then every field in tab order; the e-mail is the demo SME's, which only the server knows.
    await retype(page, uscc);
    await tabTo(page, named('prefecture'));
    await arrowToValue(page, '5101');
    await tabTo(page, named('industry'));
    await arrowToValue(page, '34');
    await tabTo(page, named('employees'));
    await page.keyboard.type('80');
    await tabTo(page, named('revenueWan'));
    await page.keyboard.type('3000');
    await tabTo(page, named('displayName'));
    await page.keyboard.type('赵键盘');
    await tabTo(page, named('email'));
    await page.keyboard.type('sme@yunqiao.demo');
    await tabTo(page, named('password'));
    await page.keyboard.type('keyboard-only-2026');
    await tabTo(page, named('passwordConfirm'));
    await page.keyboard.type('keyboard-only-2026');
    await tabTo(page, named('acceptPrivacy'));
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.type === 'submit' && f.text === '注册');
    await page.keyboard.press('Enter');
    // The server's answer (email taken) also lands focus on its field.
    await page.getByText('该邮箱已注册').waitFor();
    await expect.poll(async () => (await focused(page)).name).toBe('email');
    expect((await focused(page)).invalid).toBe('true');
    await screenshot(page, 'keyboard-signup-server-error');

    await retype(page, `keyboard-${Date.now()}@example.com`);
    // The passwords are not sent back by the server: typed again.
    await tabTo(page, named('password'));
    await page.keyboard.type('keyboard-only-2026');
    await tabTo(page, named('passwordConfirm'));
    await page.keyboard.type('keyboard-only-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/enterprise');
    await context.close();
  });

  it('searches the catalog and opens a result', async () => {
    const { context, page } = await e2e.newPage();
    await page.goto(e2e.baseUrl() + '/catalog');
    await waitForHydration(page);
    await useSkipLink(page);
    const box = await tabTo(page, (f) => f.id === 'catalog-q');
    expect(box.tag).toBe('INPUT');
    await page.keyboard.type('设备');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '设备');
    await expect.poll(() => page.getByTestId('results-count').textContent()).toContain('设备');
    // Focus stays in the search box, so the query can be refined.
    expect((await focused(page)).id).toBe('catalog-q');
    // Onwards to the first result's title link, past the filters; Enter opens the offering.
    const result = await tabTo(
      page,
      (f) => f.tag === 'A' && /^\/catalog\/[^/?]+$/.test(f.href) && !f.href.startsWith('/catalog/fit'),
      { max: 120 },
    );
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === result.href);
    // A client-side navigation changes the URL before React swaps the page: wait until the catalog's
    // search box is gone, or the next Tab may land on a catalog element that is then removed.
    await page.locator('#catalog-q').waitFor({ state: 'detached' });
    await page.locator('h1').first().waitFor();
    // Shift+Tab walks back with the indicator too.
    await tab(page);
    await tab(page);
    await tab(page, { back: true });
    await context.close();
  });

  it('requests an offering as a signed-in SME, with focus on the first invalid field', async () => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const offeringId = db
      .prepare(
        `select o.id from offerings o join providers p on p.id = o.provider_id
         where o.status = 'published' and p.status = 'approved'
           and not exists (select 1 from service_requests r join enterprises e on e.id = r.enterprise_id
                           join users u on u.id = e.owner_user_id where r.offering_id = o.id and u.email = 'sme@yunqiao.demo')
         order by o.id limit 1`,
      )
      .pluck()
      .get() as string;
    db.close();

    const { context, page } = await e2e.newPage();
    // Signing in by keyboard too, and straight back to the offering.
    await page.goto(
      `${e2e.baseUrl()}/login?${new URLSearchParams({ redirectTo: `/catalog/${offeringId}` })}`,
    );
    await waitForHydration(page);
    await useSkipLink(page);
    await tabTo(page, (f) => f.type === 'email');
    await page.keyboard.type('sme@yunqiao.demo');
    await tabTo(page, (f) => f.type === 'password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/catalog/${offeringId}`);
    // The URL changes before the new page is on screen: wait until it is, as the user does.
    await page.getByTestId('request-open').waitFor();
    await waitForHydration(page);

    await useSkipLink(page);
    await tabTo(page, (f) => f.tag === 'A' && f.text === '申请服务');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('request') === '1');
    // The opened form takes focus at its heading, so the next Tab is its first field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('request-title');
    expect((await tab(page)).name).toBe('message');
    await page.keyboard.type('太短');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === '提交申请');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).name).toBe('message');
    expect((await focused(page)).invalid).toBe('true');
    await screenshot(page, 'keyboard-request-error');

    await page.keyboard.type('，我们有 20 台注塑机，想了解设备联网方案和报价。');
    // The contact preference: the radio group is one Tab stop; the arrows choose within it.
    const radio = await tabTo(page, named('contact'));
    expect(radio.type).toBe('radio');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === '提交申请');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/enterprise/requests/'));
    await page.getByText('太短，我们有 20 台注塑机').first().waitFor();
    await context.close();
  });
});
