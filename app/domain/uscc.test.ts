import { describe, it, expect } from 'vitest';
import { makeUscc, parseUscc, usccCheckCharacter } from './uscc';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Deterministic PRNG (mulberry32) so the property test is reproducible.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random: () => number, chars: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += chars.charAt(Math.floor(random() * chars.length));
  return out;
}

describe('parseUscc', () => {
  it.each(['91110000600037341L', '91520000214434146R', '914403001922038216', '91510100201906490X'])(
    'accepts the public valid code %s',
    (code) => {
      expect(parseUscc(code)).toEqual({ ok: true, value: code });
    },
  );

  it('rejects a code whose check character is wrong', () => {
    expect(parseUscc('91110000600037341N')).toEqual({ ok: false, error: 'checksum' });
  });

  it('normalises lower case, spaces, tabs, ASCII and full-width dashes', () => {
    expect(parseUscc('  91510100-2019 06490x ')).toEqual({ ok: true, value: '91510100201906490X' });
    expect(parseUscc('915101\t00－201906490x')).toEqual({ ok: true, value: '91510100201906490X' });
    expect(parseUscc('9151 0100　2019 0649 0X')).toEqual({ ok: true, value: '91510100201906490X' });
  });

  it('reports length for 17 and 19 characters', () => {
    expect(parseUscc('91510100201906490')).toEqual({ ok: false, error: 'length' });
    expect(parseUscc('91510100201906490X1')).toEqual({ ok: false, error: 'length' });
    expect(parseUscc('')).toEqual({ ok: false, error: 'length' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('reports format for the excluded letter %s', (letter) => {
    expect(parseUscc(`9151010020190649${letter}X`)).toEqual({ ok: false, error: 'format' });
  });

  it('reports format for a letter in the region code (positions 3–8)', () => {
    const first17 = '9151A100201906490';
    const code = first17 + usccCheckCharacter(first17);
    expect(parseUscc(code)).toEqual({ ok: false, error: 'format' });
  });
});

describe('usccCheckCharacter', () => {
  it('computes the GB 32100-2015 check character', () => {
    expect(usccCheckCharacter('91510100201906490')).toBe('X');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('throws on input that is not 17 USCC characters', () => {
    expect(() => usccCheckCharacter('9151010020190649')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9151010020190649I')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9151010020190649x')).toThrow(RangeError);
  });
});

describe('makeUscc', () => {
  it('builds a known public code from its parts', () => {
    expect(makeUscc('91', '510100', '201906490')).toBe('91510100201906490X');
  });

  it('throws on invalid parts', () => {
    expect(() => makeUscc('9', '510100', '201906490')).toThrow(RangeError);
    expect(() => makeUscc('91', '51010A', '201906490')).toThrow(RangeError);
    expect(() => makeUscc('91', '510100', '20190649O')).toThrow(RangeError);
  });

  it('always produces a code that parses, and any other check character fails', () => {
    const random = rng(20200101);
    for (let i = 0; i < 500; i++) {
      const code = makeUscc(
        pick(random, ALPHABET, 2),
        pick(random, '0123456789', 6),
        pick(random, ALPHABET, 9),
      );
      expect(parseUscc(code)).toEqual({ ok: true, value: code });
      const wrong = ALPHABET.charAt((ALPHABET.indexOf(code.charAt(17)) + 1 + Math.floor(random() * 30)) % 31);
      expect(parseUscc(code.slice(0, 17) + wrong)).toEqual({ ok: false, error: 'checksum' });
    }
  });
});
