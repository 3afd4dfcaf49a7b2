import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../setup/test-db';
import { getMatches as get } from './matches-fixtures';

// GET /api/matches: the 422 answers of formats/marketplace-api.md ("Common rules", errors) — a stable
// English code, a message in the reader's language. No data is needed: parameters are checked first.
useTestDatabase();

describe('GET /api/matches: 422 for invalid parameters', () => {
  it.each([
    ['prefecture=5106', 'industry', 'required'],
    ['industry=34', 'prefecture', 'required'],
    ['levels=iaas&prefecture=5106', 'industry', 'required'],
    ['industry=98&prefecture=5106', 'industry', 'invalid_value'],
    ['industry=3a&prefecture=5106', 'industry', 'invalid_value'],
    ['industry=34&prefecture=5102', 'prefecture', 'invalid_value'],
    ['industry=34&prefecture=5106&size=huge', 'size', 'invalid_value'],
    ['industry=34&prefecture=5106&levels=iaas,cloud', 'levels', 'invalid_value'],
    ['industry=34&prefecture=5106&level=web', 'level', 'invalid_value'],
    ['industry=34&prefecture=5106&employees=many', 'employees', 'invalid_number'],
    ['industry=34&prefecture=5106&employees=-1', 'employees', 'too_small'],
    ['industry=34&prefecture=5106&revenueWan=1,000', 'revenueWan', 'invalid_number'],
    ['industry=34&prefecture=5106&budgetFen=9.5', 'budgetFen', 'invalid_number'],
    ['industry=34&prefecture=5106&limit=0', 'limit', 'too_small'],
    ['industry=34&prefecture=5106&limit=51', 'limit', 'too_big'],
    ['industry=34&prefecture=5106&limit=ten', 'limit', 'invalid_number'],
    [`industry=34&prefecture=5106&q=${'云'.repeat(101)}`, 'q', 'too_long'],
  ])('%s → %s %s', async (query, path, code) => {
    const zh = await get(query);
    expect(zh.status).toBe(422);
    expect(zh.headers.get('Cache-Control')).toBe('no-store');
    expect(zh.body.errors).toHaveLength(1);
    expect(Object.keys(zh.body.errors[0])).toEqual(['path', 'code', 'message']);
    expect(zh.body.errors[0]).toMatchObject({ path, code });
    expect(zh.body.errors[0].message).toMatch(/\p{Script=Han}/u);
    const en = await get(query, { 'Accept-Language': 'en' });
    expect(en.body.errors[0]).toMatchObject({ path, code });
    expect(en.body.errors[0].message).toMatch(new RegExp(`^${path} `));
  });
});
