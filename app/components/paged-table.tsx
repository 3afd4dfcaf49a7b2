import type { ReactNode } from 'react';
import { Pagination } from '~/components/pagination';

/**
 * A console list: its empty state when there is nothing to show, else the table (scrolling sideways
 * on a phone) and the pages under it. `head` holds the header cells, `children` the rows.
 */
export function PagedTable({
  empty,
  testId,
  caption,
  head,
  page,
  pageSize,
  total,
  children,
}: {
  /** What to say when the list is empty (also when a page past the end was asked for). */
  empty: ReactNode | null;
  testId: string;
  caption?: string;
  head: ReactNode;
  page: number;
  pageSize: number;
  total: number;
  children: ReactNode;
}) {
  return (
    <>
      {empty !== null ? (
        <p className="card mt-4 text-slate-700" data-testid="empty-state">
          {empty}
        </p>
      ) : (
        <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid={testId}>
            {caption ? <caption className="sr-only">{caption}</caption> : null}
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
