import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form } from '@remix-run/react';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import type { BankAccountSchema, BankAccount } from '~/schemas/orders';

/**
 * The provider's receiving account (收款账户: 开户名称, 开户行, 账号) on /provider/organisation.
 * Posts `_action=bank` to the page's action; works without JavaScript.
 */
export function BankAccountForm({
  account,
  lastResult,
  busy,
}: {
  account: BankAccount | null;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const t = useT();
  const [form, fields] = useServerForm<typeof BankAccountSchema>({
    id: 'bank-account',
    lastResult,
    defaultValue: account ?? undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="bank-heading">
      <h2 id="bank-heading" className="text-lg font-semibold">
        {t('orders.bank.title')}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-700">{t('orders.bank.lead')}</p>
      {account ? null : (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="bank-missing">
          {t('orders.bank.missing')}
        </p>
      )}
      <input type="hidden" name="_action" value="bank" />
      <FormErrors errors={form.errors} />
      <TextField label={t('orders.bank.accountName')} field={fields.bankAccountName} hint={t('orders.bank.accountNameHint')} autoComplete="organization" />
      <TextField label={t('orders.bank.bankName')} field={fields.bankName} hint={t('orders.bank.bankNameHint')} />
      <TextField label={t('orders.bank.accountNo')} field={fields.bankAccountNo} hint={t('orders.bank.accountNoHint')} inputMode="numeric" autoComplete="off" />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
        {t('orders.bank.save')}
      </button>
    </Form>
  );
}
