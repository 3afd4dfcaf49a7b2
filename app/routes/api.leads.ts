import type { LoaderFunctionArgs } from '@remix-run/node';
import { listLeads } from '~/models/request-queries.server';
import { RequestListQuerySchema } from '~/schemas/requests';
import { apiRoute } from '~/utils/api.server';
import { getDb } from '~/utils/db.server';
import { queryOf, requestCaller } from '~/utils/request-api.server';

const API_PAGE_SIZE = 100;

/**
 * GET /api/leads?status= (provider, session or Bearer key) → { leads: [{ id, status, offeringId,
 * createdAt, ageHours }] }, unanswered first, the oldest first; 100 a page (`page`, 1-based).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiRoute(request, async (ctx) => {
    const caller = requestCaller(ctx, 'leads');
    const { status, page } = queryOf(ctx, RequestListQuerySchema);
    const providerId = caller.viewer.role === 'provider' ? caller.viewer.providerId : null;
    const rows = providerId
      ? listLeads(getDb(), { providerId, status, page, pageSize: API_PAGE_SIZE, now: new Date() }).rows
      : [];
    const leads = rows.map((r) => ({
      id: r.id,
      status: r.status,
      offeringId: r.offeringId,
      createdAt: r.createdAt,
      ageHours: r.ageHours,
    }));
    return { status: 200, body: { leads } };
  });
}
