// Statistical disclosure control for the public open-data file of counts by
// prefecture × cluster × month. A cell counting fewer than 3 enterprises could point at one
// identifiable enterprise, so it is not published:
//   - primary suppression: a count below the threshold (0, 1 or 2) appears as '<3';
//   - complementary suppression: the public counter (GET /api/counter) publishes exact totals by
//     prefecture, by cluster and by month, so a row of the file whose only hidden cell is a '<3'
//     would give that cell away by subtraction. In such a row the smallest other cell is hidden
//     too, and appears as 'x'. Repeated until no row, column or month has exactly one hidden cell.
// Zeros are suppressed as well: "below 3" is the rule as written, and hiding them means a '<3'
// never tells a reader which of 0, 1 or 2 it is.

export const SUPPRESSION_THRESHOLD = 3;
export const SMALL_CELL_MARK = '<3';
export const COMPLEMENTARY_MARK = 'x';

export interface CountCell {
  prefecture: string;
  cluster: string;
  month: string;
  count: number;
}

export interface PublishedCell {
  prefecture: string;
  cluster: string;
  month: string;
  /** The count, or '<3' (below the threshold) or 'x' (hidden so that a '<3' cannot be derived). */
  value: number | string;
}

/**
 * Every prefecture × cluster × month combination in the given order (prefecture, then cluster,
 * then month), with the counts of `cells` and 0 elsewhere. Cells outside the lists are dropped.
 */
export function completeGrid(
  cells: readonly CountCell[],
  axes: { prefectures: readonly string[]; clusters: readonly string[]; months: readonly string[] },
): CountCell[] {
  const counts = new Map<string, number>();
  for (const c of cells) {
    const key = `${c.prefecture}|${c.cluster}|${c.month}`;
    counts.set(key, (counts.get(key) ?? 0) + c.count);
  }
  const out: CountCell[] = [];
  for (const prefecture of axes.prefectures) {
    for (const cluster of axes.clusters) {
      for (const month of axes.months) {
        out.push({ prefecture, cluster, month, count: counts.get(`${prefecture}|${cluster}|${month}`) ?? 0 });
      }
    }
  }
  return out;
}

const DIMENSIONS = ['prefecture', 'cluster', 'month'] as const;

/** Applies primary and complementary suppression; the order of the cells is kept. */
export function suppressSmallCells(cells: readonly CountCell[], threshold = SUPPRESSION_THRESHOLD): PublishedCell[] {
  const small = threshold === SUPPRESSION_THRESHOLD ? SMALL_CELL_MARK : `<${threshold}`;
  const mark: (string | null)[] = cells.map((c) => (c.count < threshold ? small : null));

  const groups = DIMENSIONS.map((dimension) => {
    const byKey = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const list = byKey.get(c[dimension]);
      if (list) list.push(i);
      else byKey.set(c[dimension], [i]);
    });
    return [...byKey.values()];
  });

  let changed = true;
  while (changed) {
    changed = false;
    for (const dimension of groups) {
      for (const members of dimension) {
        const hidden = members.filter((i) => mark[i] !== null);
        if (hidden.length !== 1) continue;
        let smallest = -1;
        for (const i of members) {
          if (mark[i] !== null) continue;
          if (smallest < 0 || (cells[i]?.count ?? 0) < (cells[smallest]?.count ?? 0)) smallest = i;
        }
        // Nothing else left in the row to hide: the published total already equals that cell.
        if (smallest < 0) continue;
        mark[smallest] = COMPLEMENTARY_MARK;
        changed = true;
      }
    }
  }

  return cells.map((c, i) => ({ prefecture: c.prefecture, cluster: c.cluster, month: c.month, value: mark[i] ?? c.count }));
}
