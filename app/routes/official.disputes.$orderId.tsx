import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useDateFormats } from '~/components/adoption';
import { FieldErrors, FormErrors, TextAreaField } from '~/components/form';
import { OrderFacts, OrderHistoryList, OrderStatusBadge } from '~/components/orders';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { decideDisputeAny } from '~/models/order-payments.server';
import { stripeClient } from '~/utils/stripe.server';
import { getDisputeDetail } from '~/models/order-disputes.server';
import { showEnterpriseContact } from '~/models/contact-views.server';
import { ContactQuerySchema } from '~/schemas/privacy.server';
import { pageOrderOf } from '~/models/order-pages.server';
import { DisputeDecisionSchema } from '~/schemas/orders.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidForm, orderFormAnswer } from '~/utils/order-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /official/disputes/:orderId — both sides, the thread and the decision (officials in scope only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const viewer = { role: 'official' as const, scopePrefecture: user.scopePrefecture };
  const detail = getDisputeDetail(getDb(), viewer, params.orderId ?? '');
  if (!detail) notFound();
  const { t } = await getTranslator(request, user);
  const { order } = detail;
  // The buyer's contact person is personal information: shown only when asked for, and each
  // showing is logged for the enterprise to see (app/models/contact-views.server.ts).
  const { contact } = ContactQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const smeContact =
    contact === 'show'
      ? showEnterpriseContact(
          getDb(),
          { userId: user.id, scopePrefecture: user.scopePrefecture },
          order.enterpriseId,
          `/official/disputes/${order.id}`,
        )
      : undefined;
  return {
    title: `${t('orders.disputes.detailTitle', { enterprise: order.enterpriseName })} · ${t('app.name')}`,
    order: pageOrderOf(order),
    enterprise: { name: order.enterpriseName, uscc: order.enterpriseUscc, prefecture: order.prefecture },
    /** undefined: not asked for; null: no account to contact. */
    smeContact: smeContact && { name: smeContact.name, email: smeContact.email },
    provider: { name: order.providerName, ...detail.provider },
    adoptionEventId: order.adoptionEventId,
    delivery: detail.delivery as { deployedOn?: string; note?: string } | null,
    thread: detail.thread,
    history: detail.history.map(({ action, by, at, detail: d }) => ({ action, by, at, detail: d })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const submission = parseWithZod(await request.formData(), { schema: DisputeDecisionSchema });
  if (submission.status !== 'success') return invalidForm('decision', submission);
  const caller = {
    viewer: { role: 'official' as const, scopePrefecture: user.scopePrefecture },
    actor: { role: 'official' as const, userId: user.id, apiKeyId: null },
  };
  const result = await decideDisputeAny(getDb(), stripeClient(), caller, params.orderId ?? '', submission.value);
  return orderFormAnswer(result, {
    intent: 'decision',
    submission,
    redirectTo: '/official/disputes',
    doneKey: 'orders.done.decision',
  });
}

/** `footer` goes after the list: a <dl> may hold only dt/dd groups (axe definition-list). */
function Side({ id, title, children, footer }: { id: string; title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <dl className="mt-3 space-y-2 text-sm">{children}</dl>
      {footer}
    </section>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="whitespace-pre-line text-slate-900">{value}</dd>
    </div>
  );
}

export default function OfficialDispute() {
  const { order, enterprise, smeContact, provider, adoptionEventId, delivery, thread, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const locale = useLocale();
  const { dateTime } = useDateFormats();
  const [form, fields] = useServerForm<typeof DisputeDecisionSchema>({
    id: 'decision',
    lastResult: reply?.result,
  });
  const contact = [provider.contactName, provider.contactPhone, provider.contactEmail].filter(Boolean).join(' · ');
  return (
    <section className="max-w-4xl space-y-4">
      <Link to="/official/disputes" className="link text-sm">
        ← {t('orders.disputes.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('orders.disputes.detailTitle', { enterprise: enterprise.name })}
        </h1>
        <OrderStatusBadge status={order.status} />
      </div>

      {order.status === 'disputed' ? (
        <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="decide-heading">
          <h2 id="decide-heading" className="text-lg font-semibold">
            {t('orders.disputes.decide')}
          </h2>
          <FormErrors errors={form.errors} />
          <fieldset className="mb-4 mt-3" aria-describedby={fields.for.errors?.length ? fields.for.errorId : undefined}>
            <legend className="label">{t('orders.disputes.for')}</legend>
            {(['provider', 'buyer'] as const).map((side) => (
              <label key={side} className="mt-2 flex items-start gap-2 text-sm">
                <input type="radio" name={fields.for.name} value={side} required defaultChecked={fields.for.initialValue === side} className="mt-0.5 h-4 w-4" />
                {t(side === 'provider' ? 'orders.disputes.forProvider' : 'orders.disputes.forBuyer')}
              </label>
            ))}
            <FieldErrors id={fields.for.errorId} errors={fields.for.errors} />
          </fieldset>
          <TextAreaField label={t('orders.disputes.reason')} field={fields.reason} hint={t('orders.disputes.reasonHint')} rows={3} />
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t('orders.disputes.submit')}
          </button>
        </Form>
      ) : (
        <p className="card text-sm text-slate-700" role="status">
          {t('orders.disputes.decided', { status: t(`orders.status.${order.status}`) })}
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Side id="sme-side" title={t('orders.disputes.smeSide')}>
          <Row label={t('orders.col.enterprise')} value={enterprise.name} />
          <Row label={t('orders.disputes.uscc')} value={<span className="font-mono">{enterprise.uscc}</span>} />
          <Row label={t('orders.disputes.prefecture')} value={prefectureName(enterprise.prefecture, locale) ?? enterprise.prefecture} />
          <Row label={t('orders.detail.disputeReason')} value={order.disputeReason ?? '—'} />
          <Row
            label={t('contactView.heading')}
            value={
              smeContact === undefined ? (
                <>
                  <Link to="?contact=show#sme-side" className="link" data-testid="show-contact">
                    {t('contactView.show')}
                  </Link>
                  <span className="mt-1 block text-xs text-slate-600">{t('contactView.showHint')}</span>
                </>
              ) : smeContact === null ? (
                t('contactView.none')
              ) : (
                <span data-testid="sme-contact">
                  {smeContact.name} · {smeContact.email}
                  <span className="mt-1 block text-xs text-slate-600">{t('contactView.logged')}</span>
                </span>
              )
            }
          />
        </Side>
        <Side
          id="provider-side"
          title={t('orders.disputes.providerSide')}
          footer={
            adoptionEventId ? (
              <Link to={`/official/adoption/events/${adoptionEventId}`} className="link mt-2 inline-block text-sm">
                {t('orders.detail.eventLink')}
              </Link>
            ) : null
          }
        >
          <Row label={t('orders.col.provider')} value={provider.name} />
          {provider.uscc ? <Row label={t('orders.disputes.uscc')} value={<span className="font-mono">{provider.uscc}</span>} /> : null}
          {contact ? <Row label={t('orders.disputes.contact')} value={contact} /> : null}
          <Row
            label={t('orders.disputes.delivery')}
            value={
              delivery?.deployedOn
                ? `${t('orders.disputes.deployedOn', { date: delivery.deployedOn })}${delivery.note ? `\n${delivery.note}` : ''}`
                : t('orders.disputes.noDelivery')
            }
          />
        </Side>
      </div>

      <section className="card" aria-labelledby="thread" id="thread-section">
        <h2 id="thread" className="text-lg font-semibold">
          {t('orders.detail.thread')}
        </h2>
        {thread.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('orders.disputes.threadEmpty')}</p>
        ) : (
          <ol className="mt-3 space-y-3 text-sm" data-testid="dispute-thread">
            {thread.map((m, i) => (
              <li key={i} className={`rounded-md p-3 ${m.from === 'sme' ? 'bg-slate-50' : 'bg-brand-50'}`}>
                <p className="text-xs text-slate-600">
                  {t(`orders.disputes.from.${m.from}` as MessageKey)} · <time dateTime={m.at}>{dateTime(m.at)}</time>
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-900">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <OrderFacts order={order} counterparty="provider" />
      <OrderHistoryList history={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
