import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SuccessMessage } from '~/components/form';
import { translateError } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { z } from '~/i18n/zod';
import {
  importCatalog,
  parseCatalogText,
  validateCatalog,
  type CatalogFormat,
  type ImportIssue,
} from '~/models/catalog-import.server';
import { getDb } from '~/utils/db.server';
import { readFlashData, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const MAX_MB = 5;
const MAX_BYTES = MAX_MB * 1024 * 1024;
// A report longer than this is almost certainly the wrong file; the total is still given.
const MAX_ISSUES_SHOWN = 2000;

const count = z.number().int().min(0).max(1_000_000);
/** The summary rides in the flash cookie to the next page (post/redirect/get), shown once. */
const DoneSchema = z.object({
  file: z.string().max(255),
  provider: z.enum(['updated', 'unchanged']),
  created: count,
  updated: count,
  revisions: count,
  unchanged: count,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const { data: done, headers } = await readFlashData(request, DoneSchema);
  return data(
    {
      title: `${t('provider.import.title')} · ${t('app.name')}`,
      provider: { uscc: provider.uscc, nameZh: provider.nameZh, prefecture: provider.prefecture, status: provider.status },
      done,
    },
    { headers },
  );
}

type ActionResult = { fieldError: string | null; formError: string | null; issues: ImportIssue[]; issueCount: number };

type Upload = { ok: true; name: string; format: CatalogFormat; text: string } | { ok: false; error: string; status: number };

const tooLarge = { ok: false, error: `provider.import.tooLarge|mb=${MAX_MB}`, status: 413 } as const;

/** Reads the one file field; every way an upload can be wrong ends as a field error, never a 500. */
async function readUpload(request: Request): Promise<Upload> {
  // Multipart overhead is small: a body far past the limit is refused before it is read.
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_BYTES + 64 * 1024) return tooLarge;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge;
    return { ok: false, error: 'provider.import.unreadable', status: 400 };
  }
  const file = form.get('file');
  // A form sent with no file chosen carries an empty part without a name.
  if (!file || typeof file === 'string' || (file.size === 0 && !file.name))
    return { ok: false, error: 'provider.import.noFile', status: 400 };
  const format = /\.(jsonl|json)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (format !== 'json' && format !== 'jsonl') return { ok: false, error: 'provider.import.badExtension', status: 400 };
  if (file.size > MAX_BYTES) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { ok: false, error: 'provider.import.notUtf8', status: 400 };
  }
  return { ok: true, name: file.name, format, text };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const fail = (result: Partial<ActionResult>, status = 400) =>
    data<ActionResult>({ fieldError: null, formError: null, issues: [], issueCount: 0, ...result }, { status });
  // As in the console: only an approved provider submits offerings for vetting (and an import submits).
  if (provider.status === 'suspended') return fail({ formError: 'provider.import.suspended' }, 403);
  if (provider.status !== 'approved') return fail({ formError: 'provider.import.needsApproval' }, 403);

  const upload = await readUpload(request);
  if (!upload.ok) return fail({ fieldError: upload.error }, upload.status);
  const parsed = parseCatalogText(upload.text, upload.format);
  if (parsed.issues.length === 0 && parsed.entries.length === 0) return fail({ fieldError: 'provider.import.empty' });

  let issues: ImportIssue[];
  if (parsed.issues.length > 0) {
    // Syntax errors and shape errors together, so one round trip shows the whole report.
    issues = [...parsed.issues, ...validateCatalog(parsed.entries).issues];
  } else {
    const summary = importCatalog(db, parsed.entries, {
      actorUserId: user.id,
      publish: false,
      partial: false,
      onlyProviderId: provider.id,
      source: `upload:${upload.name.slice(0, 200)}`,
    });
    if (summary.written) {
      const done: z.output<typeof DoneSchema> = {
        file: upload.name.slice(0, 255),
        provider: summary.providers.updated > 0 ? 'updated' : 'unchanged',
        created: summary.offerings.created,
        updated: summary.offerings.updated,
        revisions: summary.offerings.revisions,
        unchanged: summary.offerings.unchanged,
      };
      return redirectWithFlash('/provider/import', done);
    }
    issues = summary.errors;
  }
  return fail({ issues: issues.slice(0, MAX_ISSUES_SHOWN), issueCount: issues.length });
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
  const { provider, done } = useLoaderData<typeof loader>();
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

      {done && !result ? (
        <SuccessMessage>
          <div data-testid="import-summary">
            <h2 className="text-base font-semibold">{t('provider.import.doneTitle')}</h2>
            <p className="mt-1">
              {t(done.created + done.updated + done.revisions > 0 ? 'provider.import.doneText' : 'provider.import.doneNothing', { file: done.file })}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_auto] justify-start gap-x-4 gap-y-1">
              <dt>{t('provider.import.sumProvider')}</dt>
              <dd className="font-semibold">
                {t(done.provider === 'updated' ? 'provider.import.sumProviderUpdated' : 'provider.import.sumProviderUnchanged')}
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

      {result?.formError ? <FormErrors errors={[result.formError]} /> : null}

      {result && result.issueCount > 0 ? (
        <section role="alert" aria-labelledby="import-issues-heading" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h2 id="import-issues-heading" className="text-base font-semibold">
            {t('provider.import.invalidTitle', { n: result.issueCount })}
          </h2>
          <p className="mt-1">{t('provider.import.invalidLead')}</p>
          {result.issueCount > result.issues.length ? (
            <p className="mt-1 font-medium">{t('provider.import.moreIssues', { shown: result.issues.length, n: result.issueCount })}</p>
          ) : null}
          <ul aria-label={t('provider.import.issuesLabel')} data-testid="import-issues" className="mt-3 max-h-96 space-y-1 overflow-auto break-words">
            {result.issues.map((issue, i) => (
              <li key={`${issue.path}-${i}`}>
                <code className="font-mono text-xs">
                  <span className="font-semibold">{issue.path || `(${t('provider.import.wholeFile')})`}</span>: {issue.message}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

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
          <button type="submit" className="btn-primary mt-4 w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
            {t('provider.import.submit')}
          </button>
        </Form>
      ) : (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t(provider.status === 'suspended' ? 'provider.import.suspended' : 'provider.import.needsApproval')}
        </p>
      )}

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
        <pre className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs text-slate-900">
          <code>{exampleFor(provider)}</code>
        </pre>
        <a href="/provider/import/template.json" download className="link mt-3 inline-block">
          {t('provider.import.template')}
        </a>
      </section>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
