import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { FormErrors, SuccessMessage } from '~/components/form';
import { JobProgressPanel } from '~/components/job-progress';
import { isFinished } from '~/domain/background-jobs';
import { formatDateTime } from '~/components/offering-form';
import { useLocale, useT } from '~/i18n/use-t';
import { catalogJobView } from '~/jobs/job-views.server';
import { getJobForViewer } from '~/models/background-jobs.server';
import { notFound, principalOf, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/**
 * A catalog file being imported (issue 12): its progress while the background job runs, then the
 * summary or every problem found, as the import page showed them when the import ran inside the
 * request. Only the provider account that uploaded it may follow it; anyone else gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const job = getJobForViewer(
    getDb(),
    { userId: user.id, principal: principalOf(user) },
    params.jobId ?? '',
    'catalog-import',
  );
  if (!job) notFound();
  return { title: `${t('jobs.catalogTitle')} · ${t('app.name')}`, job: catalogJobView(job) };
}

export default function CatalogImportJob() {
  const { job } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const running = !isFinished(job.status);
  const done = job.result;
  const failure = job.failure;
  return (
    <section className="max-w-3xl space-y-6">
      <div>
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {t('jobs.catalogTitle')}
        </h1>
        <p className="mt-2 break-words text-sm text-slate-700">{t('jobs.file', { file: job.fileName })}</p>
        <p className="mt-1 text-sm text-slate-700">
          {t('jobs.startedAt', { at: formatDateTime(job.createdAt, locale) })}
        </p>
      </div>

      {running ? <JobProgressPanel job={job} unit="offerings" /> : null}

      {job.status === 'succeeded' && done ? (
        <SuccessMessage>
          <div data-testid="import-summary">
            <h2 className="text-base font-semibold">{t('provider.import.doneTitle')}</h2>
            <p className="mt-1">
              {t(
                done.created + done.updated + done.revisions > 0
                  ? 'provider.import.doneText'
                  : 'provider.import.doneNothing',
                {
                  file: done.file,
                },
              )}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_auto] justify-start gap-x-4 gap-y-1">
              <dt>{t('provider.import.sumProvider')}</dt>
              <dd className="font-semibold">
                {t(
                  done.provider === 'updated'
                    ? 'provider.import.sumProviderUpdated'
                    : 'provider.import.sumProviderUnchanged',
                )}
              </dd>
              <dt>{t('provider.import.sumCreated')}</dt>
              <dd className="font-semibold tabular-nums">{done.created}</dd>
              <dt>{t('provider.import.sumUpdated')}</dt>
              <dd className="font-semibold tabular-nums">{done.updated}</dd>
              <dt>{t('provider.import.sumRevisions')}</dt>
              <dd className="font-semibold tabular-nums">{done.revisions}</dd>
              <dt>{t('provider.import.sumUnchanged')}</dt>
              <dd className="font-semibold tabular-nums">{done.unchanged}</dd>
            </dl>
            <Link to="/provider/offerings" className="link mt-2 inline-block">
              {t('provider.import.viewOfferings')}
            </Link>
          </div>
        </SuccessMessage>
      ) : null}

      {job.status === 'failed' && failure && failure.issueCount > 0 ? (
        <section
          role="alert"
          aria-labelledby="import-issues-heading"
          className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          <h2 id="import-issues-heading" className="text-base font-semibold">
            {t('provider.import.invalidTitle', { n: failure.issueCount })}
          </h2>
          <p className="mt-1">{t('provider.import.invalidLead')}</p>
          {failure.issueCount > failure.issues.length ? (
            <p className="mt-1 font-medium">
              {t('provider.import.moreIssues', { shown: failure.issues.length, n: failure.issueCount })}
            </p>
          ) : null}
          <ul
            aria-label={t('provider.import.issuesLabel')}
            data-testid="import-issues"
            className="mt-3 max-h-96 space-y-1 overflow-auto break-words"
          >
            {failure.issues.map((issue, i) => (
              <li key={`${issue.path}-${i}`}>
                <code className="font-mono text-xs">
                  <span className="font-semibold">{issue.path || `(${t('provider.import.wholeFile')})`}</span>
                  : {issue.message}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ) : job.status === 'failed' ? (
        <FormErrors errors={[job.error ?? 'jobs.errors.internal']} />
      ) : null}

      {!running ? (
        <Link to="/provider/import" className="btn-secondary inline-block">
          {t('jobs.uploadAnother')}
        </Link>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
