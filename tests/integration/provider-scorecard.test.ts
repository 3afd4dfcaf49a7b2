// Provider scorecards (issue 10): the figures on the offering page, the public provider page and
// the provider console, computed from requests, messages, quotes and orders written through the
// marketplace models and endpoints; the ≥ 5 rule; the public provider page's 404s.
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { offerings, providers, quotes } from '../../db/schema';
import type { MarketplaceActor } from '../../app/models/marketplace-history.server';
import { publicProviderScorecard, SCORECARD_CACHE_MS } from '../../app/models/provider-scorecard.server';
import { acceptQuote, createQuote, declineQuote } from '../../app/models/quotes.server';
import { createRequest, postMessage } from '../../app/models/requests.server';
import * as offeringPage from '../../app/routes/catalog.$offeringId';
import * as consoleHome from '../../app/routes/provider._index';
import * as providerPage from '../../app/routes/providers.$providerId';
import { call, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import {
  ensureCurrentCampaign,
  insertOrder,
  orderParties,
  post,
  today,
  type Parties,
} from './orders-fixtures';

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));
beforeAll(() => ensureCurrentCampaign(db()));

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 10, 2, 1, 0, 0); // 2 November 2026, 09:00 in Chengdu
const at = (hours: number) => new Date(T0 + hours * HOUR);

const smeActor = (p: Parties): MarketplaceActor => ({ role: 'sme', userId: p.smeUser.id, apiKeyId: null });
const providerActor = (p: Parties): MarketplaceActor => ({
  role: 'provider',
  userId: p.providerUser.id,
  apiKeyId: null,
});
const providerViewer = (p: Parties) => ({ role: 'provider' as const, providerId: p.provider.id });
const smeViewer = (p: Parties) => ({ role: 'sme' as const, enterpriseId: p.enterprise.id });

/** A request sent at T0 (+ `startHour`), as the SME's form sends it. */
function request(p: Parties, startHour = 0) {
  const made = createRequest(db(), {
    enterpriseId: p.enterprise.id,
    actor: smeActor(p),
    input: { offeringId: p.offeringId, message: '需要一套排产系统，约 30 人使用。', contact: 'in-app' },
    now: at(startHour),
  });
  if (!made.ok) throw new Error('request refused');
  return made.id;
}

function reply(p: Parties, requestId: string, hour: number, side: 'sme' | 'provider' = 'provider') {
  const done = postMessage(db(), {
    requestId,
    viewer: side === 'provider' ? providerViewer(p) : smeViewer(p),
    actor: side === 'provider' ? providerActor(p) : smeActor(p),
    body: side === 'provider' ? '您好，可以安排演示。' : '请问什么时候能回复？',
    now: at(hour),
  });
  if (!done.ok) throw new Error('message refused');
}

function quote(p: Parties, requestId: string, hour: number, validUntil = '2099-12-31') {
  const done = createQuote(db(), {
    requestId,
    viewer: providerViewer(p),
    actor: providerActor(p),
    input: { priceFen: 120_000, billing: 'month', terms: '含部署', validUntil },
    now: at(hour),
  });
  if (!done.ok) throw new Error('quote refused');
  return done.id;
}

const consoleCard = async (p: Parties) =>
  payloadOf(await call(() => consoleHome.loader(routeArgs(getRequest('/provider', p.providerUser.cookie)))))
    .scorecard;
const offeringCard = async (p: Parties) =>
  payloadOf(
    await call(() =>
      offeringPage.loader(routeArgs(getRequest(`/catalog/${p.offeringId}`), { offeringId: p.offeringId })),
    ),
  ).scorecard;

describe('first response time', () => {
  it('is the median over answered requests (odd count), the earlier of message or quote; unanswered ones stand apart', async () => {
    const p = await orderParties(db());
    for (const hours of [1, 2, 10, 4]) reply(p, request(p), hours);
    // Quoted after 3 hours, a message only after 5: the quote was the first answer.
    const quoted = request(p);
    quote(p, quoted, 3);
    reply(p, quoted, 5);
    // Two requests nobody answered; the SME's own follow-up is not an answer.
    request(p);
    reply(p, request(p), 2, 'sme');

    const card = await consoleCard(p);
    expect(card.medianFirstResponseMs).toEqual({ value: 3 * HOUR, base: 5 });
    expect(card.unanswered).toEqual({ value: 2, base: 7 });
    // The public offering page shows the same card.
    expect(await offeringCard(p)).toEqual(card);
  });

  it('takes the mean of the two middle values for an even count; public pages catch up after the cache time', async () => {
    const p = await orderParties(db());
    for (const hours of [1, 2, 3, 4, 10]) reply(p, request(p), hours);
    const before = await offeringCard(p);
    expect(before.medianFirstResponseMs).toEqual({ value: 3 * HOUR, base: 5 });

    reply(p, request(p), 6); // answered after 6 h: [1, 2, 3, 4, 6, 10] → (3 + 4) / 2
    expect((await consoleCard(p)).medianFirstResponseMs).toEqual({ value: 3.5 * HOUR, base: 6 });
    // The public card is cached for a few minutes, then computed again.
    expect((await offeringCard(p)).medianFirstResponseMs.value).toBe(3 * HOUR);
    const later = new Date(Date.now() + SCORECARD_CACHE_MS + 1000);
    expect(publicProviderScorecard(db(), p.provider.id, later).medianFirstResponseMs).toEqual({
      value: 3.5 * HOUR,
      base: 6,
    });
  });
});

describe('the ≥ 5 rule', () => {
  it('shows 数据不足 (value null with the count) up to 4 items and the figure from 5', async () => {
    const p = await orderParties(db());
    const empty = await consoleCard(p);
    for (const figure of Object.values(empty)) expect(figure).toEqual({ value: null, base: 0 });

    for (const hours of [1, 2, 3, 4]) reply(p, request(p), hours);
    const four = await consoleCard(p);
    expect(four.medianFirstResponseMs).toEqual({ value: null, base: 4 });
    expect(four.unanswered).toEqual({ value: null, base: 4 });

    reply(p, request(p), 5);
    const five = await consoleCard(p);
    expect(five.medianFirstResponseMs).toEqual({ value: 3 * HOUR, base: 5 });
    expect(five.unanswered).toEqual({ value: 0, base: 5 });
  });
});

describe('quote acceptance', () => {
  it('is accepted ÷ (accepted + declined + expired); open and superseded quotes are left out', async () => {
    const p = await orderParties(db());
    const accept = (quoteId: string) => {
      const done = acceptQuote(db(), { quoteId, viewer: smeViewer(p), actor: smeActor(p), now: at(30) });
      if (!done.ok) throw new Error(`accept refused: ${JSON.stringify(done)}`);
    };
    // Two accepted; the first request also had an older quote, superseded by the accepted one.
    const first = request(p);
    quote(p, first, 1);
    accept(quote(p, first, 2));
    accept(quote(p, request(p), 1));
    // One declined by the SME.
    const declined = quote(p, request(p), 1);
    expect(
      declineQuote(db(), { quoteId: declined, viewer: smeViewer(p), actor: smeActor(p), now: at(20) }).ok,
    ).toBe(true);
    let card = await consoleCard(p);
    expect(card.quoteAcceptance).toEqual({ value: null, base: 3 });

    // Two past their validity — one never written as expired — and one still open.
    const stale = quote(p, request(p), 1, '2026-11-10');
    db().update(quotes).set({ status: 'expired' }).where(eq(quotes.id, stale)).run();
    quote(p, request(p), 1, '2026-11-10');
    quote(p, request(p), 1);
    card = await consoleCard(p);
    expect(card.quoteAcceptance).toEqual({ value: 2 / 5, base: 5 });
  });
});

describe('deliveries and disputes', () => {
  const provider = (p: Parties) => ({ cookie: p.providerUser.cookie });
  const sme = (p: Parties) => ({ cookie: p.smeUser.cookie });
  async function delivered(p: Parties) {
    const id = insertOrder(db(), p);
    expect(
      (await post('payment-received', id, provider(p), { transferReference: `TR-${id.slice(0, 6)}` })).status,
    ).toBe(200);
    expect((await post('delivered', id, provider(p), { deployedOn: today() })).status).toBe(200);
    return id;
  }

  it('counts confirmed deliveries and the dispute rate over delivered orders, from 5 delivered orders', async () => {
    const p = await orderParties(db());
    insertOrder(db(), p); // never paid: not a delivery
    for (let i = 0; i < 3; i++) expect((await post('confirm', await delivered(p), sme(p))).status).toBe(200);
    const disputed = await delivered(p);
    expect(
      (await post('dispute', disputed, sme(p), { reason: '只开通了一半的账号，与合同不符' })).status,
    ).toBe(200);
    let card = await consoleCard(p);
    expect(card.confirmedDeliveries).toEqual({ value: null, base: 4 });
    expect(card.disputeRate).toEqual({ value: null, base: 4 });

    await delivered(p); // delivered, not yet confirmed
    card = await consoleCard(p);
    expect(card.confirmedDeliveries).toEqual({ value: 3, base: 5 });
    expect(card.disputeRate).toEqual({ value: 1 / 5, base: 5 });
  });
});

describe('the public provider page', () => {
  const open = (id: string) =>
    call(() => providerPage.loader(routeArgs(getRequest(`/providers/${id}`), { providerId: id })));

  it('shows an approved provider with its published offerings (linked) and its scorecard; the offering page links to it', async () => {
    const p = await orderParties(db());
    const draft = p.offeringId + 'x';
    db()
      .insert(offerings)
      .values({
        id: draft,
        providerId: p.provider.id,
        externalId: 'draft-1',
        titleZh: '草稿产品',
        summary: '测试',
        level: 'saas',
        status: 'draft',
      })
      .run();
    const page = payloadOf(await open(p.provider.id));
    expect(page.provider).toMatchObject({ id: p.provider.id, prefecture: '5101' });
    expect(page.offerings.map((o: { id: string }) => o.id)).toEqual([p.offeringId]);
    expect(page.scorecard.unanswered).toEqual({ value: null, base: 0 });
    expect(page).not.toHaveProperty('provider.contactEmail');
    const offering = payloadOf(
      await call(() =>
        offeringPage.loader(routeArgs(getRequest(`/catalog/${p.offeringId}`), { offeringId: p.offeringId })),
      ),
    );
    expect(offering.offering.provider.id).toBe(p.provider.id);
  });

  it('is 404 for an unknown provider and for applied, rejected, suspended or fraud-flagged ones', async () => {
    expect(statusOf(await open('no-such-provider'))).toBe(404);
    for (const change of [
      { status: 'applied' },
      { status: 'rejected' },
      { status: 'suspended' },
      { fraudFlaggedAt: '2026-11-01T00:00:00.000Z' },
    ] as const) {
      const p = await orderParties(db());
      expect(statusOf(await open(p.provider.id))).toBe(200);
      db().update(providers).set(change).where(eq(providers.id, p.provider.id)).run();
      expect(statusOf(await open(p.provider.id))).toBe(404);
    }
  });

  it('pages through the offerings; a page past the end shows the last one', async () => {
    const p = await orderParties(db());
    for (let i = 0; i < 12; i++) {
      db()
        .insert(offerings)
        .values({
          id: `${p.provider.id}-${i}`,
          providerId: p.provider.id,
          externalId: `more-${i}`,
          titleZh: `产品 ${i}`,
          summary: '测试',
          level: 'paas',
          status: 'published',
          publishedAt: `2026-10-${String(i + 10)}T00:00:00.000Z`,
        })
        .run();
    }
    const first = payloadOf(await open(p.provider.id));
    expect(first).toMatchObject({ total: 13, page: 1 });
    expect(first.offerings).toHaveLength(12);
    const last = payloadOf(
      await call(() =>
        providerPage.loader(
          routeArgs(getRequest(`/providers/${p.provider.id}?page=9`), { providerId: p.provider.id }),
        ),
      ),
    );
    expect(last.page).toBe(2);
    expect(last.offerings).toHaveLength(1);
  });
});
