import type { ActionFunctionArgs } from '@remix-run/node';
import { cancelOrder } from '~/models/order-actions.server';
import { EmptyBodySchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/cancel — the SME or the provider, before payment (formats/marketplace-api.md, "Orders"). */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'cancel');
    await ctx.body(EmptyBodySchema);
    return orderAnswer(ctx, cancelOrder(getDb(), caller, params.orderId ?? ''));
  });
}
