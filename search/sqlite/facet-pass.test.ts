import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from '../../db/seed/random';
import { bitsOf, emptyFacetColumn, facetSlots, filterAndCount, type FacetColumn } from './facet-pass';

/** Documents as plain lists: per facet, the value indices, or 'all' for a universal document. */
type Doc = (number[] | 'all')[];

function columnsOf(docs: Doc[], vocabularies: number[]): FacetColumn[] {
  return vocabularies.map((values, f) => {
    const column = emptyFacetColumn(values, docs.length);
    docs.forEach((doc, i) => {
      const list = doc[f]!;
      if (list === 'all') column.universal[i] = 1;
      else column.bits.set(bitsOf(list, values), i * column.words);
    });
    return column;
  });
}

/** search-api.md's rule, written the slow and obvious way. */
function expected(docs: Doc[], vocabularies: number[], selected: (number[] | null)[]) {
  const has = (doc: Doc, f: number, v: number) => doc[f] === 'all' || (doc[f] as number[]).includes(v);
  const passes = (doc: Doc, f: number) => selected[f] === null || selected[f]!.some((v) => has(doc, f, v));
  const results = docs.flatMap((doc, i) => (vocabularies.every((_, f) => passes(doc, f)) ? [i] : []));
  const counts = vocabularies.map((values, f) =>
    Array.from(
      { length: values },
      (_, v) =>
        docs.filter((doc) => has(doc, f, v) && vocabularies.every((_, g) => g === f || passes(doc, g))).length,
    ),
  );
  return { results, counts };
}

describe('facet pass over vocabularies of any size', () => {
  const vocabularies = [5, 31, 32, 70];

  it('filters and counts a 70-value facet (three words per document) like the obvious rule', () => {
    const rng = createRng(hashSeed('facet-pass'));
    const docs: Doc[] = Array.from({ length: 400 }, () =>
      vocabularies.map((values) =>
        rng.chance(0.1) ? 'all' : Array.from({ length: rng.int(0, 3) }, () => rng.int(0, values - 1)),
      ),
    );
    const columns = columnsOf(docs, vocabularies);
    const slots = facetSlots(columns, docs.length);
    const candidates = Int32Array.from(docs.keys());
    const selections: (number[] | null)[][] = [
      [null, null, null, null],
      [null, null, null, [69]],
      [[0, 4], null, [31], [33, 64, 69]],
      [null, [30], null, [0, 31, 32, 63]],
      [[2], [0], [1], [40]],
    ];
    for (const selected of selections) {
      const got = filterAndCount({
        candidates,
        columns,
        selected: selected.map((s, f) => (s === null ? null : bitsOf(s, vocabularies[f]!))),
        minPrice: new Float64Array(docs.length),
        priceMax: null,
        slots,
      });
      const want = expected(docs, vocabularies, selected);
      expect([...got.results]).toEqual(want.results);
      expect(got.counts.map((c) => [...c])).toEqual(want.counts);
    }
  });

  it('counts a value above bit 31 (a vocabulary that has outgrown one word)', () => {
    const docs: Doc[] = [[[0], [1], [2], [69]], [[0], [1], [2], [32, 69]], [[0], [1], [2], 'all']];
    const columns = columnsOf(docs, vocabularies);
    const { counts } = filterAndCount({
      candidates: [0, 1, 2],
      columns,
      selected: [null, null, null, bitsOf([32], 70)],
      minPrice: new Float64Array(3),
      priceMax: null,
    });
    expect(counts[3]![69]).toBe(3);
    expect(counts[3]![32]).toBe(2);
    expect(counts[3]![0]).toBe(1);
  });

  it('selects nothing for a filter of values outside the vocabulary, universal documents included', () => {
    const docs: Doc[] = [[[0], [1], [2], 'all']];
    const { results } = filterAndCount({
      candidates: [0],
      columns: columnsOf(docs, vocabularies),
      selected: [null, null, null, bitsOf([-1, 70], 70)],
      minPrice: new Float64Array(1),
      priceMax: null,
    });
    expect(results.length).toBe(0);
  });
});
