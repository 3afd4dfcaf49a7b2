import type { ActionFunctionArgs } from '@remix-run/node';
import { adoptionEventAnswer } from '~/utils/adoption-api.server';

// POST /api/adoption-events (formats/adoption-events.md): one event, Bearer API key, Idempotency-Key.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST')
    return Response.json(
      { errors: [{ path: '', message: 'Method not allowed' }] },
      { status: 405, headers: { Allow: 'POST' } },
    );
  const answer = await adoptionEventAnswer(request);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

export function loader() {
  return Response.json(
    { errors: [{ path: '', message: 'Method not allowed' }] },
    { status: 405, headers: { Allow: 'POST' } },
  );
}
