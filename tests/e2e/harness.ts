import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/seed/demo';

/**
 * Browser-test harness: the built app (`remix build` runs first in `npm run test:e2e`) served by
 * scripts/start.ts on a free port with a fresh database seeded with the demo data, driven by
 * Debian's Chromium through playwright-core. Never downloads a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningApp {
  baseUrl: string;
  stop: () => Promise<void>;
}

export interface AppOptions {
  /** Extra environment for the server (e.g. the Stripe stand-in's STRIPE_API_BASE). */
  env?: Record<string, string>;
}

export async function startApp(opts: AppOptions = {}): Promise<RunningApp> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: path.join(dir, 'e2e.db'),
      SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // One server process: several test files run at once on two cores, and the cluster has
      // its own test (tests/faults/cluster.test.ts).
      WEB_CONCURRENCY: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-wqy-zenhei (see .ci/run)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  javaScriptEnabled?: boolean;
  locale?: string;
}

/**
 * One browser test file's app and browser: started before its tests, stopped after. Returns
 * helpers for a fresh page (its own context, so cookies do not leak between users) and for a page
 * signed in as a user through the real login form.
 */
export function useBrowserApp(opts: { env?: () => Record<string, string> } = {}) {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({ env: opts.env?.() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const newPage = async (opts: PageOptions = {}) => {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      locale: opts.locale ?? 'zh-CN',
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
    });
    return { context, page: await context.newPage() };
  };
  return {
    baseUrl: () => app.baseUrl,
    newPage,
    /** Signs in through /login (the demo password by default) and waits to leave the login page. */
    async logIn(email: string, opts: PageOptions & { password?: string } = {}) {
      const { context, page } = await newPage(opts);
      await page.goto(app.baseUrl + '/login');
      await page.getByLabel('电子邮箱').fill(email);
      await page.getByLabel('密码').fill(opts.password ?? DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).last().click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return { context, page };
    },
  };
}
