import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyEnterpriseSize, sectorOfIndustry } from '../../app/domain/enterprise-size';
import { PREFECTURES } from '../../app/domain/prefectures';
import { parseUscc } from '../../app/domain/uscc';
import { verifyPassword } from '../../app/utils/password.server';
import { openDatabase, type Db } from '../client.server';
import { runMigrations } from '../migrate';
import { enterprises, offerings, providers } from '../schema';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './demo';
import {
  OFFERING_TEMPLATES,
  buildEnterpriseInput,
  buildOfferingInput,
  buildOfferingPlanInputs,
  buildProviderInput,
  makeSeedUscc,
  seedId,
} from './factories';
import { createRng } from './random';

const LEVELS = ['iaas', 'paas', 'saas', 'platform', 'industrial-app'];

let dir: string;
const opened: Db[] = [];

function freshDb(name: string): Db {
  const db = openDatabase(path.join(dir, `${name}.db`));
  opened.push(db);
  runMigrations(db);
  return db;
}

const count = (db: Db, sql: string, ...params: unknown[]) =>
  (db.$client.prepare(sql).get(...params) as { n: number }).n;

function counts(db: Db) {
  return {
    users: count(db, 'SELECT count(*) AS n FROM users'),
    scopes: count(db, 'SELECT count(*) AS n FROM official_scopes'),
    providers: count(db, 'SELECT count(*) AS n FROM providers'),
    offerings: count(db, 'SELECT count(*) AS n FROM offerings'),
    plans: count(db, 'SELECT count(*) AS n FROM offering_plans'),
    enterprises: count(db, 'SELECT count(*) AS n FROM enterprises'),
  };
}

const usccList = (db: Db) =>
  (db.$client.prepare('SELECT uscc FROM enterprises ORDER BY uscc').all() as { uscc: string }[]).map(
    (r) => r.uscc,
  );

describe('seedDemo', () => {
  let db: Db;
  let first: Awaited<ReturnType<typeof seedDemo>>;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-seed-'));
    db = freshDb('a');
    first = await seedDemo(db, {
      enterprises: 500,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });

  afterAll(() => {
    for (const d of opened) d.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the demo logins, the provider pool, the catalog and the requested enterprises', () => {
    expect(counts(db)).toMatchObject({ users: 6, scopes: 2, providers: 34, enterprises: 500 });
    expect(first.created).toEqual({
      users: 6,
      providers: 34,
      offerings: counts(db).offerings,
      enterprises: 500,
    });
    const byStatus = Object.fromEntries(
      (
        db.$client.prepare('SELECT status, count(*) AS n FROM providers GROUP BY status').all() as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
    expect(byStatus).toEqual({ approved: 30, applied: 3, rejected: 1 });
    expect(count(db, "SELECT count(*) AS n FROM offerings WHERE status = 'published'")).toBe(150);
    expect(
      count(db, "SELECT count(DISTINCT prefecture) AS n FROM providers WHERE status = 'approved'"),
    ).toBeGreaterThan(5);
    expect(
      count(db, "SELECT count(*) AS n FROM providers WHERE prefecture = 'out-of-province'"),
    ).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([500, 500]);
  });

  it('gives every offering 1–3 plans, 面议 plans without a price, and only approved providers published offerings', () => {
    const plans = db.$client
      .prepare(
        'SELECT o.id, count(p.id) AS n FROM offerings o LEFT JOIN offering_plans p ON p.offering_id = o.id GROUP BY o.id',
      )
      .all() as { n: number }[];
    expect(plans.every((p) => p.n >= 1 && p.n <= 3)).toBe(true);
    expect(
      count(db, "SELECT count(*) AS n FROM offering_plans WHERE (price_fen IS NULL) != (billing = 'quote')"),
    ).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM offering_plans WHERE billing = 'quote'")).toBeGreaterThan(0);
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM offerings o JOIN providers p ON p.id = o.provider_id WHERE o.status = 'published' AND p.status != 'approved'",
      ),
    ).toBe(0);
  });

  it('has enterprises in all 21 prefectures, Chengdu the most', () => {
    const rows = db.$client
      .prepare('SELECT prefecture, count(*) AS n FROM enterprises GROUP BY prefecture ORDER BY n DESC')
      .all() as { prefecture: string; n: number }[];
    expect(rows.map((r) => r.prefecture).sort()).toEqual(PREFECTURES.map((p) => p.code).sort());
    expect(rows[0]?.prefecture).toBe('5101');
  });

  it('publishes offerings at all five levels', () => {
    const levels = db
      .selectDistinct({ level: offerings.level })
      .from(offerings)
      .all()
      .map((r) => r.level);
    expect(levels.sort()).toEqual([...LEVELS].sort());
    for (const level of LEVELS) {
      expect(
        count(db, "SELECT count(*) AS n FROM offerings WHERE status = 'published' AND level = ?", level),
      ).toBeGreaterThan(0);
    }
  });

  it('gives every enterprise and provider a valid, distinct USCC and a size class from the 2017 rules', () => {
    const ents = db.select().from(enterprises).all();
    const provs = db.select({ uscc: providers.uscc }).from(providers).all();
    for (const row of [...ents, ...provs]) expect(parseUscc(row.uscc)).toEqual({ ok: true, value: row.uscc });
    expect(new Set([...ents, ...provs].map((r) => r.uscc)).size).toBe(ents.length + provs.length);
    for (const e of ents) {
      expect(e.uscc.slice(2, 6)).toBe(e.prefecture);
      expect(e.sizeClass).toBe(
        classifyEnterpriseSize({
          sector: sectorOfIndustry(e.industry),
          employees: e.employees,
          revenueWan: e.revenueWan,
        }),
      );
    }
    const manufacturing = ents.filter((e) => Number(e.industry) >= 13 && Number(e.industry) <= 43).length;
    expect(manufacturing / ents.length).toBeGreaterThan(0.75);
    expect(
      ents.filter((e) => e.sizeClass === 'small' || e.sizeClass === 'micro').length / ents.length,
    ).toBeGreaterThan(0.8);
  });

  it('wires the demo logins to their scope, provider and enterprise', async () => {
    const user = (email: string) =>
      db.$client.prepare('SELECT id, role, password_hash AS hash FROM users WHERE email = ?').get(email) as {
        id: string;
        role: string;
        hash: string;
      };
    for (const login of DEMO_LOGINS) expect(user(login.email).role).toBe(login.role);
    expect(await verifyPassword(user('sme@yunqiao.demo').hash, DEMO_PASSWORD)).toBe(true);
    const scope = (email: string) =>
      db.$client.prepare('SELECT prefecture FROM official_scopes WHERE user_id = ?').get(user(email).id);
    expect(scope('official@yunqiao.demo')).toEqual({ prefecture: null });
    expect(scope('official.chengdu@yunqiao.demo')).toEqual({ prefecture: '5101' });

    const provider = db.$client
      .prepare('SELECT id, status, prefecture FROM providers WHERE owner_user_id = ?')
      .get(user('provider@yunqiao.demo').id) as { id: string; status: string; prefecture: string };
    expect(provider).toMatchObject({ status: 'approved', prefecture: '5101' });
    const own = db.$client
      .prepare('SELECT status, count(*) AS n FROM offerings WHERE provider_id = ? GROUP BY status')
      .all(provider.id) as { status: string; n: number }[];
    expect(Object.fromEntries(own.map((r) => [r.status, r.n]))).toMatchObject({
      published: 6,
      draft: 2,
      submitted: 2,
    });

    expect(
      db.$client
        .prepare('SELECT status FROM providers WHERE owner_user_id = ?')
        .get(user('provider.pending@yunqiao.demo').id),
    ).toEqual({ status: 'applied' });
    expect(
      db.$client
        .prepare('SELECT prefecture, industry FROM enterprises WHERE owner_user_id = ?')
        .all(user('sme@yunqiao.demo').id),
    ).toEqual([{ prefecture: '5101', industry: '34' }]);
  });

  it('changes no counts when run a second time, and logs one audit row per run', async () => {
    const before = counts(db);
    const again = await seedDemo(db, { enterprises: 500 });
    expect(again.created).toEqual({ users: 0, providers: 0, offerings: 0, enterprises: 0 });
    expect(counts(db)).toEqual(before);
    expect(
      count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'seed.demo' AND actor_user_id IS NULL"),
    ).toBe(2);
  });

  it('is deterministic: a fresh database gets the same enterprises, ids and catalog', async () => {
    const other = freshDb('b');
    await seedDemo(other, { enterprises: 500 });
    expect(usccList(other)).toEqual(usccList(db));
    const snapshot = (d: Db) =>
      d.$client
        .prepare('SELECT id, provider_id, external_id, title_zh, status FROM offerings ORDER BY id')
        .all();
    expect(snapshot(other)).toEqual(snapshot(db));
    expect(other.$client.prepare('SELECT id, name FROM enterprises ORDER BY id').all()).toEqual(
      db.$client.prepare('SELECT id, name FROM enterprises ORDER BY id').all(),
    );
  });

  it('adds only the missing enterprises when asked for more', async () => {
    const grown = await seedDemo(db, { enterprises: 700 });
    expect(grown.created).toEqual({ users: 0, providers: 0, offerings: 0, enterprises: 200 });
    expect(counts(db).enterprises).toBe(700);
  });

  it('rejects a count that is not a positive integer', async () => {
    await expect(seedDemo(db, { enterprises: 0 })).rejects.toThrow(RangeError);
    await expect(seedDemo(db, { enterprises: 2.5 })).rejects.toThrow(RangeError);
  });
});

describe('factories', () => {
  it('never repeats a USCC within or across series for 200,000 indexes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(makeSeedUscc('seed-enterprise', i, '510100'));
    for (let i = 0; i < 1_000; i++) {
      seen.add(makeSeedUscc('seed-provider', i, '510100'));
      seen.add(makeSeedUscc('test-enterprise', i, '510100'));
      seen.add(makeSeedUscc('test-provider', i, '510100'));
    }
    expect(seen.size).toBe(203_000);
    expect(parseUscc(makeSeedUscc('seed-enterprise', 199_999, '513400')).ok).toBe(true);
  });

  it('derives distinct nanoid-shaped seed ids from (kind, index)', () => {
    const ids = new Set(Array.from({ length: 50_000 }, (_, i) => seedId('enterprise', i)));
    expect(ids.size).toBe(50_000);
    expect(seedId('enterprise', 7)).toBe(seedId('enterprise', 7));
    expect(seedId('enterprise', 7)).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('draws the same sequence from the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const draws = (r: ReturnType<typeof createRng>) => [
      r.int(1, 6),
      r.pick(['x', 'y', 'z']),
      r.sample([1, 2, 3, 4], 2),
      r.chance(0.5),
    ];
    expect(draws(a)).toEqual(draws(b));
    const rng = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    expect(new Set(rng.sample([1, 2, 3, 4, 5], 5)).size).toBe(5);
  });

  it('builds test inputs with deterministic content, fresh ids and test-series USCCs', () => {
    const a = buildEnterpriseInput(3);
    const b = buildEnterpriseInput(3);
    expect(a.id).not.toBe(b.id);
    expect({ ...a, id: '' }).toEqual({ ...b, id: '' });
    expect(a.name).toMatch(/有限(责任)?公司$/);
    expect(buildEnterpriseInput(3, { prefecture: '5134' }).uscc.slice(2, 8)).toBe('513400');
    const p = buildProviderInput(1);
    expect(parseUscc(p.uscc).ok).toBe(true);
    expect(p.nameEn).toMatch(/Co\., Ltd\.$/);
    const levels = Array.from({ length: 5 }, (_, i) => buildOfferingInput(i, { providerId: p.id }).level);
    expect(levels).toEqual(LEVELS);
    const plans = buildOfferingPlanInputs('off-1', 2);
    expect(plans.length).toBeGreaterThanOrEqual(1);
    expect(plans.every((x) => x.priceFen === null || Number.isInteger(x.priceFen))).toBe(true);
  });

  it('keeps offering templates within the catalog import limits', () => {
    for (const t of OFFERING_TEMPLATES) {
      expect(t.key).toMatch(/^[a-z0-9-]{3,64}$/);
      expect(t.summary.length).toBeLessThanOrEqual(200);
      expect(t.categories.length).toBeGreaterThanOrEqual(1);
      expect(t.categories.length).toBeLessThanOrEqual(5);
      expect(t.tags.every((tag) => tag.length <= 20)).toBe(true);
      expect(t.plans.length).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(OFFERING_TEMPLATES.map((t) => t.key)).size).toBe(OFFERING_TEMPLATES.length);
  });
});
