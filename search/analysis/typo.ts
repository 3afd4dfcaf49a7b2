/**
 * One-typo tolerance (search-api.md): a word of 5+ letters still matches a word that differs
 * by one letter wrong, missing or extra, or two neighbouring letters swapped — the optimal
 * string alignment distance ≤ 1, which is also what Meilisearch's typo rule allows for one
 * typo (its Levenshtein automata count a transposition as one).
 */

export const MIN_TYPO_WORD_LENGTH = 5;
/**
 * From this length a typo may also be in the first letter (qeuipment, rquipment). Shorter words
 * keep their first letter: there a different first letter is more often a different word
 * (cloud/could/loud) than a slip. Meilisearch counts a first-letter typo as two, so its
 * `twoTypos` threshold is set to the same length (see meilisearch/schema.ts).
 */
export const MIN_FIRST_LETTER_TYPO_LENGTH = 8;

/** True when a and b are equal or one edit apart (substitution, insertion, deletion, adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // One substitution: the rest is equal after skipping one character in both.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    // One transposition of neighbours.
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion: skip one character in the longer string.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function typoTolerant(word: string): boolean {
  return word.length >= MIN_TYPO_WORD_LENGTH && /^[a-z]+$/.test(word);
}

/** Whether a correction of `word` may change its first letter (long words only). */
export function firstLetterMayChange(word: string): boolean {
  return word.length >= MIN_FIRST_LETTER_TYPO_LENGTH;
}

/**
 * The words of a dictionary (grouped by length) within one edit of `word`, keeping the first
 * letter unless the word has 8+ letters (MIN_FIRST_LETTER_TYPO_LENGTH). With `prefix`, also
 * the prefixes of dictionary words within one edit of `word`, for the word being typed
 * (monitr → monito…, monit…).
 */
export function typoCandidates(
  word: string,
  byLength: ReadonlyMap<number, readonly string[]>,
  opts: { prefix?: boolean; limit?: number } = {},
): { words: string[]; prefixes: string[] } {
  const limit = opts.limit ?? 8;
  const first = word.charCodeAt(0);
  const anyFirst = firstLetterMayChange(word);
  const words: string[] = [];
  for (let len = word.length - 1; len <= word.length + 1; len++) {
    for (const term of byLength.get(len) ?? []) {
      if ((anyFirst || term.charCodeAt(0) === first) && term !== word && withinOneEdit(word, term))
        words.push(term);
    }
  }
  words.sort();
  const prefixes = new Set<string>();
  if (opts.prefix) {
    for (const [len, terms] of byLength) {
      if (len <= word.length) continue;
      for (const term of terms) {
        if (!anyFirst && term.charCodeAt(0) !== first) continue;
        for (const cut of [word.length - 1, word.length, word.length + 1]) {
          const head = term.slice(0, cut);
          if (head !== word && !prefixes.has(head) && withinOneEdit(word, head)) prefixes.add(head);
        }
      }
    }
  }
  return { words: words.slice(0, limit), prefixes: [...prefixes].sort().slice(0, limit) };
}
