import type { ActionFunctionArgs } from '@remix-run/node';
import { disputeOrder } from '~/models/order-actions.server';
import { DisputeSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/dispute (SME) { reason: 5–2000 chars } — to the officials' dispute queue. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'dispute');
    const input = await ctx.body(DisputeSchema);
    return orderAnswer(ctx, disputeOrder(getDb(), caller, params.orderId ?? '', input));
  });
}
