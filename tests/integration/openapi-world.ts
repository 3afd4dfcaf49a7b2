// The world the API document's examples assume (app/openapi/example-world.ts): every id the
// examples name exists here in the state the example needs. Rows that need a fixed id are inserted
// with it; orders are then moved through the real model functions, so their history, adoption
// events and counter are what the API would have made.
import { expect } from 'vitest';
import type { Db } from '../../db/client.server';
import {
  enterprises,
  jobs,
  marketplaceHistory,
  offeringPlans,
  offerings,
  orders,
  providers,
  quotes,
  serviceRequests,
  voucherProgrammes,
} from '../../db/schema';
import { EX } from '../../app/openapi/example-world';
import {
  disputeOrder,
  markDelivered,
  markPaymentReceived,
  type OrderCaller,
} from '../../app/models/order-actions.server';
import { indexOfferingInTx } from '../../app/models/search.server';
import { makeUscc } from '../../app/domain/uscc';
import { createTestUser } from '../setup/test-db';
import { prefectureKey, providerKey } from './adoption-fixtures';
import { ensureCurrentCampaign } from './orders-fixtures';

export type ExampleWorld = Awaited<ReturnType<typeof buildExampleWorld>>;

export async function buildExampleWorld(db: Db) {
  await ensureCurrentCampaign(db);
  const sme = await createTestUser(db, { role: 'sme' });
  const smeWithoutProfile = await createTestUser(db, { role: 'sme' });
  const provider = await createTestUser(db, { role: 'provider' });
  const official = await createTestUser(db, { role: 'official', prefecture: null });

  const enterpriseId = 'entexample000001';
  db.insert(enterprises)
    .values({
      id: enterpriseId,
      uscc: EX.enterpriseUscc,
      name: '成都示例机械有限公司',
      prefecture: '5101',
      industry: '34',
      sizeClass: 'small',
      employees: 85,
      ownerUserId: sme.id,
    })
    .run();
  const providerId = 'prvexampleprov01';
  db.insert(providers)
    .values({
      id: providerId,
      uscc: makeUscc('91', '510100', 'MA6CYQ900'),
      nameZh: '成都示例云科技有限公司',
      prefecture: '5101',
      status: 'approved',
      ownerUserId: provider.id,
      bankAccountName: '成都示例云科技有限公司',
      bankName: '中国工商银行成都高新支行',
      bankAccountNo: '4402 2345 6789 0123',
    })
    .run();
  db.transaction((tx) => {
    tx.insert(offerings)
      .values({
        id: EX.offeringId,
        providerId,
        externalId: EX.offeringExternalId,
        titleZh: '云MES 制造执行系统',
        titleEn: 'Cloud MES',
        summary: '排产、报工与质量追溯',
        level: 'saas',
        categories: ['生产管理'],
        industries: ['34'],
        regions: ['5101'],
        status: 'published',
        publishedAt: '2025-06-01T00:00:00.000Z',
      })
      .run();
    tx.insert(offeringPlans)
      .values([
        {
          id: EX.pricedPlanId,
          offeringId: EX.offeringId,
          position: 0,
          name: '标准版',
          priceFen: 98000,
          billing: 'month',
        },
        {
          id: EX.quotePlanId,
          offeringId: EX.offeringId,
          position: 1,
          name: '定制版',
          priceFen: null,
          billing: 'quote',
        },
      ])
      .run();
    indexOfferingInTx(tx, EX.offeringId);
  });

  // Requests (询价) and their quotes, as the request model would have left them.
  const request = (id: string, status: 'new' | 'quoted' | 'won') =>
    db
      .insert(serviceRequests)
      .values({
        id,
        enterpriseId,
        offeringId: EX.offeringId,
        providerId,
        createdByUserId: sme.id,
        status,
        needs: '我们需要一套车间排产系统，约 30 人使用。',
        contact: 'in-app',
        lastMessageAt: '2026-01-02T02:00:00.000Z',
        ...(status !== 'new' ? { firstReplyAt: '2026-01-02T03:00:00.000Z' } : {}),
      })
      .run();
  const quote = (id: string, requestId: string, validUntil: string) =>
    db
      .insert(quotes)
      .values({ id, requestId, priceFen: 120000, billing: 'month', terms: '含部署与培训', validUntil })
      .run();
  request(EX.request.fresh, 'new');
  request(EX.request.toWithdraw, 'new');
  request(EX.request.won, 'won');
  request(EX.request.quoted, 'quoted');
  quote(EX.quote.open, EX.request.quoted, '2099-12-31');
  request(EX.request.expired, 'quoted');
  quote(EX.quote.expired, EX.request.expired, '2020-01-31');
  request(EX.request.declining, 'quoted');
  quote(EX.quote.toDecline, EX.request.declining, '2099-12-31');

  // Orders: made pending, then moved by the order use cases themselves.
  let serial = 0;
  const order = (id: string) => {
    db.insert(orders)
      .values({
        id,
        enterpriseId,
        offeringId: EX.offeringId,
        providerId,
        planId: EX.pricedPlanId,
        billing: 'month',
        amountFen: 98000,
        payableFen: 98000,
        paymentReference: `YQEX${String(++serial).padStart(4, '0')}`,
        accountName: '成都示例云科技有限公司',
        bankName: '中国工商银行成都高新支行',
        accountNo: '4402 2345 6789 0123',
        createdByUserId: sme.id,
        createdAt: EX.orderCreatedAt,
        updatedAt: EX.orderCreatedAt,
      })
      .run();
    db.insert(marketplaceHistory)
      .values({
        subjectType: 'order',
        subjectId: id,
        action: 'create',
        toStatus: 'pending_payment',
        actorUserId: sme.id,
        actorRole: 'sme',
        createdAt: EX.orderCreatedAt,
      })
      .run();
    return id;
  };
  const asProvider: OrderCaller = {
    viewer: { role: 'provider', providerId },
    actor: { role: 'provider', userId: provider.id, apiKeyId: null },
  };
  const asSme: OrderCaller = {
    viewer: { role: 'sme', enterpriseId },
    actor: { role: 'sme', userId: sme.id, apiKeyId: null },
  };
  const ok = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true });
  const paid = (id: string) =>
    ok(markPaymentReceived(db, asProvider, order(id), { transferReference: `ICBC${id.slice(-6)}` }));
  const delivered = (id: string) => {
    paid(id);
    ok(markDelivered(db, asProvider, id, { deployedOn: EX.deployedOn }));
  };
  db.insert(voucherProgrammes)
    .values({
      id: EX.voucherProgrammeId,
      name: '上云券示例项目',
      kind: 'fixed',
      amountFen: 20000,
      capPerOrderFen: 20000,
      firstClaimCapFen: 100000,
      laterClaimsCapFen: 100000,
      budgetFen: 10_000_000,
      validFrom: '2025-01-01',
      validUntil: '2099-12-31',
      confirmWithinDays: 30,
    })
    .run();
  order(EX.order.toVoucher);
  order(EX.order.toCancel);
  order(EX.order.toMarkPaid);
  order(EX.order.toCheckout);
  paid(EX.order.paid);
  paid(EX.order.toDeliver);
  paid(EX.order.toRefund);
  delivered(EX.order.toConfirm);
  delivered(EX.order.toDispute);
  delivered(EX.order.disputed);
  ok(disputeOrder(db, asSme, EX.order.disputed, { reason: '系统至今无法登录，未完成部署。' }));
  // A prefecture report the official uploaded, still queued (no job runner in this world).
  db.insert(jobs)
    .values({ id: EX.job.report, kind: 'adoption-report', params: { fileName: 'sichuan.csv', scope: null }, createdByUserId: official.id })
    .run();

  return {
    sme,
    smeWithoutProfile,
    provider,
    official,
    enterpriseId,
    providerId,
    providerKey: providerKey(db, providerId),
    prefectureKey: prefectureKey(db, '5101'),
  };
}
