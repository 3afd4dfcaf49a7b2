import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors } from '~/components/form';
import { RecentJobs } from '~/components/job-progress';
import { ScrollRegion } from '~/components/scroll-region';
import { translateError } from '~/i18n/translate';
import { useT } from '~/i18n/use-t';
import { recentJobView } from '~/jobs/job-views.server';
import { CatalogImportParamsSchema } from '~/jobs/results';
import { enqueueUpload, listOwnJobs } from '~/models/background-jobs.server';
import type { CatalogFormat } from '~/models/catalog-import.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const MAX_MB = 5;
const MAX_BYTES = MAX_MB * 1024 * 1024;
const RECENT = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  return {
    title: `${t('provider.import.title')} · ${t('app.name')}`,
    provider: {
      uscc: provider.uscc,
      nameZh: provider.nameZh,
      prefecture: provider.prefecture,
      status: provider.status,
    },
    recent: listOwnJobs(getDb(), user.id, 'catalog-import', RECENT).map(recentJobView),
  };
}

type ActionResult = { fieldError: string | null; formError: string | null };

type Upload =
  | { ok: true; name: string; format: CatalogFormat; bytes: Uint8Array }
  | { ok: false; error: string; status: number };

const tooLarge = { ok: false, error: `provider.import.tooLarge|mb=${MAX_MB}`, status: 413 } as const;

/** Reads the one file field; every way an upload can be wrong ends as a field error, never a 500. */
async function readUpload(request: Request): Promise<Upload> {
  // Multipart overhead is small: a body far past the limit is refused before it is read.
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_BYTES + 64 * 1024) return tooLarge;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge;
    return { ok: false, error: 'provider.import.unreadable', status: 400 };
  }
  const file = form.get('file');
  // A form sent with no file chosen carries an empty part without a name.
  if (!file || typeof file === 'string' || (file.size === 0 && !file.name))
    return { ok: false, error: 'provider.import.noFile', status: 400 };
  const format = /\.(jsonl|json)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (format !== 'json' && format !== 'jsonl')
    return { ok: false, error: 'provider.import.badExtension', status: 400 };
  if (file.size > MAX_BYTES) return tooLarge;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'provider.import.notUtf8', status: 400 };
  }
  // An empty file is told at once; what a non-empty one holds is the background job's to check.
  if (text.replace(/^\uFEFF/, '').trim() === '')
    return { ok: false, error: 'provider.import.empty', status: 400 };
  return { ok: true, name: file.name, format, bytes };
}

/**
 * Takes the file and queues it (issue 12): the whole file is validated and imported by the
 * background-job worker, and this answers at once with the job's page, which shows the summary or
 * every problem found.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user, provider } = await requireProviderAccount(request);
  const fail = (result: Partial<ActionResult>, status = 400) =>
    data<ActionResult>({ fieldError: null, formError: null, ...result }, { status });
  // As in the console: only an approved provider submits offerings for vetting (and an import submits).
  if (provider.status === 'suspended') return fail({ formError: 'provider.import.suspended' }, 403);
  if (provider.status !== 'approved') return fail({ formError: 'provider.import.needsApproval' }, 403);

  const upload = await readUpload(request);
  if (!upload.ok) return fail({ fieldError: upload.error }, upload.status);
  const jobId = await enqueueUpload(getDb(), {
    kind: 'catalog-import',
    params: CatalogImportParamsSchema.parse({
      fileName: upload.name.slice(0, 255),
      format: upload.format,
      providerId: provider.id,
    }),
    file: upload.bytes,
    createdByUserId: user.id,
  });
  return redirect(`/provider/import/${jobId}`);
}

/** The smallest valid file for this provider, shown escaped in the help. */
function exampleFor(provider: { uscc: string; nameZh: string; prefecture: string }) {
  const entry = {
    provider: { name: provider.nameZh, uscc: provider.uscc, prefecture: provider.prefecture },
    offerings: [
      {
        externalId: 'cloud-mes-basic',
        title: '轻量 MES 云服务',
        summary: '面向中小制造企业的生产管理 SaaS',
        level: 'saas',
        categories: ['生产管理'],
        plans: [{ name: '标准版', priceFen: 98000, billing: 'year' }],
      },
    ],
  };
  return JSON.stringify([entry], null, 2);
}

export default function ProviderImport() {
  const { provider, recent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const canImport = provider.status === 'approved';
  const fieldError = result?.fieldError ?? null;
  const described = ['import-file-hint', fieldError ? 'import-file-error' : null].filter(Boolean).join(' ');
  return (
    <section className="max-w-3xl space-y-6">
      <div>
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {t('provider.import.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('provider.import.lead')}</p>
      </div>

      {result?.formError ? <FormErrors errors={[result.formError]} /> : null}

      {canImport ? (
        <Form method="post" encType="multipart/form-data" className="card">
          <label htmlFor="import-file" className="label">
            {t('provider.import.file', { mb: MAX_MB })}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            required
            accept=".json,.jsonl,application/json"
            className="input"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={described}
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
            {t('provider.import.fileHint', { uscc: provider.uscc })}
          </p>
          {fieldError ? (
            <p id="import-file-error" className="mt-1 text-sm text-red-700">
              {translateError(t, fieldError)}
            </p>
          ) : null}
          <button
            type="submit"
            className="btn-primary mt-4 w-full sm:w-auto"
            disabled={navigation.state === 'submitting'}
          >
            {t('provider.import.submit')}
          </button>
        </Form>
      ) : (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t(provider.status === 'suspended' ? 'provider.import.suspended' : 'provider.import.needsApproval')}
        </p>
      )}

      <RecentJobs jobs={recent} hrefOf={(id) => `/provider/import/${id}`} />

      <section aria-labelledby="import-help-heading" className="card text-sm text-slate-800">
        <h2 id="import-help-heading" className="text-lg font-semibold">
          {t('provider.import.helpTitle')}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t('provider.import.help1')}</li>
          <li>{t('provider.import.help2')}</li>
          <li>{t('provider.import.help3')}</li>
          <li>{t('provider.import.help4')}</li>
          <li>{t('provider.import.help5')}</li>
        </ul>
        <h3 className="mt-4 font-semibold">{t('provider.import.example')}</h3>
        <ScrollRegion label={t('provider.import.example')} className="mt-2 rounded-md bg-slate-100">
          <pre className="p-3 text-xs text-slate-900">
            <code>{exampleFor(provider)}</code>
          </pre>
        </ScrollRegion>
        <a href="/provider/import/template.json" download className="link mt-3 inline-block">
          {t('provider.import.template')}
        </a>
      </section>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
