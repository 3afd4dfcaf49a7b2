import { describe, expect, it } from 'vitest';
import { mayCallOrderEndpoint } from './order-access';

// formats/marketplace-api.md, "Orders": who calls each endpoint.
describe('mayCallOrderEndpoint', () => {
  it('lets the buyer cancel, confirm and dispute, and nothing of the provider’s', () => {
    for (const e of ['read', 'cancel', 'confirm', 'dispute'] as const) expect(mayCallOrderEndpoint('sme', e)).toBe(true);
    for (const e of ['payment-received', 'delivered', 'refund', 'dispute-decision'] as const)
      expect(mayCallOrderEndpoint('sme', e)).toBe(false);
  });

  it('lets the provider cancel, mark payment received, delivered and refund, but not confirm or dispute', () => {
    for (const e of ['read', 'cancel', 'payment-received', 'delivered', 'refund'] as const)
      expect(mayCallOrderEndpoint('provider', e)).toBe(true);
    for (const e of ['confirm', 'dispute', 'dispute-decision'] as const) expect(mayCallOrderEndpoint('provider', e)).toBe(false);
  });

  it('lets officials read and decide disputes only', () => {
    expect(mayCallOrderEndpoint('official', 'read')).toBe(true);
    expect(mayCallOrderEndpoint('official', 'dispute-decision')).toBe(true);
    for (const e of ['cancel', 'payment-received', 'delivered', 'confirm', 'dispute', 'refund'] as const)
      expect(mayCallOrderEndpoint('official', e)).toBe(false);
  });

  it('lets admins write nothing (they read an empty list)', () => {
    expect(mayCallOrderEndpoint('admin', 'read')).toBe(true);
    for (const e of ['cancel', 'payment-received', 'delivered', 'confirm', 'dispute', 'refund', 'dispute-decision'] as const)
      expect(mayCallOrderEndpoint('admin', e)).toBe(false);
  });
});
