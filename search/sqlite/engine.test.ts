import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../db/schema';
import {
  insertSearchFixture,
  VISIBLE_KEYS,
  type SearchFixtureIds,
} from '../../tests/fixtures/search-catalog';
import { useTestDatabase } from '../../tests/setup/test-db';
import { makeQuery, type SearchFilters, type SearchResponse } from '../engine';
import { reindexProviderInTx, sqliteEngineFor } from '../../app/models/search.server';
import { saveSynonymGroupInTx } from '../synonyms';

const db = useTestDatabase();
let ids: SearchFixtureIds;
let keyOf: Map<string, string>;

beforeAll(() => {
  ids = insertSearchFixture(db());
  keyOf = new Map(Object.entries(ids.offering).map(([key, id]) => [id, key]));
});

function search(
  q: string,
  more: {
    filters?: Partial<SearchFilters>;
    priceMaxFen?: number;
    sort?: 'relevance' | 'newest' | 'price-asc';
    page?: number;
    perPage?: number;
  } = {},
): SearchResponse {
  return sqliteEngineFor(db()).searchSync(makeQuery({ q, perPage: 50, ...more }));
}
const keys = (r: SearchResponse) => r.hits.map((h) => keyOf.get(h.id));

describe('two-character Chinese words and substrings', () => {
  it.each([
    ['制造', ['smart-mes']],
    ['设备', ['predictive', 'equipment-cloud']],
    ['能耗', ['energy']],
  ])('%s finds the offerings that contain it, and only visible ones', (q, expected) => {
    const found = keys(search(q));
    for (const key of expected) expect(found).toContain(key);
    for (const key of found) expect(VISIBLE_KEYS).toContain(key);
  });

  it('finds a single character inside a longer query (云 of 云主机)', () => {
    expect(keys(search('云主机'))).toEqual(['markup']);
    expect(keys(search('主机'))).toContain('markup');
  });

  it('ranks the phrase in a title above a summary that merely contains it', () => {
    const found = keys(search('设备预测性维护'));
    expect(found.slice(0, 2)).toEqual(['predictive', 'equipment-cloud']);
  });
});

describe('English, typos and pinyin', () => {
  it('matches English by prefix while typing, case-insensitively (eq → Equipment)', () => {
    const found = keys(search('eq'));
    expect(found).toEqual(expect.arrayContaining(['predictive', 'equipment-cloud']));
    expect(keys(search('EQUIP'))).toEqual(expect.arrayContaining(['predictive', 'equipment-cloud']));
  });

  it.each([
    ['monitering', 'energy'],
    ['platfrom', 'energy'],
    ['maintenanse', 'predictive'],
  ])('tolerates one typo in a word of 5+ letters (%s)', (q, key) => {
    expect(keys(search(q))).toContain(key);
  });

  it('does not correct words shorter than 5 letters', () => {
    expect(search('clud ').total).toBe(0);
  });

  it('finds titles by full pinyin and by initials, and marks the Chinese they spell', () => {
    for (const q of ['zhinengzhizao', 'znzz']) {
      const r = search(q);
      expect(keys(r)).toContain('smart-mes');
      expect(r.hits.find((h) => keyOf.get(h.id) === 'smart-mes')?.highlight.title).toBe(
        '云鼎<mark>智能制造</mark>执行系统',
      );
    }
  });

  it('finds a provider by the pinyin of its name', () => {
    const found = keys(search('yunding'));
    expect(found).toEqual(expect.arrayContaining(['smart-mes', 'predictive', 'erp-zh']));
  });
});

describe('synonyms', () => {
  it.each([
    ['MES', ['smart-mes', 'mes-lite']],
    ['制造执行系统', ['smart-mes', 'mes-lite']],
    ['ERP', ['erp-zh', 'erp-en']],
    ['企业资源计划', ['erp-zh', 'erp-en']],
  ])('%s finds both words of the pair', (q, expected) => {
    expect(keys(search(q))).toEqual(expect.arrayContaining(expected));
  });

  it('uses synonyms an official adds, from the next search on', () => {
    expect(search('焊接缝').total).toBe(0);
    db().transaction((tx) => saveSynonymGroupInTx(tx, { terms: ['焊缝', '焊接缝'], actorUserId: null }));
    expect(keys(search('焊接缝'))).toEqual(
      expect.arrayContaining(['weld-title', 'weld-summary', 'weld-tags']),
    );
  });
});

describe('ranking', () => {
  it('puts title matches above summary matches above tag matches, whatever their age', () => {
    expect(keys(search('焊缝'))).toEqual(['weld-title', 'weld-summary', 'weld-tags']);
  });

  it('browses newest first and sorts by lowest price on request', () => {
    const newest = keys(search(''));
    expect(newest[0]).toBe('markup');
    expect(newest).toHaveLength(VISIBLE_KEYS.length);
    const prices = search('', { sort: 'price-asc' }).hits.map((h) => h.minPriceFen);
    const priced = prices.filter((p): p is number => p !== null);
    expect(priced).toEqual([...priced].sort((a, b) => a - b));
    expect(prices.at(-1)).toBeNull(); // 面议 only: last
  });

  it('pages through the results', () => {
    const all = keys(search('', { perPage: 50 }));
    const second = search('', { page: 2, perPage: 3 });
    expect(second.total).toBe(all.length);
    expect(keys(second)).toEqual(all.slice(3, 6));
    expect(search('', { page: 99, perPage: 3 }).hits).toEqual([]);
  });
});

describe('filters and facets', () => {
  it('ORs the values of one filter and ANDs different filters', () => {
    const r = search('', { filters: { level: ['saas', 'platform'], category: ['经营管理'] } });
    expect(keys(r).sort()).toEqual(['erp-en', 'erp-zh']);
  });

  it('treats an empty industries / sizes / regions list as matching every value', () => {
    const industry34 = keys(search('', { filters: { industry: ['34'] } }));
    expect(industry34).toEqual(
      expect.arrayContaining(['smart-mes', 'equipment-cloud', 'predictive', 'erp-zh']),
    );
    expect(industry34).not.toContain('mes-lite'); // made for 35 only
    expect(industry34).not.toContain('energy');
    const region5107 = keys(search('', { filters: { region: ['5107'] } }));
    expect(region5107).toContain('energy');
    expect(region5107).not.toContain('predictive'); // delivered in 5101 only
    expect(keys(search('', { filters: { size: ['large'] } }))).not.toContain('erp-en');
  });

  it('keeps offerings with a plan at or under priceMaxFen; 面议 never matches', () => {
    const found = keys(search('', { priceMaxFen: 50_000 }));
    expect(found).toEqual(expect.arrayContaining(['energy', 'mes-lite', 'markup']));
    expect(found).not.toContain('predictive');
    expect(found).not.toContain('smart-mes');
  });

  it('counts each facet with the other filters applied but not its own (disjunctive)', () => {
    const r = search('', { filters: { level: ['saas'] } });
    expect(r.total).toBe(4);
    // level: as if no level filter were chosen, so other levels can be added.
    expect(r.facets.level).toMatchObject({ saas: 4, 'industrial-app': 4, platform: 1, paas: 1, iaas: 1 });
    // category: within the saas results only.
    expect(r.facets.category).toEqual({ 生产管理: 2, 经营管理: 2 });
    // industry: an empty list counts under every value.
    expect(r.facets.industry['34']).toBe(3);
    expect(r.facets.cert).toEqual({ mlps2: 2, mlps3: 2, iso27001: 2 });
  });

  it('combines text and filters', () => {
    const r = search('设备', { filters: { level: ['paas'] } });
    expect(keys(r)).toEqual(['equipment-cloud']);
    expect(r.facets.level).toMatchObject({ paas: 1, 'industrial-app': 1 });
  });
});

describe('visibility', () => {
  it('never returns drafts, archived offerings, or offerings of unapproved, suspended or flagged providers', () => {
    for (const q of ['制造', '能耗', '设备', '']) {
      for (const key of keys(search(q))) expect(VISIBLE_KEYS).toContain(key);
    }
  });

  it('hides a provider’s offerings when it is suspended and shows them again on reinstatement', () => {
    const setStatus = (status: 'approved' | 'suspended') =>
      db().transaction((tx) => {
        tx.update(providers).set({ status }).where(eq(providers.id, ids.provider.shuyun)).run();
        reindexProviderInTx(tx, ids.provider.shuyun);
      });
    setStatus('suspended');
    expect(keys(search('MES'))).toEqual(['smart-mes']);
    setStatus('approved');
    expect(keys(search('MES')).sort()).toEqual(['mes-lite', 'smart-mes']);
  });
});

describe('highlights', () => {
  it('escapes HTML in titles and summaries; <mark> is the only markup', () => {
    const hit = search('云主机').hits[0]!;
    expect(hit.title).toBe('云主机 <标准型> & "弹性" \'按量\'');
    expect(hit.highlight.title).toBe(
      '<mark>云主机</mark> &lt;标准型&gt; &amp; &quot;弹性&quot; &#39;按量&#39;',
    );
    expect(hit.highlight.summary).toBe('&lt;script&gt;alert(1)&lt;/script&gt; 通用<mark>云主机</mark>。');
  });

  it('marks English prefixes and typo corrections where they matched', () => {
    expect(search('eq').hits.find((h) => keyOf.get(h.id) === 'predictive')?.highlight.titleEn).toBe(
      'Predictive <mark>Eq</mark>uipment Maintenance',
    );
    expect(search('monitering ').hits[0]?.highlight.titleEn).toBe('Energy <mark>Monitoring</mark> Platform');
  });

  it('treats query syntax as text (quotes, stars, colons, NEAR)', () => {
    for (const q of ['"', '制造"', 'a:b', 'NEAR(x y)', '*', '{title}:x', "o'brien"])
      expect(() => search(q)).not.toThrow();
  });
});
