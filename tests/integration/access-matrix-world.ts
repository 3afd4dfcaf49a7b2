// The small world the access matrix (access-matrix.test.ts) asks its questions in: two SMEs whose
// enterprises are registered in 成都 (5101) and 绵阳 (5107), two providers (one in each) with a
// published offering, officials of both prefectures and of the province, an admin, API keys, and
// one record of every kind a route names by id. Every record belongs to side A (SME A, provider A,
// 成都), so side B and the 绵阳 official are the strangers every cell asks about.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  marketplaceHistory,
  notifications,
  orderPayments,
  orders,
  providers,
  quotes,
  serviceRequests,
  users,
} from '../../db/schema';
import { todayInChina } from '../../app/domain/adoption-dates';
import { reportDeployment } from '../../app/models/adoption.server';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { createApiKey } from '../../app/models/api-keys.server';
import {
  confirmOrder,
  disputeOrder,
  markDelivered,
  markPaymentReceived,
} from '../../app/models/order-actions.server';
import { proposeRevision } from '../../app/models/offering-revisions.server';
import { createReview } from '../../app/models/reviews.server';
import { OfferingSchema } from '../../app/schemas/offerings';
import { newId } from '../../app/utils/ids';
import { sessionCookieFor } from '../../app/utils/session.server';
import { createTestUser } from '../setup/test-db';
import { createEnterprise, prefectureKey, providerKey } from './adoption-fixtures';
import { CURRENT, ensureCurrentCampaign } from './orders-fixtures';
import { insertOffering, insertProvider } from './requests-fixtures';
import { makeProgramme } from './vouchers-fixtures';

export const ACTORS = [
  'anon',
  'smeA',
  'smeB',
  'provA',
  'provB',
  'off5101',
  'off5107',
  'offProv',
  'admin',
] as const;
/** Bearer keys, asked only on the JSON API's rows: provider A's key and a 成都 prefecture key. */
export const KEY_ACTORS = ['keyProvA', 'key5101'] as const;
export type Actor = (typeof ACTORS)[number] | (typeof KEY_ACTORS)[number];

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

export async function buildAccessWorld(db: Db) {
  await ensureCurrentCampaign(db);
  const account = (role: 'sme' | 'provider' | 'official' | 'admin', prefecture: string | null = null) =>
    createTestUser(db, { role, prefecture });
  const people = {
    smeA: await account('sme'),
    smeB: await account('sme'),
    provA: await account('provider'),
    provB: await account('provider'),
    off5101: await account('official', '5101'),
    off5107: await account('official', '5107'),
    offProv: await account('official', null),
    admin: await account('admin'),
  };
  const { id: enterpriseA, uscc: enterpriseUsccA } = createEnterprise(db, {
    ownerUserId: people.smeA.id,
    prefecture: '5101',
  });
  const enterpriseB = createEnterprise(db, { ownerUserId: people.smeB.id, prefecture: '5107' }).id;
  const providerA = insertProvider(db, people.provA.id);
  const providerB = insertProvider(db, people.provB.id);
  db.update(providers).set({ prefecture: '5107' }).where(eq(providers.id, providerB)).run();
  const offeringA = insertOffering(db, providerA);
  const offeringB = insertOffering(db, providerB);
  const keys = { keyProvA: providerKey(db, providerA), key5101: prefectureKey(db, '5101') };

  const asSmeA = {
    viewer: { role: 'sme' as const, enterpriseId: enterpriseA },
    actor: { role: 'sme' as const, userId: people.smeA.id, apiKeyId: null },
  };
  const asProvA = {
    viewer: { role: 'provider' as const, providerId: providerA },
    actor: { role: 'provider' as const, userId: people.provA.id, apiKeyId: null },
  };

  let serial = 0;
  /** A new order of SME A for provider A's offering (pending payment), moved on to `status`. */
  const newOrder = (
    status: 'pending_payment' | 'paid' | 'delivered' | 'disputed' | 'confirmed' = 'pending_payment',
  ) => {
    const id = newId();
    const at = new Date().toISOString();
    db.insert(orders)
      .values({
        id,
        enterpriseId: enterpriseA,
        offeringId: offeringA.id,
        providerId: providerA,
        planId: offeringA.pricedPlanId,
        billing: 'month',
        amountFen: 98_000,
        payableFen: 98_000,
        paymentReference: `YQAM${String(++serial).padStart(5, '0')}`,
        accountName: '成都云测科技有限公司',
        bankName: '中国工商银行成都高新支行',
        accountNo: '4402 0000 1234 5678',
        createdByUserId: people.smeA.id,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    db.insert(marketplaceHistory)
      .values({
        subjectType: 'order',
        subjectId: id,
        action: 'create',
        toStatus: 'pending_payment',
        actorUserId: people.smeA.id,
        actorRole: 'sme',
        createdAt: at,
      })
      .run();
    const steps = [
      () => markPaymentReceived(db, asProvA, id, { transferReference: `ICBC${id.slice(-6)}` }),
      () => markDelivered(db, asProvA, id, { deployedOn: todayInChina(new Date()) }),
      () =>
        status === 'disputed'
          ? disputeOrder(db, asSmeA, id, { reason: '系统至今无法登录，未完成部署。' })
          : confirmOrder(db, asSmeA, id),
    ];
    const count = { pending_payment: 0, paid: 1, delivered: 2, disputed: 3, confirmed: 3 }[status];
    for (const step of steps.slice(0, count)) {
      const result = step();
      if (!result.ok) throw new Error(`order step refused: ${JSON.stringify(result)}`);
    }
    return id;
  };

  /** A new request of SME A to provider A, with an open quote (or new, without one). */
  const newRequest = (opts: { quoted?: boolean } = {}) => {
    const quoted = opts.quoted ?? true;
    const requestId = newId();
    db.insert(serviceRequests)
      .values({
        id: requestId,
        enterpriseId: enterpriseA,
        offeringId: offeringA.id,
        providerId: providerA,
        createdByUserId: people.smeA.id,
        status: quoted ? 'quoted' : 'new',
        needs: '我们需要一套车间排产系统，约 30 人使用。',
        contact: 'in-app',
        lastMessageAt: new Date().toISOString(),
        ...(quoted ? { firstReplyAt: new Date().toISOString() } : {}),
      })
      .run();
    const quoteId = newId();
    if (quoted)
      db.insert(quotes)
        .values({
          id: quoteId,
          requestId,
          priceFen: 120_000,
          billing: 'month',
          terms: '含部署与培训',
          validUntil: '2099-12-31',
        })
        .run();
    return { requestId, quoteId };
  };

  /** A review of a new confirmed order of SME A (provider A's offering). */
  const newReview = () => {
    const result = createReview(db, {
      userId: people.smeA.id,
      enterpriseId: enterpriseA,
      orderId: newOrder('confirmed'),
      stars: 4,
      body: '部署顺利，排产效率明显提升。',
    });
    if (!result.ok) throw new Error(`review refused: ${JSON.stringify(result)}`);
    return result.id;
  };

  /** A new order of SME A whose online payment was flagged for an official to look at. */
  const newFlaggedPayment = () => {
    const orderId = newOrder();
    db.insert(orderPayments)
      .values({
        orderId,
        sessionId: `cs_test_${orderId}`,
        sessionUrl: 'https://checkout.stripe.com/c/pay/x',
        amountFen: 98_000,
        flaggedReason: '金额不符',
      })
      .run();
    return orderId;
  };

  /** Provider A reports a deployment at enterprise A, for SME A to confirm or dispute. */
  const newDeployment = () => {
    const result = reportDeployment(db, {
      providerId: providerA,
      actorUserId: people.provA.id,
      input: {
        offeringId: offeringA.id,
        uscc: enterpriseUsccA,
        enterpriseName: '测试企业',
        prefecture: '5101',
        industry: '34',
        occurredOn: todayInChina(new Date()),
      },
    });
    if (!result.ok) throw new Error(`deployment refused: ${JSON.stringify(result)}`);
    return result.eventId;
  };

  /** A 成都 enterprise nobody owns, to mark as fraudulent. */
  const newChengduEnterprise = () => createEnterprise(db, { prefecture: '5101' }).uscc;
  const newKeyId = (
    owner: { kind: 'provider'; providerId: string } | { kind: 'prefecture'; prefecture: string },
  ) => createApiKey(db, { owner, name: 'matrix', actorUserId: null }).id;
  const newAccount = async () => (await account('sme')).id;

  const request = newRequest();
  const order = newOrder();
  const disputedOrder = newOrder('disputed');
  const reviewedOrder = newOrder('confirmed');
  const review = createReview(db, {
    userId: people.smeA.id,
    enterpriseId: enterpriseA,
    orderId: reviewedOrder,
    stars: 4,
    body: '部署顺利，排产效率明显提升。',
  });
  if (!review.ok) throw new Error(`review refused: ${JSON.stringify(review)}`);

  const event = db.$client.transaction(() =>
    appendEvent(
      db,
      {
        enterpriseId: enterpriseA,
        level: 'saas',
        occurredOn: '2026-01-10',
        source: 'prefecture-report',
        verified: false,
      },
      new Date().toISOString(),
    ),
  )();

  const revision = proposeRevision(db, {
    providerId: providerA,
    offeringId: offeringA.id,
    actorUserId: people.provA.id,
    input: OfferingSchema.parse({
      externalId: offeringA.id,
      title: '云MES 轻量版（新版）',
      summary: '测试',
      level: 'saas',
      categories: ['生产管理'],
      stages: [],
      industries: [],
      sizes: [],
      regions: [],
      tags: '',
      plans: [{ name: '标准版', price: '980', billing: 'month' }],
    }),
  });
  if (!revision.ok) throw new Error(`revision refused: ${JSON.stringify(revision)}`);
  const revisionId = db.$client
    .prepare('SELECT id FROM offering_revisions WHERE offering_id = ?')
    .pluck()
    .get(offeringA.id) as string;

  const programme = makeProgramme(db, { userId: people.off5101.id, scopePrefecture: '5101' });
  const notification = Number(
    db
      .insert(notifications)
      .values({ userId: people.smeA.id, kind: 'request.message', params: {}, link: '/enterprise' })
      .run().lastInsertRowid,
  );

  return {
    db,
    people,
    keys,
    enterpriseA,
    enterpriseB,
    providerA,
    providerB,
    offeringA: offeringA.id,
    pricedPlanA: offeringA.pricedPlanId,
    offeringB: offeringB.id,
    campaign: CURRENT.id,
    request,
    order,
    disputedOrder,
    reviewedOrder,
    reviewId: review.id,
    eventId: event.id,
    revisionId,
    programme,
    notification,
    newOrder,
    newRequest,
    newReview,
    newFlaggedPayment,
    newDeployment,
    newChengduEnterprise,
    newKeyId,
    newAccount,
  };
}

/**
 * The Cookie an actor's browser sends now. Made afresh for every cell: a cell may end the actor's
 * sessions (log out everywhere bumps the session version), and the next cell is a new visit.
 */
export async function cookieOf(w: AccessWorld, actor: Actor): Promise<string | undefined> {
  if (actor === 'anon' || actor === 'keyProvA' || actor === 'key5101') return undefined;
  const id = w.people[actor].id;
  const version = w.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)).get()?.v ?? 1;
  return sessionCookieFor(id, version);
}
