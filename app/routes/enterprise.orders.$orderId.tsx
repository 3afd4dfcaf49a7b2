import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SelectField, SuccessMessage, TextAreaField } from '~/components/form';
import { Stars } from '~/components/reviews';
import { createReview, isEditable, reviewForOrder, updateReview } from '~/models/reviews.server';
import { ReviewSchema } from '~/schemas/reviews.server';
import { invalidReviewForm, reviewFormAnswer, type ReviewFormReply } from '~/utils/review-pages.server';
import {
  OrderFacts,
  OrderHistoryList,
  OrderLinks,
  OrderStatusBadge,
  PaymentInstructions,
} from '~/components/orders';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { cancelOrder, confirmOrder, disputeOrder } from '~/models/order-actions.server';
import { loadOrderPage } from '~/models/order-pages.server';
import { OrderVoucherSection } from '~/components/vouchers';
import { applyVoucher, voucherPanel } from '~/models/vouchers.server';
import { VoucherApplyFormSchema } from '~/schemas/vouchers.server';
import { expireStaleCheckout, startCheckout, switchToBankTransfer } from '~/models/order-payments.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { EnterpriseOrderFormSchema } from '~/schemas/orders.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { invalidForm, orderFormAnswer, type OrderFormReply } from '~/utils/order-pages.server';
import { requestCallerOfUser } from '~/utils/request-api.server';
import { env } from '~/utils/env.server';
import { stripeClient, stripeConfigured } from '~/utils/stripe.server';
import { HelpLink } from '~/components/help-link';

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
      review: reviewOf(page.order.id),
      onlinePayment: stripeConfigured(),
      // Cloud vouchers (上云券): the order's own, and those it could still use while unpaid.
      vouchers: voucherPanel(getDb(), { orderId: page.order.id, enterpriseId: requestCallerOfUser(user).enterpriseId ?? '' }),
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

/** The order's review and whether it may still be edited (30 days from writing). */
function reviewOf(orderId: string) {
  const review = reviewForOrder(getDb(), orderId);
  return review ? { ...review, editable: !review.hiddenAt && isEditable(review.createdAt) } : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const orderId = params.orderId ?? '';
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  if (intent === 'review') {
    // The buyer's verified review of a confirmed order (issue 10): written once, edited for 30 days.
    const submission = parseWithZod(formData, { schema: ReviewSchema });
    if (submission.status !== 'success') return invalidReviewForm(intent, submission);
    const enterpriseId = requestCallerOfUser(user).enterpriseId;
    if (!enterpriseId) notFound();
    const existing = reviewForOrder(getDb(), orderId);
    const result = existing
      ? updateReview(getDb(), { enterpriseId, reviewId: existing.id, ...submission.value })
      : createReview(getDb(), { userId: user.id, enterpriseId, orderId, ...submission.value });
    if (!result.ok && result.code === 'not_found') notFound();
    return reviewFormAnswer(result, {
      intent,
      submission,
      redirectTo: `/enterprise/orders/${orderId}`,
      doneKey: existing ? 'reviews.done.updated' : 'reviews.done.created',
    });
  }
  if (intent === 'pay') {
    // 在线支付 (issue 10): the order's Stripe Checkout Session; the browser goes on to Stripe.
    const stripe = stripeClient();
    if (!stripe) notFound();
    const result = await startCheckout(getDb(), stripe!, requestCallerOfUser(user), orderId, {
      publicUrl: env().publicUrl,
    });
    if (result.ok) return redirect(result.url);
    if (result.error.kind === 'notFound') notFound();
    const key =
      result.error.kind === 'state' && result.error.code === 'invalid_state'
        ? 'orders.errors.stale'
        : result.error.messageKey;
    return data<OrderFormReply>(
      { intent, result: { status: 'error', error: { '': [key] } } },
      { status: 409 },
    );
  }
  if (intent === 'bank-transfer') {
    const result = await switchToBankTransfer(getDb(), stripeClient(), requestCallerOfUser(user), orderId);
    if (result.ok) return redirectWithFlash(`/enterprise/orders/${orderId}`, 'orders.done.switchedToTransfer');
    if (result.error.kind === 'notFound') notFound();
    const key = result.error.kind === 'state' ? result.error.messageKey : 'orders.errors.stale';
    return data<OrderFormReply>({ intent, result: { status: 'error', error: { '': [key] } } }, { status: 409 });
  }
  if (intent === 'voucher') {
    // A cloud voucher (上云券) on the unpaid order: the same use case as POST /api/orders/:id/voucher.
    const submission = parseWithZod(formData, { schema: VoucherApplyFormSchema });
    if (submission.status !== 'success') return invalidForm(intent, submission);
    const result = applyVoucher(getDb(), requestCallerOfUser(user), orderId, submission.value.voucherProgrammeId);
    if (result.ok) await expireStaleCheckout(getDb(), stripeClient(), orderId);
    return orderFormAnswer(result, {
      intent,
      submission,
      redirectTo: `/enterprise/orders/${orderId}`,
      doneKey: result.ok && result.value.status === 'paid' ? 'vouchers.done.paidInFull' : 'vouchers.done.applied',
    });
  }
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
  const { order, history, adoptionEventId, requestId, flash, review, onlinePayment, vouchers } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reviewReply = actionData?.intent === 'review' ? (actionData as ReviewFormReply) : undefined;
  const reply = actionData?.intent === 'review' ? undefined : (actionData as OrderFormReply | undefined);
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const [disputeForm, disputeFields] = useServerForm<typeof EnterpriseOrderFormSchema>({
    id: 'dispute',
    lastResult: reply?.intent === 'dispute' ? reply.result : undefined,
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
      <p>
        <HelpLink topic="orders" />
      </p>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      <FormErrors errors={stateErrors ?? undefined} />

      <OrderVoucherSection
        current={vouchers.current}
        usable={vouchers.usable}
        unpaid={order.status === 'pending_payment'}
        errors={reply?.intent === 'voucher' ? (reply.result.error?.voucherProgrammeId ?? undefined) : undefined}
      />

      {order.status === 'pending_payment' || order.status === 'delivered' ? (
        <section className="card space-y-4" aria-labelledby="order-actions">
          <h2 id="order-actions" className="text-lg font-semibold">
            {t('orders.detail.actions')}
          </h2>
          {order.status === 'pending_payment' && onlinePayment && order.payableFen > 0 ? (
            <Form method="post" reloadDocument>
              <input type="hidden" name="intent" value="pay" />
              <p className="mb-2 text-sm text-slate-700">{t('orders.payOnlineHint')}</p>
              <button
                type="submit"
                className="btn-primary w-full sm:w-auto"
                disabled={busy}
                data-testid="pay-online"
              >
                {t('orders.payOnline')}
              </button>
            </Form>
          ) : null}
          {order.status === 'pending_payment' && order.paymentMethod === 'stripe' ? (
            <Form method="post">
              <input type="hidden" name="intent" value="bank-transfer" />
              <p className="mb-2 text-sm text-slate-700">{t('orders.switchToTransferHint')}</p>
              <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
                {t('orders.switchToTransfer')}
              </button>
            </Form>
          ) : null}
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
                <TextAreaField
                  label={t('orders.disputeReason')}
                  field={disputeFields.reason}
                  hint={t('orders.disputeHint')}
                  rows={3}
                />
                <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
                  {t('orders.dispute')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {order.status === 'confirmed' ? <ReviewSection review={review} reply={reviewReply} /> : null}

      <OrderFacts order={order} counterparty="provider" />
      <PaymentInstructions order={order} showHint={order.status === 'pending_payment'} />
      <OrderLinks
        eventHref={adoptionEventId ? '/enterprise/deployments' : null}
        threadHref={requestId ? `/enterprise/requests/${requestId}` : null}
      />
      <OrderHistoryList history={history} />
    </section>
  );
}

function ReviewSection({
  review,
  reply,
}: {
  review: ReturnType<typeof useLoaderData<typeof loader>>['review'];
  reply: ReviewFormReply | undefined;
}) {
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useServerForm<typeof ReviewSchema>({
    id: 'review',
    lastResult: reply?.result,
    defaultValue: review ? { stars: String(review.stars), body: review.body } : undefined,
  });
  const starOptions = [5, 4, 3, 2, 1].map((n) => ({
    value: String(n),
    label: t('reviews.starsLabel', { stars: n }),
  }));
  return (
    <section className="card space-y-3" aria-labelledby="order-review">
      <h2 id="order-review" className="text-lg font-semibold">
        {review ? t('reviews.form.editTitle') : t('reviews.form.title')}
      </h2>
      {review ? (
        <div className="text-sm">
          <Stars value={review.stars} />
          <p className="whitespace-pre-line">{review.body}</p>
          {review.providerAnswer ? (
            <p className="mt-2 rounded-md bg-slate-50 p-2">
              {t('reviews.providerAnswer')}: {review.providerAnswer}
            </p>
          ) : null}
        </div>
      ) : null}
      {review?.hiddenAt ? (
        <p className="text-sm text-slate-700">
          {t('reviews.form.hidden', { reason: review.hiddenReason ?? '' })}
        </p>
      ) : review && !review.editable ? (
        <p className="text-sm text-slate-700">{t('reviews.form.closed')}</p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="review" />
          <FormErrors errors={form.errors} />
          <SelectField label={t('reviews.form.stars')} field={fields.stars} options={starOptions} />
          <TextAreaField
            label={t('reviews.form.body')}
            field={fields.body}
            hint={t('reviews.form.bodyHint')}
            rows={4}
          />
          <p className="mb-2 text-xs text-slate-600">{t('reviews.form.editHint')}</p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t('reviews.form.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
