// Rows of the counter's tables, and the order of the prefecture table (sorted in the loader, so
// the server's page and the hydrated one agree).

import { collator } from './intl-format';

export interface CountRow {
  id: string;
  label: string;
  count: number;
}

export type SortKey = 'code' | 'name' | 'count';
export type SortDir = 'asc' | 'desc';

/** Sorts the prefecture rows as the query asks; GB/T 2260 code order breaks ties. */
export function sortPrefectureRows<T extends CountRow>(
  rows: readonly T[],
  sort: SortKey,
  dir: SortDir,
  locale: string,
): T[] {
  const byName = collator(locale === 'en' ? 'en' : 'zh-CN-u-co-pinyin');
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const primary =
      sort === 'count'
        ? a.count - b.count
        : sort === 'name'
          ? byName.compare(a.label, b.label)
          : a.id.localeCompare(b.id);
    return primary !== 0 ? sign * primary : a.id.localeCompare(b.id);
  });
}

export interface CounterFilters {
  campaign: string;
  taxonomy: string;
  prefecture: string | null;
}

/** "?campaign=…&taxonomy=…[&prefecture=…][&extra…]": the query every counter link carries. */
export function counterSearch(
  filters: CounterFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams({ campaign: filters.campaign, taxonomy: filters.taxonomy });
  if (filters.prefecture) params.set('prefecture', filters.prefecture);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  return `?${params}`;
}
