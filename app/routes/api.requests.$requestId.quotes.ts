import type { ActionFunctionArgs } from '@remix-run/node';
import { createQuote } from '~/models/quotes.server';
import { QuoteApiSchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { refuse, requestCaller } from '~/utils/request-api.server';

/** POST /api/requests/:id/quotes (provider, session or key; from new, replied or quoted) → 201 { id, status: 'open' }. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'quote');
    const input = await ctx.body(QuoteApiSchema);
    const result = createQuote(getDb(), {
      requestId: params.requestId ?? '',
      viewer: caller.viewer,
      actor: caller.actor,
      input,
      now: new Date(),
    });
    if (!result.ok) refuse(ctx, result);
    return { status: 201, body: { id: result.id, status: result.status } };
  });
}
