import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from './marketplace-states';
import { orderActionForEvent } from './order-events';

describe('orderActionForEvent', () => {
  it('moves a delivered order when the enterprise confirms or disputes the deployment', () => {
    expect(orderActionForEvent('confirm', 'delivered')).toBe('confirm');
    expect(orderActionForEvent('dispute', 'delivered')).toBe('dispute');
  });

  it('settles a disputed order by the official decision on its event', () => {
    expect(orderActionForEvent('verify', 'disputed')).toBe('decide-for-provider');
    expect(orderActionForEvent('revoke', 'disputed')).toBe('decide-for-buyer');
  });

  it('takes an official verification of a delivered order’s event as its confirmation', () => {
    expect(orderActionForEvent('verify', 'delivered')).toBe('confirm');
  });

  it('leaves orders in every other state as they are', () => {
    const moved = new Set(['confirm:delivered', 'dispute:delivered', 'verify:disputed', 'verify:delivered', 'revoke:disputed']);
    for (const move of ['confirm', 'dispute', 'verify', 'revoke'] as const)
      for (const status of ORDER_STATUSES)
        if (!moved.has(`${move}:${status}`)) expect(orderActionForEvent(move, status)).toBeNull();
  });
});
