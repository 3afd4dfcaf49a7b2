import type { ActionFunctionArgs } from '@remix-run/node';
import { expireStaleCheckout } from '~/models/order-payments.server';
import { applyVoucher } from '~/models/vouchers.server';
import { stripeClient } from '~/utils/stripe.server';
import { VoucherApiSchema } from '~/schemas/vouchers';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/**
 * POST /api/orders/:id/voucher (SME) { voucherProgrammeId } → 200 with the order: a cloud voucher
 * (上云券) applied to the SME's own unpaid order (another programme's claim is replaced). 404 for
 * an order it may not see, 409 once the order is no longer awaiting payment, 422 with a stable code
 * on voucherProgrammeId when the programme cannot be applied (README, "Cloud vouchers").
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'voucher');
    const { voucherProgrammeId } = await ctx.body(VoucherApiSchema);
    const result = applyVoucher(getDb(), caller, params.orderId ?? '', voucherProgrammeId);
    if (result.ok) await expireStaleCheckout(getDb(), stripeClient(), result.value.id);
    return orderAnswer(ctx, result);
  });
}
