/**
 * Demo data: one login per role, a vetted provider pool with a published catalog, and a
 * configurable number of enterprises. Deterministic (fixed seed, ids derived from indexes)
 * and safe to re-run: every insert is ON CONFLICT DO NOTHING on the natural keys (email,
 * USCC, provider + externalId), so a second run adds nothing and a larger
 * `enterprises` count only adds the missing rows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../../app/utils/password.server';
import { PRIVACY_NOTICE_VERSION } from '../../app/domain/privacy-notice';
import { OUT_OF_PROVINCE, PREFECTURES } from '../../app/domain/prefectures';
import { classifyEnterpriseSize, sectorOfIndustry } from '../../app/domain/enterprise-size';
import type { Db } from '../client.server';
import { auditLog, offeringPlans, offerings, officialScopes, providers, users } from '../schema';
import {
  OFFERING_TEMPLATES,
  fakeEnterprise,
  fakeOffering,
  fakeProviderDetails,
  makeSeedUscc,
  providerIdentity,
  regionCodeOf,
  seedId,
  templatesForProfile,
  type OfferingTemplate,
} from './factories';
import { createRng, hashSeed, type Rng } from './random';
import { seedDemoAdoption } from './demo-adoption';
import { seedDemoMarketplace } from './demo-marketplace';
import { seedDemoVouchers } from './demo-vouchers';

export const DEMO_SEED = 20_200_101;
export const DEMO_PASSWORD = 'Yunqiao@2026';
export const DEMO_ENTERPRISES_DEFAULT = 2000;
export const DEMO_ENTERPRISES_MAX = 1_000_000;

export type DemoRole = 'admin' | 'official' | 'provider' | 'sme';

export const DEMO_LOGINS: { role: DemoRole; email: string; note: string }[] = [
  { role: 'admin', email: 'admin@yunqiao.demo', note: 'Platform administrator' },
  { role: 'official', email: 'official@yunqiao.demo', note: 'Provincial official (whole province)' },
  { role: 'official', email: 'official.chengdu@yunqiao.demo', note: 'Prefecture official, Chengdu (5101)' },
  {
    role: 'provider',
    email: 'provider@yunqiao.demo',
    note: 'Owner of an approved provider with published offerings',
  },
  {
    role: 'provider',
    email: 'provider.pending@yunqiao.demo',
    note: "Owner of a provider awaiting vetting ('applied')",
  },
  { role: 'sme', email: 'sme@yunqiao.demo', note: 'Owner of an enterprise in Chengdu (5101), industry 34' },
];

const DISPLAY_NAMES: Record<string, string> = {
  'admin@yunqiao.demo': '平台管理员',
  'official@yunqiao.demo': '李明（省经信厅）',
  'official.chengdu@yunqiao.demo': '陈静（成都市经信局）',
  'provider@yunqiao.demo': '周杰',
  'provider.pending@yunqiao.demo': '吴磊',
  'sme@yunqiao.demo': '刘强',
};
const OFFICIAL_SCOPES: Record<string, string | null> = {
  'official@yunqiao.demo': null,
  'official.chengdu@yunqiao.demo': '5101',
};

// The provider pool: index 0 is the demo provider; 30 approved (a third in Chengdu, four
// out of province), then 3 applied (the first is provider.pending's) and 1 rejected.
const OUT = OUT_OF_PROVINCE;
// prettier-ignore
const APPROVED_LOCATIONS = [
  '5101', '5101', '5107', '5106', '5101', '5115', OUT, '5101', '5105', '5113',
  '5101', '5104', '5107', '5101', OUT, '5111', '5106', '5101', '5103', '5117',
  '5101', OUT, '5114', '5109', '5101', '5108', '5101', OUT, '5120', '5101',
];
const PROVIDER_POOL: readonly { location: string; status: 'approved' | 'applied' | 'rejected' }[] = [
  ...APPROVED_LOCATIONS.map((location) => ({ location, status: 'approved' as const })),
  { location: '5101', status: 'applied' },
  { location: '5107', status: 'applied' },
  { location: OUT, status: 'applied' },
  { location: '5110', status: 'rejected' },
];
const DEMO_PROVIDER = 0;
const PENDING_PROVIDER = 30;
const PUBLISHED_TOTAL = 150;
const REJECTION_REASON = '营业执照扫描件与统一社会信用代码不一致，请核对后重新提交。';

// The demo provider's catalog: one published offering per level (equipment-manufacturing
// flavoured, to match the demo SME), plus work in progress for the provider console.
const DEMO_PROVIDER_CATALOG: readonly {
  key: string;
  status: 'published' | 'draft' | 'submitted' | 'rejected';
}[] = [
  { key: 'ecs', status: 'published' },
  { key: 'iot-hub', status: 'published' },
  { key: 'mes', status: 'published' },
  { key: 'erp', status: 'published' },
  { key: 'platform-equipment', status: 'published' },
  { key: 'predictive-maintenance', status: 'published' },
  { key: 'wms', status: 'draft' },
  { key: 'quality-trace', status: 'draft' },
  { key: 'aps', status: 'submitted' },
  { key: 'ems', status: 'submitted' },
  { key: 'office-oa', status: 'rejected' },
];
const OFFERING_REJECTION_REASON = '套餐说明不完整：请写明各版本包含的用户数和实施服务范围。';

const ENTERPRISE_CHUNK = 5000;

export interface SeedDemoOptions {
  /** How many enterprises (default 2,000); the demo SME's enterprise is the first. */
  enterprises?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoResult {
  /** Rows this run inserted (0 everywhere when the demo data was already there). */
  created: { users: number; providers: number; offerings: number; enterprises: number };
}

export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const total = opts.enterprises ?? DEMO_ENTERPRISES_DEFAULT;
  if (!Number.isInteger(total) || total < 1 || total > DEMO_ENTERPRISES_MAX) {
    throw new RangeError(`enterprises must be an integer from 1 to ${DEMO_ENTERPRISES_MAX}, got ${total}`);
  }
  const created = { users: 0, providers: 0, offerings: 0, enterprises: 0 };

  // argon2 is deliberately slow: hash once, and only when a demo user is missing.
  const emails = DEMO_LOGINS.map((l) => l.email);
  const existing = db.select({ email: users.email }).from(users).where(inArray(users.email, emails)).all();
  const passwordHash = existing.length < emails.length ? await hashPassword(DEMO_PASSWORD) : '';

  const userIds = db.$client.transaction(() => {
    const ids = seedUsers(db, passwordHash, created);
    seedProviders(db, ids, created);
    return ids;
  })();

  await seedEnterprises(db, total, userIds.get('sme@yunqiao.demo') ?? null, created, opts.onProgress);
  seedDemoAdoption(db);
  seedDemoMarketplace(db);
  seedDemoVouchers(db);

  db.insert(auditLog)
    .values({
      actorUserId: null,
      action: 'seed.demo',
      targetType: 'database',
      targetId: 'demo',
      detail: { seed: DEMO_SEED, enterprises: total, created },
    })
    .run();
  return { created };
}

/** Inserts the demo logins; returns email → id of the rows as they are in the database. */
function seedUsers(db: Db, passwordHash: string, created: SeedDemoResult['created']): Map<string, string> {
  const ids = new Map<string, string>();
  DEMO_LOGINS.forEach((login, k) => {
    if (passwordHash) {
      const result = db
        .insert(users)
        .values({
          id: seedId('user', k),
          email: login.email,
          passwordHash,
          role: login.role,
          displayName: DISPLAY_NAMES[login.email] ?? login.email,
          // The demo logins have accepted the notice in force (a fixed time keeps the seed deterministic).
          privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
          privacyAcceptedAt: `${PRIVACY_NOTICE_VERSION}T00:00:00.000Z`,
        })
        .onConflictDoNothing()
        .run();
      created.users += result.changes;
    }
    const row = db.select({ id: users.id }).from(users).where(eq(users.email, login.email)).get();
    if (!row) throw new Error(`demo user ${login.email} could not be created`);
    ids.set(login.email, row.id);
  });
  for (const [email, prefecture] of Object.entries(OFFICIAL_SCOPES)) {
    const userId = ids.get(email);
    if (userId) db.insert(officialScopes).values({ userId, prefecture }).onConflictDoNothing().run();
  }
  return ids;
}

/** A deterministic timestamp `day` days after 2025-01-06, during office hours (UTC+8). */
function isoAt(day: number, rng: Rng): string {
  const ms = Date.UTC(2025, 0, 6, rng.int(1, 9), rng.int(0, 59), rng.int(0, 59));
  return new Date(ms + day * 86_400_000).toISOString();
}

/** How many published offerings each approved provider lists: 6 for the demo one, 150 in all. */
function publishedCounts(rng: Rng, approved: number): number[] {
  const counts = Array.from({ length: approved }, (_, p) => (p === DEMO_PROVIDER ? 6 : rng.int(3, 7)));
  const adjustable = counts.map((_, p) => p).filter((p) => p !== DEMO_PROVIDER);
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== PUBLISHED_TOTAL) {
    const p = rng.pick(adjustable);
    const c = counts[p] ?? 0;
    if (sum < PUBLISHED_TOTAL && c < 9) counts[p] = c + 1;
    else if (sum > PUBLISHED_TOTAL && c > 2) counts[p] = c - 1;
    else continue;
    sum += sum < PUBLISHED_TOTAL ? 1 : -1;
  }
  return counts;
}

function seedProviders(db: Db, userIds: Map<string, string>, created: SeedDemoResult['created']) {
  const approvedCount = PROVIDER_POOL.filter((p) => p.status === 'approved').length;
  const counts = publishedCounts(createRng(hashSeed(DEMO_SEED, 'published-counts')), approvedCount);
  const byKey = new Map(OFFERING_TEMPLATES.map((t) => [t.key, t]));
  const template = (key: string) => {
    const t = byKey.get(key);
    if (!t) throw new Error(`no offering template ${key}`);
    return t;
  };
  let offeringIndex = 0;

  PROVIDER_POOL.forEach(({ location, status }, p) => {
    const rng = createRng(hashSeed(DEMO_SEED, 'provider', p));
    const uscc = makeSeedUscc('seed-provider', p, regionCodeOf(location, p));
    const owner =
      p === DEMO_PROVIDER
        ? userIds.get('provider@yunqiao.demo')
        : p === PENDING_PROVIDER
          ? userIds.get('provider.pending@yunqiao.demo')
          : undefined;
    const since = status === 'approved' ? isoAt(rng.int(0, 40), rng) : undefined;
    const result = db
      .insert(providers)
      .values({
        id: seedId('provider', p),
        uscc,
        ...fakeProviderDetails(rng, p, location),
        ...(p === DEMO_PROVIDER ? { certifications: ['mlps3', 'iso27001', 'itss'] } : {}),
        status,
        statusReason: status === 'rejected' ? REJECTION_REASON : null,
        ownerUserId: owner ?? null,
        ...(since ? { createdAt: since, updatedAt: since } : {}),
      })
      .onConflictDoNothing()
      .run();
    created.providers += result.changes;
    if (status !== 'approved') return;

    const providerId = db
      .select({ id: providers.id })
      .from(providers)
      .where(eq(providers.uscc, uscc))
      .get()?.id;
    if (!providerId) throw new Error(`provider ${uscc} could not be created`);
    const who = { ...providerIdentity(p, location), prefecture: location };
    const catalog: {
      template: OfferingTemplate;
      status: (typeof DEMO_PROVIDER_CATALOG)[number]['status'];
    }[] =
      p === DEMO_PROVIDER
        ? DEMO_PROVIDER_CATALOG.map((c) => ({
            template: template(c.key),
            status: c.status,
          }))
        : rng
            .sample(templatesForProfile(who.profile), counts[p] ?? 0)
            .map((template) => ({ template, status: 'published' as const }));

    for (const item of catalog) {
      const o = offeringIndex++;
      const orng = createRng(hashSeed(DEMO_SEED, 'offering', p, item.template.key));
      const { offering, plans } = fakeOffering(orng, item.template, who);
      const day = rng.int(45, 290);
      const createdAt = isoAt(day - orng.int(3, 30), orng);
      const submittedAt = item.status === 'draft' ? null : isoAt(day - orng.int(1, 2), orng);
      const publishedAt = item.status === 'published' ? isoAt(day, orng) : null;
      const inserted = db
        .insert(offerings)
        .values({
          ...offering,
          id: seedId('offering', o),
          providerId,
          externalId: item.template.key,
          status: item.status,
          reviewReason: item.status === 'rejected' ? OFFERING_REJECTION_REASON : null,
          submittedAt,
          publishedAt,
          createdAt,
          updatedAt: publishedAt ?? submittedAt ?? createdAt,
        })
        .onConflictDoNothing()
        .run();
      // Plans are only written with a new offering: a re-run must not touch edited ones.
      if (inserted.changes === 0) continue;
      created.offerings += 1;
      const offeringId = db
        .select({ id: offerings.id })
        .from(offerings)
        .where(and(eq(offerings.providerId, providerId), eq(offerings.externalId, item.template.key)))
        .get()?.id as string;
      db.insert(offeringPlans)
        .values(
          plans.map((plan, position) => ({
            ...plan,
            id: seedId('plan', o * 16 + position),
            offeringId,
            position,
          })),
        )
        .onConflictDoNothing()
        .run();
    }
  });
}

/**
 * Enterprise `i` is a pure function of (seed, i). Index 0 is the demo SME's company;
 * 1–21 take each 市州 in turn so every prefecture has enterprises; the rest are drawn
 * with Chengdu weighted most.
 */
function enterpriseRow(i: number, smeUserId: string | null) {
  const rng = createRng(hashSeed(DEMO_SEED, 'enterprise', i));
  const fixed =
    i === 0
      ? { prefecture: '5101', industry: '34' }
      : i <= PREFECTURES.length
        ? { prefecture: PREFECTURES[i - 1]?.code }
        : {};
  const e = fakeEnterprise(rng, fixed);
  if (i === 0) {
    Object.assign(e, {
      name: '成都鑫达精密机械有限公司',
      employees: 86,
      revenueWan: 1860.5,
      onCloudBeforeCampaign: false,
    });
    e.sizeClass = classifyEnterpriseSize({
      sector: sectorOfIndustry('34'),
      employees: 86,
      revenueWan: 1860.5,
    });
  }
  return [
    seedId('enterprise', i),
    makeSeedUscc('seed-enterprise', i, `${e.prefecture}00`),
    e.name,
    e.prefecture,
    e.industry,
    e.employees ?? null,
    e.revenueWan ?? null,
    e.sizeClass,
    e.onCloudBeforeCampaign ? 1 : 0,
    i === 0 ? smeUserId : null,
  ] as const;
}

async function seedEnterprises(
  db: Db,
  total: number,
  smeUserId: string | null,
  created: SeedDemoResult['created'],
  onProgress?: (done: number, total: number) => void,
) {
  // Raw prepared statement in 5,000-row transactions: drizzle's builder costs more per row
  // than SQLite does, and 150,000 rows must stay well under a minute.
  const insert = db.$client.prepare(
    `INSERT INTO enterprises (id, uscc, name, prefecture, industry, employees, revenue_wan, size_class,
       on_cloud_before_campaign, owner_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertChunk = db.$client.transaction((from: number, to: number) => {
    let changes = 0;
    for (let i = from; i < to; i++) changes += insert.run(...enterpriseRow(i, smeUserId)).changes;
    return changes;
  });
  for (let from = 0; from < total; from += ENTERPRISE_CHUNK) {
    const to = Math.min(total, from + ENTERPRISE_CHUNK);
    created.enterprises += insertChunk(from, to);
    onProgress?.(to, total);
    // Let timers (progress bars, a server's other work) run between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The demo logins as a table (for `npm run seed` and the server's start-up banner). */
export function printDemoLogins(write: (line: string) => void = console.log): void {
  const rows = DEMO_LOGINS.map((l) => [l.role, l.email, DEMO_PASSWORD, l.note]);
  const header = ['role', 'email', 'password', 'note'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}`.trimEnd();
  write('Demo logins:');
  write(line(header));
  write(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) write(line(r));
}
