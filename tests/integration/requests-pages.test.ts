import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders, serviceRequests } from '../../db/schema';
import * as catalogOffering from '../../app/routes/catalog.$offeringId';
import * as smeList from '../../app/routes/enterprise.requests._index';
import * as smeThread from '../../app/routes/enterprise.requests.$requestId';
import * as providerLayout from '../../app/routes/provider';
import * as leadList from '../../app/routes/provider.leads._index';
import * as leadThread from '../../app/routes/provider.leads.$requestId';
import {
  call,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import { api, daysFromToday, market, quoteBody, requestBody } from './requests-fixtures';

// The request pages through their loaders and actions, as a browser without JavaScript uses them:
// the offering page's 申请服务 form, 我的询价 and its thread, the provider's inbox and its thread.

const db = useTestDatabase();
let m: Awaited<ReturnType<typeof market>>;
beforeAll(async () => {
  m = await market(db());
});

/** The cookie a redirect set (the one-time message), added to the session cookie for the next page. */
function withFlash(cookie: string, response: Response) {
  const flash = response.headers.get('Set-Cookie')?.split(';')[0];
  return flash ? `${cookie}; ${flash}` : cookie;
}
const errorsOf = (result: unknown) =>
  (payloadOf(result) as any).error ?? (payloadOf(result) as any).result?.error;

describe('申请服务 on the offering page', () => {
  const page = () => `/catalog/${m.offering.id}`;

  it('tells each viewer what it can do: SMEs open the form, visitors sign in, other roles see why not', async () => {
    const visitor = payloadOf(
      await catalogOffering.loader(routeArgs(getRequest(page()), { offeringId: m.offering.id })),
    );
    expect(visitor).toMatchObject({ viewerRole: null, hasEnterprise: false, requestOpen: false });
    const sme = payloadOf(
      await catalogOffering.loader(
        routeArgs(getRequest(`${page()}?request=1`, m.sme.cookie), { offeringId: m.offering.id }),
      ),
    );
    expect(sme).toMatchObject({ viewerRole: 'sme', hasEnterprise: true, requestOpen: true });
    const bare = payloadOf(
      await catalogOffering.loader(
        routeArgs(getRequest(page(), m.bareSme.cookie), { offeringId: m.offering.id }),
      ),
    );
    expect(bare).toMatchObject({ viewerRole: 'sme', hasEnterprise: false });
    const provider = payloadOf(
      await catalogOffering.loader(
        routeArgs(getRequest(page(), m.provider.cookie), { offeringId: m.offering.id }),
      ),
    );
    expect(provider).toMatchObject({ viewerRole: 'provider' });
  });

  it('sends the request and goes to its thread, with the message shown once there', async () => {
    const res = (await call(() =>
      catalogOffering.action(
        routeArgs(
          formRequest(
            page(),
            {
              message: '需要仓库管理系统，三个仓库。',
              planId: m.offering.pricedPlanId,
              budget: '1,200.50',
              wantedBy: daysFromToday(10),
              contact: 'phone',
            },
            m.sme.cookie,
          ),
          { offeringId: m.offering.id },
        ),
      ),
    )) as Response;
    expect(res.status).toBe(302);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(/^\/enterprise\/requests\/[0-9a-z]{16}$/);
    const id = location.split('/').pop()!;
    const row = db().select().from(serviceRequests).where(eq(serviceRequests.id, id)).get()!;
    expect(row).toMatchObject({
      budgetFen: 120050,
      contact: 'phone',
      planId: m.offering.pricedPlanId,
      enterpriseId: m.enterpriseId,
    });
    const thread = await smeThread.loader(
      routeArgs(getRequest(location, withFlash(m.sme.cookie, res)), { requestId: id }),
    );
    expect(payloadOf(thread).flash).toBe('requests.flash.sent');
  });

  it('answers invalid fields with plain-words errors on each field (400) and creates nothing', async () => {
    const before = db().select().from(serviceRequests).all().length;
    const result = await catalogOffering.action(
      routeArgs(
        formRequest(page(), { message: '太短', budget: '12.345', wantedBy: '2020-01-01' }, m.sme.cookie),
        { offeringId: m.offering.id },
      ),
    );
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result)).toMatchObject({
      message: ['errors.tooShort|min=10'],
      budget: ['provider.priceDecimals'],
      wantedBy: ['requests.errors.pastDate'],
      contact: ['requests.errors.contact'],
    });
    expect(db().select().from(serviceRequests).all().length).toBe(before);
  });

  it('sends visitors to sign in, refuses other roles (403) and an SME without a profile (409)', async () => {
    const fields = { message: '需要仓库管理系统，三个仓库。', contact: 'in-app' };
    const visitor = (await call(() =>
      catalogOffering.action(routeArgs(formRequest(page(), fields), { offeringId: m.offering.id })),
    )) as Response;
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
    const provider = await call(() =>
      catalogOffering.action(
        routeArgs(formRequest(page(), fields, m.provider.cookie), { offeringId: m.offering.id }),
      ),
    );
    expect(statusOf(provider)).toBe(403);
    const bare = await catalogOffering.action(
      routeArgs(formRequest(page(), fields, m.bareSme.cookie), { offeringId: m.offering.id }),
    );
    expect(statusOf(bare)).toBe(409);
  });
});

describe('我的询价 and its thread', () => {
  let requestId = '';
  let quoteId = '';
  beforeAll(async () => {
    requestId = (await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id) })).body.id;
    await api.message(requestId, { cookie: m.provider.cookie, body: { body: '您好，已收到。' } });
    quoteId = (await api.quote(requestId, { cookie: m.provider.cookie, body: quoteBody() })).body.id;
  });

  it('lists the SME’s requests with what is unread; another SME sees the empty state; others 403', async () => {
    const mine = payloadOf(await smeList.loader(routeArgs(getRequest('/enterprise/requests', m.sme.cookie))));
    const row = mine.rows.find((r: any) => r.id === requestId);
    expect(row).toMatchObject({ status: 'quoted', unread: true, offeringTitleZh: '云MES 轻量版' });
    expect(
      payloadOf(await smeList.loader(routeArgs(getRequest('/enterprise/requests', m.otherSme.cookie)))),
    ).toMatchObject({ rows: [], total: 0, hasEnterprise: true });
    expect(
      payloadOf(await smeList.loader(routeArgs(getRequest('/enterprise/requests', m.bareSme.cookie)))),
    ).toMatchObject({ hasEnterprise: false });
    expect(
      statusOf(
        await call(() => smeList.loader(routeArgs(getRequest('/enterprise/requests', m.provider.cookie)))),
      ),
    ).toBe(403);
  });

  it('shows the thread and marks it read; another SME gets 404', async () => {
    const thread = payloadOf(
      await smeThread.loader(
        routeArgs(getRequest(`/enterprise/requests/${requestId}`, m.sme.cookie), { requestId }),
      ),
    );
    expect(thread.thread).toMatchObject({ id: requestId, status: 'quoted', side: 'sme' });
    expect(thread.thread.quotes).toHaveLength(1);
    const mine = payloadOf(await smeList.loader(routeArgs(getRequest('/enterprise/requests', m.sme.cookie))));
    expect(mine.rows.find((r: any) => r.id === requestId).unread).toBe(false);
    const other = await call(() =>
      smeThread.loader(
        routeArgs(getRequest(`/enterprise/requests/${requestId}`, m.otherSme.cookie), { requestId }),
      ),
    );
    expect(statusOf(other)).toBe(404);
  });

  it('posts a message (redirect), refuses an empty one (400 on the field)', async () => {
    const url = `/enterprise/requests/${requestId}`;
    const sent = (await call(() =>
      smeThread.action(
        routeArgs(formRequest(url, { intent: 'message', body: '请问可以试用吗？' }, m.sme.cookie), {
          requestId,
        }),
      ),
    )) as Response;
    expect(sent.status).toBe(302);
    expect(sent.headers.get('Location')).toBe(url);
    const empty = await smeThread.action(
      routeArgs(formRequest(url, { intent: 'message', body: '' }, m.sme.cookie), { requestId }),
    );
    expect(statusOf(empty)).toBe(400);
    expect(payloadOf(empty)).toMatchObject({
      intent: 'message',
      result: { error: { body: ['errors.required'] } },
    });
  });

  it('accepts the quote (redirect; order made), then answers a second accept with the state in words (409)', async () => {
    const url = `/enterprise/requests/${requestId}`;
    const accepted = (await call(() =>
      smeThread.action(
        routeArgs(formRequest(url, { intent: 'accept', quoteId }, m.sme.cookie), { requestId }),
      ),
    )) as Response;
    expect(accepted.status).toBe(302);
    expect(db().select().from(orders).where(eq(orders.quoteId, quoteId)).all()).toHaveLength(1);
    const again = await smeThread.action(
      routeArgs(formRequest(url, { intent: 'accept', quoteId }, m.sme.cookie), { requestId }),
    );
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again)).toMatchObject({
      intent: 'accept',
      quoteId,
      stateError: 'requests.errors.state|status=已接受',
    });
    const thread = payloadOf(await smeThread.loader(routeArgs(getRequest(url, m.sme.cookie), { requestId })));
    expect(thread.thread).toMatchObject({ status: 'won', orderId: expect.any(String) });
  });

  it('declines and withdraws another request through the page', async () => {
    const id = (await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id) })).body.id;
    const quote = (await api.quote(id, { bearer: m.providerKey, body: quoteBody() })).body.id;
    const url = `/enterprise/requests/${id}`;
    const declined = (await call(() =>
      smeThread.action(
        routeArgs(formRequest(url, { intent: 'decline', quoteId: quote, reason: '预算不足' }, m.sme.cookie), {
          requestId: id,
        }),
      ),
    )) as Response;
    expect(declined.status).toBe(302);
    const withdrawn = (await call(() =>
      smeThread.action(routeArgs(formRequest(url, { intent: 'withdraw' }, m.sme.cookie), { requestId: id })),
    )) as Response;
    expect(withdrawn.status).toBe(302);
    expect(
      db().select({ s: serviceRequests.status }).from(serviceRequests).where(eq(serviceRequests.id, id)).get()
        ?.s,
    ).toBe('lost');
    const again = await smeThread.action(
      routeArgs(formRequest(url, { intent: 'withdraw' }, m.sme.cookie), { requestId: id }),
    );
    expect(statusOf(again)).toBe(409);
  });
});

describe('the provider’s lead inbox and thread', () => {
  let requestId = '';
  beforeAll(async () => {
    requestId = (
      await api.createRequest({
        cookie: m.sme.cookie,
        body: requestBody(m.offering.id, { contact: 'email' }),
      })
    ).body.id;
  });

  it('lists leads with the unread mark and the nav’s count; filters by status; another provider sees none', async () => {
    const inbox = payloadOf(
      await leadList.loader(routeArgs(getRequest('/provider/leads', m.provider.cookie))),
    );
    expect(inbox.rows.find((r: any) => r.id === requestId)).toMatchObject({
      status: 'new',
      unread: true,
      ageHours: 0,
    });
    expect(inbox.rows[0].status).toBe('new'); // unanswered first
    const layout = payloadOf(
      await providerLayout.loader(routeArgs(getRequest('/provider/leads', m.provider.cookie))),
    );
    expect(layout.unreadLeads).toBeGreaterThanOrEqual(1);
    const won = payloadOf(
      await leadList.loader(routeArgs(getRequest('/provider/leads?status=won', m.provider.cookie))),
    );
    expect(won.status).toBe('won');
    expect(won.rows.every((r: any) => r.status === 'won')).toBe(true);
    const bogus = payloadOf(
      await leadList.loader(routeArgs(getRequest('/provider/leads?status=bogus&page=x', m.provider.cookie))),
    );
    expect(bogus).toMatchObject({ status: null, page: 1 });
    expect(
      payloadOf(await leadList.loader(routeArgs(getRequest('/provider/leads', m.otherProvider.cookie)))).rows,
    ).toEqual([]);
    expect(
      statusOf(await call(() => leadList.loader(routeArgs(getRequest('/provider/leads', m.sme.cookie))))),
    ).toBe(403);
  });

  it('opens the thread (the SME’s email shown as it asked for email; read now), 404 for another provider', async () => {
    const before = payloadOf(
      await providerLayout.loader(routeArgs(getRequest('/provider', m.provider.cookie))),
    ).unreadLeads;
    const page = payloadOf(
      await leadThread.loader(
        routeArgs(getRequest(`/provider/leads/${requestId}`, m.provider.cookie), { requestId }),
      ),
    );
    expect(page.thread).toMatchObject({
      side: 'provider',
      contactEmail: m.sme.email,
      enterprise: { prefecture: '5106', sizeClass: 'small' },
    });
    const after = payloadOf(
      await providerLayout.loader(routeArgs(getRequest('/provider', m.provider.cookie))),
    ).unreadLeads;
    expect(after).toBe(before - 1);
    const other = await call(() =>
      leadThread.loader(
        routeArgs(getRequest(`/provider/leads/${requestId}`, m.otherProvider.cookie), { requestId }),
      ),
    );
    expect(statusOf(other)).toBe(404);
  });

  it('sends a quote in yuan (kept in fen) and refuses a quote without price or with a past validity (400)', async () => {
    const url = `/provider/leads/${requestId}`;
    const bad = await leadThread.action(
      routeArgs(
        formRequest(
          url,
          { intent: 'quote', price: '', billing: 'month', validUntil: daysFromToday(-1) },
          m.provider.cookie,
        ),
        { requestId },
      ),
    );
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf(bad)).toMatchObject({
      intent: 'quote',
      result: { error: { price: ['requests.errors.price'], validUntil: ['requests.errors.pastDate'] } },
    });
    const sent = (await call(() =>
      leadThread.action(
        routeArgs(
          formRequest(
            url,
            {
              intent: 'quote',
              price: '1,980.5',
              billing: 'year',
              terms: '含实施',
              validUntil: daysFromToday(7),
            },
            m.provider.cookie,
          ),
          { requestId },
        ),
      ),
    )) as Response;
    expect(sent.status).toBe(302);
    const thread = payloadOf(
      await leadThread.loader(routeArgs(getRequest(url, withFlash(m.provider.cookie, sent)), { requestId })),
    );
    expect(thread.flash).toBe('requests.flash.quoted');
    expect(thread.thread.quotes).toMatchObject([
      { priceFen: 198050, billing: 'year', status: 'open', terms: '含实施' },
    ]);
    expect(thread.thread.status).toBe('quoted');
  });

  it('posts a message from the provider’s page', async () => {
    const url = `/provider/leads/${requestId}`;
    const sent = (await call(() =>
      leadThread.action(
        routeArgs(formRequest(url, { intent: 'message', body: '您好，可以安排演示。' }, m.provider.cookie), {
          requestId,
        }),
      ),
    )) as Response;
    expect(sent.status).toBe(302);
    const thread = await api.getRequest(requestId, { cookie: m.sme.cookie });
    expect(thread.body.messages.at(-1)).toMatchObject({ from: 'provider', body: '您好，可以安排演示。' });
  });
});
