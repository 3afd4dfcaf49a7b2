import type { ActionFunctionArgs } from '@remix-run/node';
import { decideDispute } from '~/models/order-actions.server';
import { DisputeDecisionSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/dispute-decision (official in scope) { for: provider | buyer, reason } — closes a disputed order. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'dispute-decision');
    const input = await ctx.body(DisputeDecisionSchema);
    return orderAnswer(ctx, decideDispute(getDb(), caller, params.orderId ?? '', input));
  });
}
