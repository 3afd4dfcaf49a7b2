import { beforeAll, describe, expect, it } from 'vitest';
import * as catalogList from '../../app/routes/catalog._index';
import { rebuildSearchIndex } from '../../app/models/search.server';
import { call, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { insertOffering, insertProvider } from './requests-fixtures';

// Issue 14: the catalog's loader data (sent with the HTML, and again for every search typed)
// carries what the page renders and nothing else.

const db = useTestDatabase();

const CARD_FIELDS = [
  'categories',
  'highlight',
  'id',
  'level',
  'minPriceFen',
  'providerName',
  'providerNameEn',
  'summary',
  'title',
  'titleEn',
];

async function catalogData(search = '') {
  const result = await call(() => catalogList.loader(routeArgs(getRequest(`/catalog${search}`))));
  expect(statusOf(result)).toBe(200);
  return payloadOf(result);
}

beforeAll(async () => {
  const provider = insertProvider(db(), null);
  for (let i = 0; i < 3; i++) insertOffering(db(), provider);
  await rebuildSearchIndex(db());
});

describe('catalog loader data', () => {
  it('sends the counts, paging and facets the page shows, and per hit only the card’s fields', async () => {
    const data = await catalogData();
    expect(Object.keys(data.result).sort()).toEqual(['facets', 'hits', 'page', 'perPage', 'total']);
    expect(data.result.total).toBe(3);
    for (const hit of data.result.hits) expect(Object.keys(hit).sort()).toEqual(CARD_FIELDS);
    const json = JSON.stringify(data);
    for (const field of ['externalId', 'providerId', 'industries', 'regions', 'tookMs', 'engine']) {
      expect(json).not.toContain(`"${field}"`);
    }
  });

  it('sends a highlight only where the query marked something', async () => {
    const browse = await catalogData();
    for (const hit of browse.result.hits)
      expect(hit.highlight).toEqual({ title: '', titleEn: null, summary: '' });

    const found = await catalogData('?q=MES');
    expect(found.result.total).toBe(3);
    for (const hit of found.result.hits) {
      expect(hit.highlight.title).toContain('<mark>MES</mark>');
      expect(hit.highlight.summary).toBe(''); // “测试”: nothing to mark, the card shows the summary
      expect(hit.summary).toBe('测试');
    }
  });
});
