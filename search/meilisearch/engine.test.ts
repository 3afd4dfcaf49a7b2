import { beforeEach, describe, expect, it } from 'vitest';
import { fakeMeilisearch, MEILI_HOST, type FakeMeilisearch } from '../../tests/mocks/meilisearch';
import { server } from '../../tests/setup/msw';
import { makeQuery, SearchTaskFailedError, type SearchDocument } from '../engine';
import { buildSearchRequests, markedHtml, MeilisearchEngine } from './engine';
import { buildFilter, quoteFilterValue } from './filters';

const doc = (over: Partial<SearchDocument> = {}): SearchDocument => ({
  id: 'off1',
  externalId: 'smart-mes',
  providerId: 'prov1',
  providerName: '四川云鼎数字科技有限公司',
  providerNameEn: 'Sichuan Yunding Digital',
  title: '云鼎智能制造执行系统',
  titleEn: 'Yunding Smart MES',
  summary: '面向离散制造企业。',
  description: '工单报工',
  level: 'saas',
  categories: ['生产管理'],
  stages: ['生产制造'],
  industries: [],
  sizes: ['small'],
  regions: ['5101'],
  tags: ['MES'],
  certifications: ['mlps3'],
  minPriceFen: null,
  publishedAt: '2025-06-03T02:00:00.000Z',
  ...over,
});

let fake: FakeMeilisearch;
let engine: MeilisearchEngine;

beforeEach(() => {
  fake = fakeMeilisearch();
  server.use(...fake.handlers);
  engine = new MeilisearchEngine({ host: MEILI_HOST, indexUid: 'offerings', taskIntervalMs: 0 });
});

describe('index settings', () => {
  it('sends searchable attributes in weight order, filters, sorts, synonyms, typo rules and the cmn locale', async () => {
    await engine.prepare([
      ['MES', '制造执行系统'],
      ['IoT', '物联网'],
    ]);
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/indexes/offerings/settings');
    expect(patch?.body).toMatchObject({
      searchableAttributes: [
        'title',
        'titleTokens',
        'titleEn',
        'pinyin',
        'providerName',
        'providerTokens',
        'providerNameEn',
        'summary',
        'summaryTokens',
        'description',
        'tags',
        'bodyTokens',
      ],
      filterableAttributes: [
        'level',
        'categories',
        'industryMatch',
        'sizeMatch',
        'regionMatch',
        'certifications',
        'minPriceFen',
      ],
      sortableAttributes: ['publishedAtMs', 'minPriceFen'],
      synonyms: { iot: ['物联网'], mes: ['制造执行系统'], 制造执行系统: ['mes'], 物联网: ['iot'] },
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 } },
      localizedAttributes: [
        {
          attributePatterns: expect.arrayContaining(['title', 'titleTokens', 'summary', 'bodyTokens']),
          locales: ['cmn'],
        },
      ],
      pagination: { maxTotalHits: 50_000 },
    });
    // The client waited for the task (GET /tasks/:uid) before returning.
    expect(fake.requests).toHaveLength(1);
    expect(fake.settings.synonyms).toBeDefined();
  });

  it('reports a failed task as a document-level failure', async () => {
    fake.failTasks(1);
    await expect(engine.upsert([doc()])).rejects.toBeInstanceOf(SearchTaskFailedError);
  });
});

describe('documents', () => {
  it('sends pre-segmented tokens, pinyin, expanded facet fields and no price for 面议 only', async () => {
    await engine.upsert([doc(), doc({ id: 'off2', minPriceFen: 98_000, industries: ['34'] })]);
    const sent = fake.requests.find((r) => r.path.startsWith('/indexes/offerings/documents'));
    expect(sent?.path).toBe('/indexes/offerings/documents?primaryKey=id');
    const [first, second] = sent?.body as Record<string, unknown>[];
    expect(first).toMatchObject({
      id: 'off1',
      level: 'saas',
      industries: [],
      sizeMatch: ['small'],
      regionMatch: ['5101'],
      certifications: ['mlps3'],
      publishedAtMs: Date.parse('2025-06-03T02:00:00.000Z'),
    });
    expect(first).not.toHaveProperty('minPriceFen');
    expect((first!.industryMatch as string[]).length).toBe(31); // empty = every manufacturing division
    expect(String(first!.titleTokens).split(' ')).toEqual(
      expect.arrayContaining(['智能', '制造', '执行', '系统', '制造执行系统']),
    );
    expect(String(first!.pinyin).split(' ')).toEqual(
      expect.arrayContaining(['zhinengzhizao', 'znzz', 'yunding']),
    );
    expect(second).toMatchObject({ minPriceFen: 98_000, industryMatch: ['34'] });
    expect(fake.documents.size).toBe(2);
  });

  it('deletes by id and lists ids for a reindex', async () => {
    await engine.upsert([doc(), doc({ id: 'off2' })]);
    await engine.remove(['off1']);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/indexes/offerings/documents/delete-batch',
      body: ['off1'],
    });
    expect(await engine.documentIds()).toEqual(['off2']);
  });
});

describe('filters', () => {
  it('builds one IN per facet, the price as a number, and leaves one facet out on request', () => {
    const query = makeQuery({
      filters: { level: ['saas', 'paas'], industry: ['34'], cert: ['mlps3'] },
      priceMaxFen: 50_000,
    });
    expect(buildFilter(query)).toBe(
      'level IN ["saas", "paas"] AND industryMatch IN ["34"] AND certifications IN ["mlps3"] AND minPriceFen <= 50000',
    );
    expect(buildFilter(query, 'level')).toBe(
      'industryMatch IN ["34"] AND certifications IN ["mlps3"] AND minPriceFen <= 50000',
    );
    expect(buildFilter(makeQuery())).toBeUndefined();
  });

  it('escapes quotes and backslashes so a value can never close its string', () => {
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('back\\slash')).toBe('"back\\\\slash"');
    expect(quoteFilterValue('x\u0000y\n')).toBe('"xy"');
  });

  it('keeps an injection attempt inside one value (the filter parser reads it back verbatim)', async () => {
    await engine.upsert([
      doc({ categories: ['生产管理'] }),
      doc({ id: 'off2', categories: ['x" OR level = "saas'], level: 'iaas' }),
    ]);
    const evil = 'x" OR level = "saas';
    const r = await engine.search(makeQuery({ filters: { category: [evil, 'back\\"slash'] } }));
    expect(r.hits.map((h) => h.id)).toEqual(['off2']);
    const main = (fake.requests.at(-1)?.body as { queries: { filter?: string }[] }).queries[0];
    expect(main?.filter).toBe('categories IN ["x\\" OR level = \\"saas", "back\\\\\\"slash"]');
  });
});

describe('search', () => {
  it('sends one multi-search: the main query plus one facet-only query per filtered facet', () => {
    const requests = buildSearchRequests(
      makeQuery({ q: '制造 "MES"', filters: { level: ['saas'], region: ['5101'] }, page: 2, perPage: 10 }),
      'offerings',
    );
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({
      indexUid: 'offerings',
      q: '制造  MES',
      matchingStrategy: 'all',
      locales: ['cmn'],
      filter: 'level IN ["saas"] AND regionMatch IN ["5101"]',
      facets: ['categories', 'industryMatch', 'sizeMatch', 'certifications'],
      page: 2,
      hitsPerPage: 10,
      attributesToHighlight: ['title', 'titleEn', 'summary'],
    });
    expect(requests[0]).not.toHaveProperty('sort'); // relevance
    expect(requests[1]).toMatchObject({ filter: 'regionMatch IN ["5101"]', facets: ['level'], limit: 0 });
    expect(requests[2]).toMatchObject({ filter: 'level IN ["saas"]', facets: ['regionMatch'], limit: 0 });
    expect(buildSearchRequests(makeQuery(), 'offerings')[0]).toMatchObject({ sort: ['publishedAtMs:desc'] });
    expect(buildSearchRequests(makeQuery({ sort: 'price-asc' }), 'offerings')[0]).toMatchObject({
      sort: ['minPriceFen:asc', 'publishedAtMs:desc'],
    });
  });

  it('maps hits, totals, facets and highlights back to the contract', async () => {
    await engine.prepare([]);
    await engine.upsert([
      doc({ title: '云鼎 <制造> & 系统' }),
      doc({
        id: 'off2',
        title: '能耗监测',
        summary: '节能',
        level: 'platform',
        industries: ['26'],
        minPriceFen: 50_000,
      }),
    ]);
    const r = await engine.search(makeQuery({ q: '制造', filters: { level: ['saas'] } }));
    expect(r).toMatchObject({ engine: 'meilisearch', query: '制造', total: 1, page: 1, perPage: 20 });
    expect(r.hits[0]).toMatchObject({
      id: 'off1',
      providerName: '四川云鼎数字科技有限公司',
      minPriceFen: null,
      categories: ['生产管理'],
    });
    expect(r.hits[0]?.highlight.title).toBe('云鼎 &lt;<mark>制造</mark>&gt; &amp; 系统');
    // Disjunctive: the level facet ignores the level filter (off2 also matches 制造, by its stage 生产制造).
    expect(r.facets.level).toEqual({ saas: 1, platform: 1 });
    expect(r.facets.industry['34']).toBe(1);
  });

  it('turns Meilisearch highlight delimiters into balanced <mark>s around escaped text', () => {
    expect(markedHtml('a\u0002<b>\u0003c')).toBe('a<mark>&lt;b&gt;</mark>c');
    expect(markedHtml('\u0003x\u0002y')).toBe('x<mark>y</mark>');
  });
});

describe('health', () => {
  it('reports the document count, or the failure', async () => {
    await engine.upsert([doc()]);
    expect(await engine.health()).toEqual({ engine: 'meilisearch', ok: true, documents: 1 });
    fake.failRequests(1);
    expect(await engine.health()).toMatchObject({ engine: 'meilisearch', ok: false, documents: null });
  });
});
