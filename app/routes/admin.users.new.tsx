import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { FormErrors, SelectField, TextField } from '~/components/form';
import { prefectureOptions } from '~/components/options';
import { isPrefectureCode, prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { createStaffUser } from '~/models/accounts.server';
import { CreateOfficialSchema } from '~/schemas/accounts.server';
import { requireAccountManager } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAccountManager(request);
  const { t } = await getTranslator(request, admin);
  return { title: `${t('admin.newTitle')} · ${t('app.name')}` };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAccountManager(request);
  const submission = parseWithZod(await request.formData(), { schema: CreateOfficialSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const { email, displayName, role, scope } = submission.value;
  // The schema only checks the shape 51xx; 5102 is no 市州 (GB/T 2260 skips it).
  if (role === 'official' && scope !== 'province' && !isPrefectureCode(scope)) {
    return data(submission.reply({ fieldErrors: { scope: ['errors.choice'] } }), { status: 400 });
  }
  const prefecture = role === 'official' && scope !== 'province' ? scope : null;
  const result = await createStaffUser(getDb(), {
    email,
    displayName,
    role,
    prefecture,
    actorUserId: admin.id,
  });
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  // The password travels in this response body only: never in a URL, a log line or a cache.
  return data(
    { created: { email, role, prefecture, oneTimePassword: result.oneTimePassword } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function AdminNewUser() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const created = actionData && 'created' in actionData ? actionData.created : null;
  const lastResult = actionData && !('created' in actionData) ? actionData : undefined;
  const [form, fields] = useServerForm<typeof CreateOfficialSchema>({
    lastResult,
    defaultValue: { role: 'official', scope: 'province' },
  });

  if (created) {
    const scope =
      created.role !== 'official'
        ? '—'
        : created.prefecture
          ? (prefectureName(created.prefecture, locale) ?? created.prefecture)
          : t('admin.scopeProvince');
    return (
      <section className="max-w-2xl">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('admin.createdTitle')}
        </h1>
        <div className="card mt-4" role="status">
          <p className="text-slate-800">
            {t('admin.createdText', {
              email: created.email,
              role: t(created.role === 'admin' ? 'role.admin' : 'role.official'),
              scope,
            })}
          </p>
          <p className="mt-3 text-sm font-medium text-slate-700">{t('admin.oneTimePassword')}</p>
          <p
            className="mt-1 select-all break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-lg"
            data-testid="one-time-password"
          >
            {created.oneTimePassword}
          </p>
          <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t('admin.createdWarning')}
          </p>
        </div>
        <p className="mt-4 flex flex-wrap gap-3">
          <Link to="/admin/users/new" className="btn-secondary">
            {t('admin.createAnother')}
          </Link>
          <Link to="/admin" className="btn-primary">
            {t('admin.backToUsers')}
          </Link>
        </p>
      </section>
    );
  }

  const scopeOptions = [{ value: 'province', label: t('admin.scopeProvince') }, ...prefectureOptions(locale)];
  const roleOptions = [
    { value: 'official', label: t('role.official') },
    { value: 'admin', label: t('role.admin') },
  ];
  return (
    <section className="max-w-2xl">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('admin.newTitle')}
      </h1>
      <p className="mb-4 mt-2 text-sm text-slate-700">{t('admin.newLead')}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="off" />
          <TextField label={t('admin.displayName')} field={fields.displayName} autoComplete="off" />
          <SelectField label={t('admin.role')} field={fields.role} options={roleOptions} />
          <SelectField
            label={t('admin.scope')}
            field={fields.scope}
            options={scopeOptions}
            hint={t('admin.scopeHint')}
          />
        </div>
        <button
          type="submit"
          className="btn-primary w-full sm:w-auto"
          disabled={navigation.state === 'submitting'}
        >
          {t('admin.create')}
        </button>
      </Form>
    </section>
  );
}
