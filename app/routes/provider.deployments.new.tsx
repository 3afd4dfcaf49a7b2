import { getFormProps, getInputProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FieldErrors, FormErrors, SelectField, TextAreaField, TextField } from '~/components/form';
import { industryOptions, prefectureOptions } from '~/components/options';
import { levelName } from '~/domain/adoption-levels';
import { useLocale, useT } from '~/i18n/use-t';
import { listOfferingChoices } from '~/models/adoption-queries.server';
import { reportDeployment } from '~/models/adoption.server';
import { ReportDeploymentSchema } from '~/schemas/adoption.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  return {
    title: `${t('adoption.deploy.newTitle')} · ${t('app.name')}`,
    offerings: listOfferingChoices(db, provider.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const submission = parseWithZod(await request.formData(), { schema: ReportDeploymentSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = reportDeployment(db, {
    providerId: provider.id,
    actorUserId: user.id,
    input: submission.value,
  });
  if (!result.ok) {
    const { '': formErrors, ...fieldErrors } = result.fieldErrors;
    return data(submission.reply({ formErrors, fieldErrors }), { status: 400 });
  }
  return redirectWithFlash('/provider/deployments', 'adoption.deploy.saved');
}

export default function NewDeployment() {
  const { offerings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<typeof ReportDeploymentSchema>({
    lastResult,
  });
  const offeringOptions = offerings.map((o) => ({
    value: o.id,
    label: `${locale === 'en' && o.titleEn ? o.titleEn : o.titleZh} · ${levelName(o.level, locale)}`,
  }));
  const dateProps = getInputProps(fields.occurredOn, { type: 'date' });
  return (
    <section className="max-w-2xl">
      <Link to="/provider/deployments" className="link text-sm">
        ← {t('adoption.deploy.title')}
      </Link>
      <h1 className="mt-2 text-2xl font-bold" data-testid="console-title">
        {t('adoption.deploy.newTitle')}
      </h1>
      <p className="mb-4 mt-2 text-sm text-slate-700">{t('adoption.deploy.newLead')}</p>
      {offerings.length === 0 ? (
        <p className="card text-slate-700" data-testid="empty-state">
          {t('adoption.deploy.noOfferings')}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card">
          <FormErrors errors={form.errors} />
          <SelectField
            label={t('adoption.deploy.offering')}
            field={fields.offeringId}
            options={offeringOptions}
          />
          <TextField
            label={t('field.uscc')}
            field={fields.uscc}
            hint={t('field.usccHint')}
            autoComplete="off"
          />
          <TextField label={t('field.enterpriseName')} field={fields.enterpriseName} autoComplete="off" />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField
              label={t('field.prefecture')}
              field={fields.prefecture}
              options={prefectureOptions(locale)}
            />
            <SelectField
              label={t('field.industry')}
              field={fields.industry}
              options={industryOptions(locale)}
            />
          </div>
          <div className="mb-4">
            <label htmlFor={fields.occurredOn.id} className="label">
              {t('adoption.deploy.occurredOn')}
            </label>
            <input {...dateProps} key={dateProps.key} className="input" />
            <FieldErrors id={fields.occurredOn.errorId} errors={fields.occurredOn.errors} />
          </div>
          <TextAreaField label={t('adoption.deploy.note')} field={fields.note} optional rows={3} />
          <button
            type="submit"
            className="btn-primary w-full sm:w-auto"
            disabled={navigation.state === 'submitting'}
          >
            {t('adoption.deploy.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}
