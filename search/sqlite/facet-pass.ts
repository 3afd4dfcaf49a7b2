/**
 * Filters and disjunctive facet counts in one pass over the matched documents (search-api.md:
 * each facet is counted with every other filter applied but its own). A document failing
 * exactly one facet's filter still counts towards that facet, so the counts show what widening
 * the choice would add; failing two, it counts nowhere. A document whose list is empty where
 * empty means "all" (search/facets.ts) is universal: it passes every filter of that facet and
 * counts under every value.
 *
 * A facet's values are a bit set of as many 32-bit words as its vocabulary needs, so a
 * vocabulary may grow without limit (industry already has 31 values); every facet today fits
 * one word, and the loops below cost no more than the single-mask version did.
 */

/** One facet's values for every document (document i's words at i × words … i × words + words − 1). */
export interface FacetColumn {
  /** Size of the facet's vocabulary (bit v = value v). */
  values: number;
  /** 32-bit words per document: ceil(values / 32), at least 1. */
  words: number;
  bits: Int32Array;
  /** 1 where the document's list is empty and means "all". */
  universal: Uint8Array;
}

export function wordsFor(values: number): number {
  return Math.max(1, Math.ceil(values / 32));
}

export function emptyFacetColumn(values: number, size: number): FacetColumn {
  const words = wordsFor(values);
  return { values, words, bits: new Int32Array(size * words), universal: new Uint8Array(size) };
}

/** The bit set of value indices (out of range ones dropped), `words` long. */
export function bitsOf(indices: readonly number[], values: number): Int32Array {
  const out = new Int32Array(wordsFor(values));
  for (const v of indices) if (v >= 0 && v < values) out[v >>> 5]! |= 1 << (v & 31);
  return out;
}

export interface FacetPassInput {
  candidates: ArrayLike<number>;
  /** Per facet (SEARCH_FACETS order). */
  columns: readonly FacetColumn[];
  /**
   * Per facet, the selected values' bit set; null = not filtered. An all-zero set (only values
   * outside the vocabulary were asked for) matches nothing, universal documents included.
   */
  selected: readonly (Int32Array | null)[];
  /** Lowest price per document index, NaN for 面议 only. */
  minPrice: Float64Array;
  priceMax: number | null;
  /** Where to write the results (at least candidates.length long); a new array if absent. */
  into?: Int32Array;
  /** Each document's tally slots, precomputed (facetSlots): the common case without bit loops. */
  slots?: FacetSlots;
}

/**
 * Per document, the tally slots its values count under: facet f's value v is slot
 * base[f] + v, its "universal" slot base[f] + values.
 */
export interface FacetSlots {
  offsets: Int32Array;
  slots: Uint16Array;
}

function slotBases(columns: readonly FacetColumn[]): Int32Array {
  const bases = new Int32Array(columns.length + 1);
  columns.forEach((c, f) => (bases[f + 1] = bases[f]! + c.values + 1));
  if (bases[columns.length]! > 0xffff) throw new Error('facet vocabularies exceed 65,535 values in all');
  return bases;
}

/** Calls `visit` with the tally slot of each of document i's values of one facet. */
function eachSlot(column: FacetColumn, base: number, i: number, visit: (slot: number) => void): void {
  if (column.universal[i] === 1) {
    visit(base + column.values);
    return;
  }
  const { words, bits } = column;
  for (let w = 0, at = i * words; w < words; w++, at++) {
    let m = bits[at]!;
    while (m !== 0) {
      const low = m & -m;
      visit(base + (w << 5) + 31 - Math.clz32(low));
      m ^= low;
    }
  }
}

/** The slots of every document, built once per load of the in-memory columns. */
export function facetSlots(columns: readonly FacetColumn[], size: number): FacetSlots {
  const bases = slotBases(columns);
  const offsets = new Int32Array(size + 1);
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    offsets[i] = out.length;
    columns.forEach((column, f) => eachSlot(column, bases[f]!, i, (slot) => out.push(slot)));
  }
  offsets[size] = out.length;
  return { offsets, slots: Uint16Array.from(out) };
}

export interface FacetPassResult {
  /** Matching document indices, in candidate order. */
  results: Int32Array;
  /** Per facet, count per vocabulary value (universal documents included). */
  counts: Int32Array[];
}

/** Whether document i passes a filter of one facet. */
function passes(column: FacetColumn, selected: Int32Array, i: number): boolean {
  if (column.universal[i] === 1) {
    for (let w = 0; w < selected.length; w++) if (selected[w] !== 0) return true;
    return false;
  }
  const { words, bits } = column;
  for (let w = 0, at = i * words; w < words; w++, at++) if ((bits[at]! & selected[w]!) !== 0) return true;
  return false;
}

export function filterAndCount(input: FacetPassInput): FacetPassResult {
  const { candidates, columns, selected, minPrice, priceMax } = input;
  const bases = slotBases(columns);
  const tally = new Int32Array(bases[columns.length]!);
  const results =
    input.into && input.into.length >= candidates.length ? input.into : new Int32Array(candidates.length);
  let total = 0;
  // Only the filtered facets are tested per document.
  const filtered: number[] = [];
  selected.forEach((sel, f) => {
    if (sel !== null) filtered.push(f);
  });
  const nSel = filtered.length;
  const offsets = input.slots?.offsets ?? null;
  const slots = input.slots?.slots ?? null;
  const count = (slot: number) => tally[slot]!++;
  // Inlined on purpose: this loop runs for every matched document of every search.
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k]!;
    if (priceMax !== null && !(minPrice[i]! <= priceMax)) continue;
    let failed = -1;
    if (nSel > 0) {
      let fails = 0;
      for (let s = 0; s < nSel; s++) {
        const f = filtered[s]!;
        if (!passes(columns[f]!, selected[f]!, i)) {
          failed = f;
          if (++fails > 1) break;
        }
      }
      if (fails > 1) continue;
      if (failed >= 0) {
        eachSlot(columns[failed]!, bases[failed]!, i, count);
        continue;
      }
    }
    if (offsets !== null && slots !== null) {
      for (let s = offsets[i]!, end = offsets[i + 1]!; s < end; s++) tally[slots[s]!]!++;
    } else {
      columns.forEach((column, f) => eachSlot(column, bases[f]!, i, count));
    }
    results[total++] = i;
  }

  const counts = columns.map((column, f) => {
    const block = tally.subarray(bases[f]!, bases[f]! + column.values);
    const universal = tally[bases[f]! + column.values]!;
    return universal === 0 ? block.slice() : block.map((n) => n + universal);
  });
  return { results: results.subarray(0, total), counts };
}
