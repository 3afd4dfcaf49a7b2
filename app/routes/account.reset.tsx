import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { checkResetToken, resetPassword } from '~/models/password-reset.server';
import { ResetPasswordSchema, ResetTokenField } from '~/schemas/accounts.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { clearLimit, consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';

export const meta: MetaFunction = () => [{ title: '设置新密码 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

// GET/POST /account/reset?token=… — the link of the reset mail (app/models/password-reset.server.ts).

export async function loader({ request }: LoaderFunctionArgs) {
  const token = ResetTokenField.safeParse(new URL(request.url).searchParams.get('token') ?? '');
  if (!token.success) return { token: '', problem: 'reset.invalid' };
  const check = checkResetToken(getDb(), token.data);
  return { token: token.data, problem: check.ok ? null : `reset.${check.reason}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  const hidden = { hideFields: ['password', 'passwordConfirm'] };
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  const limit = await consumeLimit('resetAddress', context.clientIp ?? 'unknown');
  if (!limit.ok) return data(submission.reply({ ...hidden, formErrors: [rateLimitedMessage(limit)] }), tooManyRequests(limit));
  const result = await resetPassword(getDb(), { token: submission.value.token, newPassword: submission.value.password });
  if (!result.ok) return data(submission.reply({ ...hidden, formErrors: [`reset.${result.reason}`] }), { status: 400 });
  // The owner proved the mailbox: earlier failed logins no longer hold the account.
  await clearLimit('loginAccount', result.email);
  return redirectWithFlash('/login', 'reset.done');
}

export default function ResetPassword() {
  const t = useT();
  const { token, problem } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ResetPasswordSchema>({
    lastResult,
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t('reset.title')}</h1>
      {problem ? (
        <div className="card">
          <FormErrors errors={[problem]} />
          <Link to="/account/forgot" className="btn-primary w-full">
            {t('reset.again')}
          </Link>
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="token" value={token} />
          <TextField label={t('account.newPassword')} field={fields.password} type="password" hint={t('signup.passwordHint')} autoComplete="new-password" />
          <TextField label={t('signup.passwordConfirm')} field={fields.passwordConfirm} type="password" autoComplete="new-password" />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
            {t('reset.submit')}
          </button>
        </Form>
      )}
      {form.errors?.some((e) => e.startsWith('reset.')) ? (
        <p className="mt-4 text-sm">
          <Link to="/account/forgot" className="link">
            {t('reset.again')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
