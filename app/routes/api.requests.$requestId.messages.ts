import type { ActionFunctionArgs } from '@remix-run/node';
import { postMessage } from '~/models/requests.server';
import { MessageApiSchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { refuse, requestCaller } from '~/utils/request-api.server';

/** POST /api/requests/:id/messages (either party; officials only read) → 201 with the message. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'message');
    const { body } = await ctx.body(MessageApiSchema);
    await ctx.limit('requestMessage');
    const result = postMessage(getDb(), {
      requestId: params.requestId ?? '',
      viewer: caller.viewer,
      actor: caller.actor,
      body,
      now: new Date(),
    });
    if (!result.ok) refuse(ctx, result);
    return { status: 201, body: { ...result.message, requestStatus: result.status } };
  });
}
