import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors } from '~/components/form';
import { PrivacyConsent } from '~/components/privacy-consent';
import { localize, needsPrivacyAcceptance, privacyNotice } from '~/domain/privacy-notice';
import { useLocale, useT } from '~/i18n/use-t';
import { acceptPrivacyNotice, privacyAcceptance } from '~/models/personal-data.server';
import { RETENTION_DAYS } from '~/models/retention.server';
import { AcceptPrivacySchema } from '~/schemas/privacy.server';
import { getUser, requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { flashHeader, readFlashMessage } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '隐私声明 · 云桥' }];

/** /privacy — the notice in force (public); a signed-in account that has not accepted it may do so here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  const accepted = user ? privacyAcceptance(getDb(), user.id) : null;
  return data(
    {
      title: `${t('privacy.title')} · ${t('app.name')}`,
      notice: privacyNotice(RETENTION_DAYS),
      account: accepted ? { needsAcceptance: needsPrivacyAcceptance(accepted.version), acceptedAt: accepted.at } : null,
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: AcceptPrivacySchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = acceptPrivacyNotice(getDb(), { userId: user.id, version: submission.value.version });
  if (!result.ok) return data(submission.reply({ formErrors: ['privacy.versionChanged'] }), { status: 400 });
  return redirect('/privacy', { headers: { 'Set-Cookie': await flashHeader(`privacy.accepted|version=${submission.value.version}`) } });
}

export default function Privacy() {
  const { notice, account, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const locale = useLocale();
  const { dateTime } = useDateFormats();
  const L = (text: { zh: string; en: string }) => localize(text, locale);
  const [form, fields] = useServerForm<typeof AcceptPrivacySchema>({
    id: 'accept-privacy',
    lastResult,
  });
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t('privacy.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('privacy.version', { version: notice.version })}</p>
      </header>
      <FlashMessage message={flash} />
      {account?.needsAcceptance ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t('privacy.needsAcceptance')}{' '}
          <a href="#accept" className="link font-semibold">
            {t('privacy.acceptHeading')}
          </a>
        </p>
      ) : account?.acceptedAt ? (
        <p className="text-sm text-slate-700">{t('privacy.acceptedOn', { date: dateTime(account.acceptedAt) })}</p>
      ) : null}
      <p className="text-slate-800">{L(notice.intro)}</p>

      <section aria-labelledby="collected" className="space-y-4">
        <h2 id="collected" className="text-xl font-semibold">
          {t('privacy.collectedHeading')}
        </h2>
        {notice.categories.map((c) => (
          <section key={c.id} aria-labelledby={`category-${c.id}`} className="card">
            <h3 id={`category-${c.id}`} className="text-lg font-semibold">
              {L(c.title)}
            </h3>
            <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              {(
                [
                  ['privacy.what', c.what],
                  ['privacy.why', c.why],
                  ['privacy.howLong', c.howLong],
                  ['privacy.whoSees', c.whoSees],
                ] as const
              ).map(([label, text]) => (
                <div key={label}>
                  <dt className="font-medium text-slate-600">{t(label)}</dt>
                  <dd className="mt-0.5 text-slate-900">{L(text)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </section>

      <section aria-labelledby="not-collected">
        <h2 id="not-collected" className="text-xl font-semibold">
          {t('privacy.notCollectedHeading')}
        </h2>
        <p className="mt-2 text-slate-800">{L(notice.notCollected)}</p>
      </section>

      <section aria-labelledby="rights">
        <h2 id="rights" className="text-xl font-semibold">
          {t('privacy.rightsHeading')}
        </h2>
        <ul className="mt-3 space-y-3">
          {notice.rights.map((r) => (
            <li key={r.id} className="card">
              <h3 className="font-semibold">{L(r.title)}</h3>
              <p className="mt-1 text-sm text-slate-800">{L(r.text)}</p>
              {r.path ? (
                <p className="mt-2 text-sm">
                  <Link to={r.path} className="link">
                    {t('privacy.rightLink')} {L(r.title)}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {account ? null : <p className="mt-3 text-sm text-slate-700">{t('privacy.signInForRights')}</p>}
      </section>

      <section aria-labelledby="deletion">
        <h2 id="deletion" className="text-xl font-semibold">
          {t('privacy.deletionHeading')}
        </h2>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <div className="card">
            <h3 className="font-semibold">{t('privacy.erasedHeading')}</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
              {notice.deletion.erased.map((text) => (
                <li key={text.zh}>{L(text)}</li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h3 className="font-semibold">{t('privacy.keptHeading')}</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
              {notice.deletion.kept.map((text) => (
                <li key={text.zh}>{L(text)}</li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {account?.needsAcceptance ? (
        <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="accept" id="accept-form">
          <h2 id="accept" className="mb-3 text-lg font-semibold">
            {t('privacy.acceptHeading')}
          </h2>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="version" value={notice.version} />
          <PrivacyConsent field={fields.acceptPrivacy} linked={false} />
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t('privacy.acceptSubmit')}
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
