// Accessibility (issue 13): axe-core on every page each role can reach, at a desktop and a phone
// width, with the WCAG 2.0/2.1 A and AA rules. A serious or critical violation fails the test; every
// page's counts by impact are printed as one table for the closing note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, useBrowserApp } from './harness';

// The harness's server writes its demo database here, so the pages below can name real records.
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-a11y-'));
const dbPath = path.join(dbDir, 'a11y.db');
const e2e = useBrowserApp({ env: () => ({ DATABASE_PATH: dbPath }) });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

type Role = 'anonymous' | 'sme' | 'provider' | 'official-5101' | 'official-province' | 'admin';
const LOGIN: Record<Exclude<Role, 'anonymous'>, string> = {
  sme: 'sme@yunqiao.demo',
  provider: 'provider@yunqiao.demo',
  'official-5101': 'official.chengdu@yunqiao.demo',
  'official-province': 'official@yunqiao.demo',
  admin: 'admin@yunqiao.demo',
};

/** Real ids from the demo database (db/seed/demo*.ts), looked up once the server has seeded it. */
interface DemoIds {
  offeringId: string;
  providerId: string;
  /** The demo SME's order awaiting payment (voucher and payment forms). */
  pendingOrderId: string;
  /** The demo provider's paid order (the "delivered" form). */
  paidOrderId: string;
  disputedOrderId: string;
  /** A request with an open quote (accept / decline, messages). */
  quotedRequestId: string;
  /** A new request (the provider's quote form). */
  newRequestId: string;
  draftOfferingId: string;
  eventId: string;
  programmeId: string;
  campaignId: string;
  /** The pending change to a published offering that proposeDemoRevision() makes (see below). */
  revisionId: string;
  /** Background jobs of an upload each (createJobs() below). */
  importJobId: string;
  reportJobId: string;
}

/**
 * Every page, by route file (app/routes), and who visits it here. Public pages are visited as
 * anonymous: for a signed-in role they differ only in the header, which each role's own pages
 * cover — except the offering page, whose 申请服务 box differs by role. A route file in app/routes
 * that renders a page and is in neither this table nor NOT_PAGES fails the first test.
 */
const PAGES: { route: string; path: string; roles: Role[]; status?: number }[] = [
  { route: '_index', path: '/', roles: ['anonymous'] },
  { route: '$', path: '/no-such-page', roles: ['anonymous'], status: 404 },
  { route: 'login', path: '/login', roles: ['anonymous'] },
  { route: 'signup._index', path: '/signup', roles: ['anonymous'] },
  { route: 'signup.sme', path: '/signup/sme', roles: ['anonymous'] },
  { route: 'signup.provider', path: '/signup/provider', roles: ['anonymous'] },
  { route: 'account.forgot', path: '/account/forgot', roles: ['anonymous'] },
  { route: 'account.reset', path: '/account/reset?token=not-a-token', roles: ['anonymous'] },
  { route: 'catalog._index', path: '/catalog', roles: ['anonymous'] },
  { route: 'catalog._index', path: '/catalog?q=%E5%88%B6%E9%80%A0', roles: ['anonymous'] },
  {
    route: 'catalog.$offeringId',
    path: '/catalog/:offeringId',
    roles: ['anonymous', 'sme', 'provider', 'official-5101', 'admin'],
  },
  { route: 'catalog.$offeringId', path: '/catalog/:offeringId?request=1', roles: ['sme'] },
  { route: 'catalog.fit', path: '/catalog/fit', roles: ['anonymous'] },
  {
    route: 'catalog.fit',
    path: '/catalog/fit?industry=34&prefecture=5101&employees=80&revenueWan=3000',
    roles: ['anonymous'],
  },
  { route: 'providers.$providerId', path: '/providers/:providerId', roles: ['anonymous'] },
  { route: 'progress', path: '/progress', roles: ['anonymous'] },
  { route: 'api.docs', path: '/api/docs', roles: ['anonymous'] },
  { route: 'help._index', path: '/help', roles: ['anonymous'] },
  { route: 'help.levels', path: '/help/levels', roles: ['anonymous'] },
  { route: 'help.orders', path: '/help/orders', roles: ['anonymous'] },
  { route: 'help.vouchers', path: '/help/vouchers', roles: ['anonymous'] },
  { route: 'privacy', path: '/privacy', roles: ['anonymous', 'sme'] },
  {
    route: 'account.password',
    path: '/account/password',
    roles: ['sme', 'provider', 'official-5101', 'admin'],
  },
  {
    route: 'notifications._index',
    path: '/notifications',
    roles: ['sme', 'provider', 'official-5101', 'admin'],
  },
  { route: 'account.data', path: '/account/data', roles: ['sme', 'provider'] },
  { route: 'account.delete', path: '/account/delete', roles: ['sme', 'provider'] },

  { route: 'enterprise._index', path: '/enterprise', roles: ['sme'] },
  { route: 'enterprise.matches', path: '/enterprise/matches', roles: ['sme'] },
  { route: 'enterprise.requests._index', path: '/enterprise/requests', roles: ['sme'] },
  { route: 'enterprise.requests.$requestId', path: '/enterprise/requests/:quotedRequestId', roles: ['sme'] },
  { route: 'enterprise.orders._index', path: '/enterprise/orders', roles: ['sme'] },
  { route: 'enterprise.orders.$orderId', path: '/enterprise/orders/:pendingOrderId', roles: ['sme'] },
  { route: 'enterprise.deployments', path: '/enterprise/deployments', roles: ['sme'] },

  { route: 'provider._index', path: '/provider', roles: ['provider'] },
  { route: 'provider.organisation', path: '/provider/organisation', roles: ['provider'] },
  { route: 'provider.offerings._index', path: '/provider/offerings', roles: ['provider'] },
  { route: 'provider.offerings.new', path: '/provider/offerings/new', roles: ['provider'] },
  {
    route: 'provider.offerings.$offeringId',
    path: '/provider/offerings/:draftOfferingId',
    roles: ['provider'],
  },
  { route: 'provider.offerings.$offeringId', path: '/provider/offerings/:offeringId', roles: ['provider'] },
  { route: 'provider.import', path: '/provider/import', roles: ['provider'] },
  { route: 'provider.import_.$jobId', path: '/provider/import/:importJobId', roles: ['provider'] },
  { route: 'provider.leads._index', path: '/provider/leads', roles: ['provider'] },
  { route: 'provider.leads.$requestId', path: '/provider/leads/:newRequestId', roles: ['provider'] },
  { route: 'provider.orders._index', path: '/provider/orders', roles: ['provider'] },
  { route: 'provider.orders.$orderId', path: '/provider/orders/:paidOrderId', roles: ['provider'] },
  { route: 'provider.deployments._index', path: '/provider/deployments', roles: ['provider'] },
  { route: 'provider.deployments.new', path: '/provider/deployments/new', roles: ['provider'] },
  { route: 'provider.reviews', path: '/provider/reviews', roles: ['provider'] },
  { route: 'provider.analytics', path: '/provider/analytics', roles: ['provider'] },
  { route: 'provider.api-keys', path: '/provider/api-keys', roles: ['provider'] },

  { route: 'official._index', path: '/official', roles: ['official-5101'] },
  { route: 'official.queue', path: '/official/queue', roles: ['official-5101'] },
  { route: 'official.providers._index', path: '/official/providers', roles: ['official-5101'] },
  {
    route: 'official.providers.$providerId',
    path: '/official/providers/:providerId',
    roles: ['official-5101'],
  },
  { route: 'official.offerings._index', path: '/official/offerings', roles: ['official-5101'] },
  {
    route: 'official.offerings.$offeringId',
    path: '/official/offerings/:offeringId',
    roles: ['official-5101'],
  },
  {
    route: 'official.revisions.$revisionId',
    path: '/official/revisions/:revisionId',
    roles: ['official-5101'],
  },
  { route: 'official.enterprises', path: '/official/enterprises?prefecture=5101', roles: ['official-5101'] },
  { route: 'official.dashboard', path: '/official/dashboard?prefecture=5101', roles: ['official-5101'] },
  { route: 'official.dashboard', path: '/official/dashboard', roles: ['official-province'] },
  {
    route: 'official.dashboard_.enterprises',
    path: '/official/dashboard/enterprises?prefecture=5101',
    roles: ['official-5101'],
  },
  { route: 'official.report', path: '/official/report?prefecture=5101', roles: ['official-5101'] },
  { route: 'official.adoption._index', path: '/official/adoption', roles: ['official-5101'] },
  {
    route: 'official.adoption.events.$eventId',
    path: '/official/adoption/events/:eventId',
    roles: ['official-5101'],
  },
  { route: 'official.adoption.upload', path: '/official/adoption/upload', roles: ['official-5101'] },
  {
    route: 'official.adoption.upload_.$jobId',
    path: '/official/adoption/upload/:reportJobId',
    roles: ['official-5101'],
  },
  { route: 'official.adoption.keys', path: '/official/adoption/keys', roles: ['official-5101'] },
  { route: 'official.adoption.fraud', path: '/official/adoption/fraud', roles: ['official-5101'] },
  { route: 'official.disputes._index', path: '/official/disputes', roles: ['official-5101'] },
  {
    route: 'official.disputes.$orderId',
    path: '/official/disputes/:disputedOrderId',
    roles: ['official-5101'],
  },
  { route: 'official.payments', path: '/official/payments', roles: ['official-5101'] },
  { route: 'official.reviews', path: '/official/reviews', roles: ['official-5101'] },
  { route: 'official.vouchers._index', path: '/official/vouchers', roles: ['official-5101'] },
  { route: 'official.vouchers.new', path: '/official/vouchers/new', roles: ['official-5101'] },
  {
    route: 'official.vouchers.$programmeId',
    path: '/official/vouchers/:programmeId',
    roles: ['official-5101'],
  },
  { route: 'official.campaigns._index', path: '/official/campaigns', roles: ['official-5101'] },
  { route: 'official.campaigns.new', path: '/official/campaigns/new', roles: ['official-province'] },
  {
    route: 'official.campaigns.$campaignId',
    path: '/official/campaigns/:campaignId',
    roles: ['official-province'],
  },
  { route: 'official.synonyms', path: '/official/synonyms', roles: ['official-province'] },
  { route: 'official.search-misses', path: '/official/search-misses', roles: ['official-province'] },

  { route: 'admin._index', path: '/admin', roles: ['admin'] },
  { route: 'admin.users.new', path: '/admin/users/new', roles: ['admin'] },
];

/** Route files that render no page of their own: layouts (their pages are above), redirects, actions. */
const NOT_PAGES: Record<string, string> = {
  admin: 'layout',
  enterprise: 'layout',
  provider: 'layout',
  official: 'layout',
  'official.adoption': 'layout',
  lang: 'action, redirects back',
  display: 'action (大字版 switch), redirects back',
  logout: 'action, redirects',
  'account.sessions': 'action, redirects',
  'notifications.$id': 'marks read and redirects to the notification’s link',
};

function pageRouteFiles(): string[] {
  const dir = path.resolve('app/routes');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => f.replace(/\.tsx$/, ''));
}

function demoIds(file: string): DemoIds {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string, ...args: unknown[]) => {
      const row = db.prepare(sql).get(...args) as { id: string } | undefined;
      if (!row) throw new Error(`demo database has no row for: ${sql}`);
      return row.id;
    };
    const providerId = one(
      `select p.id from providers p join users u on u.id = p.owner_user_id where u.email = 'provider@yunqiao.demo'`,
    );
    return {
      providerId,
      offeringId: one(
        `select id from offerings where provider_id = ? and status = 'published' order by id limit 1`,
        providerId,
      ),
      draftOfferingId: one(
        `select id from offerings where provider_id = ? and status = 'draft' order by id limit 1`,
        providerId,
      ),
      pendingOrderId: one(
        `select id from orders where provider_id = ? and status = 'pending_payment' limit 1`,
        providerId,
      ),
      paidOrderId: one(`select id from orders where provider_id = ? and status = 'paid' limit 1`, providerId),
      disputedOrderId: one(
        `select id from orders where provider_id = ? and status = 'disputed' limit 1`,
        providerId,
      ),
      quotedRequestId: one(
        `select id from service_requests where provider_id = ? and status = 'quoted' limit 1`,
        providerId,
      ),
      newRequestId: one(
        `select id from service_requests where provider_id = ? and status = 'new' limit 1`,
        providerId,
      ),
      eventId: one(
        `select e.id from adoption_events e join enterprises n on n.id = e.enterprise_id where n.prefecture = '5101' order by e.seq limit 1`,
      ),
      programmeId: one(`select id from voucher_programmes order by id limit 1`),
      campaignId: one(`select id from campaigns order by starts_on desc limit 1`),
      revisionId: one(
        `select id from offering_revisions where provider_id = ? and status = 'pending' limit 1`,
        providerId,
      ),
      importJobId: one(
        `select id from jobs where kind = 'catalog-import' and finished_at is not null limit 1`,
      ),
      reportJobId: one(
        `select id from jobs where kind = 'adoption-report' and finished_at is not null limit 1`,
      ),
    };
  } finally {
    db.close();
  }
}

interface PageResult {
  role: Role;
  path: string;
  viewport: string;
  status: number | null;
  counts: Record<(typeof IMPACTS)[number], number>;
  /** Serious and critical: rule, impact, first targets — what a failure prints. */
  blocking: string[];
  /** Load and axe run, for keeping this file inside its time budget. */
  ms: number;
}
// Rows as they are measured (a run cut short still shows how far it got); the sorted table at the end.
const PROGRESS_FILE = path.join(SCREENSHOT_DIR, 'a11y-progress.md');
const SUMMARY_FILE = path.join(SCREENSHOT_DIR, 'a11y-summary.md');
const VIOLATIONS_FILE = path.join(SCREENSHOT_DIR, 'a11y-violations.txt');
const TABLE_HEAD = [
  '| role | page | viewport | HTTP | critical | serious | moderate | minor | seconds |',
  '|---|---|---|---|---|---|---|---|---|',
];
const results: PageResult[] = [];

async function checkPage(page: Page, role: Role, urlPath: string, expectedStatus: number) {
  for (const viewport of VIEWPORTS) {
    const started = Date.now();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const response = await page.goto(e2e.baseUrl() + urlPath, { waitUntil: 'load' });
    const status = response?.status() ?? null;
    // Legacy mode runs axe.run() in the page itself: our pages have no iframes, and the default
    // (partial runs finished in a new blank page) doubled the time per page.
    const axe = await new AxeBuilder({ page })
      .withTags(AXE_TAGS)
      .setLegacyMode()
      .options({ resultTypes: ['violations'] })
      .analyze();
    const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    const blocking: string[] = [];
    for (const v of axe.violations) {
      const impact = (v.impact ?? 'minor') as keyof typeof counts;
      counts[impact] += 1;
      if (impact === 'serious' || impact === 'critical')
        blocking.push(
          `${v.id} (${impact}, ${v.nodes.length}×): ${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`)
            .join(' | ')}`,
        );
    }
    if (status !== expectedStatus) blocking.push(`HTTP ${status}, expected ${expectedStatus}`);
    const result = {
      role,
      path: urlPath,
      viewport: viewport.name,
      status,
      counts,
      blocking,
      ms: Date.now() - started,
    };
    results.push(result);
    fs.appendFileSync(PROGRESS_FILE, `${tableRow(result)}\n`);
    if (blocking.length)
      fs.appendFileSync(
        VIOLATIONS_FILE,
        blocking.map((b) => `${role} ${urlPath} [${viewport.name}] ${b}\n`).join(''),
      );
  }
}

function tableRow(r: PageResult) {
  return `| ${r.role} | ${r.path} | ${r.viewport} | ${r.status} | ${r.counts.critical} | ${r.counts.serious} | ${r.counts.moderate} | ${r.counts.minor} | ${(r.ms / 1000).toFixed(1)} |`;
}

function resolvePath(template: string, ids: DemoIds): string {
  return template.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = (ids as unknown as Record<string, string | undefined>)[key];
    if (!value) throw new Error(`no demo id for :${key} in ${template}`);
    return value;
  });
}

/**
 * The demo seed has no offering revision: the provider proposes one through its own form (a new
 * summary for a published offering), so the provider's revision panel and the official's
 * revision page have something to show.
 */
async function proposeDemoRevision(offeringId: string) {
  const { context, page } = await e2e.logIn(LOGIN.provider);
  try {
    await page.goto(`${e2e.baseUrl()}/provider/offerings/${offeringId}`);
    // Typed before hydration, the text could be reset by React and the form sent unchanged.
    await page.waitForLoadState('networkidle');
    const summary = page.getByLabel('简介', { exact: true });
    await summary.fill(`${await summary.inputValue()}（无障碍检查用的修改）`);
    await page.getByRole('button', { name: '提交修改审核' }).click();
    await page.getByRole('button', { name: '更新待审核的修改' }).waitFor();
  } finally {
    await context.close();
  }
}

/**
 * The upload pages answer with a background job's page: the provider imports its own template
 * (valid offerings) and the 成都 official a one-row report that fails its checks (the job page
 * lists the errors; nothing is applied). Both are waited for until finished.
 */
async function createJobs() {
  const provider = await e2e.logIn(LOGIN.provider);
  const official = await e2e.logIn(LOGIN['official-5101']);
  try {
    const template = await provider.page.request.get(`${e2e.baseUrl()}/provider/import/template.json`);
    await provider.page.goto(`${e2e.baseUrl()}/provider/import`);
    await provider.page.waitForLoadState('networkidle');
    await provider.page
      .locator('input[type=file][name=file]')
      .setInputFiles({ name: 'offerings.json', mimeType: 'application/json', buffer: await template.body() });
    await provider.page.locator('form:has(input[type=file]) button[type=submit]').click();
    await provider.page.waitForURL((url) => /^\/provider\/import\/[^/]+$/.test(url.pathname));

    const csv =
      'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on\n' +
      '91510100MA00000000,成都无障碍检查机械有限公司,5101,34,80,3000,2,,2026-11-02\n';
    await official.page.goto(`${e2e.baseUrl()}/official/adoption/upload`);
    await official.page.waitForLoadState('networkidle');
    await official.page
      .locator('input[type=file][name=file]')
      .setInputFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await official.page.locator('form:has(input[type=file]) button[type=submit]').click();
    await official.page.waitForURL((url) => /^\/official\/adoption\/upload\/[^/]+$/.test(url.pathname));
  } finally {
    await provider.context.close();
    await official.context.close();
  }
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const uploads = db.prepare(
      `select kind, status, finished_at from jobs where kind in ('catalog-import', 'adoption-report')`,
    );
    for (const deadline = Date.now() + 60_000; ;) {
      const rows = uploads.all() as { kind: string; status: string; finished_at: string | null }[];
      if (rows.length === 2 && rows.every((r) => r.finished_at)) break;
      if (Date.now() > deadline)
        throw new Error(`upload jobs did not finish in a minute: ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    db.close();
  }
}

const ROLES: Role[] = ['official-5101', 'provider', 'anonymous', 'sme', 'official-province', 'admin'];

/** One context per role; two roles at a time (axe's colour-contrast rule keeps a core busy). */
async function visitAll() {
  const seeded = new Database(dbPath, { readonly: true, fileMustExist: true });
  const published = seeded
    .prepare(
      `select o.id from offerings o join providers p on p.id = o.provider_id join users u on u.id = p.owner_user_id
       where u.email = ? and o.status = 'published' order by o.id limit 1`,
    )
    .pluck()
    .get(LOGIN.provider) as string;
  seeded.close();
  await Promise.all([proposeDemoRevision(published), createJobs()]);
  const ids = demoIds(dbPath);
  const queue = [...ROLES];
  const worker = async () => {
    for (let role = queue.shift(); role; role = queue.shift()) {
      const { context, page } = role === 'anonymous' ? await e2e.newPage() : await e2e.logIn(LOGIN[role]);
      try {
        for (const row of PAGES.filter((p) => p.roles.includes(role!))) {
          await checkPage(page, role, resolvePath(row.path, ids), row.status ?? 200);
        }
      } finally {
        await context.close();
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(PROGRESS_FILE, `${TABLE_HEAD.join('\n')}\n`);
  fs.writeFileSync(VIOLATIONS_FILE, '');
  await visitAll();
}, 900_000);

afterAll(() => {
  const order = (r: PageResult) => ROLES.indexOf(r.role);
  const rows = [...results].sort((a, b) => order(a) - order(b));
  const total = (impact: (typeof IMPACTS)[number]) => results.reduce((n, r) => n + r.counts[impact], 0);
  const seconds = results.reduce((n, r) => n + r.ms, 0) / 1000;
  const table = [
    `axe-core ${AXE_TAGS.join(', ')}: violated rules per page by impact`,
    '',
    ...TABLE_HEAD,
    ...rows.map(tableRow),
    `| **total** | ${results.length} page visits | | | ${IMPACTS.map(total).join(' | ')} | ${seconds.toFixed(0)} |`,
  ].join('\n');
  fs.writeFileSync(SUMMARY_FILE, `${table}\n`);
  console.log(`\n${table}\n(also in ${path.relative(process.cwd(), SUMMARY_FILE)})`);
  fs.rmSync(dbDir, { recursive: true, force: true });
});

describe('axe-core on every page each role can reach', () => {
  it('lists every page route file (a new page needs a row)', () => {
    const listed = new Set([...PAGES.map((p) => p.route), ...Object.keys(NOT_PAGES)]);
    expect(pageRouteFiles().filter((route) => !listed.has(route))).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: no serious or critical violation at 1280×800 and 390×844`, () => {
      const visited = results.filter((r) => r.role === role);
      expect(visited.length).toBeGreaterThan(0);
      const failures = visited.flatMap((r) => r.blocking.map((b) => `${r.path} [${r.viewport}] ${b}`));
      expect(failures).toEqual([]);
    });
  }
});
