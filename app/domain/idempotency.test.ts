import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY } from './idempotency';

// formats/marketplace-api.md "Retries" and formats/adoption-events.md: 1–100 visible ASCII characters.
describe('IDEMPOTENCY_KEY', () => {
  it('accepts 1 to 100 visible ASCII characters', () => {
    for (const key of ['a', '!', '~', 'order-2026-12-01/7', 'x'.repeat(100)]) expect(IDEMPOTENCY_KEY.test(key), key).toBe(true);
  });

  it('refuses empty, longer, spaced, control or non-ASCII keys', () => {
    for (const key of ['', 'x'.repeat(101), 'a b', 'a\tb', 'a\nb', '键', 'café']) expect(IDEMPOTENCY_KEY.test(key), key).toBe(false);
  });
});
