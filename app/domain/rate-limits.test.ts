import { describe, expect, it } from 'vitest';
import { retryAfterMinutes, retryAfterSeconds } from './rate-limits';

describe('Retry-After', () => {
  it('is whole seconds rounded up, at least 1 (RFC 9110 §10.2.3: a non-negative integer of seconds)', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(899_500)).toBe(900);
  });

  it('tells people whole minutes rounded up, never "0 minutes"', () => {
    expect(retryAfterMinutes(500)).toBe(1);
    expect(retryAfterMinutes(60_000)).toBe(1);
    expect(retryAfterMinutes(60_001)).toBe(2);
    expect(retryAfterMinutes(15 * 60_000)).toBe(15);
  });
});
