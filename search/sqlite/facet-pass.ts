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
  const anySelected = selected.some((s) => s !== 0);

  const fullOf = Int32Array.from(full);
  // Inlined on purpose: this loop runs for every matched document of every search.
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k]!;
    if (priceMax !== null && !(minPrice[i]! <= priceMax)) continue;
    let failed = -1;
    if (anySelected) {
      let fails = 0;
      for (let f = 0; f < facets; f++) {
        const sel = selected[f]!;
        if (sel !== 0 && (masks[f]![i]! & sel) === 0) {
          failed = f;
          if (++fails > 1) break;
        }
      }
      if (fails > 1) continue;
    }
    const from = failed >= 0 ? failed : 0;
    const to = failed >= 0 ? failed + 1 : facets;
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
    if (failed < 0) results[total++] = i;
  }

  const counts: Int32Array[] = [];
  for (let f = 0; f < facets; f++) {
    const block = tally.subarray(f * SLOTS, f * SLOTS + 31);
    const universal = tally[f * SLOTS + 31]!;
    counts.push(universal === 0 ? block.slice() : block.map((n) => n + universal));
  }
  return { results: results.subarray(0, total), counts };
}
