import type { ActionFunctionArgs } from '@remix-run/node';
import { markDelivered } from '~/models/order-actions.server';
import { DeliveredSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/delivered (provider) { deployedOn, note? } — records the pending adoption event of the deployment. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'delivered');
    const input = await ctx.body(DeliveredSchema);
    return orderAnswer(ctx, markDelivered(getDb(), caller, params.orderId ?? '', input));
  });
}
