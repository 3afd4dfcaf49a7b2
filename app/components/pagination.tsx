import { Link, useLocation } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

/** Pages to show as numbers: the first, the last and the current one with its neighbours; null marks a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && p - last > 1) out.push(null);
    out.push(p);
  }
  return out;
}

/**
 * A pager that keeps every other query parameter (filters, search words) of the current URL
 * and only changes `page`. Plain links, so it works without JavaScript. Page 1 drops the
 * parameter so each page has one canonical URL.
 */
export function Pagination({ page, pageSize, total, param = 'page' }: { page: number; pageSize: number; total: number; param?: string }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= 0) return null;

  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    if (target <= 1) params.delete(param);
    else params.set(param, String(target));
    const search = params.toString();
    return { pathname: location.pathname, search: search ? `?${search}` : '' };
  };
  const step = 'inline-block rounded-md border px-3 py-1.5 text-sm';
  const disabled = `${step} cursor-not-allowed border-slate-300 bg-slate-50 text-slate-600`;
  const active = `${step} border-slate-300 bg-white text-brand-800 hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600`;
  const current = `${step} border-brand-700 bg-brand-700 font-semibold text-white`;

  return (
    <nav aria-label={t('common.pagination')} className="mt-6 flex flex-col items-center gap-3 sm:flex-row sm:justify-between">
      <p className="text-sm text-slate-700" aria-live="polite">
        {t('common.pageOf', { page, pages, total })}
      </p>
      {pages > 1 ? (
        <ul className="flex flex-wrap items-center gap-1">
          <li>
            {page > 1 ? (
              <Link to={hrefFor(page - 1)} rel="prev" className={active}>
                {t('common.prev')}
              </Link>
            ) : (
              <span aria-disabled="true" className={disabled}>
                {t('common.prev')}
              </span>
            )}
          </li>
          {pageWindow(page, pages).map((p, i) =>
            p === null ? (
              <li key={`gap-${i}`} aria-hidden="true" className="hidden px-1 text-slate-600 sm:block">
                …
              </li>
            ) : (
              <li key={p} className="hidden sm:block">
                {p === page ? (
                  <span aria-current="page" className={current}>
                    {p}
                  </span>
                ) : (
                  <Link to={hrefFor(p)} className={active}>
                    {p}
                  </Link>
                )}
              </li>
            ),
          )}
          <li>
            {page < pages ? (
              <Link to={hrefFor(page + 1)} rel="next" className={active}>
                {t('common.next')}
              </Link>
            ) : (
              <span aria-disabled="true" className={disabled}>
                {t('common.next')}
              </span>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
