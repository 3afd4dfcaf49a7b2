import type { ActionFunctionArgs } from '@remix-run/node';
import { decideDisputeAny } from '~/models/order-payments.server';
import { stripeClient } from '~/utils/stripe.server';
import { DisputeDecisionSchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';

/** POST /api/orders/:id/dispute-decision (official in scope) { for: provider | buyer, reason } — closes a disputed order. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'dispute-decision');
    const input = await ctx.body(DisputeDecisionSchema);
    // For the buyer on a Stripe-paid order, the payment is refunded through Stripe first.
    return orderAnswer(ctx, await decideDisputeAny(getDb(), stripeClient(), caller, params.orderId ?? '', input));
  });
}
