import { describe, expect, it } from 'vitest';
import { isFiltered, makeQuery, parseSearchParams, searchParamsOf, shouldRecordMiss } from './engine';

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe('/api/search parameters', () => {
  it('defaults: browse newest, page 1, 20 per page; relevance once there is a query', () => {
    expect(parse('')).toEqual({ ok: true, query: makeQuery() });
    expect(parse('')).toMatchObject({
      query: { q: '', sort: 'newest', page: 1, perPage: 20, priceMaxFen: null },
    });
    expect(parse('q=%20制造%20')).toMatchObject({ query: { q: '制造', sort: 'relevance' } });
  });

  it('reads repeated facet values as "any of these", drops duplicates and blanks, ignores unknown names', () => {
    const r = parse(
      'level=saas&level=paas&level=saas&region=5101&industry=&cert=mlps3&foo=bar&sort=price-asc&page=3&perPage=50&priceMaxFen=98000',
    );
    expect(r).toEqual({
      ok: true,
      query: makeQuery({
        filters: { level: ['saas', 'paas'], region: ['5101'], cert: ['mlps3'] },
        sort: 'price-asc',
        page: 3,
        perPage: 50,
        priceMaxFen: 98_000,
      }),
    });
  });

  it('treats empty fields of a plain GET form as absent', () => {
    expect(parse('q=&sort=&page=&perPage=&priceMaxFen=&level=')).toEqual({ ok: true, query: makeQuery() });
  });

  it.each([
    ['perPage=51', 'perPage'],
    ['perPage=0', 'perPage'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['priceMaxFen=-1', 'priceMaxFen'],
    ['priceMaxFen=12.5', 'priceMaxFen'],
    ['sort=oldest', 'sort'],
    ['level=cloud', 'level'],
    ['industry=65', 'industry'],
    ['region=1101', 'region'],
    ['cert=iso9001', 'cert'],
    ['size=huge', 'size'],
    ['category=区块链', 'category'],
    [`q=${'制'.repeat(101)}`, 'q'],
  ])('refuses %s with an error on %s', (qs, path) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toEqual([path]);
      expect(r.errors[0]?.message).toMatch(/^(must|unknown)/);
    }
  });

  it('lists every bad parameter at once', () => {
    const r = parse('page=0&perPage=99&level=x');
    expect(r.ok ? [] : r.errors.map((e) => e.path).sort()).toEqual(['level', 'page', 'perPage']);
  });

  it('accepts a 100-character query', () => {
    expect(parse(`q=${'制'.repeat(100)}`).ok).toBe(true);
  });

  it('writes a query back as shareable parameters', () => {
    const query = makeQuery({ q: '能耗', filters: { level: ['saas', 'paas'] }, page: 2, priceMaxFen: 100 });
    const params = searchParamsOf(query);
    expect(params.toString()).toBe('q=%E8%83%BD%E8%80%97&level=saas&level=paas&priceMaxFen=100&page=2');
    expect(parseSearchParams(params)).toEqual({ ok: true, query });
  });
});

describe('the miss rule (one for the catalog page and /api/search)', () => {
  const words = (total: number) => {
    const asked: string[] = [];
    const totalOf = async (q: ReturnType<typeof makeQuery>) => {
      asked.push(searchParamsOf(q).toString());
      return total;
    };
    return { asked, totalOf };
  };

  it('counts words that find nothing, on any page, and nothing without words or with hits', async () => {
    const none = words(0);
    expect(await shouldRecordMiss(makeQuery({ q: '量子' }), 0, none.totalOf)).toBe(true);
    expect(await shouldRecordMiss(makeQuery({ q: '量子', page: 3, sort: 'newest' }), 0, none.totalOf)).toBe(
      true,
    );
    expect(await shouldRecordMiss(makeQuery({ q: '' }), 0, none.totalOf)).toBe(false);
    expect(await shouldRecordMiss(makeQuery({ q: '量子' }), 2, none.totalOf)).toBe(false);
    // Unfiltered, the answer itself decides: nothing more is asked.
    expect(none.asked).toEqual([]);
  });

  it('under filters or a price limit, asks what the words alone find', async () => {
    const filtered = makeQuery({ q: '焊缝', filters: { level: ['iaas'] }, priceMaxFen: 100 });
    expect(isFiltered(filtered)).toBe(true);
    expect(isFiltered(makeQuery({ priceMaxFen: 0 }))).toBe(true);
    expect(isFiltered(makeQuery({ q: '焊缝' }))).toBe(false);
    const found = words(3);
    expect(await shouldRecordMiss(filtered, 0, found.totalOf)).toBe(false);
    expect(found.asked).toEqual([`q=${encodeURIComponent('焊缝')}`]);
    expect(await shouldRecordMiss(filtered, 0, words(0).totalOf)).toBe(true);
  });
});
