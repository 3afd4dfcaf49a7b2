import type { ActionFunctionArgs } from '@remix-run/node';
import { handleAdoptionEvent } from '~/models/adoption-api.server';
import { getDb } from '~/utils/db.server';

// POST /api/adoption-events (formats/adoption-events.md): one event, Bearer API key, Idempotency-Key.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return Response.json(
      { errors: [{ path: '', message: 'Method not allowed' }] },
      { status: 405, headers: { Allow: 'POST' } },
    );
  const answer = await handleAdoptionEvent(getDb(), request);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

export function loader() {
  return Response.json(
    { errors: [{ path: '', message: 'Method not allowed' }] },
    { status: 405, headers: { Allow: 'POST' } },
  );
}
