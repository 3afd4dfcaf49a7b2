import type { LoaderFunctionArgs } from '@remix-run/node';
import { getOrderForApi } from '~/models/orders.server';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { orderCaller } from '~/utils/order-api.server';

/** GET /api/orders/:id — one order with its history; 404 for anyone who may not see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = orderCaller(ctx, 'read');
    const order = getOrderForApi(getDb(), caller.viewer, params.orderId ?? '');
    if (!order) return ctx.fail(404, 'not_found', 'api.errors.notFound');
    return { status: 200, body: order };
  });
}
