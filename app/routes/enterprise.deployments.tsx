import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionHistory, EventStatusBadge, LevelName } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import { FieldErrors, FormErrors } from '~/components/form';
import { type MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { listEnterpriseLedger } from '~/models/adoption-queries.server';
import { answerDeployment } from '~/models/adoption.server';
import { getEnterpriseByOwner } from '~/models/enterprises.server';
import { DeploymentDecisionSchema } from '~/schemas/adoption.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const db = getDb();
  const { t } = await getTranslator(request, user);
  const enterprise = getEnterpriseByOwner(db, user.id);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('adoption.mine.title')} · ${t('app.name')}`,
      hasEnterprise: Boolean(enterprise),
      events: enterprise ? listEnterpriseLedger(db, enterprise.id).reverse() : [],
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const formData = await request.formData();
  const parsed = DeploymentDecisionSchema.safeParse(Object.fromEntries(formData));
  const eventId = String(formData.get('eventId') ?? '');
  if (!parsed.success) {
    const reasonErrors = parsed.error.issues.filter((i) => i.path[0] === 'reason').map((i) => i.message);
    if (!reasonErrors.length) notFound();
    return data({ eventId, errors: reasonErrors, field: 'reason' as const }, { status: 400 });
  }
  const value = parsed.data;
  const result = answerDeployment(getDb(), {
    eventId: value.eventId,
    userId: user.id,
    answer: value.intent,
    reason: value.intent === 'dispute' ? value.reason : undefined,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return data({ eventId, errors: [result.error], field: null }, { status: 409 });
  }
  return redirectWithFlash('/enterprise/deployments', DONE[value.intent]);
}

const DONE = {
  confirm: 'adoption.mine.confirmed',
  dispute: 'adoption.mine.disputed',
} as const satisfies Record<string, MessageKey>;

export default function EnterpriseDeployments() {
  const { events, hasEnterprise, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === 'submitting';
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('adoption.mine.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('adoption.mine.lead')}</p>
      <div className="mt-4">
        <FlashMessage message={flash} />
        {actionData && actionData.field === null ? <FormErrors errors={actionData.errors} /> : null}
      </div>
      {!hasEnterprise || events.length === 0 ? (
        <p className="card mt-4 text-slate-700" data-testid="empty-state">
          {t(hasEnterprise ? 'adoption.mine.empty' : 'adoption.mine.noEnterprise')}
        </p>
      ) : (
        <ul className="mt-4 space-y-3" data-testid="deployment-list">
          {events.map((e) => {
            const errors =
              actionData?.field === 'reason' && actionData.eventId === e.id ? actionData.errors : undefined;
            const reasonId = `reason-${e.id}`;
            return (
              <li key={e.id} className="card">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="text-base font-semibold">
                    {e.offeringTitle ??
                      e.offeringExternalId ??
                      t(`adoption.source.${e.source}` as MessageKey)}
                    {e.providerName ? (
                      <span className="font-normal text-slate-700"> · {e.providerName}</span>
                    ) : null}
                  </h2>
                  <EventStatusBadge status={e.status} />
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  <LevelName level={e.level} /> · {t('adoption.col.occurredOn')} {e.occurredOn} ·{' '}
                  {t(`adoption.source.${e.source}` as MessageKey)}
                </p>
                {e.note ? <p className="mt-1 text-sm text-slate-700">{e.note}</p> : null}
                <div className="mt-2">
                  <ActionHistory actions={e.actions} />
                </div>
                {e.status === 'pending' ? (
                  <div
                    className="mt-3 flex flex-col gap-3 border-t border-slate-200 pt-3 sm:flex-row sm:items-start"
                    aria-label={t('adoption.mine.answerLabel', { date: e.occurredOn })}
                    role="group"
                  >
                    <Form method="post">
                      <input type="hidden" name="eventId" value={e.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="confirm"
                        className="btn-primary"
                        disabled={busy}
                      >
                        {t('adoption.mine.confirm')}
                      </button>
                    </Form>
                    <Form method="post" className="flex-1">
                      <input type="hidden" name="eventId" value={e.id} />
                      <label htmlFor={reasonId} className="label">
                        {t('adoption.mine.disputeReason')}
                      </label>
                      <textarea
                        id={reasonId}
                        name="reason"
                        rows={2}
                        required
                        minLength={2}
                        maxLength={500}
                        className="input"
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `${reasonId}-error` : undefined}
                      />
                      <FieldErrors id={`${reasonId}-error`} errors={errors} />
                      <button
                        type="submit"
                        name="intent"
                        value="dispute"
                        className="btn-secondary mt-2"
                        disabled={busy}
                      >
                        {t('adoption.mine.dispute')}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
