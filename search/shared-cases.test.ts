/**
 * One suite of query cases run against both engines' request/response layers: the SQLite
 * engine for real, and the Meilisearch engine through its client against the msw fake (which
 * parses the filter strings it is sent). The cases stick to what both define the same way —
 * filters, the empty-list rule, disjunctive facets, price, sorting, paging and literal words —
 * and expect the same totals, facets and ids (in order when the order is defined by a sort).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertSearchFixture } from '../tests/fixtures/search-catalog';
import { fakeMeilisearch, MEILI_HOST, type FakeMeilisearch } from '../tests/mocks/meilisearch';
import { server } from '../tests/setup/msw';
import { useTestDatabase } from '../tests/setup/test-db';
import { loadSearchDocumentBatch } from './documents';
import { makeQuery, type SearchQuery, type SearchResponse } from './engine';
import { sqliteEngineFor } from './index.server';
import { MeilisearchEngine } from './meilisearch/engine';
import { loadSynonyms } from './synonyms';

const db = useTestDatabase();
let fake: FakeMeilisearch;
let meili: MeilisearchEngine;

beforeAll(() => {
  insertSearchFixture(db());
});

beforeEach(async () => {
  fake = fakeMeilisearch();
  server.use(...fake.handlers);
  meili = new MeilisearchEngine({ host: MEILI_HOST, indexUid: 'offerings', taskIntervalMs: 0 });
  await meili.prepare(loadSynonyms(db()));
  await meili.upsert(loadSearchDocumentBatch(db(), { afterId: null, limit: 1000 }));
});

const CASES: { name: string; query: SearchQuery; ordered: boolean }[] = [
  { name: 'browse, newest first', query: makeQuery(), ordered: true },
  { name: 'browse page 2 of 3', query: makeQuery({ page: 2, perPage: 3 }), ordered: true },
  { name: 'one level', query: makeQuery({ filters: { level: ['saas'] } }), ordered: true },
  {
    name: 'two levels and a category',
    query: makeQuery({ filters: { level: ['saas', 'platform'], category: ['经营管理', '能耗管理'] } }),
    ordered: true,
  },
  {
    name: 'industry: an empty list matches every value',
    query: makeQuery({ filters: { industry: ['34'] } }),
    ordered: true,
  },
  {
    name: 'region and size',
    query: makeQuery({ filters: { region: ['5107'], size: ['small'] } }),
    ordered: true,
  },
  { name: 'certification', query: makeQuery({ filters: { cert: ['mlps2'] } }), ordered: true },
  { name: 'price cap; 面议 never matches', query: makeQuery({ priceMaxFen: 50_000 }), ordered: true },
  { name: 'cheapest first, 面议 last', query: makeQuery({ sort: 'price-asc' }), ordered: true },
  {
    name: 'a word with filters',
    query: makeQuery({ q: '能耗', filters: { level: ['platform'] } }),
    ordered: false,
  },
  { name: 'a word, newest first', query: makeQuery({ q: '焊缝', sort: 'newest' }), ordered: true },
  { name: 'a synonym', query: makeQuery({ q: 'MES' }), ordered: false },
  { name: 'an unknown word', query: makeQuery({ q: '区块链' }), ordered: false },
];

function shape(r: SearchResponse, ordered: boolean) {
  const ids = r.hits.map((h) => h.id);
  return {
    total: r.total,
    page: r.page,
    perPage: r.perPage,
    facets: r.facets,
    ids: ordered ? ids : [...ids].sort(),
  };
}

describe('the same questions get the same answers from both engines', () => {
  it.each(CASES)('$name', async ({ query, ordered }) => {
    const fromSqlite = await sqliteEngineFor(db()).search(query);
    const fromMeili = await meili.search(query);
    expect(fromMeili.engine).toBe('meilisearch');
    expect(fromSqlite.engine).toBe('sqlite');
    expect(shape(fromMeili, ordered)).toEqual(shape(fromSqlite, ordered));
    // Hits carry the same fields either way.
    expect(fromMeili.hits.map((h) => Object.keys(h).sort())).toEqual(
      fromSqlite.hits.map((h) => Object.keys(h).sort()),
    );
  });
});
