import { Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { CampaignPace } from '~/domain/campaign-pace';
import { useLocale, useT } from '~/i18n/use-t';
import { Chart } from './chart';
import type { ChartSpec } from './chart-spec';
import type { CountRow, SortDir, SortKey } from './counter-rows';
import { numberFormat } from './intl-format';

// The pieces every counter page shares (officials' dashboard, monthly report, public page).
// A number becomes a link when the page passes `hrefFor` (officials drill down; the public does not).

export type { CountRow, SortDir, SortKey } from './counter-rows';

function useFormat() {
  const locale = useLocale();
  return numberFormat(locale).format;
}

function Num({ value, href, testId }: { value: number; href?: string; testId?: string }) {
  const fmt = useFormat();
  return href ? (
    <Link to={href} className="link tabular-nums underline" data-testid={testId}>
      {fmt(value)}
    </Link>
  ) : (
    <span className="tabular-nums" data-testid={testId}>
      {fmt(value)}
    </span>
  );
}

export function Headline({
  total,
  target,
  deepening,
  pace,
  start,
  end,
  asOfText,
  totalHref,
  deepeningHref,
}: {
  total: number;
  target: number;
  deepening: number;
  pace: CampaignPace;
  start: string;
  end: string;
  /** The snapshot time, formatted by the server (formatAsOf). */
  asOfText: string;
  totalHref?: string;
  deepeningHref?: string;
}) {
  const t = useT();
  const fmt = useFormat();
  const width = Math.min(100, Math.max(0, pace.percent));
  let paceText: string;
  if (pace.reached) paceText = t('dashboard.paceReached');
  else if (pace.phase === 'ended')
    paceText = t('dashboard.paceEnded', { end, remaining: fmt(pace.remaining) });
  else if (pace.phase === 'upcoming')
    paceText = t('dashboard.paceUpcoming', { start, pace: fmt(pace.pacePerMonth ?? 0) });
  else
    paceText = t('dashboard.paceRunning', {
      pace: fmt(pace.pacePerMonth ?? 0),
      months: pace.monthsLeft,
      end,
    });
  const gap = total - pace.expectedByNow;
  return (
    <section aria-labelledby="headline-title" className="card" data-testid="counter-headline">
      <h2 id="headline-title" className="text-base font-semibold text-slate-800">
        {t('dashboard.headline')}
      </h2>
      <p className="mt-2 flex flex-wrap items-baseline gap-x-2 text-slate-800">
        <span className="text-4xl font-bold text-brand-800">
          <Num value={total} href={totalHref} testId="counter-total" />
        </span>
        <span className="text-lg">/ {fmt(target)}</span>
        <span className="text-sm text-slate-700">{t('dashboard.unit')}</span>
      </p>
      <div
        role="progressbar"
        aria-label={t('dashboard.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={width}
        aria-valuetext={t('dashboard.percent', { percent: pace.percent })}
        className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200 print:border print:border-slate-400"
      >
        <div className="h-full rounded-full bg-brand-700 print:bg-slate-800" style={{ width: `${width}%` }} />
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
        <div>
          <dt className="inline">{t('dashboard.progress')}</dt>
          <dd className="inline font-semibold text-slate-900" data-testid="counter-percent">
            {t('dashboard.percent', { percent: pace.percent })}
          </dd>
        </div>
        <div>
          <dt className="inline">{t('dashboard.paceNeeded')}</dt>
          <dd className="inline font-semibold text-slate-900" data-testid="counter-pace">
            {paceText}
          </dd>
        </div>
        {pace.phase === 'running' ? (
          <div>
            <dt className="inline">{t('dashboard.expectedByNow')}</dt>
            <dd className="inline text-slate-900">
              {t('dashboard.expectedValue', {
                expected: fmt(pace.expectedByNow),
                gap:
                  gap >= 0 ? t('dashboard.ahead', { n: fmt(gap) }) : t('dashboard.behind', { n: fmt(-gap) }),
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="inline">{t('dashboard.deepening')}</dt>
          <dd className="inline text-slate-900">
            <Num value={deepening} href={deepeningHref} testId="counter-deepening" />
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">{t('dashboard.asOf', { time: asOfText, start, end })}</p>
    </section>
  );
}

/** The frame of every counter table: scrolls sideways on a phone; its links (exports) below. */
function TableFrame({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mt-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">{children}</div>
      {actions ? <div className="mt-2 text-sm print:hidden">{actions}</div> : null}
    </div>
  );
}

/** A two-column table (name, count) with a total row; every count may link to its drill-down. */
export function CountTable({
  id,
  caption,
  nameHeader,
  rows,
  total,
  hrefFor,
  totalHref,
  actions,
}: {
  id: string;
  caption: string;
  nameHeader: string;
  rows: readonly CountRow[];
  total: number;
  hrefFor?: (row: CountRow) => string;
  totalHref?: string;
  actions?: ReactNode;
}) {
  const t = useT();
  return (
    <TableFrame actions={actions}>
      <table className="table" id={id} data-testid={id}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" className="text-right">
              {t('dashboard.colCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id}>
              <th scope="row" className="font-normal">
                {row.label}
              </th>
              <td className="text-right">
                <Num value={row.count} href={hrefFor?.(row)} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboard.total')}</th>
            <td className="text-right font-semibold">
              <Num value={total} href={totalHref} />
            </td>
          </tr>
        </tfoot>
      </table>
    </TableFrame>
  );
}

/**
 * A counter section of bars and their table (by cluster, by level): the chart is described by the
 * table, which carries the same numbers (and the links, where the page drills down).
 */
export function CountPanel({
  name,
  title,
  nameHeader,
  spec,
  buildOption,
  ...table
}: {
  name: 'cluster' | 'level';
  title: string;
  nameHeader: string;
  spec: ChartSpec;
  /** Builds the interactive chart's option in the browser when `spec` carries none. */
  buildOption?: () => Record<string, unknown>;
  rows: readonly CountRow[];
  total: number;
  hrefFor?: (row: CountRow) => string;
  totalHref?: string;
  actions?: ReactNode;
}) {
  const id = `by-${name}`;
  return (
    <section aria-labelledby={id} className="card min-w-0">
      <h2 id={id} className="sr-only">
        {title}
      </h2>
      <Chart
        spec={spec}
        buildOption={buildOption}
        title={title}
        describedBy={`${id}-table`}
        testId={`chart-${name}`}
      />
      <CountTable id={`${id}-table`} caption={title} nameHeader={nameHeader} {...table} />
    </section>
  );
}

/** The prefecture table, sortable by links (?sort=&dir=) so sorting works without JavaScript. */
export function PrefectureTable({
  rows,
  total,
  sort,
  dir,
  hrefFor,
  totalHref,
  actions,
}: {
  rows: readonly CountRow[];
  total: number;
  sort: SortKey;
  dir: SortDir;
  /** undefined leaves the row's count unlinked. */
  hrefFor?: (row: CountRow) => string | undefined;
  totalHref?: string;
  actions?: ReactNode;
}) {
  const t = useT();
  const location = useLocation();
  const sortHref = (key: SortKey) => {
    const params = new URLSearchParams(location.search);
    const nextDir: SortDir =
      sort === key ? (dir === 'asc' ? 'desc' : 'asc') : key === 'count' ? 'desc' : 'asc';
    params.set('sort', key);
    params.set('dir', nextDir);
    return `${location.pathname}?${params}#by-prefecture-table`;
  };
  const ariaSort = (key: SortKey) =>
    sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const arrow = (key: SortKey) => (sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : '');
  const header = (key: SortKey, label: string, className = '') => (
    <th scope="col" aria-sort={ariaSort(key)} className={className}>
      <Link to={sortHref(key)} className="link" preventScrollReset>
        {label}
        <span aria-hidden="true">{arrow(key)}</span>
        <span className="sr-only">{t('dashboard.sortBy', { column: label })}</span>
      </Link>
    </th>
  );
  return (
    <TableFrame actions={actions}>
      <table className="table" id="by-prefecture-table" data-testid="by-prefecture-table">
        <caption className="sr-only">{t('dashboard.byPrefecture')}</caption>
        <thead>
          <tr>
            {header('code', t('dashboard.colCode'))}
            {header('name', t('dashboard.colPrefecture'))}
            {header('count', t('dashboard.colCount'), 'text-right')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id}>
              <td className="font-mono text-xs">{row.id}</td>
              <th scope="row" className="font-normal">
                {row.label}
              </th>
              <td className="text-right">
                <Num value={row.count} href={hrefFor?.(row)} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t('dashboard.total')}</th>
            <td className="text-right font-semibold">
              <Num value={total} href={totalHref} />
            </td>
          </tr>
        </tfoot>
      </table>
    </TableFrame>
  );
}

export interface MonthRowView {
  month: string;
  count: number;
  cumulative: number;
  target: number;
}

/** `hrefFor` links a month's new count, `cumulativeHrefFor` its cumulative; the target is a plan, never linked. */
export function MonthTable({
  rows,
  hrefFor,
  cumulativeHrefFor,
  actions,
}: {
  rows: readonly MonthRowView[];
  hrefFor?: (month: string) => string;
  cumulativeHrefFor?: (month: string) => string;
  actions?: ReactNode;
}) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="mt-3">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="by-month-empty">
          {t('dashboard.monthsEmpty')}
        </p>
      ) : (
        // Scrolls on its own, so it must be reachable by keyboard.
        <div
          className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 print:max-h-none"
          tabIndex={0}
          role="region"
          aria-label={t('dashboard.byMonth')}
        >
          <table className="table" id="by-month-table" data-testid="by-month-table">
            <caption className="sr-only">{t('dashboard.byMonth')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.colMonth')}</th>
                <th scope="col" className="text-right">
                  {t('dashboard.colNew')}
                </th>
                <th scope="col" className="text-right">
                  {t('dashboard.colCumulative')}
                </th>
                <th scope="col" className="text-right">
                  {t('dashboard.colTarget')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.month} data-row={row.month}>
                  <th scope="row" className="font-normal tabular-nums">
                    {row.month}
                  </th>
                  <td className="text-right">
                    <Num value={row.count} href={hrefFor?.(row.month)} />
                  </td>
                  <td className="text-right">
                    <Num value={row.cumulative} href={cumulativeHrefFor?.(row.month)} />
                  </td>
                  <td className="text-right tabular-nums">{fmt(row.target)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {actions ? <div className="mt-2 text-sm print:hidden">{actions}</div> : null}
    </div>
  );
}
