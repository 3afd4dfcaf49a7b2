/**
 * Filters and disjunctive facet counts in one pass over the matched documents (search-api.md:
 * each facet is counted with every other filter applied but its own). A document failing
 * exactly one facet's filter still counts towards that facet, so the counts show what widening
 * the choice would add; failing two, it counts nowhere. Masks are per search/facets.ts; a
 * document whose mask is the facet's full mask (an empty "all" list) counts under every value.
 */

export interface FacetPassInput {
  candidates: ArrayLike<number>;
  /** Per facet (SEARCH_FACETS order), the mask of each document index. */
  masks: readonly Int32Array[];
  /** Per facet, the mask with every vocabulary bit set. */
  full: readonly number[];
  /** Per facet, the selected values' mask; 0 = not filtered. */
  selected: readonly number[];
  /** Lowest price per document index, NaN for 面议 only. */
  minPrice: Float64Array;
  priceMax: number | null;
  /** Where to write the results (at least candidates.length long); a new array if absent. */
  into?: Int32Array;
  /** Each document's tally slots, precomputed (facetSlots): the common case without bit loops. */
  slots?: FacetSlots;
}

/** Per document, the tally slots (facet × 32 + bit, 31 = "every value") its masks count under. */
export interface FacetSlots {
  offsets: Int32Array;
  slots: Uint16Array;
}

/** The slots of every document, built once per load of the in-memory columns. */
export function facetSlots(masks: readonly Int32Array[], full: readonly number[], size: number): FacetSlots {
  const offsets = new Int32Array(size + 1);
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    offsets[i] = out.length;
    for (let f = 0; f < masks.length; f++) {
      let m = masks[f]![i]!;
      if (m === full[f]) {
        out.push(f * SLOTS + 31);
        continue;
      }
      while (m !== 0) {
        const low = m & -m;
        out.push(f * SLOTS + 31 - Math.clz32(low));
        m ^= low;
      }
    }
  }
  offsets[size] = out.length;
  return { offsets, slots: Uint16Array.from(out) };
}

export interface FacetPassResult {
  /** Matching document indices, in candidate order. */
  results: Int32Array;
  /** Per facet, count per vocabulary bit (universal documents included). */
  counts: Int32Array[];
}

const SLOTS = 32; // 31 value bits + 1 slot for "universal" documents

export function filterAndCount(input: FacetPassInput): FacetPassResult {
  const { candidates, masks, full, selected, minPrice, priceMax } = input;
  const facets = masks.length;
  const tally = new Int32Array(facets * SLOTS);
  const results =
    input.into && input.into.length >= candidates.length ? input.into : new Int32Array(candidates.length);
  let total = 0;
  // Only the filtered facets are tested per document.
  const selFacets: number[] = [];
  const selMasks: Int32Array[] = [];
  const selBits: number[] = [];
  selected.forEach((sel, f) => {
    if (sel !== 0) {
      selFacets.push(f);
      selMasks.push(masks[f]!);
      selBits.push(sel);
    }
  });
  const nSel = selFacets.length;
  const fullOf = Int32Array.from(full);
  const offsets = input.slots?.offsets ?? null;
  const slots = input.slots?.slots ?? null;
  // Adds document i's values of facets from…to-1 to the tally (bit by bit).
  const countBits = (i: number, from: number, to: number) => {
    for (let f = from; f < to; f++) {
      let m = masks[f]![i]!;
      const base = f * SLOTS;
      if (m === fullOf[f]) {
        tally[base + 31]!++;
        continue;
      }
      while (m !== 0) {
        const low = m & -m;
        tally[base + 31 - Math.clz32(low)]!++;
        m ^= low;
      }
    }
  };
  // Inlined on purpose: this loop runs for every matched document of every search.
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k]!;
    if (priceMax !== null && !(minPrice[i]! <= priceMax)) continue;
    let failed = -1;
    if (nSel > 0) {
      let fails = 0;
      for (let s = 0; s < nSel; s++) {
        if ((selMasks[s]![i]! & selBits[s]!) === 0) {
          failed = selFacets[s]!;
          if (++fails > 1) break;
        }
      }
      if (fails > 1) continue;
      if (failed >= 0) {
        countBits(i, failed, failed + 1);
        continue;
      }
    }
    if (offsets !== null && slots !== null) {
      for (let s = offsets[i]!, end = offsets[i + 1]!; s < end; s++) tally[slots[s]!]!++;
    } else {
      countBits(i, 0, facets);
    }
    results[total++] = i;
  }

  const counts: Int32Array[] = [];
  for (let f = 0; f < facets; f++) {
    const block = tally.subarray(f * SLOTS, f * SLOTS + 31);
    const universal = tally[f * SLOTS + 31]!;
    counts.push(universal === 0 ? block.slice() : block.map((n) => n + universal));
  }
  return { results: results.subarray(0, total), counts };
}
