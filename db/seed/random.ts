/**
 * A tiny deterministic PRNG for seed data and test factories: the same seed always
 * yields the same sequence, so demo databases and test fixtures are reproducible.
 * Not for anything secret (ids that must be unguessable come from nanoid).
 */

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items in random order (all of them, shuffled, when n ≥ length). */
  sample<T>(items: readonly T[], n: number): T[];
  /** True with probability p. */
  chance(p: number): boolean;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

// mulberry32 (Tommy Ettinger, public domain): 32 bits of state, passes gjrand's
// tests at this size, and costs a few integer operations per number.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    sample<T>(items: readonly T[], n: number): T[] {
      // Partial Fisher–Yates: only the first n positions are shuffled.
      const copy = items.slice();
      const count = Math.max(0, Math.min(n, copy.length));
      for (let i = 0; i < count; i++) {
        const j = int(i, copy.length - 1);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, count);
    },
    chance: (p) => next() < p,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of entries) total += w;
      if (!(total > 0)) throw new RangeError('weights must add up to more than 0');
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
  };
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that spreads every input bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit seed from any list of parts (FNV-1a, then fmix32), so a factory can give
 * every (kind, index) its own independent stream: row 123 is the same whether it is
 * built alone, in a batch, or after a different number of rows.
 */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}
