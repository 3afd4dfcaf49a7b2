import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { listRequestsFor } from '~/models/request-queries.server';
import { createRequest } from '~/models/requests.server';
import { RequestApiSchema, RequestListQuerySchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { queryOf, refuse, requestCaller, requireEnterprise } from '~/utils/request-api.server';

// formats/marketplace-api.md, "Requests (询价) and quotes".
const API_PAGE_SIZE = 100;

/**
 * GET /api/requests — the SME's own requests, a provider's leads, an official's in scope; admins
 * see none (an empty list, as GET /api/orders). 100 a page (`page`, 1-based).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'read');
    const { status, page } = queryOf(ctx, RequestListQuerySchema);
    const rows = listRequestsFor(getDb(), caller.viewer, {
      status,
      page,
      pageSize: API_PAGE_SIZE,
      now: new Date(),
    });
    const requests = rows.map((r) => ({
      id: r.id,
      status: r.status,
      offeringId: r.offeringId,
      createdAt: r.createdAt,
      lastMessageAt: r.lastMessageAt,
    }));
    return { status: 200, body: { requests } };
  });
}

/** POST /api/requests (SME) → 201 { id, status: 'new' }. */
export async function action({ request }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'create');
    const enterpriseId = requireEnterprise(ctx, caller);
    const input = await ctx.body(RequestApiSchema);
    await ctx.limit('requestCreate');
    const result = createRequest(getDb(), { enterpriseId, actor: caller.actor, input, now: new Date() });
    if (!result.ok) refuse(ctx, result);
    return { status: 201, body: { id: result.id, status: result.status } };
  });
}
