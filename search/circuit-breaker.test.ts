import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

describe('circuit breaker', () => {
  it('lets every call through until one fails, then none for the pause', () => {
    let now = 1_000;
    const breaker = new CircuitBreaker(30_000, () => now);
    expect([breaker.allow(), breaker.allow()]).toEqual([true, true]);
    breaker.succeeded();
    expect(breaker.failed()).toBe(true);
    expect(breaker.allow()).toBe(false);
    now += 29_999;
    expect(breaker.allow()).toBe(false);
  });

  it('reports an opening once, also when calls in flight together fail after it', () => {
    const breaker = new CircuitBreaker(30_000, () => 0);
    expect(breaker.allow() && breaker.allow()).toBe(true);
    expect([breaker.failed(), breaker.failed()]).toEqual([true, false]);
  });

  it('after the pause lets one call try again: its success closes, its failure opens for another pause', () => {
    let now = 0;
    const breaker = new CircuitBreaker(30_000, () => now);
    breaker.failed();
    now = 30_000;
    expect([breaker.allow(), breaker.allow()]).toEqual([true, false]);
    expect(breaker.failed()).toBe(true);
    now = 59_999;
    expect(breaker.allow()).toBe(false);
    now = 60_000;
    expect(breaker.allow()).toBe(true);
    breaker.succeeded();
    expect([breaker.open, breaker.allow(), breaker.allow()]).toEqual([false, true, true]);
  });
});
