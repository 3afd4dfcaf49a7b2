// The prefecture × cluster table of the monthly report and its CSV export, summed from the
// counter's prefecture × cluster × month cells (optionally up to a month, for a report "as of").

export interface Cell {
  prefecture: string;
  cluster: string;
  month: string;
  count: number;
}

export interface MatrixRow {
  prefecture: string;
  counts: number[];
  total: number;
}

export function prefectureClusterMatrix(
  cells: readonly Cell[],
  axes: { prefectures: readonly string[]; clusters: readonly string[] },
  opts: { upTo?: string } = {},
): { rows: MatrixRow[]; columnTotals: number[]; total: number } {
  const rowIndex = new Map(axes.prefectures.map((p, i) => [p, i]));
  const colIndex = new Map(axes.clusters.map((c, i) => [c, i]));
  const rows: MatrixRow[] = axes.prefectures.map((prefecture) => ({ prefecture, counts: axes.clusters.map(() => 0), total: 0 }));
  const columnTotals = axes.clusters.map(() => 0);
  let total = 0;
  for (const cell of cells) {
    if (opts.upTo && cell.month > opts.upTo) continue;
    const r = rowIndex.get(cell.prefecture);
    const c = colIndex.get(cell.cluster);
    if (r === undefined || c === undefined) continue;
    const row = rows[r]!;
    row.counts[c] = (row.counts[c] ?? 0) + cell.count;
    row.total += cell.count;
    columnTotals[c] = (columnTotals[c] ?? 0) + cell.count;
    total += cell.count;
  }
  return { rows, columnTotals, total };
}
