import type { ActionFunctionArgs } from '@remix-run/node';
import { confirmOrder } from '~/models/order-actions.server';
import { EmptyBodySchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/confirm (SME) — verifies the order's adoption event; the counter moves with it. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'confirm');
    await ctx.body(EmptyBodySchema);
    return orderAnswer(ctx, confirmOrder(getDb(), caller, params.orderId ?? ''));
  });
}
