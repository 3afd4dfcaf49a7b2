import nodePath from 'node:path';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_OPERATIONS } from '../../app/openapi/document.server';
import { exampleUrl } from '../../app/openapi/docs-view.server';
import type { ExampleCaller } from '../../app/openapi/example-world';
import type { ApiExample } from '../../app/openapi/operation.server';
import * as documentRoute from '../../app/routes/api.openapi[.]json';
import { fakeStripe, STRIPE_TEST_KEY, STRIPE_TEST_WEBHOOK_SECRET } from '../mocks/stripe';
import { server } from '../setup/msw';
import { routeArgs, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import { buildExampleWorld, type ExampleWorld } from './openapi-world';

// Issue 13, "Open API description": every example of GET /api/openapi.json is sent, as the
// document writes it (path, query, headers, body), to the route module that serves its path, in a
// database holding the world the examples name (openapi-world.ts). Each must get the status the
// document says, with a body that the documented (strict) response schema accepts.

const db = useTestDatabase();
const signer = new Stripe(STRIPE_TEST_KEY, { maxNetworkRetries: 0 });
let world: ExampleWorld;

interface DocumentedOperation {
  'x-route': string;
  'x-examples': (Omit<ApiExample, 'response'> & { caller: ExampleCaller })[];
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}
let documented: Record<string, Record<string, DocumentedOperation>>;

beforeAll(async () => {
  process.env.STRIPE_SECRET_KEY = STRIPE_TEST_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET;
  process.env.PUBLIC_URL = 'https://yunqiao.example.cn';
  world = await buildExampleWorld(db());
  // The document as a client gets it: through its own route, as JSON.
  const response = (await documentRoute.loader()) as Response;
  documented = (await response.json()).paths;
});
afterAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.PUBLIC_URL;
});
// msw's handlers are reset after each test (tests/setup/msw.ts): Stripe's stand-in, before each.
beforeEach(() => server.use(...fakeStripe().handlers));
afterEach(() => expectCounterConsistent(db()));

/** The real credential of each kind of caller the document names. */
function credentialHeaders(caller: ExampleCaller, rawBody: string): Record<string, string> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'sme':
      return { Cookie: world.sme.cookie };
    case 'sme-without-profile':
      return { Cookie: world.smeWithoutProfile.cookie };
    case 'provider':
      return { Cookie: world.provider.cookie };
    case 'official':
      return { Cookie: world.official.cookie };
    case 'provider-key':
      return { Authorization: `Bearer ${world.providerKey}` };
    case 'prefecture-key':
      return { Authorization: `Bearer ${world.prefectureKey}` };
    case 'stripe':
      return {
        'Stripe-Signature': signer.webhooks.generateTestHeaderString({
          payload: rawBody,
          secret: STRIPE_TEST_WEBHOOK_SECRET,
        }),
      };
  }
}

async function send(
  method: string,
  path: string,
  route: string,
  example: DocumentedOperation['x-examples'][number],
) {
  const rawBody = example.body === undefined ? undefined : JSON.stringify(example.body);
  const request = new Request(new URL(exampleUrl(path, example), 'http://localhost').href, {
    method: method.toUpperCase(),
    headers: { ...(example.headers ?? {}), ...credentialHeaders(example.caller, rawBody ?? '') },
    body: rawBody,
  });
  const mod = (await import(/* @vite-ignore */ nodePath.resolve(route))) as {
    loader?: (args: unknown) => unknown;
    action?: (args: unknown) => unknown;
  };
  const handler = method === 'get' ? mod.loader : mod.action;
  if (!handler) throw new Error(`${route} exports no ${method === 'get' ? 'loader' : 'action'}`);
  let response: unknown;
  try {
    response = await handler(routeArgs(request, example.params ?? {}));
  } catch (thrown) {
    response = thrown;
  }
  expect(response, `${method.toUpperCase()} ${path} answered a Response`).toBeInstanceOf(Response);
  const r = response as Response;
  const text = await r.text();
  return { status: r.status, contentType: r.headers.get('Content-Type') ?? '', text };
}

function schemaIssues(schema: z.ZodType | undefined, value: unknown): string[] {
  if (!schema) return [];
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

for (const op of API_OPERATIONS) {
  describe(`${op.method.toUpperCase()} ${op.path}`, () => {
    for (const example of op.examples) {
      it(`example "${example.name}" (${example.summary}) gets ${example.status} with a documented body`, async () => {
        const fromDocument = documented[op.path]?.[op.method];
        const sent = fromDocument?.['x-examples'].find((e) => e.name === example.name);
        expect(sent, 'the example is in the served document').toBeDefined();
        const answer = await send(op.method, op.path, fromDocument!['x-route'], sent!);
        expect({ status: answer.status, body: answer.text.slice(0, 600) }).toMatchObject({
          status: example.status,
        });
        const documentedAnswer = op.responses[answer.status];
        expect(documentedAnswer, `status ${answer.status} is documented`).toBeDefined();
        if (documentedAnswer?.schema) {
          expect(answer.contentType).toMatch(/^application\/json\b/);
          expect(schemaIssues(documentedAnswer.schema, JSON.parse(answer.text))).toEqual([]);
        }
      });
    }
  });
}

describe('the documented answers', () => {
  it('each example response matches the schema of its status', () => {
    const problems = API_OPERATIONS.flatMap((op) =>
      op.examples
        .filter((e) => e.response !== undefined)
        .flatMap((e) => {
          const documentedAnswer = op.responses[e.status];
          if (!documentedAnswer) return [`${op.operationId}/${e.name}: status ${e.status} is not documented`];
          return schemaIssues(documentedAnswer.schema, e.response).map(
            (issue) => `${op.operationId}/${e.name}: ${issue}`,
          );
        }),
    );
    expect(problems).toEqual([]);
  });

  it('each operation has an example of success and its example bodies pass its request schema', () => {
    const problems = API_OPERATIONS.flatMap((op) => {
      const out: string[] = [];
      if (!op.examples.some((e) => e.status < 300)) out.push(`${op.operationId}: no example of a 2xx answer`);
      for (const e of op.examples) {
        if (!op.responses[e.status])
          out.push(`${op.operationId}/${e.name}: status ${e.status} is not documented`);
        // A body meant to be refused is allowed to fail; one meant to succeed must pass the schema
        // (not a batch's: each of its events is judged alone, and a 200 may carry refused ones).
        if (
          op.operationId !== 'reportAdoptionEventBatch' &&
          op.body &&
          e.status < 300 &&
          e.caller !== 'stripe' &&
          e.body !== undefined
        )
          out.push(...schemaIssues(op.body, e.body).map((i) => `${op.operationId}/${e.name}: ${i}`));
      }
      return out;
    });
    expect(problems).toEqual([]);
  });
});
