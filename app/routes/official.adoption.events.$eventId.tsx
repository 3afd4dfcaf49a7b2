import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionHistory, EventStatusBadge, LevelName } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextAreaField } from '~/components/form';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { type MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { getEventDetail, listEnterpriseLedger } from '~/models/adoption-queries.server';
import { decideEvent } from '~/models/adoption.server';
import { OfficialEventDecisionSchema } from '~/schemas/adoption.server';
import { notFound, requireInScope, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const event = getEventDetail(db, params.eventId ?? '');
  // Out of scope looks exactly like missing.
  if (!event) notFound();
  requireInScope(user, event.prefecture);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('adoption.event.title')} · ${event.enterpriseName} · ${t('app.name')}`,
      event,
      ledger: listEnterpriseLedger(db, event.enterpriseId),
      flash,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const submission = parseWithZod(await request.formData(), { schema: OfficialEventDecisionSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const eventId = params.eventId ?? '';
  const result = decideEvent(getDb(), {
    eventId,
    official: user,
    decision: submission.value.intent,
    reason: submission.value.reason,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return data(submission.reply({ formErrors: [result.error] }), { status: 409 });
  }
  return redirectWithFlash(`/official/adoption/events/${eventId}`, DONE[submission.value.intent]);
}

const DONE = {
  verify: 'adoption.event.verified',
  revoke: 'adoption.event.revoked',
} as const satisfies Record<string, MessageKey>;

export default function AdoptionEvent() {
  const { event, ledger, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<typeof OfficialEventDecisionSchema>({
    lastResult,
  });
  const busy = navigation.state === 'submitting';
  const details: [string, string][] = [
    [t('adoption.col.enterprise'), event.enterpriseName],
    [t('field.uscc'), event.enterpriseUscc],
    [t('adoption.col.prefecture'), prefectureName(event.prefecture, locale) ?? event.prefecture],
    [t('field.industry'), `${event.industry} ${industryName(event.industry, locale) ?? ''}`],
    [t('adoption.col.provider'), event.providerName ?? event.providerUscc ?? '—'],
    [t('adoption.col.offering'), event.offeringTitle ?? event.offeringExternalId ?? '—'],
    [t('adoption.col.occurredOn'), event.occurredOn],
    [t('adoption.col.source'), t(`adoption.source.${event.source}` as MessageKey)],
  ];
  if (event.note) details.push([t('adoption.col.note'), event.note]);
  return (
    <section>
      <Link to="/official/adoption" className="link text-sm">
        ← {t('adoption.event.back')}
      </Link>
      <h1 className="mt-2 flex flex-wrap items-center gap-3 text-2xl font-bold" data-testid="console-title">
        {t('adoption.event.title')} · {event.enterpriseName}
        <EventStatusBadge status={event.status} />
      </h1>
      <div className="mt-4">
        <FlashMessage message={flash} />
        {event.enterpriseFraudFlaggedAt ? <FormErrors errors={['adoption.event.fraudFlagged']} /> : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="card lg:col-span-2">
          <h2 className="mb-3 text-lg font-semibold">{t('adoption.event.details')}</h2>
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
            {details.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-700">{label}</dt>
                <dd className="break-words text-slate-900">{value}</dd>
              </div>
            ))}
            <div className="contents">
              <dt className="font-medium text-slate-700">{t('adoption.col.level')}</dt>
              <dd>
                <LevelName level={event.level} />
              </dd>
            </div>
          </dl>
          <h3 className="mb-1 mt-4 font-semibold">{t('adoption.col.history')}</h3>
          <ActionHistory actions={event.actions} />
        </div>
        <div className="card">
          <h2 className="mb-3 text-lg font-semibold">{t('adoption.event.decision')}</h2>
          <FormErrors errors={form.errors} />
          {event.status === 'revoked' ? (
            <p className="text-sm text-slate-700">{t('adoption.event.closed')}</p>
          ) : (
            <>
              {event.status === 'disputed' ? (
                <p className="mb-3 text-sm text-slate-800">{t('adoption.event.disputeNote')}</p>
              ) : null}
              {event.status !== 'verified' ? (
                <Form method="post" className="mb-4">
                  <button type="submit" name="intent" value="verify" className="btn-primary" disabled={busy}>
                    {t('adoption.event.verify')}
                  </button>
                </Form>
              ) : null}
              <Form method="post" {...getFormProps(form)} className="border-t border-slate-200 pt-4">
                <input type="hidden" name="intent" value="revoke" />
                <TextAreaField
                  label={t('adoption.event.revokeReason')}
                  field={fields.reason}
                  hint={t('adoption.event.reasonHint')}
                  rows={3}
                />
                <button type="submit" className="btn-danger" disabled={busy}>
                  {t('adoption.event.revoke')}
                </button>
              </Form>
            </>
          )}
        </div>
      </div>
      <h2 className="mb-2 mt-6 text-lg font-semibold">{t('adoption.event.ledger')}</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="table" data-testid="enterprise-ledger">
          <thead>
            <tr>
              <th scope="col">{t('adoption.col.occurredOn')}</th>
              <th scope="col">{t('adoption.col.level')}</th>
              <th scope="col">{t('adoption.col.source')}</th>
              <th scope="col">{t('adoption.col.provider')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('adoption.col.history')}</th>
            </tr>
          </thead>
          <tbody>
            {ledger.map((e) => (
              <tr key={e.id} className={e.id === event.id ? 'bg-brand-50' : undefined}>
                <th scope="row" className="whitespace-nowrap font-medium">
                  {e.id === event.id ? (
                    <span>
                      {e.occurredOn} <span className="text-xs font-normal">({t('adoption.event.this')})</span>
                    </span>
                  ) : (
                    <Link to={`/official/adoption/events/${e.id}`} className="link">
                      {e.occurredOn}
                    </Link>
                  )}
                </th>
                <td>
                  <LevelName level={e.level} />
                </td>
                <td>{t(`adoption.source.${e.source}` as MessageKey)}</td>
                <td>{e.providerName ?? e.providerUscc ?? '—'}</td>
                <td>
                  <EventStatusBadge status={e.status} />
                </td>
                <td>
                  <ActionHistory actions={e.actions} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
