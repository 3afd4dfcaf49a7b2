import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { z } from 'zod';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SuccessMessage } from '~/components/form';
import { prefectureName } from '~/domain/prefectures';
import { translateError } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { importPrefectureReport, type RowError } from '~/models/adoption-import.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashData, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const MAX_MB = 30;
// Every bad row is listed up to this many; a file with more is almost certainly the wrong file.
const MAX_ERRORS_SHOWN = 5000;

/** The counts of the applied report, carried to the next page in the flash cookie (never the URL). */
const UploadSummarySchema = z.object({
  rows: z.number().int().min(0),
  added: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  encoding: z.string().max(40),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { data: summary, headers } = await readFlashData(request, UploadSummarySchema);
  return data(
    { title: `${t('adoption.upload.title')} · ${t('app.name')}`, scopePrefecture: user.scopePrefecture, summary },
    { headers },
  );
}

type ActionResult = { formErrors: string[]; rowErrors: RowError[]; errorCount: number };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const fail = (result: Partial<ActionResult>, status = 400) =>
    data<ActionResult>({ formErrors: [], rowErrors: [], errorCount: 0, ...result }, { status });
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_MB * 1024 * 1024) {
    return fail({ formErrors: [`adoption.upload.tooLarge|mb=${MAX_MB}`] }, 413);
  }
  let file: FormDataEntryValue | null = null;
  try {
    file = (await request.formData()).get('file');
  } catch {
    return fail({ formErrors: ['adoption.upload.noFile'] });
  }
  if (!file || typeof file === 'string' || file.size === 0)
    return fail({ formErrors: ['adoption.upload.noFile'] });
  if (file.size > MAX_MB * 1024 * 1024)
    return fail({ formErrors: [`adoption.upload.tooLarge|mb=${MAX_MB}`] }, 413);

  const outcome = await importPrefectureReport(getDb(), {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name || 'report',
    scope: user.scopePrefecture,
    actorUserId: user.id,
  });
  if (!outcome.ok) {
    return fail({
      formErrors: [`adoption.upload.failed|n=${outcome.errors.length}`],
      rowErrors: outcome.errors.slice(0, MAX_ERRORS_SHOWN),
      errorCount: outcome.errors.length,
    });
  }
  const summary: z.output<typeof UploadSummarySchema> = {
    rows: outcome.rows,
    added: outcome.added,
    unchanged: outcome.unchanged,
    encoding: outcome.encoding,
  };
  return redirectWithFlash('/official/adoption/upload', summary);
}

export default function UploadReport() {
  const { scopePrefecture, summary } = useLoaderData<typeof loader>();
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
        {summary && !result ? (
          <SuccessMessage>
            <span data-testid="upload-done">{t('adoption.upload.done', summary)}</span>
          </SuccessMessage>
        ) : null}
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
          aria-describedby="report-file-hint"
        />
        <p id="report-file-hint" className="mt-1 break-words text-xs text-slate-600">
          {t('adoption.upload.fileHint')}
        </p>
        <button type="submit" className="btn-primary mt-4" disabled={navigation.state === 'submitting'}>
          {t('adoption.upload.submit')}
        </button>
      </Form>
      {result && result.rowErrors.length > 0 ? (
        <div className="mt-6 overflow-x-auto rounded-lg border border-red-200 bg-white">
          <table className="table" data-testid="upload-errors">
            <thead>
              <tr>
                <th scope="col">{t('adoption.upload.colLine')}</th>
                <th scope="col">{t('adoption.upload.colColumn')}</th>
                <th scope="col">{t('adoption.upload.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rowErrors.map((e, i) => (
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
    </section>
  );
}
