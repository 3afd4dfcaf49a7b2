// 统一社会信用代码 (unified social credit code), GB 32100-2015.
// The USCC is the natural key of enterprises and providers, so every entry point
// (forms, catalog import, adoption API, prefecture reports) must agree on one parser.

export type UsccError = 'length' | 'format' | 'checksum';

export type UsccResult = { ok: true; value: string } | { ok: false; error: UsccError };

// GB 32100-2015 §4: the code set omits I, O, S, V and Z so they cannot be
// misread as 1, 0, 5, U and 2; a character's value is its index (0–30).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 §5: weight of position i (1-based) is 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
// Positions 3–8 carry the GB/T 2260 行政区划码, which is always six digits.
const REGION_PATTERN = /^[0-9]{6}$/;

// Officials paste codes from licences and spreadsheets with spaces, hyphens and
// full-width hyphens (IME input); none of them is part of the code.
const SEPARATORS = /[\s\-－]/g;

function normalise(input: string): string {
  return input.replace(SEPARATORS, '').toUpperCase();
}

function valueOf(char: string): number {
  const value = ALPHABET.indexOf(char);
  if (value < 0 || char.length !== 1) {
    throw new RangeError(`not a USCC character: ${JSON.stringify(char)}`);
  }
  return value;
}

/**
 * The 18th character for the first 17, per GB 32100-2015 §5:
 * C18 = alphabet[(31 − Σ value×weight mod 31) mod 31].
 * Throws when `first17` is not 17 characters of the USCC alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += valueOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Normalise and validate a USCC. Errors are checked in order length → format →
 * checksum so the message shown to a user names the most basic problem first.
 */
export function parseUscc(input: string): UsccResult {
  const code = normalise(input);
  if (code.length !== 18) return { ok: false, error: 'length' };
  if (!CODE_PATTERN.test(code) || !REGION_PATTERN.test(code.slice(2, 8))) {
    return { ok: false, error: 'format' };
  }
  if (usccCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, error: 'checksum' };
  }
  return { ok: true, value: code };
}

/**
 * Build a valid code from its parts (seed data and test factories).
 * prefix2: 登记管理部门 + 机构类别; regionCode6: GB/T 2260 code; body9: 主体标识码.
 */
export function makeUscc(prefix2: string, regionCode6: string, body9: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}$/.test(prefix2)) {
    throw new RangeError(`prefix must be 2 USCC characters: ${JSON.stringify(prefix2)}`);
  }
  if (!REGION_PATTERN.test(regionCode6)) {
    throw new RangeError(`region code must be 6 digits: ${JSON.stringify(regionCode6)}`);
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{9}$/.test(body9)) {
    throw new RangeError(`body must be 9 USCC characters: ${JSON.stringify(body9)}`);
  }
  const first17 = prefix2 + regionCode6 + body9;
  return first17 + usccCheckCharacter(first17);
}
