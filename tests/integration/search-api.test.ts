import { eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, offeringPlans, offerings, providers } from '../../db/schema';
import * as apiSearch from '../../app/routes/api.search';
import * as healthz from '../../app/routes/healthz';
import * as synonymsPage from '../../app/routes/official.synonyms';
import { makeUscc } from '../../app/domain/uscc';
import { indexOfferingInTx } from '../../app/models/search.server';
import { newId } from '../../app/utils/ids';
import { server } from '../setup/msw';
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

const db = useTestDatabase();

let serial = 0;
function insertProvider(status: 'applied' | 'approved' | 'suspended', nameZh: string) {
  const id = newId();
  serial += 1;
  db()
    .insert(providers)
    .values({
      id,
      uscc: makeUscc('91', '510700', `MA7${String(serial).padStart(6, '0')}`),
      nameZh,
      prefecture: '5107',
      certifications: ['mlps3'],
      status,
    })
    .run();
  return id;
}

function insertOffering(
  providerId: string,
  opts: {
    status: 'draft' | 'submitted' | 'published';
    titleZh: string;
    summary?: string;
    priceFen?: number | null;
  },
) {
  const id = newId();
  db().transaction((tx) => {
    tx.insert(offerings)
      .values({
        id,
        providerId,
        externalId: `ext-${id}`,
        titleZh: opts.titleZh,
        summary: opts.summary ?? '面向中小企业的云服务',
        description: '详细介绍',
        level: 'saas',
        categories: ['设备管理'],
        regions: ['5107'],
        status: opts.status,
        publishedAt: opts.status === 'published' ? '2025-01-01T00:00:00.000Z' : null,
      })
      .run();
    tx.insert(offeringPlans)
      .values({
        id: newId(),
        offeringId: id,
        position: 0,
        name: '标准版',
        priceFen: opts.priceFen === undefined ? 980_00 : opts.priceFen,
        billing: 'year',
      })
      .run();
    indexOfferingInTx(tx, id);
  });
  return id;
}

async function search(query: string) {
  const result = await call(() => apiSearch.loader(routeArgs(getRequest(`/api/search${query}`))));
  if (!(result instanceof Response)) throw new Error('expected a Response');
  return {
    status: result.status,
    cacheControl: result.headers.get('Cache-Control'),
    body: (await result.json()) as any,
  };
}

const ids: Record<string, string> = {};

beforeAll(() => {
  const approved = insertProvider('approved', '绵阳设备云科技有限公司');
  const applied = insertProvider('applied', '绵阳待审云有限公司');
  ids.equipment = insertOffering(approved, {
    status: 'published',
    titleZh: '设备预测性维护平台',
    summary: '振动监测与故障预警',
  });
  ids.energy = insertOffering(approved, {
    status: 'published',
    titleZh: '能耗在线监测',
    summary: '工厂能耗管理',
    priceFen: null,
  });
  ids.script = insertOffering(approved, {
    status: 'published',
    titleZh: '<script>alert(1)</script>设备台账',
  });
  ids.draft = insertOffering(approved, { status: 'draft', titleZh: '设备草稿产品' });
  ids.submitted = insertOffering(approved, { status: 'submitted', titleZh: '设备待审产品' });
  ids.unapproved = insertOffering(applied, { status: 'published', titleZh: '设备待审服务商产品' });
});

describe('GET /api/search', () => {
  it('answers in the documented shape, uncached', async () => {
    const { status, cacheControl, body } = await search(
      `?q=${encodeURIComponent('设备')}&perPage=2&unknown=1`,
    );
    expect(status).toBe(200);
    expect(cacheControl).toBe('no-store');
    expect(Object.keys(body)).toEqual([
      'engine',
      'query',
      'total',
      'page',
      'perPage',
      'tookMs',
      'hits',
      'facets',
    ]);
    // The provider's name (绵阳设备云…) contains 设备, so all three of its offerings match.
    expect(body).toMatchObject({ engine: 'sqlite', query: '设备', total: 3, page: 1, perPage: 2 });
    expect(body.hits).toHaveLength(2);
    expect(typeof body.tookMs).toBe('number');
    expect(Object.keys(body.hits[0]).sort()).toEqual(
      [
        'id',
        'externalId',
        'providerId',
        'providerName',
        'title',
        'titleEn',
        'summary',
        'level',
        'categories',
        'industries',
        'sizes',
        'regions',
        'minPriceFen',
        'highlight',
      ].sort(),
    );
    const equipment = (await search(`?q=${encodeURIComponent('预测性维护')}`)).body.hits[0];
    expect(equipment).toMatchObject({
      id: ids.equipment,
      externalId: `ext-${ids.equipment}`,
      providerName: '绵阳设备云科技有限公司',
      level: 'saas',
      categories: ['设备管理'],
      regions: ['5107'],
      minPriceFen: 980_00,
    });
    expect(
      body.hits.every((h: { title: string; highlight: { title: string } }) =>
        h.highlight.title.includes('<mark>设备</mark>'),
      ),
    ).toBe(true);
    expect(equipment.highlight.title).toBe('设备<mark>预测性维护</mark>平台');
    expect(Object.keys(body.facets).sort()).toEqual([
      'category',
      'cert',
      'industry',
      'level',
      'region',
      'size',
    ]);
    expect(body.facets.level).toEqual({ saas: 3 });
    expect(body.facets.cert).toEqual({ mlps3: 3 });
    expect(body.facets.region).toEqual({ '5107': 3 });
  });

  it('answers 400 with every bad parameter named', async () => {
    for (const [query, path] of [
      ['?perPage=0', 'perPage'],
      ['?perPage=51', 'perPage'],
      ['?page=0', 'page'],
      ['?page=abc', 'page'],
      ['?level=mainframe', 'level'],
      ['?priceMaxFen=-1', 'priceMaxFen'],
      ['?sort=random', 'sort'],
      [`?q=${'制'.repeat(101)}`, 'q'],
    ] as const) {
      const { status, cacheControl, body } = await search(query);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(cacheControl).toBe('no-store');
      expect(body.errors).toEqual(expect.arrayContaining([{ path, message: expect.any(String) }]));
    }
    const both = await search('?page=0&level=x');
    expect(both.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['level', 'page']);
    expect((await search(`?q=${'制'.repeat(100)}`)).status).toBe(200);
  });

  it('never returns drafts, submissions or offerings of unvetted providers', async () => {
    const { body } = await search(`?q=${encodeURIComponent('设备')}&perPage=50`);
    const found = body.hits.map((h: { id: string }) => h.id);
    expect(found).toEqual(expect.arrayContaining([ids.equipment, ids.script]));
    for (const key of ['draft', 'submitted', 'unapproved']) expect(found).not.toContain(ids[key]);
    const browse = await search('?perPage=50');
    expect(browse.body.total).toBe(3);
  });

  it('escapes markup in highlights: only <mark> is HTML', async () => {
    const { body } = await search(`?q=${encodeURIComponent('台账')}`);
    const hit = body.hits.find((h: { id: string }) => h.id === ids.script);
    expect(hit.title).toBe('<script>alert(1)</script>设备台账');
    expect(hit.highlight.title).toBe('&lt;script&gt;alert(1)&lt;/script&gt;设备<mark>台账</mark>');
    expect(hit.highlight.title.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('filters by price: 面议 plans never match a limit', async () => {
    const { body } = await search('?priceMaxFen=100000&perPage=50');
    const found = body.hits.map((h: { id: string }) => h.id);
    expect(found).toContain(ids.equipment);
    expect(found).not.toContain(ids.energy);
  });
});

describe('/healthz', () => {
  afterEach(() => {
    delete process.env.MEILI_HOST;
  });

  it('reports the database and the search engine with its outbox backlog', async () => {
    const res = (await healthz.loader()) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: 'ok',
      search: { engine: 'sqlite', ok: true, documents: 3 },
    });
    expect(body.search.outbox).toMatchObject({ pending: expect.any(Number), failing: 0 });
  });

  it('stays 200 when Meilisearch is down, and says so', async () => {
    process.env.MEILI_HOST = 'http://meili.test:7700';
    server.use(http.all('http://meili.test:7700/*', () => HttpResponse.error()));
    const res = (await healthz.loader()) as Response;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'degraded',
      database: 'ok',
      search: { engine: 'meilisearch', ok: false, documents: null },
    });
    expect(body.search.outbox.pending).toBeGreaterThan(0);
  });
});

describe('search synonyms page', () => {
  const page = (cookie: string, query = '') =>
    call(() => synonymsPage.loader(routeArgs(getRequest(`/official/synonyms${query}`, cookie))));
  const post = (cookie: string, fields: Record<string, string>) =>
    call(() => synonymsPage.action(routeArgs(formRequest('/official/synonyms', fields, cookie))));

  it('lets a provincial official add a group that search uses at once, audited', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const listed = payloadOf(await page(official.cookie));
    expect(listed.groups.some((g: { terms: string[] }) => g.terms.includes('MES'))).toBe(true);

    expect((await search('?q=ycwh')).body.total).toBe(0);
    const saved = await post(official.cookie, { intent: 'save', terms: 'YCWH\n预测性维护' });
    expect(statusOf(saved)).toBe(302);
    expect((saved as Response).headers.get('Location')).toBe('/official/synonyms');
    const found = await search('?q=ycwh');
    expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(ids.equipment);

    const group = payloadOf(await page(official.cookie)).groups.find((g: { terms: string[] }) =>
      g.terms.includes('YCWH'),
    );
    expect(group.terms).toEqual(['YCWH', '预测性维护']);
    const audit = db().select().from(auditLog).where(eq(auditLog.action, 'search.synonyms.update')).all();
    expect(audit.at(-1)).toMatchObject({
      actorUserId: official.id,
      targetId: String(group.id),
      detail: { change: 'add', after: ['YCWH', '预测性维护'] },
    });

    // Editing and deleting are audited too; the group stops matching once deleted.
    const editPage = payloadOf(await page(official.cookie, `?edit=${group.id}`));
    expect(editPage.editing.id).toBe(group.id);
    expect(
      statusOf(
        await post(official.cookie, {
          intent: 'save',
          id: String(group.id),
          terms: 'YCWH, 预测性维护, 故障预警',
        }),
      ),
    ).toBe(302);
    expect(statusOf(await post(official.cookie, { intent: 'delete', id: String(group.id) }))).toBe(302);
    expect((await search('?q=ycwh')).body.total).toBe(0);
    const changes = db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(group.id)))
      .all();
    expect(changes.map((c) => (c.detail as { change: string }).change)).toEqual(['add', 'edit', 'delete']);
  });

  it('refuses a group with fewer than two terms, or too long a term, with field errors', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    for (const terms of ['MES', 'MES\nmes', `MES\n${'长'.repeat(41)}`, '']) {
      const result = await post(official.cookie, { intent: 'save', terms });
      expect(statusOf(result)).toBe(400);
      expect(payloadOf(result).error.terms).toHaveLength(1);
    }
    expect(statusOf(await post(official.cookie, { intent: 'delete', id: '999999' }))).toBe(404);
    expect(statusOf(await post(official.cookie, { intent: 'save', id: '999999', terms: 'a1\nb2' }))).toBe(
      404,
    );
  });

  it('refuses in the form exactly what the model would drop, and keeps what people count as 40 characters', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const errorOf = async (terms: string) => {
      const result = await post(official.cookie, { intent: 'save', terms });
      expect(statusOf(result)).toBe(400);
      return payloadOf(result).error.terms;
    };
    // A term of punctuation only was dropped without a word, and the other two saved.
    expect(await errorOf('RPA\n流程机器人\n——')).toEqual(['synonyms.errorNoText']);
    // MES! is MES to search: one term, not two.
    expect(await errorOf('MES\nMES!')).toEqual(['synonyms.errorTooFew']);
    const eleven = Array.from({ length: 11 }, (_, i) => `词${i}`).join('\n');
    expect(await errorOf(eleven)).toEqual(['synonyms.errorTooMany|max=10']);
    expect(await errorOf(`MES\n${'长'.repeat(41)}`)).toEqual(['synonyms.errorTermTooLong|max=40']);
    // 21 characters outside the BMP are 42 UTF-16 units: the model dropped such a term silently.
    const rare = '𠮷'.repeat(21);
    expect(statusOf(await post(official.cookie, { intent: 'save', terms: `QQZ\n${rare}` }))).toBe(302);
    const group = payloadOf(await page(official.cookie)).groups.find((g: { terms: string[] }) =>
      g.terms.includes('QQZ'),
    );
    expect(group.terms).toEqual(['QQZ', rare]);
  });

  it('is closed to prefecture officials and to everyone else (403)', async () => {
    const prefecture = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const sme = await createTestUser(db(), { role: 'sme' });
    const provider = await createTestUser(db(), { role: 'provider' });
    for (const user of [prefecture, sme, provider]) {
      expect(statusOf(await page(user.cookie))).toBe(403);
      expect(statusOf(await post(user.cookie, { intent: 'save', terms: 'ABC\n某某' }))).toBe(403);
    }
    expect(statusOf(await call(() => synonymsPage.loader(routeArgs(getRequest('/official/synonyms')))))).toBe(
      302,
    );
  });
});
