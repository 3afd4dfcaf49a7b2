import type { LoaderFunctionArgs } from '@remix-run/node';
import { getRequestThread } from '~/models/request-queries.server';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { requestApiView, requestCaller } from '~/utils/request-api.server';

/**
 * GET /api/requests/:id — the thread for its SME, its provider (session or key) or an official in
 * scope; 404 for anyone else, admins included (formats/marketplace-api.md, "Common rules").
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'read');
    const thread = getRequestThread(getDb(), params.requestId ?? '', caller.viewer, new Date());
    if (!thread) return ctx.fail(404, 'not_found', 'api.errors.notFound');
    return { status: 200, body: requestApiView(thread) };
  });
}
