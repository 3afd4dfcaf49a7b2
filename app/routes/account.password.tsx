import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SuccessMessage, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { changePassword } from '~/models/accounts.server';
import { ChangePasswordSchema } from '~/schemas/accounts';
import { requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

export const meta: MetaFunction = () => [{ title: '修改密码 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { forced: user.mustChangePassword, saved: new URL(request.url).searchParams.get('saved') === '1' };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  const hidden = { hideFields: ['currentPassword', 'password', 'passwordConfirm'] };
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  const result = await changePassword(getDb(), {
    userId: user.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.password,
  });
  if (!result.ok) return data(submission.reply({ ...hidden, fieldErrors: result.fieldErrors }), { status: 400 });
  return redirect('/account/password?saved=1');
}

export default function ChangePassword() {
  const t = useT();
  const { forced, saved } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold" data-testid="console-title">
        {t('account.passwordTitle')}
      </h1>
      {saved ? <SuccessMessage>{t('account.passwordChanged')}</SuccessMessage> : null}
      {forced ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t('account.passwordForced')}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <TextField label={t('account.currentPassword')} field={fields.currentPassword} type="password" autoComplete="current-password" />
        <TextField label={t('account.newPassword')} field={fields.password} type="password" hint={t('signup.passwordHint')} autoComplete="new-password" />
        <TextField label={t('signup.passwordConfirm')} field={fields.passwordConfirm} type="password" autoComplete="new-password" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
          {t('account.passwordSubmit')}
        </button>
      </Form>
    </section>
  );
}
