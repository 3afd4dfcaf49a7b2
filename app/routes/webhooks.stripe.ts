import type { ActionFunctionArgs } from '@remix-run/node';
import { applyStripeEvent } from '~/models/order-payments.server';
import { getDb } from '~/utils/db.server';
import { stripeClient, stripeWebhookSecret } from '~/utils/stripe.server';

/**
 * POST /webhooks/stripe — Stripe's signed deliveries (not cookie-bound: no same-site check). The
 * signature is checked on the raw body; a bad or missing one answers 400 and changes nothing.
 * Every correctly signed event answers 200, a repeat too (with no second effect), never 409.
 */
export async function action({ request }: ActionFunctionArgs) {
  const stripe = stripeClient();
  const secret = stripeWebhookSecret();
  if (!stripe || !secret) return Response.json({ error: 'online payment is not configured' }, { status: 404 });
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  const rawBody = await request.text();
  const signature = request.headers.get('stripe-signature');
  if (!signature) return Response.json({ error: 'missing Stripe-Signature' }, { status: 400 });
  let event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return Response.json({ error: 'invalid signature' }, { status: 400 });
  }
  const result = applyStripeEvent(getDb(), event);
  return Response.json(result.duplicate ? { received: true, duplicate: true } : { received: true, outcome: result.outcome });
}
