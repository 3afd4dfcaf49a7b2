import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { FieldErrors, FormErrors, SuccessMessage, TextAreaField, TextField } from '~/components/form';
import {
  OrderFacts,
  OrderHistoryList,
  OrderLinks,
  OrderStatusBadge,
  PaymentInstructions,
} from '~/components/orders';
import { todayInChina } from '~/domain/adoption-dates';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { cancelOrder, markDelivered, markPaymentReceived } from '~/models/order-actions.server';
import { refundAnyOrder } from '~/models/order-payments.server';
import { stripeClient } from '~/utils/stripe.server';
import { loadOrderPage } from '~/models/order-pages.server';
import { ProviderOrderFormSchema } from '~/schemas/orders.server';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidForm, orderFormAnswer } from '~/utils/order-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const REFUNDABLE = ['paid', 'delivered', 'disputed', 'confirmed'];

/** /provider/orders/:orderId — mark the payment received, report the delivery, refund, or cancel. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const page = loadOrderPage(db, { role: 'provider', providerId: provider.id }, params.orderId ?? '');
  if (!page) notFound();
  const { t } = await getTranslator(request, user);
  const flash = await readFlash(request);
  return data(
    {
      title: `${t('orders.detail.title', { reference: page.order.paymentReference })} · ${t('app.name')}`,
      ...page,
      today: todayInChina(new Date()),
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const orderId = params.orderId ?? '';
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const submission = parseWithZod(formData, { schema: ProviderOrderFormSchema });
  if (submission.status !== 'success') return invalidForm(intent, submission);
  const caller = {
    viewer: { role: 'provider' as const, providerId: provider.id },
    actor: { role: 'provider' as const, userId: user.id, apiKeyId: null },
  };
  const v = submission.value;
  const result =
    v.intent === 'cancel'
      ? cancelOrder(db, caller, orderId)
      : v.intent === 'payment-received'
        ? markPaymentReceived(db, caller, orderId, { transferReference: v.transferReference })
        : v.intent === 'delivered'
          ? markDelivered(db, caller, orderId, { deployedOn: v.deployedOn, note: v.note })
          : await refundAnyOrder(db, stripeClient(), caller, orderId, { reference: v.reference });
  return orderFormAnswer(result, {
    intent,
    submission,
    redirectTo: `/provider/orders/${orderId}`,
    doneKey: `orders.done.${v.intent}`,
  });
}

/** One Conform form per action, each showing only its own submission's errors. */
function useActionForm(
  id: string,
  reply: { intent: string; result: SubmissionResult<string[]> } | undefined,
) {
  return useServerForm<typeof ProviderOrderFormSchema>({
    id,
    lastResult: reply?.intent === id ? reply.result : undefined,
  });
}

function ActionCard({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <div className="border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <h3 className="font-semibold">{title}</h3>
      <p className="mb-3 mt-1 text-sm text-slate-700">{hint}</p>
      {children}
    </div>
  );
}

export default function ProviderOrder() {
  const { order, history, adoptionEventId, requestId, orderedOn, today, flash } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const [payForm, payFields] = useActionForm('payment-received', reply);
  const [deliverForm, deliverFields] = useActionForm('delivered', reply);
  const [refundForm, refundFields] = useActionForm('refund', reply);
  const stateErrors = reply?.intent === 'cancel' ? reply.result.error?.[''] : undefined;
  const date = getInputProps(deliverFields.deployedOn, {
    type: 'date',
    ariaDescribedBy: `${deliverFields.deployedOn.id}-hint`,
  });
  const canAct = order.status === 'pending_payment' || REFUNDABLE.includes(order.status);
  return (
    <section className="max-w-3xl space-y-4">
      <Link to="/provider/orders" className="link text-sm">
        ← {t('orders.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('orders.detail.title', { reference: order.paymentReference })}
        </h1>
        <OrderStatusBadge status={order.status} />
      </div>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      <FormErrors errors={stateErrors ?? undefined} />

      {canAct ? (
        <section className="card space-y-4" aria-labelledby="order-actions">
          <h2 id="order-actions" className="text-lg font-semibold">
            {t('orders.detail.actions')}
          </h2>
          {order.status === 'pending_payment' ? (
            <ActionCard title={t('orders.paymentReceived')} hint={t('orders.transferReferenceHint')}>
              <Form method="post" {...getFormProps(payForm)}>
                <input type="hidden" name="intent" value="payment-received" />
                <FormErrors errors={payForm.errors} />
                <TextField label={t('orders.transferReference')} field={payFields.transferReference} />
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t('orders.paymentReceived')}
                </button>
              </Form>
            </ActionCard>
          ) : null}
          {order.status === 'paid' ? (
            <ActionCard title={t('orders.delivered')} hint={t('orders.deliveredHint')}>
              <Form method="post" {...getFormProps(deliverForm)}>
                <input type="hidden" name="intent" value="delivered" />
                <FormErrors errors={deliverForm.errors} />
                <div className="mb-4">
                  <label htmlFor={date.id} className="label">
                    {t('orders.deployedOn')}
                  </label>
                  <input
                    {...date}
                    key={date.key}
                    className="input sm:w-56"
                    min={orderedOn}
                    max={today}
                    defaultValue={date.defaultValue ?? today}
                  />
                  <p id={`${deliverFields.deployedOn.id}-hint`} className="mt-1 text-xs text-slate-600">
                    {t('orders.deployedOnHint')}
                  </p>
                  <FieldErrors
                    id={deliverFields.deployedOn.errorId}
                    errors={deliverFields.deployedOn.errors}
                  />
                </div>
                <TextAreaField label={t('orders.note')} field={deliverFields.note} optional rows={2} />
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t('orders.delivered')}
                </button>
              </Form>
            </ActionCard>
          ) : null}
          {REFUNDABLE.includes(order.status) ? (
            <ActionCard title={t('orders.refund')} hint={t('orders.refundHint')}>
              <Form method="post" {...getFormProps(refundForm)}>
                <input type="hidden" name="intent" value="refund" />
                <FormErrors errors={refundForm.errors} />
                <TextField label={t('orders.refundReference')} field={refundFields.reference} optional />
                <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
                  {t('orders.refund')}
                </button>
              </Form>
            </ActionCard>
          ) : null}
          {order.status === 'pending_payment' ? (
            <ActionCard title={t('orders.cancel')} hint={t('orders.cancelHint')}>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
                  {t('orders.cancel')}
                </button>
              </Form>
            </ActionCard>
          ) : null}
        </section>
      ) : null}

      <OrderFacts order={order} counterparty="enterprise" />
      <PaymentInstructions order={order} showHint={false} />
      <OrderLinks
        eventHref={adoptionEventId ? '/provider/deployments' : null}
        threadHref={requestId ? `/provider/leads/${requestId}` : null}
      />
      <OrderHistoryList history={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
