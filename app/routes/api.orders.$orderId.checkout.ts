import type { ActionFunctionArgs } from '@remix-run/node';
import { startCheckout } from '~/models/order-payments.server';
import { EmptyBodySchema } from '~/schemas/orders';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { orderAnswer, orderCaller } from '~/utils/order-api.server';
import { stripeClient } from '~/utils/stripe.server';

/**
 * POST /api/orders/:id/checkout (SME, with Stripe configured) → { url } of the order's Stripe
 * Checkout Session in CNY for its payable amount. 409 when the order is not awaiting payment or has
 * nothing to pay; 404 when online payment is not configured.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'checkout');
    await ctx.body(EmptyBodySchema);
    const stripe = stripeClient();
    if (!stripe) return ctx.fail(404, 'not_found', 'api.errors.notFound');
    const result = await startCheckout(getDb(), stripe, caller, params.orderId ?? '', { publicUrl: env().publicUrl });
    return orderAnswer(ctx, result.ok ? { ok: true, value: { url: result.url } } : result);
  });
}
