import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextAreaField } from '~/components/form';
import { CERTIFICATIONS, PROVIDER_STATUSES, vocabularyName } from '~/domain/catalog-vocabulary';
import { CHINA_TIME_ZONE } from '~/domain/adoption-dates';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { translateKey } from '~/i18n/translate';
import { useLocale, useT } from '~/i18n/use-t';
import { decideProvider, getProviderForVetting, providerDecisionsFor } from '~/models/vetting.server';
import { ProviderDecisionSchema } from '~/schemas/vetting.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const found = getProviderForVetting(getDb(), user.scopePrefecture, params.providerId ?? '');
  // Out of scope looks exactly like missing: an official does not learn what other prefectures hold.
  if (!found) notFound();
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${found.provider.nameZh} · ${t('official.providersTitle')} · ${t('app.name')}`,
      ...found,
      decisions: providerDecisionsFor(found.provider.status),
      flash,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const providerId = params.providerId ?? '';
  if (!getProviderForVetting(db, user.scopePrefecture, providerId)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: ProviderDecisionSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = decideProvider(db, {
    scope: user.scopePrefecture,
    providerId,
    decision: submission.value,
    actorUserId: user.id,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return data(submission.reply({ formErrors: ['official.invalidTransition'] }), { status: 409 });
  }
  return redirectWithFlash(`/official/providers/${providerId}`, DONE[submission.value.intent]);
}

const DONE = {
  approve: 'official.done.approve',
  reject: 'official.done.reject',
  suspend: 'official.done.suspend',
  reinstate: 'official.done.reinstate',
} as const satisfies Record<string, MessageKey>;

export default function OfficialProvider() {
  const { provider, offeringsCount, history, decisions, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const reasonIntent = decisions.includes('reject')
    ? 'reject'
    : decisions.includes('suspend')
      ? 'suspend'
      : null;
  const [form, fields] = useServerForm<{ intent: string; reason?: string }>({
    lastResult,
  });
  const busy = navigation.state === 'submitting';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA_TIME_ZONE });
  const name = locale === 'en' && provider.nameEn ? provider.nameEn : provider.nameZh;
  const details: [string, string][] = [
    [t('field.uscc'), provider.uscc],
    [t('field.providerNameZh'), provider.nameZh],
    [t('field.providerNameEn'), provider.nameEn ?? t('common.none')],
    [t('field.providerPrefecture'), prefectureName(provider.prefecture, locale) ?? provider.prefecture],
    [
      t('field.certifications'),
      provider.certifications
        .map((c) => vocabularyName(CERTIFICATIONS, c, locale))
        .join(locale === 'en' ? ', ' : '、') || t('common.none'),
    ],
    [t('field.website'), provider.website ?? t('common.none')],
    [t('field.contactName'), provider.contactName ?? t('common.none')],
    [t('field.contactEmail'), provider.contactEmail ?? t('common.none')],
    [t('field.contactPhone'), provider.contactPhone ?? t('common.none')],
    [t('official.ownerEmail'), provider.ownerEmail ?? t('common.none')],
    [t('official.offeringsCount'), String(offeringsCount)],
    [t('official.colApplied'), dateTime.format(new Date(provider.createdAt))],
  ];
  if (provider.statusReason) details.push([t('official.statusReason'), provider.statusReason]);

  return (
    <section>
      <Link to="/official/providers" className="link text-sm">
        ← {t('official.backToProviders')}
      </Link>
      <h1 className="mt-2 text-2xl font-bold" data-testid="console-title">
        {name}
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        <span data-testid="provider-status">
          {t('official.statusLine', { status: vocabularyName(PROVIDER_STATUSES, provider.status, locale) })}
        </span>
      </p>
      <div className="mt-4">
        <FlashMessage message={flash} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="card lg:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">{t('official.providerDetails')}</h2>
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            {details.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-700">{label}</dt>
                <dd className="break-words text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </div>

        <div className="card">
          <h2 className="mb-3 text-lg font-semibold">{t('official.decision')}</h2>
          <FormErrors errors={form.errors} />
          {decisions.length === 0 ? (
            <p className="text-sm text-slate-700">{t('official.noActions')}</p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {decisions.includes('approve') ? (
              <Form method="post">
                <button type="submit" name="intent" value="approve" className="btn-primary" disabled={busy}>
                  {t('official.approve')}
                </button>
              </Form>
            ) : null}
            {decisions.includes('reinstate') ? (
              <Form method="post">
                <button type="submit" name="intent" value="reinstate" className="btn-primary" disabled={busy}>
                  {t('official.reinstate')}
                </button>
              </Form>
            ) : null}
          </div>
          {reasonIntent ? (
            <Form method="post" {...getFormProps(form)} className="mt-4 border-t border-slate-200 pt-4">
              <h3 className="mb-2 font-semibold">
                {t(reasonIntent === 'reject' ? 'official.rejectTitle' : 'official.suspendTitle')}
              </h3>
              <input type="hidden" name="intent" value={reasonIntent} />
              <TextAreaField
                label={t('official.reason')}
                field={fields.reason}
                hint={t('official.reasonHint')}
                rows={3}
              />
              <button type="submit" className="btn-danger" disabled={busy}>
                {t(reasonIntent === 'reject' ? 'official.reject' : 'official.suspend')}
              </button>
            </Form>
          ) : null}
        </div>
      </div>

      <h2 className="mb-2 mt-6 text-lg font-semibold">{t('official.history')}</h2>
      {history.length === 0 ? (
        <p className="text-sm text-slate-700">{t('official.historyEmpty')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="audit-history">
            <thead>
              <tr>
                <th scope="col">{t('official.colTime')}</th>
                <th scope="col">{t('official.colAction')}</th>
                <th scope="col">{t('official.colActor')}</th>
                <th scope="col">{t('official.colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => {
                const key = `official.audit.${h.action}`;
                return (
                  <tr key={h.id}>
                    <td className="whitespace-nowrap">{dateTime.format(new Date(h.createdAt))}</td>
                    <td>{translateKey(t, key, h.action)}</td>
                    <td>{h.actorName ?? t('official.systemActor')}</td>
                    <td className="break-words">{h.reason ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
