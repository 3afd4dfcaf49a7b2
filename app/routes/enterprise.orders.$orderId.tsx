import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SuccessMessage, TextAreaField } from '~/components/form';
import { OrderFacts, OrderHistoryList, OrderStatusBadge, PaymentInstructions } from '~/components/orders';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { cancelOrder, confirmOrder, disputeOrder } from '~/models/order-actions.server';
import { loadOrderPage } from '~/models/order-pages.server';
import { EnterpriseOrderFormSchema } from '~/schemas/orders';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidForm, orderFormAnswer } from '~/utils/order-pages.server';
import { requestCallerOfUser } from '~/utils/request-api.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /enterprise/orders/:orderId — status, amounts, where and how to pay, history, the SME's actions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const page = loadOrderPage(getDb(), requestCallerOfUser(user).viewer, params.orderId ?? '');
  if (!page) notFound();
  const { t } = await getTranslator(request, user);
  const flash = await readFlash(request);
  return data(
    {
      title: `${t('orders.detail.title', { reference: page.order.paymentReference })} · ${t('app.name')}`,
      ...page,
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const orderId = params.orderId ?? '';
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const submission = parseWithZod(formData, { schema: EnterpriseOrderFormSchema });
  if (submission.status !== 'success') return invalidForm(intent, submission);
  const db = getDb();
  const caller = requestCallerOfUser(user);
  const value = submission.value;
  const result =
    value.intent === 'cancel'
      ? cancelOrder(db, caller, orderId)
      : value.intent === 'confirm'
        ? confirmOrder(db, caller, orderId)
        : disputeOrder(db, caller, orderId, { reason: value.reason });
  return orderFormAnswer(result, {
    intent,
    submission,
    redirectTo: `/enterprise/orders/${orderId}`,
    doneKey: `orders.done.${value.intent}`,
  });
}

export default function EnterpriseOrder() {
  const { order, history, adoptionEventId, requestId, flash } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const [disputeForm, disputeFields] = useForm({
    id: 'dispute',
    lastResult: reply?.intent === 'dispute' ? reply.result : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnterpriseOrderFormSchema }),
  });
  const stateErrors = reply && reply.intent !== 'dispute' ? reply.result.error?.[''] : undefined;
  return (
    <section className="max-w-3xl space-y-4">
      <Link to="/enterprise/orders" className="link text-sm">
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

      {order.status === 'pending_payment' || order.status === 'delivered' ? (
        <section className="card space-y-4" aria-labelledby="order-actions">
          <h2 id="order-actions" className="text-lg font-semibold">
            {t('orders.detail.actions')}
          </h2>
          {order.status === 'pending_payment' ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <p className="mb-2 text-sm text-slate-700">{t('orders.cancelHint')}</p>
              <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
                {t('orders.cancel')}
              </button>
            </Form>
          ) : (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <p className="mb-2 text-sm text-slate-700">{t('orders.confirmHint')}</p>
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t('orders.confirm')}
                </button>
              </Form>
              <Form method="post" {...getFormProps(disputeForm)} className="border-t border-slate-200 pt-4">
                <input type="hidden" name="intent" value="dispute" />
                <FormErrors errors={disputeForm.errors} />
                <TextAreaField label={t('orders.disputeReason')} field={disputeFields.reason} hint={t('orders.disputeHint')} rows={3} />
                <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
                  {t('orders.dispute')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      <OrderFacts order={order} counterparty="provider" />
      <PaymentInstructions order={order} showHint={order.status === 'pending_payment'} />
      {adoptionEventId || requestId ? (
        <p className="flex flex-wrap gap-4 text-sm">
          {adoptionEventId ? (
            <Link to="/enterprise/deployments" className="link">
              {t('orders.detail.eventLink')}
            </Link>
          ) : null}
          {requestId ? (
            <Link to={`/enterprise/requests/${requestId}`} className="link">
              {t('orders.detail.threadLink')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <OrderHistoryList history={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
