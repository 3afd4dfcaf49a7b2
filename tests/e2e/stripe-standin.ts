import http from 'node:http';
import { getResponse } from 'msw';
import Stripe from 'stripe';
import { fakeStripe, paidSession, stripeEvent, STRIPE_TEST_KEY, STRIPE_TEST_WEBHOOK_SECRET, type FakeStripe } from '../mocks/stripe';

/**
 * A loopback stand-in for Stripe's API for the browser journey: the server process runs with
 * STRIPE_API_BASE pointing here (msw in the test process cannot reach another process), and the
 * same msw handlers as the integration tests answer, through msw's getResponse. Sessions' payment
 * pages are served here too (/pay/:id), so the browser never leaves the machine. The test then
 * delivers the signed webhook itself, as Stripe would after the payment.
 */
export interface StripeStandIn {
  base: string;
  fake: FakeStripe;
  env: Record<string, string>;
  /** Signs and POSTs checkout.session.completed (paid) for a session to the app's webhook. */
  deliverPaid(appBaseUrl: string, sessionId: string): Promise<Response>;
  stop(): Promise<void>;
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  let fake!: FakeStripe;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const pay = /^\/pay\/([\w-]+)$/.exec(url.pathname);
    if (pay && req.method === 'GET') {
      const session = fake.sessions.get(pay[1]!);
      res.writeHead(session ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        session
          ? `<!doctype html><html lang="zh-CN"><title>Stripe Checkout (stand-in)</title><main><h1>Stripe Checkout</h1>` +
              `<p data-testid="amount">${session.currency} ${(Number(session.amount_total) / 100).toFixed(2)}</p>` +
              `<p data-testid="session">${session.id}</p><p data-testid="status">${session.status}</p></main></html>`
          : 'no such session',
      );
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const request = new Request(url, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    const response = await getResponse(fake.handlers, request);
    if (!response) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } }));
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('stand-in did not listen');
  const base = `http://127.0.0.1:${address.port}`;
  fake = fakeStripe(base, { checkoutPage: (id) => `${base}/pay/${id}` });
  const signer = new Stripe(STRIPE_TEST_KEY);
  return {
    base,
    fake,
    env: { STRIPE_SECRET_KEY: STRIPE_TEST_KEY, STRIPE_WEBHOOK_SECRET: STRIPE_TEST_WEBHOOK_SECRET, STRIPE_API_BASE: base },
    async deliverPaid(appBaseUrl, sessionId) {
      const session = fake.sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      session.status = 'complete';
      session.payment_status = 'paid';
      const orderId = String(session.client_reference_id);
      const payload = JSON.stringify(
        stripeEvent('checkout.session.completed', paidSession({ id: sessionId, orderId, amount: Number(session.amount_total) })),
      );
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret: STRIPE_TEST_WEBHOOK_SECRET });
      return fetch(`${appBaseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
        body: payload,
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
