import type { ActionFunctionArgs } from '@remix-run/node';
import { refundOrder } from '~/models/order-actions.server';
import { RefundSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/refund (provider) { reference? } — the money went back; the order's adoption event is revoked. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'refund');
    const input = await ctx.body(RefundSchema);
    return orderAnswer(ctx, refundOrder(getDb(), caller, params.orderId ?? '', input));
  });
}
