import { describe, expect, it } from 'vitest';
import { completeGrid, suppressSmallCells, type CountCell } from './open-data';

const cell = (prefecture: string, cluster: string, month: string, count: number): CountCell => ({ prefecture, cluster, month, count });

function derivable(published: ReturnType<typeof suppressSmallCells>) {
  // A hidden cell is given away when it is the only hidden cell of a prefecture, cluster or month.
  for (const dim of ['prefecture', 'cluster', 'month'] as const) {
    const hiddenPer = new Map<string, number>();
    for (const c of published) if (typeof c.value !== 'number') hiddenPer.set(c[dim], (hiddenPer.get(c[dim]) ?? 0) + 1);
    const sizes = new Map<string, number>();
    for (const c of published) sizes.set(c[dim], (sizes.get(c[dim]) ?? 0) + 1);
    for (const [key, n] of hiddenPer) if (n === 1 && (sizes.get(key) ?? 0) > 1) return `${dim} ${key}`;
  }
  return null;
}

describe('completeGrid', () => {
  it('lists every combination with 0 where nothing is counted, summing duplicates', () => {
    const grid = completeGrid([cell('5101', 'food', '2021-01', 4), cell('5101', 'food', '2021-01', 1), cell('9999', 'food', '2021-01', 7)], {
      prefectures: ['5101', '5103'],
      clusters: ['food', 'other'],
      months: ['2021-01', '2021-02'],
    });
    expect(grid).toHaveLength(8);
    expect(grid[0]).toEqual(cell('5101', 'food', '2021-01', 5));
    expect(grid.filter((c) => c.count > 0)).toHaveLength(1);
  });
});

describe('suppressSmallCells', () => {
  it('publishes counts of 3 and more as they are', () => {
    const out = suppressSmallCells([cell('5101', 'a', 'm1', 3), cell('5101', 'a', 'm2', 10)]);
    expect(out.map((c) => c.value)).toEqual([3, 10]);
  });

  it('shows 0, 1 and 2 as <3 and hides them all, never a number', () => {
    const cells = [cell('5101', 'a', 'm1', 0), cell('5101', 'a', 'm2', 1), cell('5101', 'a', 'm3', 2), cell('5101', 'a', 'm4', 40)];
    const out = suppressSmallCells(cells);
    expect(out.slice(0, 3).map((c) => c.value)).toEqual(['<3', '<3', '<3']);
    expect(out[3]?.value).toBe(40);
  });

  it('hides the smallest other cell when a row would give its only <3 away by subtraction', () => {
    const cells = [
      cell('5101', 'a', 'm1', 50),
      cell('5101', 'b', 'm1', 2),
      cell('5101', 'c', 'm1', 7),
      cell('5103', 'a', 'm1', 30),
      cell('5103', 'b', 'm1', 20),
      cell('5103', 'c', 'm1', 9),
    ];
    const out = suppressSmallCells(cells);
    expect(out[1]?.value).toBe('<3');
    expect(out[2]?.value).toBe('x'); // 7: the smallest visible cell of prefecture 5101
    expect(derivable(out)).toBeNull();
  });

  it('leaves no hidden cell derivable from the published totals on a larger grid', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cells: CountCell[] = [];
    for (const p of ['p1', 'p2', 'p3', 'p4', 'p5'])
      for (const c of ['c1', 'c2', 'c3', 'c4'])
        for (const m of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) cells.push(cell(p, c, m, random() < 0.08 ? Math.floor(random() * 3) : 3 + Math.floor(random() * 50)));
    const out = suppressSmallCells(cells);
    expect(out).toHaveLength(cells.length);
    expect(derivable(out)).toBeNull();
    out.forEach((c, i) => {
      if (c.value === '<3') expect(cells[i]!.count).toBeLessThan(3);
      if (c.value === 'x') expect(cells[i]!.count).toBeGreaterThanOrEqual(3);
      if (typeof c.value === 'number') expect(c.value).toBe(cells[i]!.count);
    });
  });

  it('takes another threshold when asked', () => {
    expect(suppressSmallCells([cell('p', 'c', 'm', 4), cell('p', 'c', 'n', 4)], 5).map((c) => c.value)).toEqual(['<5', '<5']);
  });
});
