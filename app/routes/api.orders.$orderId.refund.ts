import type { ActionFunctionArgs } from '@remix-run/node';
import { refundAnyOrder } from '~/models/order-payments.server';
import { stripeClient } from '~/utils/stripe.server';
import { RefundSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/refund (provider) { reference? } — the money went back; the order's adoption event is revoked. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'refund');
    const input = await ctx.body(RefundSchema);
    // A Stripe-paid order is refunded through Stripe (formats/marketplace-api.md, "Orders").
    return orderAnswer(ctx, await refundAnyOrder(getDb(), stripeClient(), caller, params.orderId ?? '', input));
  });
}
