import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { FormErrors, SuccessMessage } from '~/components/form';
import { JobProgressPanel } from '~/components/job-progress';
import { isFinished } from '~/domain/background-jobs';
import { formatDateTime } from '~/components/offering-form';
import { translateError } from '~/i18n/translate';
import { useLocale, useT } from '~/i18n/use-t';
import { reportJobView } from '~/jobs/job-views.server';
import { getJobForViewer } from '~/models/background-jobs.server';
import { notFound, principalOf, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/**
 * A prefecture report being processed (issue 12): its progress while the background job runs,
 * then the same report the upload page showed when it ran inside the request — the counts, or
 * every bad row with its line. The uploader and the officials whose scope covers the report may
 * follow it; anyone else gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const job = getJobForViewer(
    getDb(),
    { userId: user.id, principal: principalOf(user) },
    params.jobId ?? '',
    'adoption-report',
  );
  if (!job) notFound();
  return { title: `${t('jobs.reportTitle')} · ${t('app.name')}`, job: reportJobView(job) };
}

export default function ReportJob() {
  const { job } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const running = !isFinished(job.status);
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('jobs.reportTitle')}
      </h1>
      <p className="mt-2 break-words text-sm text-slate-700">{t('jobs.file', { file: job.fileName })}</p>
      <p className="mt-1 text-sm text-slate-700">
        {t('jobs.startedAt', { at: formatDateTime(job.createdAt, locale) })}
      </p>
      <div className="mt-4">
        {running ? <JobProgressPanel job={job} unit="rows" /> : null}
        {job.status === 'succeeded' && job.result ? (
          <SuccessMessage>
            <span data-testid="upload-done">{t('adoption.upload.done', job.result)}</span>
          </SuccessMessage>
        ) : null}
        {job.status === 'failed' ? <FormErrors errors={[job.error ?? 'jobs.errors.internal']} /> : null}
      </div>
      {job.failure && job.failure.errors.length > 0 ? (
        <div className="mt-2 overflow-x-auto rounded-lg border border-red-200 bg-white">
          <table className="table" data-testid="upload-errors">
            <caption className="sr-only">{translateError(t, job.error ?? '')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adoption.upload.colLine')}</th>
                <th scope="col">{t('adoption.upload.colColumn')}</th>
                <th scope="col">{t('adoption.upload.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {job.failure.errors.map((e, i) => (
                <tr key={`${e.line}-${e.column}-${i}`}>
                  <th scope="row" className="font-mono">
                    {e.line}
                  </th>
                  <td className="font-mono text-xs">{e.column ?? '—'}</td>
                  <td>{translateError(t, e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!running ? (
        <Link to="/official/adoption/upload" className="btn-secondary mt-6 inline-block">
          {t('jobs.uploadAnother')}
        </Link>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
