import type { ActionFunctionArgs } from '@remix-run/node';
import { adoptionBatchAnswer } from '~/utils/adoption-api.server';

// POST /api/adoption-events/batch: 1–1,000 events, each judged as a single request would be.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return Response.json(
      { errors: [{ path: '', message: 'Method not allowed' }] },
      { status: 405, headers: { Allow: 'POST' } },
    );
  const answer = await adoptionBatchAnswer(request);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

export function loader() {
  return Response.json(
    { errors: [{ path: '', message: 'Method not allowed' }] },
    { status: 405, headers: { Allow: 'POST' } },
  );
}
