import { describe, expect, it } from 'vitest';
import { analyticsRows, analyticsWindow, chinaMonthOf, monthTotals } from './provider-analytics';

describe('the month window', () => {
  it('ends with the current month and reaches back across a year boundary', () => {
    const w = analyticsWindow('2026-02-17', 6);
    expect(w.months).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(w.fromDay).toBe('2025-09-01');
    // Midnight of 1 September in China is 16:00 UTC on 31 August.
    expect(w.fromInstant).toBe('2025-08-31T16:00:00.000Z');
  });
  it('has exactly `range` months', () => {
    expect(analyticsWindow('2026-12-31', 12).months).toHaveLength(12);
    expect(analyticsWindow('2026-12-31', 24).months[0]).toBe('2025-01');
  });
});

describe('China-time months', () => {
  it('puts 16:30 UTC on the last day of a month into the next month', () => {
    expect(chinaMonthOf('2026-02-28T16:30:00.000Z')).toBe('2026-03');
    expect(chinaMonthOf('2026-02-28T15:59:59.999Z')).toBe('2026-02');
  });
});

describe('rows', () => {
  const offerings = [
    { id: 'a', title: 'A', published: true },
    { id: 'b', title: 'B', published: false },
    { id: 'c', title: 'C', published: false },
  ];
  const months = ['2026-10', '2026-11'];
  it('makes a row per offering and month with zeros, skipping unlisted offerings with nothing', () => {
    const rows = analyticsRows(
      offerings,
      [
        { offeringId: 'b', month: '2026-11', metric: 'orders', count: 2 },
        { offeringId: 'a', month: '2026-10', metric: 'views', count: 40 },
        { offeringId: 'a', month: '2026-10', metric: 'requests', count: 3 },
        // outside the window, or not this provider's: ignored
        { offeringId: 'c', month: '2026-09', metric: 'views', count: 9 },
        { offeringId: 'z', month: '2026-10', metric: 'views', count: 9 },
      ],
      months,
    );
    expect(rows.map((r) => `${r.offeringId} ${r.month}`)).toEqual([
      'a 2026-10',
      'a 2026-11',
      'b 2026-10',
      'b 2026-11',
    ]);
    expect(rows[0]).toMatchObject({ views: 40, requests: 3, quotes: 0, orders: 0, confirmations: 0 });
    expect(rows[3]).toMatchObject({ orders: 2, views: 0 });
    expect(monthTotals(rows, months)).toEqual([
      { month: '2026-10', views: 40, requests: 3, quotes: 0, orders: 0, confirmations: 0 },
      { month: '2026-11', views: 0, requests: 0, quotes: 0, orders: 2, confirmations: 0 },
    ]);
  });
});
