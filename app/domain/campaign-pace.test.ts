import { describe, expect, it } from 'vitest';
import { campaignMonths, campaignPace, cumulativeSeries, elapsedMonths, monthsBetween, nextMonthStart, targetPath } from './campaign-pace';

const seed = { target: 150_000, start: '2020-01-01', end: '2022-12-31' };

describe('months', () => {
  it('lists every month of a campaign, across years, both ends included', () => {
    const months = campaignMonths(seed);
    expect(months).toHaveLength(36);
    expect(months[0]).toBe('2020-01');
    expect(months[11]).toBe('2020-12');
    expect(months[12]).toBe('2021-01');
    expect(months.at(-1)).toBe('2022-12');
  });

  it('is empty when the end is before the start', () => {
    expect(monthsBetween('2021-05', '2021-04')).toEqual([]);
  });

  it('limits the elapsed months to the campaign and to today', () => {
    expect(elapsedMonths(seed, '2019-12-31')).toEqual([]);
    expect(elapsedMonths(seed, '2020-03-15')).toEqual(['2020-01', '2020-02', '2020-03']);
    expect(elapsedMonths(seed, '2026-11-25')).toHaveLength(36);
  });
});

describe('straight-line target path', () => {
  it('rises evenly and ends exactly on the target', () => {
    const path = targetPath(seed);
    expect(path).toHaveLength(36);
    expect(path[0]).toEqual({ month: '2020-01', target: 4167 });
    expect(path[17]).toEqual({ month: '2021-06', target: 75_000 });
    expect(path.at(-1)).toEqual({ month: '2022-12', target: 150_000 });
  });

  it('ends on the target when it does not divide evenly', () => {
    const path = targetPath({ target: 10, start: '2024-01-01', end: '2024-03-31' });
    expect(path.map((p) => p.target)).toEqual([3, 7, 10]);
  });
});

describe('cumulative series', () => {
  it('fills months without counts with 0 and carries the cumulative forward', () => {
    const series = cumulativeSeries(
      [
        { month: '2020-01', count: 2 },
        { month: '2020-03', count: 5 },
      ],
      ['2020-01', '2020-02', '2020-03', '2020-04'],
    );
    expect(series).toEqual([
      { month: '2020-01', count: 2, cumulative: 2 },
      { month: '2020-02', count: 0, cumulative: 2 },
      { month: '2020-03', count: 5, cumulative: 7 },
      { month: '2020-04', count: 0, cumulative: 7 },
    ]);
  });
});

describe('campaign pace', () => {
  it('spreads what is left over the months left, counting the current month', () => {
    const pace = campaignPace(seed, 60_000, '2021-07-10');
    expect(pace.phase).toBe('running');
    expect(pace.percent).toBe(40);
    expect(pace.remaining).toBe(90_000);
    expect(pace.monthsLeft).toBe(18); // 2021-07 … 2022-12
    expect(pace.pacePerMonth).toBe(5000);
    expect(pace.expectedByNow).toBe(79_167); // end of month 19 of 36
  });

  it('rounds the pace up so that keeping it reaches the target', () => {
    const pace = campaignPace({ target: 100, start: '2024-01-01', end: '2024-03-31' }, 0, '2024-01-15');
    expect(pace.pacePerMonth).toBe(34);
  });

  it('needs the whole target over the whole campaign before it starts', () => {
    const pace = campaignPace(seed, 0, '2019-06-01');
    expect(pace.phase).toBe('upcoming');
    expect(pace.monthsLeft).toBe(36);
    expect(pace.pacePerMonth).toBe(4167);
    expect(pace.expectedByNow).toBe(0);
  });

  it('asks for nothing more once the target is reached, and reports more than 100%', () => {
    const pace = campaignPace(seed, 165_000, '2022-06-01');
    expect(pace.reached).toBe(true);
    expect(pace.remaining).toBe(0);
    expect(pace.pacePerMonth).toBe(0);
    expect(pace.percent).toBe(110);
  });

  it('has no pace once the campaign has ended, reached or not', () => {
    const pace = campaignPace(seed, 120_000, '2026-11-25T12:00:00Z');
    expect(pace.phase).toBe('ended');
    expect(pace.monthsLeft).toBe(0);
    expect(pace.pacePerMonth).toBeNull();
    expect(pace.remaining).toBe(30_000);
    expect(pace.expectedByNow).toBe(150_000);
  });

  it('treats the last day as still running', () => {
    const pace = campaignPace(seed, 149_000, '2022-12-31');
    expect(pace.phase).toBe('running');
    expect(pace.monthsLeft).toBe(1);
    expect(pace.pacePerMonth).toBe(1000);
  });

  it('gives one decimal of percent', () => {
    expect(campaignPace(seed, 1234, '2020-02-01').percent).toBe(0.8);
  });
});

describe('nextMonthStart', () => {
  it('rolls over the year', () => {
    expect(nextMonthStart('2021-12')).toBe('2022-01-01');
    expect(nextMonthStart('2021-04')).toBe('2021-05-01');
  });

  it('gives the report pace from the month after the report month', () => {
    const pace = campaignPace(seed, 60_000, nextMonthStart('2021-06'));
    expect(pace.monthsLeft).toBe(18);
    expect(campaignPace(seed, 60_000, nextMonthStart('2022-12')).phase).toBe('ended');
  });
});
