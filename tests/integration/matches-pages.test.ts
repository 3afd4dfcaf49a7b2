import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, offeringPlans, offerings, providers } from '../../db/schema';
import * as catalogFit from '../../app/routes/catalog.fit';
import * as enterpriseHome from '../../app/routes/enterprise._index';
import * as enterpriseLayout from '../../app/routes/enterprise';
import * as enterpriseMatches from '../../app/routes/enterprise.matches';
import { makeUscc } from '../../app/domain/uscc';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { indexOfferingInTx } from '../../app/models/search.server';
import { newId } from '../../app/utils/ids';
import { localeCookie } from '../../app/utils/locale.server';
import {
  call,
  createTestUser,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';

// The match pages (为您推荐, its block on the console home, 找适合我的) through their loaders,
// on a small catalog made here: which offerings appear follows the contract's hard rules
// (formats/marketplace-api.md, "Matches"), which the pages must show as the model answers them.

const db = useTestDatabase();

let serial = 0;
function uscc() {
  serial += 1;
  return makeUscc('91', '510100', `MA8${String(serial).padStart(6, '0')}`);
}

function insertProvider(opts: {
  status?: 'approved' | 'suspended';
  certifications?: string[];
  nameZh: string;
}) {
  const id = newId();
  db()
    .insert(providers)
    .values({
      id,
      uscc: uscc(),
      nameZh: opts.nameZh,
      prefecture: '5101',
      certifications: opts.certifications ?? [],
      status: opts.status ?? 'approved',
    })
    .run();
  return id;
}

function insertOffering(
  providerId: string,
  opts: {
    titleZh: string;
    level?: 'iaas' | 'paas' | 'saas' | 'platform' | 'industrial-app';
    industries?: string[];
    sizes?: string[];
    regions?: string[];
    status?: 'published' | 'draft';
    plans?: { priceFen: number | null; billing: 'month' | 'year' | 'once' | 'quote' }[];
  },
) {
  const id = newId();
  // With its search index row in the same transaction, as the catalog models write it: matching
  // reads the public catalog from the index.
  db().transaction((tx) => {
    tx.insert(offerings)
      .values({
        id,
        providerId,
        externalId: id,
        titleZh: opts.titleZh,
        summary: `${opts.titleZh}的简介`,
        level: opts.level ?? 'saas',
        industries: opts.industries ?? [],
        sizes: opts.sizes ?? [],
        regions: opts.regions ?? [],
        status: opts.status ?? 'published',
        publishedAt: (opts.status ?? 'published') === 'published' ? '2024-01-01T00:00:00.000Z' : null,
      })
      .run();
    (opts.plans ?? [{ priceFen: 1_200_00, billing: 'year' }]).forEach((plan, position) => {
      tx.insert(offeringPlans)
        .values({ id: newId(), offeringId: id, position, name: `方案${position + 1}`, ...plan })
        .run();
    });
    indexOfferingInTx(tx, id);
  });
  return id;
}

function insertEnterprise(opts: {
  ownerUserId?: string | null;
  industry?: string;
  prefecture?: string;
  employees?: number;
  revenueWan?: number;
  sizeClass?: 'micro' | 'small' | 'medium' | 'large' | 'unknown';
}) {
  const id = newId();
  db()
    .insert(enterprises)
    .values({
      id,
      uscc: uscc(),
      name: `成都测试企业${serial}`,
      prefecture: opts.prefecture ?? '5101',
      industry: opts.industry ?? '34',
      employees: opts.employees ?? 85,
      revenueWan: opts.revenueWan ?? 3200,
      sizeClass: opts.sizeClass ?? 'small',
      ownerUserId: opts.ownerUserId ?? null,
    })
    .run();
  return id;
}

/** A verified adoption of `offeringId` by `enterpriseId` (a prefecture report: a trusted source). */
function adopt(
  enterpriseId: string,
  providerId: string,
  offeringId: string,
  level: 'iaas' | 'saas' = 'saas',
) {
  appendEvent(
    db(),
    {
      enterpriseId,
      providerId,
      offeringId,
      level,
      occurredOn: '2024-03-01',
      source: 'prefecture-report',
      verified: true,
    },
    new Date().toISOString(),
  );
}

const ids = {} as Record<
  'forDivision' | 'general' | 'iaas' | 'otherDivision' | 'largeOnly' | 'draft' | 'suspended',
  string
>;
let smeCookie = '';

beforeAll(async () => {
  const certified = insertProvider({ nameZh: '四川匹配云科技有限公司', certifications: ['mlps3'] });
  const plain = insertProvider({ nameZh: '成都普通软件有限公司' });
  const suspended = insertProvider({ nameZh: '四川暂停云科技有限公司', status: 'suspended' });
  // Division 34 (通用设备制造业) in Chengdu is the SME's (and the visitor's) profile below.
  ids.forDivision = insertOffering(certified, {
    titleZh: '通用设备远程运维平台',
    industries: ['34'],
    regions: ['5101'],
    level: 'platform',
  });
  ids.general = insertOffering(plain, {
    titleZh: '云上财务软件',
    plans: [{ priceFen: 300_00, billing: 'month' }],
  });
  ids.iaas = insertOffering(plain, {
    titleZh: '弹性云主机',
    level: 'iaas',
    plans: [{ priceFen: null, billing: 'quote' }],
  });
  ids.otherDivision = insertOffering(plain, { titleZh: '农副食品追溯系统', industries: ['13'] });
  ids.largeOnly = insertOffering(plain, { titleZh: '大型集团主数据平台', sizes: ['large'] });
  ids.draft = insertOffering(plain, { titleZh: '草稿中的产品', status: 'draft' });
  ids.suspended = insertOffering(suspended, { titleZh: '暂停服务商的产品' });

  // Three enterprises of the same cluster and prefecture chose the general offering: a peers group.
  for (let i = 0; i < 3; i++) adopt(insertEnterprise({ industry: '34' }), plain, ids.general);

  const sme = await createTestUser(db(), { role: 'sme' });
  smeCookie = sme.cookie;
  const smeEnterprise = insertEnterprise({
    ownerUserId: sme.id,
    industry: '34',
    employees: 85,
    revenueWan: 3200,
    sizeClass: 'small',
  });
  // The SME already uses IaaS (verified), so IaaS offerings are no "next level" for it.
  adopt(smeEnterprise, plain, ids.iaas, 'iaas');
});

/** A loader's payload: the plain value, or what a `data(value, { status })` result carries. */
type Payload<T> = T extends { type: string; data: infer D; init: unknown } ? D : T;
type FitData = Payload<Awaited<ReturnType<typeof catalogFit.loader>>>;
type SmeData = Payload<Awaited<ReturnType<typeof enterpriseMatches.loader>>>;

async function fit(query: string, cookie?: string) {
  const result = await call(() => catalogFit.loader(routeArgs(getRequest(`/catalog/fit${query}`, cookie))));
  return { status: statusOf(result), data: payloadOf<FitData>(result) };
}

async function smePage(query: string, cookie = smeCookie) {
  const result = await call(() =>
    enterpriseMatches.loader(routeArgs(getRequest(`/enterprise/matches${query}`, cookie))),
  );
  return { status: statusOf(result), result, data: payloadOf<SmeData>(result) };
}

const offeringIds = (data: { matches: { results: { offeringId: string }[] } | null }) =>
  data.matches?.results.map((r) => r.offeringId) ?? [];

describe('找适合我的 (the visitors’ form)', () => {
  it('shows the empty form, without errors, on the first visit', async () => {
    const { status, data } = await fit('');
    expect(status).toBe(200);
    expect(data.matches).toBeNull();
    expect(data.lastResult).toBeNull();
  });

  it('shows the matches of a firm like mine with their reasons, never a raw score', async () => {
    const { status, data } = await fit('?industry=34&prefecture=5101&employees=85&revenueWan=3200');
    expect(status).toBe(200);
    const matches = data.matches!;
    // 工业 small: X ≥ 20 persons and Y ≥ 300 万元 (国统字〔2017〕213号).
    expect(matches.profile).toMatchObject({ division: '34', sizeClass: 'small', prefecture: '5101' });
    const shown = offeringIds(data);
    expect(new Set(shown)).toEqual(new Set([ids.forDivision, ids.general, ids.iaas]));
    expect(matches.total).toBe(3);
    // Industry-specific above the all-industries offerings.
    expect(shown[0]).toBe(ids.forDivision);
    const top = matches.results[0]!;
    expect(top).toMatchObject({
      title: '通用设备远程运维平台',
      providerName: '四川匹配云科技有限公司',
      level: 'platform',
    });
    expect(top.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['industry', 'onsite', 'certified']),
    );
    for (const r of matches.results) {
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const reason of r.reasons) expect(reason.text).toMatch(/[\u4e00-\u9fff]/);
      expect(r).not.toHaveProperty('score');
    }
    // The "from" price is the lowest plan in fen; 面议 only is null.
    expect(matches.results.find((r) => r.offeringId === ids.general)?.planFromFen).toBe(300_00);
    expect(matches.results.find((r) => r.offeringId === ids.iaas)?.planFromFen).toBeNull();
    // The same cluster and prefecture adopted the general offering three times.
    expect(matches.peers).toEqual([{ offeringId: ids.general, title: '云上财务软件', enterprises: 3 }]);
  });

  it('lets the size class decide: a large firm also sees the large-only offering', async () => {
    const { data } = await fit('?industry=34&prefecture=5101&employees=1200&revenueWan=50000');
    expect(data.matches?.profile.sizeClass).toBe('large');
    expect(offeringIds(data)).toContain(ids.largeOnly);
  });

  it('with no numbers the size class is unknown and excludes nothing by size', async () => {
    const { data } = await fit('?industry=34&prefecture=5101&employees=&revenueWan=');
    expect(data.matches?.profile.sizeClass).toBe('unknown');
    expect(offeringIds(data)).toContain(ids.largeOnly);
  });

  it('reasons follow the reader’s language', async () => {
    const english = (await localeCookie.serialize('en')).split(';')[0]!;
    const { data } = await fit('?industry=34&prefecture=5101', english);
    expect(data.matches?.results[0]?.reasons[0]?.text).toMatch(/[A-Za-z]/);
  });

  it('answers 400 with field errors in plain words for a missing industry and prefecture and bad numbers', async () => {
    const { status, data } = await fit('?industry=&prefecture=&employees=abc&revenueWan=-5');
    expect(status).toBe(400);
    expect(data.matches).toBeNull();
    expect(data.lastResult?.error).toMatchObject({
      industry: ['matchPages.fitIndustryRequired'],
      prefecture: ['matchPages.fitPrefectureRequired'],
      employees: ['errors.number'],
      revenueWan: ['errors.tooSmall|min=0'],
    });
    // What was typed comes back, so the form keeps it.
    expect(data.lastResult?.initialValue).toMatchObject({ employees: 'abc', revenueWan: '-5' });
  });

  it('never answers 500 for odd input: unknown codes, fractions of a person, huge numbers, a bad page', async () => {
    for (const query of [
      '?industry=99&prefecture=9999',
      '?industry=34&prefecture=5101&employees=1.5',
      '?industry=34&prefecture=5101&revenueWan=1e400',
      '?industry=<script>&prefecture=5101&employees=%00',
      '?industry=34&industry=13&prefecture=5101',
    ]) {
      const { status } = await fit(query);
      expect({ query, status }).toEqual({ query, status: 400 });
    }
    const bad = await fit('?industry=99&prefecture=9999&employees=1.5');
    expect(bad.data.lastResult?.error).toMatchObject({
      industry: ['errors.choice'],
      prefecture: ['errors.choice'],
      employees: ['errors.integer'],
    });
    // A page is navigation: a bad or stale one shows a page, not an error.
    for (const page of ['abc', '0', '999']) {
      const { status, data } = await fit(`?industry=34&prefecture=5101&page=${page}`);
      expect(status).toBe(200);
      expect(data.matches?.results.length).toBeGreaterThan(0);
    }
  });
});

describe('为您推荐 (the SME console page)', () => {
  it('shows the SME the matches of its own enterprise, its adoption levels included', async () => {
    const { status, data } = await smePage('');
    expect(status).toBe(200);
    expect(data.state).toBe('ok');
    const matches = data.matches!;
    expect(matches.profile).toMatchObject({
      division: '34',
      sizeClass: 'small',
      prefecture: '5101',
      levels: ['iaas'],
    });
    expect(new Set(offeringIds(data))).toEqual(new Set([ids.forDivision, ids.general, ids.iaas]));
    // A level it uses already is no "next level"; the others are.
    const reasonsOf = (id: string) =>
      matches.results.find((r) => r.offeringId === id)!.reasons.map((r) => r.code);
    expect(reasonsOf(ids.iaas)).not.toContain('next-level');
    expect(reasonsOf(ids.general)).toContain('next-level');
    expect(matches.peers.map((p) => p.offeringId)).toEqual([ids.general]);
  });

  it('filters by level, and turns the monthly budget in yuan into fen', async () => {
    const byLevel = await smePage('?level=iaas&level=platform');
    expect(new Set(offeringIds(byLevel.data))).toEqual(new Set([ids.iaas, ids.forDivision]));
    expect(byLevel.data.matches?.total).toBe(2);

    // ¥300.00 a month fits a ¥300 budget; a year price of ¥1,200 is ¥100 a month; 面议 never fits.
    const budget = await smePage('?budget=300');
    const withBudget = (id: string) =>
      budget.data.matches!.results.find((r) => r.offeringId === id)!.reasons.some((r) => r.code === 'budget');
    expect(withBudget(ids.general)).toBe(true);
    expect(withBudget(ids.forDivision)).toBe(true);
    expect(withBudget(ids.iaas)).toBe(false);
    const lower = await smePage('?budget=299.99');
    expect(
      lower.data.matches!.results.find((r) => r.offeringId === ids.general)!.reasons.map((r) => r.code),
    ).not.toContain('budget');
  });

  it('ranks with the need in words but never filters by it, and pages with limit and offset', async () => {
    const withQ = await smePage(`?q=${encodeURIComponent('财务软件')}`);
    expect(withQ.status).toBe(200);
    expect(withQ.data.matches?.total).toBe(3);
    expect(offeringIds(withQ.data)[0]).toBe(ids.general);

    const all = offeringIds((await smePage('')).data);
    const pages = [];
    for (const page of [1, 2]) {
      const { data } = await smePage(`?page=${page}`);
      pages.push(data.matches!);
    }
    // 10 per page: three matches fit on the first; a page past the end shows the last page.
    expect(pages[0]!.page).toBe(1);
    expect(pages[0]!.results.map((r) => r.offeringId)).toEqual(all);
    expect(pages[1]!.page).toBe(1);
  });

  it('shows an empty state when nothing fits the filters', async () => {
    const { status, data } = await smePage('?level=industrial-app');
    expect(status).toBe(200);
    expect(data.matches?.total).toBe(0);
    expect(data.matches?.results).toEqual([]);
    expect(data.filtered).toBe(true);
  });

  it('answers bad filters with 400 and field errors, not a 500', async () => {
    const { status, data } = await smePage('?level=cloud&budget=abc&q=' + 'x'.repeat(101));
    expect(status).toBe(400);
    expect(data.state).toBe('invalid');
    expect(data.matches).toBeNull();
    expect(data.lastResult.error).toMatchObject({
      level: ['errors.choice'],
      budget: ['errors.number'],
      q: ['errors.tooLong|max=100'],
    });
    const cents = await smePage('?budget=1.005');
    expect(cents.data.lastResult.error).toMatchObject({ budget: ['matchPages.budgetCents'] });
  });

  it('tells an SME account without an enterprise so, instead of matches', async () => {
    const lonely = await createTestUser(db(), { role: 'sme' });
    const { status, data } = await smePage('', lonely.cookie);
    expect(status).toBe(200);
    expect(data.state).toBe('no-enterprise');
    expect(data.matches).toBeNull();
  });

  it('tells an SME whose enterprise has no industry division (only a 门类 letter) to complete it', async () => {
    const sectionOnly = await createTestUser(db(), { role: 'sme' });
    insertEnterprise({ ownerUserId: sectionOnly.id, industry: 'C' });
    const { status, data } = await smePage('', sectionOnly.cookie);
    expect(status).toBe(200);
    expect(data.state).toBe('no-profile');
    expect(data.matches).toBeNull();
    // The console home has the enterprise, but no matches block to fill.
    const home = payloadOf<Payload<Awaited<ReturnType<typeof enterpriseHome.loader>>>>(
      await call(() => enterpriseHome.loader(routeArgs(getRequest('/enterprise', sectionOnly.cookie)))),
    );
    expect(home.enterprise).not.toBeNull();
    expect(home.matches).toBeNull();
  });

  it('refuses other roles as the rest of the enterprise console does, and sends visitors to log in', async () => {
    for (const role of ['provider', 'official', 'admin'] as const) {
      const user = await createTestUser(db(), { role });
      const page = await smePage('', user.cookie);
      expect({ role, status: page.status }).toEqual({ role, status: 403 });
      const layout = await call(() =>
        enterpriseLayout.loader(routeArgs(getRequest('/enterprise/matches', user.cookie))),
      );
      expect(statusOf(layout)).toBe(403);
    }
    const anonymous = await smePage('?level=saas', '');
    expect(anonymous.status).toBe(302);
    expect((anonymous.result as Response).headers.get('Location')).toBe(
      `/login?${new URLSearchParams({ redirectTo: '/enterprise/matches?level=saas' })}`,
    );
  });
});

describe('the console home', () => {
  it('shows the top three matches, the best first, with their reasons', async () => {
    const result = await call(() => enterpriseHome.loader(routeArgs(getRequest('/enterprise', smeCookie))));
    expect(statusOf(result)).toBe(200);
    const data = payloadOf<Payload<Awaited<ReturnType<typeof enterpriseHome.loader>>>>(result);
    expect(data.matches?.length).toBe(3);
    expect(data.matches?.[0]?.offeringId).toBe(ids.forDivision);
    expect(data.matches?.[0]?.reasons[0]?.text).toBeTruthy();
  });

  it('has no matches block for an account without an enterprise', async () => {
    const lonely = await createTestUser(db(), { role: 'sme' });
    const data = payloadOf<Payload<Awaited<ReturnType<typeof enterpriseHome.loader>>>>(
      await call(() => enterpriseHome.loader(routeArgs(getRequest('/enterprise', lonely.cookie)))),
    );
    expect(data.enterprise).toBeNull();
    expect(data.matches).toBeNull();
  });
});
