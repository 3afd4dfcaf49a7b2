import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { getDb } from '~/utils/db.server';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { authenticate } from '~/models/accounts.server';
import { getUserById } from '~/models/users.server';
import { LoginSchema } from '~/schemas/accounts';
import { getUser, homeFor } from '~/utils/auth.server';
import { createUserSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: '登录 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 });

  const db = getDb();
  const { email, password, redirectTo } = submission.value;
  const result = await authenticate(db, { email, password, ip: context.clientIp ?? 'unknown' });
  if (!result.ok) {
    const message = result.reason === 'rateLimited' ? `login.rateLimited|minutes=${result.retryMinutes}` : `login.${result.reason}`;
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), {
      status: result.reason === 'rateLimited' ? 429 : 400,
    });
  }
  const user = getUserById(db, result.userId);
  return createUserSession(request, result.userId, redirectTo || homeFor(user?.role ?? 'sme'));
}

export default function Login() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t('login.title')}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
        <TextField label={t('login.password')} field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
          {t('login.submit')}
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">
        {t('login.noAccount')}{' '}
        <Link to="/signup/sme" className="link">
          {t('login.signupSme')}
        </Link>{' '}
        ·{' '}
        <Link to="/signup/provider" className="link">
          {t('login.signupProvider')}
        </Link>
      </p>
    </section>
  );
}
