import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { z } from 'zod';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors } from '~/components/form';
import { RecentJobs } from '~/components/job-progress';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { recentJobView } from '~/jobs/job-views.server';
import { ReportParamsSchema } from '~/jobs/results';
import { enqueueUpload, listOwnJobs } from '~/models/background-jobs.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const MAX_MB = 30;
const RECENT = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  return {
    title: `${t('adoption.upload.title')} · ${t('app.name')}`,
    scopePrefecture: user.scopePrefecture,
    recent: listOwnJobs(getDb(), user.id, 'adoption-report', RECENT).map(recentJobView),
  };
}

type ActionResult = { formErrors: string[] };

/**
 * Takes the file and queues it (issue 12): checking and applying a large report takes seconds,
 * so it runs in the background-job worker and this answers at once with the job's page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const fail = (formError: string, status = 400) =>
    data<ActionResult>({ formErrors: [formError] }, { status });
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_MB * 1024 * 1024) {
    return fail(`adoption.upload.tooLarge|mb=${MAX_MB}`, 413);
  }
  let file: FormDataEntryValue | null = null;
  try {
    file = (await request.formData()).get('file');
  } catch {
    return fail('adoption.upload.noFile');
  }
  if (!file || typeof file === 'string' || file.size === 0) return fail('adoption.upload.noFile');
  if (file.size > MAX_MB * 1024 * 1024) return fail(`adoption.upload.tooLarge|mb=${MAX_MB}`, 413);

  const params: z.input<typeof ReportParamsSchema> = {
    fileName: (file.name || 'report').slice(0, 255),
    scope: user.scopePrefecture,
  };
  const jobId = await enqueueUpload(getDb(), {
    kind: 'adoption-report',
    params: ReportParamsSchema.parse(params),
    file: new Uint8Array(await file.arrayBuffer()),
    createdByUserId: user.id,
  });
  return redirect(`/official/adoption/upload/${jobId}`);
}

export default function UploadReport() {
  const { scopePrefecture, recent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const scope =
    scopePrefecture === null
      ? t('adoption.scopeProvince')
      : (prefectureName(scopePrefecture, locale) ?? scopePrefecture);
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('adoption.upload.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('adoption.upload.lead')}</p>
      <p className="mt-1 text-sm font-medium text-slate-800">{t('adoption.upload.scope', { scope })}</p>
      <div className="mt-4">
        <FormErrors errors={result?.formErrors} />
      </div>
      <Form method="post" encType="multipart/form-data" className="card max-w-2xl">
        <label htmlFor="report-file" className="label">
          {t('adoption.upload.file')}
        </label>
        <input
          id="report-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="input"
          aria-invalid={result?.formErrors.length ? true : undefined}
          aria-describedby="report-file-hint"
        />
        <p id="report-file-hint" className="mt-1 break-words text-xs text-slate-600">
          {t('adoption.upload.fileHint')}
        </p>
        <button type="submit" className="btn-primary mt-4" disabled={navigation.state === 'submitting'}>
          {t('adoption.upload.submit')}
        </button>
      </Form>
      <RecentJobs jobs={recent} hrefOf={(id) => `/official/adoption/upload/${id}`} />
    </section>
  );
}
