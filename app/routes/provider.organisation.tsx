import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BankAccountForm } from '~/components/bank-account-form';
import { FlashMessage } from '~/components/flash-message';
import { CheckboxGroup, FormErrors, SelectField, TextField } from '~/components/form';
import { certificationOptions, providerLocationOptions } from '~/components/options';
import { useLocale, useT } from '~/i18n/use-t';
import { getProviderBankAccount, saveProviderBankAccount } from '~/models/order-bank-account.server';
import { reapplyProvider, updateProviderProfile } from '~/models/providers.server';
import { ProviderEditSchema } from '~/schemas/accounts.server';
import { BankAccountSchema } from '~/schemas/orders.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('provider.org.title')} · ${t('app.name')}`,
      provider,
      bankAccount: getProviderBankAccount(db, provider.id),
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const formData = await request.formData();
  if (formData.get('_action') === 'reapply') {
    const result = reapplyProvider(db, { providerId: provider.id, actorUserId: user.id });
    // Only a stale page gets here (the status changed since it loaded): show the current state.
    return result.ok
      ? redirectWithFlash('/provider', 'provider.overview.reapplied')
      : redirectWithFlash('/provider/organisation', REAPPLY_DENIED);
  }
  if (formData.get('_action') === 'bank') {
    const bank = parseWithZod(formData, { schema: BankAccountSchema });
    if (bank.status !== 'success') return data({ bank: bank.reply() }, { status: 400 });
    saveProviderBankAccount(db, { providerId: provider.id, actorUserId: user.id, account: bank.value });
    return redirectWithFlash('/provider/organisation', 'orders.bank.saved');
  }
  const submission = parseWithZod(formData, { schema: ProviderEditSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  updateProviderProfile(db, { providerId: provider.id, actorUserId: user.id, input: submission.value });
  return redirectWithFlash('/provider/organisation', 'provider.org.saved');
}

/** The one flash of this page that is an error, not a confirmation. */
const REAPPLY_DENIED = 'provider.org.reapplyNotAllowed';

export default function ProviderOrganisation() {
  const { provider, bankAccount, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const bankResult = actionData && 'bank' in actionData ? actionData.bank : undefined;
  const lastResult = actionData && !('bank' in actionData) ? actionData : undefined;
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ProviderEditSchema>({
    lastResult,
    defaultValue: {
      nameZh: provider.nameZh,
      nameEn: provider.nameEn ?? '',
      prefecture: provider.prefecture,
      certifications: provider.certifications,
      website: provider.website ?? '',
      contactName: provider.contactName ?? '',
      contactEmail: provider.contactEmail ?? '',
      contactPhone: provider.contactPhone ?? '',
    },
  });
  return (
    <section className="max-w-3xl space-y-6">
      <div>
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {t('provider.org.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('provider.org.lead')}</p>
      </div>
      {flash === REAPPLY_DENIED ? <FormErrors errors={[flash]} /> : <FlashMessage message={flash} />}

      {provider.status === 'rejected' ? (
        <section className="card border-red-200" aria-labelledby="reapply-heading">
          <h2 id="reapply-heading" className="text-lg font-semibold">
            {t('provider.org.reapplyTitle')}
          </h2>
          {provider.statusReason ? (
            <p className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              {t('provider.statusReason', { reason: provider.statusReason })}
            </p>
          ) : null}
          <p className="mt-2 text-sm text-slate-700">{t('provider.org.reapplyText')}</p>
          <Form method="post" className="mt-3">
            <button type="submit" name="_action" value="reapply" className="btn-primary">
              {t('provider.reapply')}
            </button>
          </Form>
        </section>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <dl className="mb-4 text-sm">
          <dt className="font-medium text-slate-800">{t('field.uscc')}</dt>
          <dd className="mt-1 font-mono">{provider.uscc}</dd>
        </dl>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label={t('field.providerNameZh')} field={fields.nameZh} autoComplete="organization" />
          <TextField label={t('field.providerNameEn')} field={fields.nameEn} optional />
          <SelectField label={t('field.providerPrefecture')} field={fields.prefecture} options={providerLocationOptions(locale)} />
          <TextField label={t('field.website')} field={fields.website} type="url" optional />
        </div>
        <CheckboxGroup legend={t('field.certifications')} field={fields.certifications} options={certificationOptions(locale)} optional />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField label={t('field.contactName')} field={fields.contactName} autoComplete="name" />
          <TextField label={t('field.contactEmail')} field={fields.contactEmail} type="email" autoComplete="email" />
          <TextField label={t('field.contactPhone')} field={fields.contactPhone} type="tel" autoComplete="tel" />
        </div>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
          {t('common.save')}
        </button>
      </Form>

      <BankAccountForm account={bankAccount} lastResult={bankResult} busy={navigation.state === 'submitting'} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
