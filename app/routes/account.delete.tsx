import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, TextField } from '~/components/form';
import { ConsentCheckbox } from '~/components/privacy-consent';
import { mayDeleteOwnAccount } from '~/domain/access-policy';
import { localize, privacyNotice } from '~/domain/privacy-notice';
import { useLocale, useT } from '~/i18n/use-t';
import { deleteAccount, deletionBlocker } from '~/models/account-deletion.server';
import { RETENTION_DAYS } from '~/models/retention.server';
import { DeleteAccountSchema } from '~/schemas/privacy.server';
import { forbidden, notFound, requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { destroyUserSession } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '注销账号 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

/** /account/delete — what deletion erases and keeps, and the form (SME and provider accounts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request, user);
  return {
    title: `${t('accountDelete.title')} · ${t('app.name')}`,
    role: user.role,
    blocker: deletionBlocker(getDb(), user),
    deletion: privacyNotice(RETENTION_DAYS).deletion,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!mayDeleteOwnAccount(user.role)) forbidden();
  const submission = parseWithZod(await request.formData(), { schema: DeleteAccountSchema });
  const hidden = { hideFields: ['password'] };
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });
  // Each attempt checks the password, like a password change: the same limit keeps a stolen
  // session from using this form as a password oracle.
  const limit = await consumeLimit('passwordChange', user.id);
  if (!limit.ok) return data(submission.reply({ ...hidden, formErrors: [rateLimitedMessage(limit)] }), tooManyRequests(limit));
  const result = await deleteAccount(getDb(), { userId: user.id, password: submission.value.password });
  if (result.ok) return destroyUserSession(request, '/login', { flash: 'accountDelete.done' });
  switch (result.reason) {
    case 'wrongPassword':
      return data(submission.reply({ ...hidden, fieldErrors: { password: ['account.currentPasswordWrong'] } }), { status: 400 });
    case 'openOrders':
      return data(submission.reply({ ...hidden, formErrors: [`accountDelete.blockedOrders|n=${result.count}`] }), { status: 409 });
    case 'staff':
      return forbidden();
    case 'notFound':
      return notFound();
  }
}

export default function AccountDelete() {
  const { role, blocker, deletion } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<typeof DeleteAccountSchema>({
    id: 'delete-account',
    lastResult,
  });
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('accountDelete.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('accountDelete.lead')}</p>
      </header>

      {blocker?.reason === 'staff' ? (
        <p className="card text-sm text-slate-800" role="status">
          {t('accountDelete.staff')}
        </p>
      ) : (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <section className="card" aria-labelledby="erased-heading">
              <h2 id="erased-heading" className="font-semibold">
                {t('privacy.erasedHeading')}
              </h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
                {deletion.erased.map((text) => (
                  <li key={text.zh}>{localize(text, locale)}</li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="kept-heading">
              <h2 id="kept-heading" className="font-semibold">
                {t('privacy.keptHeading')}
              </h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
                {deletion.kept.map((text) => (
                  <li key={text.zh}>{localize(text, locale)}</li>
                ))}
              </ul>
            </section>
          </div>
          {role === 'provider' ? <p className="text-sm text-slate-800">{t('accountDelete.providerNote')}</p> : null}
          <p className="text-sm">
            {t('accountDelete.exportFirst')}{' '}
            <Link to="/account/data" className="link underline">
              {t('accountData.title')}
            </Link>
          </p>
          {blocker?.reason === 'openOrders' ? (
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="deletion-blocked">
              {t('accountDelete.blockedOrders', { n: blocker.count })}{' '}
              <Link to={blocker.organisation === 'enterprise' ? '/enterprise/orders' : '/provider/orders'} className="link font-semibold">
                {t('accountDelete.ordersLink')}
              </Link>
            </p>
          ) : (
            <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="confirm-heading">
              <h2 id="confirm-heading" className="mb-3 text-lg font-semibold">
                {t('accountDelete.formHeading')}
              </h2>
              <FormErrors errors={form.errors} />
              <TextField label={t('accountDelete.password')} field={fields.password} type="password" autoComplete="current-password" />
              <ConsentCheckbox field={fields.confirm}>{t('accountDelete.confirm')}</ConsentCheckbox>
              <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
                {t('accountDelete.submit')}
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
