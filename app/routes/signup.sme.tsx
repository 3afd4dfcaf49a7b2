import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { getDb } from '~/utils/db.server';
import { FormErrors, SelectField, TextField } from '~/components/form';
import { industryOptions, prefectureOptions } from '~/components/options';
import { SizePreview, useSizePreview } from '~/components/size-preview';
import { useLocale, useT } from '~/i18n/use-t';
import { registerSme } from '~/models/accounts.server';
import { SmeSignupSchema } from '~/schemas/accounts.server';
import { Honeypot } from '~/components/honeypot';
import { PrivacyConsent } from '~/components/privacy-consent';
import { honeypotFilled } from '~/utils/honeypot.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { createUserSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: '企业注册 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  // A bot that filled the hidden field gets an ordinary-looking redirect and nothing is stored.
  if (honeypotFilled(formData)) return redirect('/', 303);
  const hidden = { hideFields: ['password', 'passwordConfirm'] };
  const submission = parseWithZod(formData, { schema: SmeSignupSchema });
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  const limit = await consumeLimit('signupAddress', context.clientIp ?? 'unknown');
  if (!limit.ok)
    return data(submission.reply({ formErrors: [rateLimitedMessage(limit)], ...hidden }), tooManyRequests(limit));
  const result = await registerSme(getDb(), submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, ...hidden }), { status: 400 });
  return createUserSession(request, { id: result.userId, sessionVersion: 1 }, '/enterprise', { flash: 'enterprise.welcome' });
}

export default function SmeSignup() {
  const t = useT();
  const locale = useLocale();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof SmeSignupSchema>({
    lastResult,
  });
  const { size, onChange } = useSizePreview({});
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t('signup.smeTitle')}</h1>
      <p className="mb-4 mt-2 text-sm text-slate-700">{t('signup.smeLead')}</p>
      <Form method="post" {...getFormProps(form)} onChange={onChange} className="card">
        <FormErrors errors={form.errors} />
        <Honeypot />
        <h2 className="mb-3 text-lg font-semibold">{t('signup.enterprise')}</h2>
        <TextField label={t('field.uscc')} field={fields.uscc} hint={t('field.usccHint')} autoComplete="off" />
        <TextField label={t('field.enterpriseName')} field={fields.name} autoComplete="organization" />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField label={t('field.prefecture')} field={fields.prefecture} options={prefectureOptions(locale)} />
          <SelectField label={t('field.industry')} field={fields.industry} options={industryOptions(locale)} />
          <TextField label={t('field.employees')} field={fields.employees} type="number" inputMode="numeric" optional />
          <TextField label={t('field.revenueWan')} field={fields.revenueWan} type="number" step="0.01" inputMode="decimal" optional />
        </div>
        <SizePreview size={size} />
        <h2 className="mb-3 mt-2 text-lg font-semibold">{t('signup.account')}</h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label={t('signup.displayName')} field={fields.displayName} autoComplete="name" />
          <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
          <TextField label={t('login.password')} field={fields.password} type="password" hint={t('signup.passwordHint')} autoComplete="new-password" />
          <TextField label={t('signup.passwordConfirm')} field={fields.passwordConfirm} type="password" autoComplete="new-password" />
        </div>
        <PrivacyConsent field={fields.acceptPrivacy} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
          {t('signup.submit')}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        {t('signup.haveAccount')}{' '}
        <Link to="/login" className="link underline">
          {t('nav.login')}
        </Link>
      </p>
    </section>
  );
}
