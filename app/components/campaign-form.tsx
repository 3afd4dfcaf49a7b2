import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form, Link, useNavigation } from '@remix-run/react';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import type { CampaignCreateSchema, CampaignEditSchema } from '~/schemas/campaigns';

export interface CampaignFormValues {
  id?: string;
  name: string;
  nameEn: string | null;
  target: number;
  startsOn: string;
  endsOn: string;
}

/** The create and edit form of a campaign: the id is asked only when creating (it never changes). */
export function CampaignForm({
  mode,
  defaults,
  lastResult,
}: {
  mode: 'create' | 'edit';
  defaults?: CampaignFormValues;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useServerForm<typeof CampaignCreateSchema | typeof CampaignEditSchema>({
    id: `campaign-${mode}`,
    lastResult,
    defaultValue: defaults
      ? { ...defaults, nameEn: defaults.nameEn ?? '', target: String(defaults.target) }
      : undefined,
  });
  const f = fields as typeof fields & { id: (typeof fields)['name'] };
  return (
    <Form method="post" {...getFormProps(form)} className="card max-w-2xl">
      <FormErrors errors={form.errors} />
      {mode === 'create' ? (
        <TextField label={t('campaigns.fieldId')} field={f.id} hint={t('campaigns.fieldIdHint')} autoComplete="off" />
      ) : null}
      <TextField label={t('campaigns.fieldName')} field={fields.name} />
      <TextField label={t('campaigns.fieldNameEn')} field={fields.nameEn} optional />
      <TextField label={t('campaigns.fieldTarget')} field={fields.target} type="number" inputMode="numeric" step="1" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t('campaigns.fieldStart')} field={fields.startsOn} type="date" />
        <TextField label={t('campaigns.fieldEnd')} field={fields.endsOn} type="date" />
      </div>
      {mode === 'edit' ? <p className="mb-4 text-sm text-slate-700">{t('campaigns.windowHint')}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {mode === 'create' ? t('campaigns.create') : t('campaigns.save')}
        </button>
        <Link to="/official/campaigns" className="btn-secondary">
          {t('campaigns.cancel')}
        </Link>
      </div>
    </Form>
  );
}
