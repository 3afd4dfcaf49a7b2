import type { ActionFunctionArgs } from '@remix-run/node';
import { markPaymentReceived } from '~/models/order-actions.server';
import { PaymentReceivedSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/payment-received (provider) { transferReference: 4–64 chars } — the bank transfer arrived. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'payment-received');
    const input = await ctx.body(PaymentReceivedSchema);
    return orderAnswer(ctx, markPaymentReceived(getDb(), caller, params.orderId ?? '', input));
  });
}
