import { describe, expect, it } from 'vitest';
import {
  deriveMatchProfile,
  isAllowed,
  matchPoints,
  NO_SIGNALS,
  peerChoices,
  selectMatches,
  type MatchOffering,
  type MatchOptions,
  type MatchProfile,
  type MatchReason,
  type MatchSignals,
} from './match-scoring';

// Expected values come from formats/marketplace-api.md ("Matches") and the 2017 size rules
// (国统字〔2017〕213号), never from the weights under test.

const profile = (over: Partial<MatchProfile> = {}): MatchProfile => ({
  division: '34',
  sizeClass: 'small',
  prefecture: '5106',
  cluster: 'equipment',
  levels: ['iaas'],
  ...over,
});

const offering = (over: Partial<MatchOffering> = {}): MatchOffering => ({
  id: 'o-1',
  level: 'iaas',
  industries: ['35'],
  sizes: [],
  regions: [],
  certifications: [],
  plans: [{ priceFen: null, billing: 'quote' }],
  ...over,
});

function reasonsOf(
  p: MatchProfile,
  o: MatchOffering,
  signals: Partial<MatchSignals> = {},
  options: MatchOptions = {},
) {
  const reasons: MatchReason[] = [];
  matchPoints(p, o, { ...NO_SIGNALS, ...signals }, options, reasons);
  return reasons;
}
/** Signal columns from per-offering signals (absent = none; a null relevance = no match). */
function columns(offerings: MatchOffering[], byId: (o: MatchOffering) => Partial<MatchSignals> = () => ({})) {
  const all = offerings.map((o) => ({ ...NO_SIGNALS, ...byId(o) }));
  return {
    peers: all.map((s) => s.peers),
    queryRelevance: all.map((s) => s.queryRelevance ?? Number.NaN),
    ratings: all.map((s) => s.rating),
  };
}

const codes = (...args: Parameters<typeof reasonsOf>) => reasonsOf(...args).map((r) => r.code);

/** The ids in ranking order, everything allowed, no extra signals. */
function ranking(
  p: MatchProfile,
  offerings: MatchOffering[],
  signals: Record<string, Partial<MatchSignals>> = {},
  options: MatchOptions = {},
) {
  const { results } = selectMatches(
    p,
    offerings,
    columns(offerings, (o) => signals[o.id] ?? {}),
    {
      ...options,
      limit: 50,
    },
  );
  return results.map((r) => r.offering.id);
}

describe('deriveMatchProfile', () => {
  const facts = { industry: '34', prefecture: '5106', levels: [] };

  it('takes the division from the first two digits of a longer code, and its 2023 cluster', () => {
    const p = deriveMatchProfile({ ...facts, industry: '3441' });
    expect(p.division).toBe('34');
    expect(p.cluster).toBe('equipment');
    expect(deriveMatchProfile({ ...facts, industry: '27' }).cluster).toBe('pharma-health');
    expect(deriveMatchProfile({ ...facts, industry: '70' }).cluster).toBe('other');
  });

  it('classifies employees and revenue by the 2017 rules (工业: 1500 persons, 1000 万元 → small)', () => {
    expect(deriveMatchProfile({ ...facts, employees: 1500, revenueWan: 1000 }).sizeClass).toBe('small');
    // 软件和信息技术服务业 (I65): medium needs X ≥ 100 and Y ≥ 1000.
    expect(deriveMatchProfile({ ...facts, industry: '65', employees: 150, revenueWan: 1200 }).sizeClass).toBe(
      'medium',
    );
  });

  it('lets size win over the numbers when both are given', () => {
    expect(deriveMatchProfile({ ...facts, size: 'large', employees: 1500, revenueWan: 1000 }).sizeClass).toBe(
      'large',
    );
  });

  it('leaves the size unknown without size or numbers, or with one number above the small limit', () => {
    expect(deriveMatchProfile(facts).sizeClass).toBe('unknown');
    expect(deriveMatchProfile({ ...facts, employees: 500 }).sizeClass).toBe('unknown');
    expect(deriveMatchProfile({ ...facts, employees: 10 }).sizeClass).toBe('micro');
  });
});

describe('hard rules', () => {
  it('shows an offering with an industries list only to those divisions; an empty list to all', () => {
    expect(isAllowed(profile(), offering({ industries: ['34', '35'] }))).toBe(true);
    expect(isAllowed(profile(), offering({ industries: ['35'] }))).toBe(false);
    expect(isAllowed(profile({ division: '65' }), offering({ industries: [] }))).toBe(true);
  });

  it('shows an offering with a sizes list only to those size classes; an empty list to all', () => {
    expect(isAllowed(profile(), offering({ industries: [], sizes: ['small', 'medium'] }))).toBe(true);
    expect(isAllowed(profile(), offering({ industries: [], sizes: ['medium', 'large'] }))).toBe(false);
    expect(isAllowed(profile({ sizeClass: 'large' }), offering({ industries: [], sizes: [] }))).toBe(true);
  });

  it('excludes nothing by size when the size class is unknown', () => {
    expect(isAllowed(profile({ sizeClass: 'unknown' }), offering({ industries: [], sizes: ['large'] }))).toBe(
      true,
    );
  });

  it('keeps an offering that matches q out when the hard rules exclude it, and out of total', () => {
    const shut = offering({ id: 'a', industries: ['13'] });
    const open = offering({ id: 'b', industries: [] });
    const result = selectMatches(
      profile(),
      [shut, open],
      columns([shut, open], (o) => ({ queryRelevance: o.id === 'a' ? 1 : null })),
      {
        query: true,
        limit: 10,
      },
    );
    expect(result.results.map((r) => r.offering.id)).toEqual(['b']);
    expect(result.total).toBe(1);
  });

  it('applies the level filter on top, and total counts what both allow', () => {
    const list = [
      offering({ id: 'a', industries: [], level: 'saas' }),
      offering({ id: 'b', industries: [], level: 'paas' }),
    ];
    const result = selectMatches(profile(), list, {}, { level: ['saas'], limit: 10 });
    expect(result.results.map((r) => r.offering.id)).toEqual(['a']);
    expect(result.total).toBe(1);
  });
});

describe('reasons', () => {
  it('industry: the industries list names the division', () => {
    expect(codes(profile(), offering({ industries: ['34'] }))).toContain('industry');
    expect(codes(profile(), offering({ industries: ['34'] }))).not.toContain('general');
  });

  it('general: the industries list is empty', () => {
    expect(codes(profile(), offering({ industries: [] }))).toContain('general');
    expect(codes(profile(), offering({ industries: [] }))).not.toContain('industry');
  });

  it('size: a non-empty sizes list names the size class (never for an empty list or an unknown size)', () => {
    expect(codes(profile(), offering({ industries: [], sizes: ['small'] }))).toContain('size');
    expect(codes(profile(), offering({ industries: [], sizes: [] }))).not.toContain('size');
    expect(
      codes(profile({ sizeClass: 'unknown' }), offering({ industries: [], sizes: ['small'] })),
    ).not.toContain('size');
  });

  it('onsite: the regions list names the prefecture; an empty list promises no on-site service', () => {
    expect(codes(profile(), offering({ industries: [], regions: ['5101', '5106'] }))).toContain('onsite');
    expect(codes(profile(), offering({ industries: [], regions: [] }))).not.toContain('onsite');
    expect(codes(profile(), offering({ industries: [], regions: ['5101'] }))).not.toContain('onsite');
  });

  it('next-level: a level the enterprise does not use yet', () => {
    expect(codes(profile({ levels: ['iaas'] }), offering({ industries: [], level: 'saas' }))).toContain(
      'next-level',
    );
    expect(codes(profile({ levels: ['iaas'] }), offering({ industries: [], level: 'iaas' }))).not.toContain(
      'next-level',
    );
    expect(codes(profile({ levels: [] }), offering({ industries: [], level: 'iaas' }))).toContain(
      'next-level',
    );
  });

  describe('budget: a priced plan whose monthly equivalent is at most budgetFen', () => {
    const fits = (plans: MatchOffering['plans'], budgetFen = 98_000) =>
      codes(profile(), offering({ industries: [], plans }), {}, { budgetFen }).includes('budget');
    it('takes a month price as it is', () => {
      expect(fits([{ priceFen: 98_000, billing: 'month' }])).toBe(true);
      expect(fits([{ priceFen: 98_001, billing: 'month' }])).toBe(false);
    });
    it('divides a year or once price by 12', () => {
      expect(fits([{ priceFen: 1_176_000, billing: 'year' }])).toBe(true);
      expect(fits([{ priceFen: 1_176_001, billing: 'year' }])).toBe(false);
      expect(fits([{ priceFen: 1_176_000, billing: 'once' }])).toBe(true);
      expect(fits([{ priceFen: 1_176_001, billing: 'once' }])).toBe(false);
    });
    it('never counts quote or 面议 plans, and any one fitting plan is enough', () => {
      expect(fits([{ priceFen: 100, billing: 'quote' }])).toBe(false);
      expect(fits([{ priceFen: null, billing: 'month' }])).toBe(false);
      expect(
        fits([
          { priceFen: 500_000, billing: 'month' },
          { priceFen: 12_000, billing: 'year' },
        ]),
      ).toBe(true);
    });
    it('is never given without a budget', () => {
      expect(
        codes(profile(), offering({ industries: [], plans: [{ priceFen: 0, billing: 'month' }] })),
      ).not.toContain('budget');
    });
  });

  it('certified: the provider holds 等保三级, 可信云 or 双跨平台 (and says which)', () => {
    for (const cert of ['mlps3', 'trusted-cloud', 'cross-industry-platform'])
      expect(
        reasonsOf(profile(), offering({ industries: [], certifications: ['iso27001', cert] })),
      ).toContainEqual({
        code: 'certified',
        certifications: [cert],
      });
    for (const cert of ['mlps2', 'iso27001', 'iso20000', 'itss'])
      expect(codes(profile(), offering({ industries: [], certifications: [cert] }))).not.toContain(
        'certified',
      );
  });

  it('peers: at least 3 enterprises of the cluster and prefecture adopted it', () => {
    expect(reasonsOf(profile(), offering({ industries: [] }), { peers: 3 })).toContainEqual({
      code: 'peers',
      enterprises: 3,
    });
    expect(codes(profile(), offering({ industries: [] }), { peers: 2 })).not.toContain('peers');
  });

  it('query: matches q (only when q was given)', () => {
    expect(
      codes(profile(), offering({ industries: [] }), { queryRelevance: 0.2 }, { query: true }),
    ).toContain('query');
    expect(codes(profile(), offering({ industries: [] }), { queryRelevance: 0 }, { query: true })).toContain(
      'query',
    );
    expect(
      codes(profile(), offering({ industries: [] }), { queryRelevance: null }, { query: true }),
    ).not.toContain('query');
  });

  it('rated: an average of at least 4.0 from at least 3 verified reviews', () => {
    expect(codes(profile(), offering({ industries: [] }), { rating: { average: 4.0, count: 3 } })).toContain(
      'rated',
    );
    expect(
      codes(profile(), offering({ industries: [] }), { rating: { average: 3.9, count: 50 } }),
    ).not.toContain('rated');
    expect(
      codes(profile(), offering({ industries: [] }), { rating: { average: 5, count: 2 } }),
    ).not.toContain('rated');
  });

  it('gives every allowed offering at least one reason, in the contract order', () => {
    const p = profile({ levels: ['iaas', 'paas', 'saas', 'platform', 'industrial-app'] });
    expect(codes(p, offering({ industries: ['34'] }))).toEqual(['industry']);
    const { results } = selectMatches(
      p,
      [offering({ industries: [], regions: ['5106'], sizes: ['small'], certifications: ['mlps3'] })],
      { peers: [4] },
      { limit: 1 },
    );
    expect(results[0]!.reasons.map((r) => r.code)).toEqual([
      'general',
      'size',
      'onsite',
      'certified',
      'peers',
    ]);
  });
});

describe('ranking', () => {
  const base = { industries: [] as string[], level: 'paas' as const };

  it('puts an offering for the division above one for all industries, all else equal', () => {
    expect(
      ranking(profile(), [
        offering({ ...base, id: 'a' }),
        offering({ ...base, id: 'z', industries: ['34'] }),
      ]),
    ).toEqual(['z', 'a']);
  });

  it('puts a level the enterprise does not use above one it uses, all else equal', () => {
    const p = profile({ levels: ['iaas'] });
    expect(
      ranking(p, [
        offering({ ...base, id: 'a', level: 'iaas' }),
        offering({ ...base, id: 'z', level: 'saas' }),
      ]),
    ).toEqual(['z', 'a']);
  });

  it.each([
    ['onsite', { regions: ['5106'] }, {}, {}],
    ['budget', { plans: [{ priceFen: 100, billing: 'month' as const }] }, {}, { budgetFen: 100 }],
    ['certified', { certifications: ['trusted-cloud'] }, {}, {}],
    ['peers', {}, { peers: 3 }, {}],
    ['rated', {}, { rating: { average: 4.5, count: 3 } }, {}],
    ['query', {}, { queryRelevance: 0.1 }, { query: true }],
  ])('raises the score for %s', (_code, over, signals, options) => {
    const plain = offering({ ...base, id: 'a' });
    const better = offering({ ...base, id: 'z', ...over });
    expect(ranking(profile(), [plain, better], { z: signals }, options)).toEqual(['z', 'a']);
  });

  it('ranks better text relevance higher among offerings matching q', () => {
    const list = [offering({ ...base, id: 'a' }), offering({ ...base, id: 'z' })];
    expect(
      ranking(profile(), list, { a: { queryRelevance: 0.2 }, z: { queryRelevance: 0.9 } }, { query: true }),
    ).toEqual(['z', 'a']);
  });

  it('ranks every offering matching q above every one that does not ("still appear, lower")', () => {
    const fits = offering({
      id: 'a',
      industries: ['34'],
      level: 'saas',
      regions: ['5106'],
      sizes: ['small'],
      certifications: ['mlps3'],
      plans: [{ priceFen: 1, billing: 'month' }],
    });
    const matchesQ = offering({ id: 'z', industries: [], level: 'iaas' });
    const { results, total } = selectMatches(
      profile(),
      [fits, matchesQ],
      columns([fits, matchesQ], (o) => ({
        peers: o.id === 'a' ? 9 : 0,
        queryRelevance: o.id === 'z' ? 0 : null,
      })),
      { query: true, budgetFen: 1, limit: 10 },
    );
    expect(results.map((r) => r.offering.id)).toEqual(['z', 'a']);
    expect(total).toBe(2);
  });

  it('orders equal scores by offering id, whatever the input order', () => {
    const list = ['m', 'b', 'x', 'a', 'k'].map((id) => offering({ ...base, id }));
    expect(ranking(profile(), list)).toEqual(['a', 'b', 'k', 'm', 'x']);
    expect(ranking(profile(), [...list].reverse())).toEqual(['a', 'b', 'k', 'm', 'x']);
  });

  it('pages with limit and offset over the same order, and keeps scores between 0 and 1', () => {
    const list = Array.from({ length: 12 }, (_, i) =>
      offering({ ...base, id: `o${String(i).padStart(2, '0')}`, regions: i % 3 ? [] : ['5106'] }),
    );
    const all = selectMatches(profile(), list, {}, { limit: 12 }).results.map((r) => r.offering.id);
    const page2 = selectMatches(profile(), list, {}, { limit: 5, offset: 5 });
    expect(page2.results.map((r) => r.offering.id)).toEqual(all.slice(5, 10));
    expect(page2.total).toBe(12);
    for (const r of page2.results) expect(r.score > 0 && r.score <= 1).toBe(true);
  });
});

describe('peerChoices', () => {
  it('never shows a group of fewer than 3 enterprises, and lists the most adopted first, then by id', () => {
    const counts = new Map([
      ['c', 3],
      ['a', 2],
      ['b', 7],
      ['d', 3],
      ['e', 1],
    ]);
    expect(peerChoices(counts)).toEqual([
      { offeringId: 'b', enterprises: 7 },
      { offeringId: 'c', enterprises: 3 },
      { offeringId: 'd', enterprises: 3 },
    ]);
  });
});
