import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { getDb } from '~/utils/db.server';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import { authenticate } from '~/models/accounts.server';
import { getUserById } from '~/models/users.server';
import { LoginSchema } from '~/schemas/accounts.server';
import { getUser, homeFor } from '~/utils/auth.server';
import { readFlashMessage } from '~/utils/flash.server';
import {
  clearLimit,
  consumeLimits,
  rateLimitedMessage,
  rewardLimit,
  tooManyRequests,
} from '~/utils/rate-limit.server';
import { createUserSession, safeRedirect } from '~/utils/session.server';

export const meta: MetaFunction = () => [{ title: '登录 · 云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeFor(user.role));
  // After "log out everywhere" or a password reset.
  const { flash, headers } = await readFlashMessage(request);
  return data({ flash }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  const hidden = { hideFields: ['password'] };
  if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 });

  const db = getDb();
  const { email, password, redirectTo } = submission.value;
  const address = context.clientIp ?? 'unknown';
  // Every attempt is counted first (so parallel guesses cannot slip past the check) and a
  // successful one is given back: only failures add up (app/domain/rate-limits.ts).
  const limit = await consumeLimits([
    ['loginAccount', email],
    ['loginAddress', address],
  ]);
  if (!limit.ok) {
    return data(
      submission.reply({ formErrors: [rateLimitedMessage(limit, 'login.rateLimited')], ...hidden }),
      tooManyRequests(limit),
    );
  }
  const result = await authenticate(db, { email, password });
  if (!result.ok && result.reason === 'failed')
    return data(submission.reply({ formErrors: ['login.failed'], ...hidden }), { status: 400 });
  await clearLimit('loginAccount', email);
  await rewardLimit('loginAddress', address);
  if (!result.ok) return data(submission.reply({ formErrors: [`login.${result.reason}`], ...hidden }), { status: 400 });
  const user = getUserById(db, result.userId);
  return createUserSession(
    request,
    { id: result.userId, sessionVersion: result.sessionVersion },
    safeRedirect(redirectTo, homeFor(user?.role ?? 'sme')),
  );
}

export default function Login() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const { flash } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof LoginSchema>({
    lastResult,
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t('login.title')}</h1>
      <FlashMessage message={flash} />
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
        <TextField label={t('login.password')} field={fields.password} type="password" autoComplete="current-password" />
        <p className="-mt-2 mb-4 text-right text-sm">
          <Link to="/account/forgot" className="link">
            {t('login.forgot')}
          </Link>
        </p>
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
          {t('login.submit')}
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">
        {t('login.noAccount')}{' '}
        <Link to="/signup/sme" className="link underline">
          {t('login.signupSme')}
        </Link>{' '}
        ·{' '}
        <Link to="/signup/provider" className="link underline">
          {t('login.signupProvider')}
        </Link>
      </p>
    </section>
  );
}
