/**
 * Sets of documents (by index in the in-memory columns) that an FTS5 expression matches, as
 * bitsets, cached per expression for as long as the documents do not change. A query is an AND
 * of clauses, and clauses repeat across queries (管理, 平台, the MES synonym group …): the
 * common ones — whose rowid lists are the expensive part of a search, 10,000+ ids to hand from
 * SQLite to JavaScript — come from memory, and combining clauses is a word-wise AND.
 * Rare clauses cost little either way. Keyed by the compiled expression, which already holds
 * the synonym expansion, so a synonym edit (a different expression) never reads a stale set.
 */
import type Database from 'better-sqlite3';
import type { DocColumns } from './cache';
import { statement } from './client';

const MATCH_SQL = 'SELECT group_concat(rowid) FROM offerings_fts WHERE offerings_fts MATCH ?';

export interface DocSet {
  bits: Int32Array;
  count: number;
}

export function hasDoc(set: DocSet, i: number): boolean {
  return ((set.bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/**
 * The documents an FTS5 expression matches. The rowids come back as one group_concat string
 * parsed here: handing 16,000 rows one by one to JavaScript costs more than FTS5's matching.
 */
export function matchSet(sqlite: Database.Database, docs: DocColumns, match: string): DocSet {
  const list = (statement(sqlite, MATCH_SQL).pluck().get(match) as string | null) ?? '';
  const bits = new Int32Array((docs.size + 31) >>> 5);
  const indexOf = docs.indexOf;
  let count = 0;
  let rowid = 0;
  for (let c = 0; c <= list.length; c++) {
    const code = c < list.length ? list.charCodeAt(c) : 44;
    if (code !== 44) {
      rowid = rowid * 10 + code - 48;
      continue;
    }
    if (c > 0) {
      const i = rowid < indexOf.length ? indexOf[rowid]! : -1;
      if (i >= 0 && ((bits[i >>> 5]! >>> (i & 31)) & 1) === 0) {
        bits[i >>> 5]! |= 1 << (i & 31);
        count++;
      }
    }
    rowid = 0;
  }
  return { bits, count };
}

/** The documents in every set (a new set; the inputs are not changed). */
export function intersect(sets: readonly DocSet[]): DocSet {
  const first = sets[0]!;
  const bits = first.bits.slice();
  for (let s = 1; s < sets.length; s++) {
    const other = sets[s]!.bits;
    for (let w = 0; w < bits.length; w++) bits[w]! &= other[w]!;
  }
  let count = 0;
  for (let w = 0; w < bits.length; w++) count += popcount(bits[w]!);
  return { bits, count };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The set's document indices in ascending order, written into `into` (a view of it is returned). */
export function indicesOf(set: DocSet, into: Int32Array): Int32Array {
  let n = 0;
  const bits = set.bits;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      into[n++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return into.subarray(0, n);
}

/** Least recently used sets, bounded by the memory their bitsets take. */
export class DocSetCache {
  private readonly sets = new Map<string, DocSet>();
  private readonly maxEntries: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly docs: DocColumns,
    maxBytes = 16 * 1024 * 1024,
  ) {
    this.maxEntries = Math.max(16, Math.floor(maxBytes / Math.max(4, ((docs.size + 31) >>> 5) * 4)));
  }

  /** Forgets every set (benchmarks measure the cold path with it). */
  clear(): void {
    this.sets.clear();
  }

  get(match: string): DocSet {
    let set = this.sets.get(match);
    if (set) {
      // Refresh its place in the LRU order.
      this.sets.delete(match);
    } else {
      set = matchSet(this.sqlite, this.docs, match);
      if (this.sets.size >= this.maxEntries) this.sets.delete(this.sets.keys().next().value as string);
    }
    this.sets.set(match, set);
    return set;
  }
}

const caches = new WeakMap<DocColumns, DocSetCache>();

/** The set cache of these documents: a reload of the documents (any catalog change) starts a new one. */
export function docSetCache(sqlite: Database.Database, docs: DocColumns): DocSetCache {
  let cache = caches.get(docs);
  if (!cache) {
    cache = new DocSetCache(sqlite, docs);
    caches.set(docs, cache);
  }
  return cache;
}
