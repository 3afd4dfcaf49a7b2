import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { requestPasswordReset } from '~/models/password-reset.server';
import { ForgotPasswordSchema } from '~/schemas/accounts.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { consumeLimits, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';

export const meta: MetaFunction = () => [{ title: '找回密码 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function loader({ request }: LoaderFunctionArgs) {
  const { flash, headers } = await readFlashMessage(request);
  return data({ flash }, { headers });
}

/**
 * POST /account/forgot: mails a reset link (app/models/password-reset.server.ts). The answer is the
 * same whether or not the email has an account; the per-email limit counts unknown emails too, so
 * even a 429 tells nothing.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const limit = await consumeLimits([
    ['resetAddress', context.clientIp ?? 'unknown'],
    ['resetMailAccount', email],
  ]);
  if (!limit.ok) return data(submission.reply({ formErrors: [rateLimitedMessage(limit)] }), tooManyRequests(limit));
  requestPasswordReset(getDb(), { email });
  return redirectWithFlash('/account/forgot', 'reset.forgotSent');
}

export default function ForgotPassword() {
  const t = useT();
  const { flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ForgotPasswordSchema>({
    lastResult,
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t('reset.forgotTitle')}</h1>
      <FlashMessage message={flash} />
      <p className="mb-4 text-sm text-slate-700">{t('reset.forgotLead')}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
          {t('reset.forgotSubmit')}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/login" className="link">
          {t('nav.login')}
        </Link>
      </p>
    </section>
  );
}
