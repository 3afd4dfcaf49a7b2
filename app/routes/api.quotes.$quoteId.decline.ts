import type { ActionFunctionArgs } from '@remix-run/node';
import { declineQuote } from '~/models/quotes.server';
import { DeclineApiSchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { refuse, requestCaller } from '~/utils/request-api.server';

/** POST /api/quotes/:id/decline (SME) { reason? } → 200; the last open quote declined returns the request to replied. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'quote-decline');
    const { reason } = await ctx.body(DeclineApiSchema);
    const result = declineQuote(getDb(), {
      quoteId: params.quoteId ?? '',
      viewer: caller.viewer,
      actor: caller.actor,
      reason,
      now: new Date(),
    });
    if (!result.ok) refuse(ctx, result);
    return {
      status: 200,
      body: { id: result.id, status: result.status, requestStatus: result.requestStatus },
    };
  });
}
