import { describe, expect, it } from 'vitest';
import {
  computeScorecard,
  durationParts,
  firstResponseMs,
  gate,
  median,
  orderOutcomes,
  quoteAcceptance,
  rate,
  type OrderGroup,
  type QuoteGroup,
} from './provider-scorecard';

const HOUR = 3600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 10, 2, 0, 0, 0) + hours * HOUR).toISOString();

describe('median', () => {
  it('takes the middle value of an odd count, in any input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });
  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });
  it('is null for nothing', () => {
    expect(median([])).toBeNull();
  });
  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('the ≥ 5 rule', () => {
  it('hides a figure whose base has 4 items and shows it from 5', () => {
    expect(gate(0.5, 4)).toEqual({ value: null, base: 4 });
    expect(gate(0.5, 5)).toEqual({ value: 0.5, base: 5 });
    expect(gate(0, 0)).toEqual({ value: null, base: 0 });
  });
  it('rates are null over an empty whole', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe('first response', () => {
  it('is the earlier of the first provider message and the first quote', () => {
    expect(firstResponseMs({ createdAt: at(0), firstMessageAt: at(3), firstQuoteAt: at(2) })).toBe(2 * HOUR);
    expect(firstResponseMs({ createdAt: at(0), firstMessageAt: at(1), firstQuoteAt: at(5) })).toBe(HOUR);
    expect(firstResponseMs({ createdAt: at(0), firstMessageAt: null, firstQuoteAt: at(4) })).toBe(4 * HOUR);
  });
  it('is null for a request nobody answered', () => {
    expect(firstResponseMs({ createdAt: at(0), firstMessageAt: null, firstQuoteAt: null })).toBeNull();
  });
  it('is never negative', () => {
    expect(firstResponseMs({ createdAt: at(1), firstMessageAt: at(0), firstQuoteAt: null })).toBe(0);
  });
});

describe('quote acceptance', () => {
  const g = (status: QuoteGroup['status'], count: number, extra: Partial<QuoteGroup> = {}): QuoteGroup => ({
    status,
    validUntil: null,
    superseded: false,
    count,
    ...extra,
  });
  it('is accepted over accepted + declined + expired; open quotes are undecided', () => {
    const r = quoteAcceptance(
      [g('accepted', 3), g('declined', 2), g('expired', 1), g('open', 4, { validUntil: '2026-12-31' })],
      '2026-12-01',
    );
    expect(r).toEqual({ accepted: 3, decided: 6, open: 4 });
  });
  it('counts an open quote past its validity as expired', () => {
    const r = quoteAcceptance(
      [g('open', 2, { validUntil: '2026-11-30' }), g('open', 1, { validUntil: '2026-12-01' })],
      '2026-12-01',
    );
    expect(r).toEqual({ accepted: 0, decided: 2, open: 1 });
  });
  it('leaves out quotes superseded by another accepted quote of the same request', () => {
    const r = quoteAcceptance(
      [g('accepted', 1), g('declined', 3, { superseded: true }), g('declined', 1)],
      '2026-12-01',
    );
    expect(r).toEqual({ accepted: 1, decided: 2, open: 0 });
  });
});

describe('order outcomes', () => {
  const o = (status: OrderGroup['status'], count: number, flags: Partial<OrderGroup> = {}): OrderGroup => ({
    status,
    everDelivered: false,
    everDisputed: false,
    everConfirmed: false,
    count,
    ...flags,
  });
  it('counts deliveries, confirmations and disputes over the history, not only the current status', () => {
    const r = orderOutcomes([
      o('confirmed', 4, { everDelivered: true, everConfirmed: true }),
      // disputed, then decided for the provider
      o('confirmed', 1, { everDelivered: true, everDisputed: true, everConfirmed: true }),
      // disputed, then decided for the buyer
      o('refunded', 1, { everDelivered: true, everDisputed: true }),
      o('disputed', 1, { everDelivered: true, everDisputed: true }),
      o('delivered', 2, { everDelivered: true }),
      // refunded before delivery; paid; cancelled
      o('refunded', 3),
      o('paid', 5),
      o('cancelled', 2),
    ]);
    expect(r).toEqual({ delivered: 9, confirmed: 5, disputed: 3 });
  });
});

describe('the scorecard', () => {
  it('puts unanswered requests apart from the median and gates every figure', () => {
    const answered = [1, 2, 3, 4, 10].map((h) => ({
      createdAt: at(0),
      firstMessageAt: at(h),
      firstQuoteAt: null,
    }));
    const silent = { createdAt: at(0), firstMessageAt: null, firstQuoteAt: null };
    const card = computeScorecard(
      { requests: [...answered, silent, silent], quotes: [], orders: [] },
      '2026-12-01',
    );
    expect(card.medianFirstResponseMs).toEqual({ value: 3 * HOUR, base: 5 });
    expect(card.unanswered).toEqual({ value: 2, base: 7 });
    expect(card.quoteAcceptance).toEqual({ value: null, base: 0 });
    expect(card.confirmedDeliveries).toEqual({ value: null, base: 0 });
    expect(card.disputeRate).toEqual({ value: null, base: 0 });
  });
  it('hides the median with four answered requests even when more were received', () => {
    const answered = [1, 2, 3, 4].map((h) => ({
      createdAt: at(0),
      firstMessageAt: at(h),
      firstQuoteAt: null,
    }));
    const silent = { createdAt: at(0), firstMessageAt: null, firstQuoteAt: null };
    const card = computeScorecard({ requests: [...answered, silent], quotes: [], orders: [] }, '2026-12-01');
    expect(card.medianFirstResponseMs).toEqual({ value: null, base: 4 });
    expect(card.unanswered).toEqual({ value: 1, base: 5 });
  });
});

describe('durations', () => {
  it('splits into days, hours and rounded minutes', () => {
    expect(durationParts(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(durationParts(90 * 60_000 + 29_000)).toEqual({ days: 0, hours: 1, minutes: 30 });
    expect(durationParts(26 * HOUR + 5 * 60_000)).toEqual({ days: 1, hours: 2, minutes: 5 });
  });
});
