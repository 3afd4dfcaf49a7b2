import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useRootData, useT } from '~/i18n/use-t';

/** The page shown for expected failures (404, 403, 400) and unexpected ones, in the site's layout. */
export function ErrorPage({ status }: { status: number }) {
  const t = useT();
  const requestId = useRootData()?.requestId;
  const [title, text] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFoundText')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbiddenText')]
        : status >= 400 && status < 500
          ? [t('errors.badRequestTitle'), t('errors.badRequestText')]
          : status === 503
            ? [t('errors.unavailableTitle'), t('errors.unavailableText')]
            : [t('errors.serverTitle'), t('errors.serverText')];
  return (
    <section className="card mx-auto max-w-xl text-center" role="alert">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{text}</p>
      {status >= 500 && requestId ? (
        <p className="mt-2 text-sm text-slate-600">{t('errors.requestId', { id: requestId })}</p>
      ) : null}
      <Link to="/" className="btn-primary mt-6">
        {t('errors.goHome')}
      </Link>
    </section>
  );
}

/**
 * The ErrorBoundary of a route (`export { RouteErrorBoundary as ErrorBoundary } from
 * '~/components/error-page'`): a thrown Response shows its status; anything else is logged and
 * shown as a 500.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
