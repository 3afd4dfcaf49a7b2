import type { ActionFunctionArgs } from '@remix-run/node';
import { acceptQuote } from '~/models/quotes.server';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { refuse, requestCaller } from '~/utils/request-api.server';

/**
 * POST /api/quotes/:id/accept (SME) → 201 { orderId }: the order is made, the request's other open
 * quotes are declined. An expired, declined or accepted quote answers 409 with its status.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'quote-accept');
    const result = acceptQuote(getDb(), {
      quoteId: params.quoteId ?? '',
      viewer: caller.viewer,
      actor: caller.actor,
      now: new Date(),
    });
    if (!result.ok) refuse(ctx, result);
    return { status: 201, body: { orderId: result.orderId } };
  });
}
