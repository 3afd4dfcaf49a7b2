import { getFormProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { FormErrors, TextAreaField } from '~/components/form';
import { useT } from '~/i18n/use-t';

/**
 * An official's decision on something submitted for vetting (an offering, a revision): approve —
 * only while its provider is approved — or reject with a reason. `closed` says why there is
 * nothing to decide any more; `version` (when given) is sent with both choices so a decision on a
 * stale version is refused.
 */
export function VettingDecision<Schema extends Record<string, unknown>>({
  form,
  reason,
  busy,
  closed,
  providerApproved,
  approveLabel,
  approveHint,
  rejectTitle,
  rejectHint,
  version,
}: {
  form: FormMetadata<Schema>;
  reason: FieldMetadata<unknown>;
  busy: boolean;
  closed: string | null;
  providerApproved: boolean;
  approveLabel: string;
  approveHint?: string;
  rejectTitle: string;
  rejectHint?: string;
  version?: string;
}) {
  const t = useT();
  const versionInput = version === undefined ? null : <input type="hidden" name="version" value={version} />;
  return (
    <div className="card">
      <h2 className="mb-3 text-lg font-semibold">{t('official.decision')}</h2>
      <FormErrors errors={form.errors} />
      {closed !== null ? (
        <p className="text-sm text-slate-700">{closed}</p>
      ) : (
        <>
          {providerApproved ? (
            <Form method="post">
              {versionInput}
              {approveHint ? <p className="mb-2 text-sm text-slate-700">{approveHint}</p> : null}
              <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                {approveLabel}
              </button>
            </Form>
          ) : (
            <p
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
              data-testid="provider-not-approved"
            >
              {t('official.providerNotApproved')}
            </p>
          )}
          <Form method="post" {...getFormProps(form)} className="mt-4 border-t border-slate-200 pt-4">
            <h3 className="mb-2 font-semibold">{rejectTitle}</h3>
            {rejectHint ? <p className="mb-2 text-sm text-slate-700">{rejectHint}</p> : null}
            <input type="hidden" name="intent" value="reject" />
            {versionInput}
            <TextAreaField label={t('official.reason')} field={reason} hint={t('official.reasonHint')} rows={3} />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t('official.reject')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
