import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { getDb } from '~/utils/db.server';
import { CheckboxGroup, FormErrors, SelectField, TextField } from '~/components/form';
import { certificationOptions, providerLocationOptions } from '~/components/options';
import { useLocale, useT } from '~/i18n/use-t';
import { registerProvider } from '~/models/accounts.server';
import { ProviderSignupSchema } from '~/schemas/accounts.server';
import { Honeypot } from '~/components/honeypot';
import { PrivacyConsent } from '~/components/privacy-consent';
import { honeypotFilled } from '~/utils/honeypot.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { createUserSession } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: '服务商入驻 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  // A bot that filled the hidden field gets an ordinary-looking redirect and nothing is stored.
  if (honeypotFilled(formData)) return redirect('/', 303);
  const hidden = { hideFields: ['password', 'passwordConfirm'] };
  const submission = parseWithZod(formData, { schema: ProviderSignupSchema });
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  const limit = await consumeLimit('signupAddress', context.clientIp ?? 'unknown');
  if (!limit.ok)
    return data(submission.reply({ formErrors: [rateLimitedMessage(limit)], ...hidden }), tooManyRequests(limit));
  const result = await registerProvider(getDb(), submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, ...hidden }), { status: 400 });
  return createUserSession(request, { id: result.userId, sessionVersion: 1 }, '/provider', { flash: 'provider.overview.welcome' });
}

export default function ProviderSignup() {
  const t = useT();
  const locale = useLocale();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ProviderSignupSchema>({
    lastResult,
  });
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t('signup.providerTitle')}</h1>
      <p className="mb-4 mt-2 text-sm text-slate-700">{t('signup.providerLead')}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <Honeypot />
        <h2 className="mb-3 text-lg font-semibold">{t('signup.organisation')}</h2>
        <TextField label={t('field.uscc')} field={fields.uscc} hint={t('field.usccHint')} autoComplete="off" />
        <TextField label={t('field.providerNameZh')} field={fields.nameZh} autoComplete="organization" />
        <TextField label={t('field.providerNameEn')} field={fields.nameEn} optional />
        <SelectField label={t('field.providerPrefecture')} field={fields.prefecture} options={providerLocationOptions(locale)} />
        <CheckboxGroup legend={t('field.certifications')} field={fields.certifications} options={certificationOptions(locale)} optional />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label={t('field.website')} field={fields.website} type="url" optional />
          <TextField label={t('field.contactPhone')} field={fields.contactPhone} type="tel" autoComplete="tel" />
        </div>
        <h2 className="mb-3 mt-2 text-lg font-semibold">{t('signup.account')}</h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label={t('signup.displayName')} field={fields.displayName} autoComplete="name" />
          <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
          <TextField label={t('login.password')} field={fields.password} type="password" hint={t('signup.passwordHint')} autoComplete="new-password" />
          <TextField label={t('signup.passwordConfirm')} field={fields.passwordConfirm} type="password" autoComplete="new-password" />
        </div>
        <PrivacyConsent field={fields.acceptPrivacy} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
          {t('signup.submitProvider')}
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
