/**
 * msw handlers that answer as Stripe's API does for the few calls Yunqiao makes (create, retrieve
 * and expire a Checkout Session; create a refund), shaped after Stripe's own example objects
 * (stripe/openapi, openapi/fixtures3.json: checkout.session, refund) and backed by an in-memory
 * store. stripe-node sends form-encoded bodies: each request is kept as URLSearchParams so tests
 * can assert exactly what was sent. Idempotency-Key replays answer the first answer, as Stripe does.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export const STRIPE_API = 'https://api.stripe.com';
export const STRIPE_TEST_KEY = 'sk_test_yunqiao';
export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_yunqiao_test';

export interface StripeRequest {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

type Session = Record<string, any> & { id: string; status: 'open' | 'complete' | 'expired' };

export interface FakeStripe {
  handlers: HttpHandler[];
  requests: StripeRequest[];
  sessions: Map<string, Session>;
  refunds: Record<string, any>[];
}

let serial = 0;
const nextId = (prefix: string) => `${prefix}_test_${Date.now().toString(36)}${(++serial).toString(36).padStart(4, '0')}`;

function checkoutSession(form: URLSearchParams, pageUrl: (id: string) => string): Session {
  const id = nextId('cs');
  const amount = Number(form.get('line_items[0][price_data][unit_amount]') ?? 0) * Number(form.get('line_items[0][quantity]') ?? 1);
  const metadata: Record<string, string> = {};
  for (const [k, v] of form) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) metadata[m[1]!] = v;
  }
  return {
    id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: amount,
    amount_total: amount,
    billing_address_collection: null,
    cancel_url: form.get('cancel_url'),
    client_reference_id: form.get('client_reference_id'),
    created: Math.floor(Date.now() / 1000),
    currency: form.get('line_items[0][price_data][currency]'),
    customer: null,
    customer_email: null,
    expires_at: Math.floor(Date.now() / 1000) + 24 * 3600,
    livemode: false,
    locale: null,
    metadata,
    mode: form.get('mode'),
    payment_intent: null,
    payment_method_types: form.getAll('payment_method_types[]').length
      ? form.getAll('payment_method_types[]')
      : [0, 1, 2].map((i) => form.get(`payment_method_types[${i}]`)).filter(Boolean),
    payment_status: 'unpaid',
    status: 'open',
    success_url: form.get('success_url'),
    url: pageUrl(id),
  };
}

function notFound(id: string) {
  return HttpResponse.json(
    { error: { code: 'resource_missing', message: `No such checkout.session: '${id}'`, param: 'session', type: 'invalid_request_error' } },
    { status: 404 },
  );
}

/**
 * `checkoutPage` makes the sessions' payment page URL (Stripe's own by default; the browser
 * journey's stand-in serves a page of its own so the browser never leaves the machine).
 */
export function fakeStripe(
  base = STRIPE_API,
  opts: { checkoutPage?: (sessionId: string) => string } = {},
): FakeStripe {
  const pageUrl = opts.checkoutPage ?? ((id: string) => `https://checkout.stripe.com/c/pay/${id}`);
  const requests: StripeRequest[] = [];
  const sessions = new Map<string, Session>();
  const refunds: Record<string, any>[] = [];
  const replays = new Map<string, Record<string, any>>();

  async function record(request: Request, path: string) {
    const form = new URLSearchParams(request.method === 'GET' ? '' : await request.text());
    const idempotencyKey = request.headers.get('idempotency-key');
    requests.push({ method: request.method, path, form, idempotencyKey });
    return { form, idempotencyKey };
  }
  function once(key: string | null, make: () => Record<string, any>) {
    if (key && replays.has(key)) return replays.get(key)!;
    const body = make();
    if (key) replays.set(key, body);
    return body;
  }

  const handlers = [
    http.post(`${base}/v1/checkout/sessions`, async ({ request }) => {
      const { form, idempotencyKey } = await record(request, '/v1/checkout/sessions');
      const body = once(idempotencyKey, () => {
        const session = checkoutSession(form, pageUrl);
        sessions.set(session.id, session);
        return session;
      });
      return HttpResponse.json(body);
    }),
    http.get(`${base}/v1/checkout/sessions/:id`, async ({ request, params }) => {
      const id = String(params.id);
      await record(request, `/v1/checkout/sessions/${id}`);
      const session = sessions.get(id);
      return session ? HttpResponse.json(session) : notFound(id);
    }),
    http.post(`${base}/v1/checkout/sessions/:id/expire`, async ({ request, params }) => {
      const id = String(params.id);
      await record(request, `/v1/checkout/sessions/${id}/expire`);
      const session = sessions.get(id);
      if (!session) return notFound(id);
      if (session.status !== 'open')
        return HttpResponse.json(
          { error: { message: `Only Checkout Sessions with a status in ["open"] can be expired.`, type: 'invalid_request_error' } },
          { status: 400 },
        );
      session.status = 'expired';
      session.url = null;
      return HttpResponse.json(session);
    }),
    http.post(`${base}/v1/refunds`, async ({ request }) => {
      const { form, idempotencyKey } = await record(request, '/v1/refunds');
      const body = once(idempotencyKey, () => {
        const refund = {
          id: nextId('re'),
          object: 'refund',
          amount: Number(form.get('amount') ?? 0),
          balance_transaction: null,
          charge: nextId('ch'),
          created: Math.floor(Date.now() / 1000),
          currency: 'cny',
          metadata: {},
          payment_intent: form.get('payment_intent'),
          reason: form.get('reason'),
          receipt_number: null,
          source_transfer_reversal: null,
          status: 'succeeded',
          transfer_reversal: null,
        };
        refunds.push(refund);
        return refund;
      });
      return HttpResponse.json(body);
    }),
  ];
  return { handlers, requests, sessions, refunds };
}

/** A Stripe event as Stripe delivers it (fixtures3.json's event), around a data object. */
export function stripeEvent(type: string, object: Record<string, unknown>, opts: { id?: string; created?: number } = {}) {
  return {
    id: opts.id ?? nextId('evt'),
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: opts.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** A completed (paid) Checkout Session object for an order, as in checkout.session.completed. */
export function paidSession(session: { id: string; orderId: string; amount: number; currency?: string }) {
  return {
    id: session.id,
    object: 'checkout.session',
    amount_subtotal: session.amount,
    amount_total: session.amount,
    client_reference_id: session.orderId,
    currency: session.currency ?? 'cny',
    livemode: false,
    metadata: { orderId: session.orderId },
    mode: 'payment',
    payment_intent: `pi_test_${session.orderId}`,
    payment_status: 'paid',
    status: 'complete',
  };
}

/** A charge object as in charge.refunded (fixtures3.json's charge). */
export function refundedCharge(opts: { orderId: string; amount: number; refunded: number }) {
  return {
    id: `ch_test_${opts.orderId}`,
    object: 'charge',
    amount: opts.amount,
    amount_captured: opts.amount,
    amount_refunded: opts.refunded,
    captured: true,
    currency: 'cny',
    metadata: { orderId: opts.orderId },
    paid: true,
    payment_intent: `pi_test_${opts.orderId}`,
    refunded: opts.refunded >= opts.amount,
    status: 'succeeded',
  };
}
