import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { changePassword } from '~/models/accounts.server';
import { ChangePasswordSchema } from '~/schemas/accounts.server';
import { requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { flashHeader, readFlashMessage } from '~/utils/flash.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { commitUserSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: '修改密码 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { flash, headers } = await readFlashMessage(request);
  return data({ forced: user.mustChangePassword, flash }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  const hidden = { hideFields: ['currentPassword', 'password', 'passwordConfirm'] };
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  // Each attempt checks the current password: a stolen session must not become a password oracle.
  const limit = await consumeLimit('passwordChange', user.id);
  if (!limit.ok) return data(submission.reply({ ...hidden, formErrors: [rateLimitedMessage(limit)] }), tooManyRequests(limit));
  const result = await changePassword(getDb(), {
    userId: user.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.password,
  });
  if (!result.ok) return data(submission.reply({ ...hidden, fieldErrors: result.fieldErrors }), { status: 400 });
  // The new session version ends every other session; this one is re-issued under it and stays.
  const headers = new Headers();
  headers.append('Set-Cookie', await commitUserSession(request, { id: user.id, sessionVersion: result.sessionVersion }));
  headers.append('Set-Cookie', await flashHeader('account.passwordChanged'));
  return redirect('/account/password', { headers });
}

export default function ChangePassword() {
  const t = useT();
  const { forced, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ChangePasswordSchema>({
    lastResult,
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold" data-testid="console-title">
        {t('account.passwordTitle')}
      </h1>
      <FlashMessage message={flash} />
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
      {forced ? null : (
        <section className="card mt-6" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="mb-2 text-lg font-semibold">
            {t('account.sessionsTitle')}
          </h2>
          <p className="mb-4 text-sm text-slate-700">{t('account.sessionsText')}</p>
          <Form method="post" action="/account/sessions">
            <button type="submit" className="btn-secondary w-full">
              {t('account.logoutEverywhere')}
            </button>
          </Form>
        </section>
      )}
    </section>
  );
}
