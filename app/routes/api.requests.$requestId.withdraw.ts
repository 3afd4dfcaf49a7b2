import type { ActionFunctionArgs } from '@remix-run/node';
import { withdrawRequest } from '~/models/requests.server';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { refuse, requestCaller } from '~/utils/request-api.server';

/** POST /api/requests/:id/withdraw (SME) → 200 { id, status: 'lost' }; 409 once won or lost. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'withdraw');
    const id = params.requestId ?? '';
    const result = withdrawRequest(getDb(), {
      requestId: id,
      viewer: caller.viewer,
      actor: caller.actor,
      now: new Date(),
    });
    if (!result.ok) refuse(ctx, result);
    return { status: 200, body: { id, status: result.status } };
  });
}
