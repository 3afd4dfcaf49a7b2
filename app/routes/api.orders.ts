import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { createPlanOrder } from '~/models/order-create.server';
import { getOrderForApi, listOrdersForApi } from '~/models/orders.server';
import { OrderListQuerySchema } from '~/schemas/orders';
import { OrderApiSchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderCaller } from '~/utils/order-api.server';
import { queryOf, refuse, requireEnterprise } from '~/utils/request-api.server';

// formats/marketplace-api.md, "Orders". POST /api/orders (creating an order) is the requests
// module's action in this file.

/**
 * GET /api/orders — the SME's own orders, a provider's (signed in or with its API key), an
 * official's in scope (read-only); admins see none. Newest first; ?status=, ?page=, ?pageSize= (≤ 100).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'read');
    const query = queryOf(ctx, OrderListQuerySchema);
    return { status: 200, body: listOrdersForApi(getDb(), caller.viewer, query) };
  });
}

/**
 * POST /api/orders (SME) { offeringId, planId, voucherProgrammeId? } → 201 with the order as
 * GET /api/orders/:id shows it: one billing period of a priced plan, paid by bank transfer. A plan
 * priced on quote (面议) answers 422: the SME requests a quote instead.
 */
export async function action({ request }: ActionFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'create');
    const enterpriseId = requireEnterprise(ctx, caller);
    const input = await ctx.body(OrderApiSchema);
    const db = getDb();
    const result = createPlanOrder(db, { enterpriseId, ...input, actor: caller.actor, now: new Date() });
    if (!result.ok) refuse(ctx, result);
    return {
      status: 201,
      body: getOrderForApi(db, caller.viewer, result.id) ?? { id: result.id, status: result.status },
    };
  });
}
