import type { LoaderFunctionArgs } from '@remix-run/node';
import { ROLES } from '~/domain/access-policy';
import { translateError } from '~/i18n';
import { apiResultOf, errorCodeOf, progressView } from '~/jobs/job-views.server';
import { getJobForViewer } from '~/models/background-jobs.server';
import { apiRoute } from '~/utils/api.server';
import { principalOf } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

/**
 * GET /api/jobs/:id — a background job's status and progress (what its page polls once a second),
 * for the user who started it and the officials who may follow it; 404 for anyone else. Session
 * only: jobs are started from pages, an API key has none.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const user = ctx.requireUser(ROLES);
    const job = getJobForViewer(
      getDb(),
      { userId: user.id, principal: principalOf(user) },
      params.jobId ?? '',
    );
    if (!job) return ctx.fail(404, 'not_found', 'api.errors.notFound');
    return {
      status: 200,
      body: {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: progressView(job).progress,
        result: apiResultOf(job.kind, job),
        error: job.error ? { code: errorCodeOf(job.error), message: translateError(ctx.t, job.error) } : null,
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
      },
    };
  });
}
