import Stripe from 'stripe';
import { env } from './env.server';

// The Stripe client (formats/marketplace-api.md, "Orders"): only when STRIPE_SECRET_KEY and
// STRIPE_WEBHOOK_SECRET are set; otherwise null and bank transfer is the only payment method.
// STRIPE_API_BASE points it at another endpoint (stripe-mock, the browser journey's stand-in).

let cached: { key: string; client: Stripe } | null = null;

export function stripeConfigured(): boolean {
  return env().stripe !== null;
}

export function stripeClient(): Stripe | null {
  const config = env().stripe;
  if (!config) return null;
  const cacheKey = `${config.secretKey}|${JSON.stringify(config.api)}`;
  if (cached?.key === cacheKey) return cached.client;
  const client = new Stripe(config.secretKey, {
    ...(config.api ?? {}),
    // Retries are ours to decide (an idempotency key makes a user's retry safe); tests must not wait.
    maxNetworkRetries: env().NODE_ENV === 'test' ? 0 : 2,
  });
  cached = { key: cacheKey, client };
  return client;
}

export function stripeWebhookSecret(): string | null {
  return env().stripe?.webhookSecret ?? null;
}
