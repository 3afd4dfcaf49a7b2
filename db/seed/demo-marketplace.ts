/**
 * Demo requests and orders, so both consoles look lived-in: the demo SME (成都鑫达精密机械) has
 * asked the demo provider about its offerings — one request at every status — and holds an order
 * at every state. Written through the marketplace models (the same transitions, history, ledger
 * and notifications as the pages), with dates relative to now. Does nothing once the demo SME has
 * any request.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.server';
import { enterprises, offeringPlans, offerings, providers, serviceRequests, users } from '../schema';
import { createRequest, postMessage, withdrawRequest } from '../../app/models/requests.server';
import { acceptQuote, createQuote } from '../../app/models/quotes.server';
import { createPlanOrder } from '../../app/models/order-create.server';
import {
  cancelOrder,
  confirmOrder,
  disputeOrder,
  markDelivered,
  markPaymentReceived,
  refundOrder,
} from '../../app/models/order-actions.server';
import { todayInChina } from '../../app/domain/adoption-dates';
import { seedId } from './factories';

const DAY = 24 * 3600 * 1000;

function must<T extends { ok: boolean }>(what: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo marketplace: ${what} refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

export function seedDemoMarketplace(db: Db): { requests: number; orders: number } {
  const enterpriseId = seedId('enterprise', 0);
  const sme = db
    .select({ userId: enterprises.ownerUserId })
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), isNotNull(enterprises.ownerUserId)))
    .get();
  const provider = db
    .select({ id: providers.id, userId: providers.ownerUserId, name: providers.nameZh, account: providers.bankAccountNo })
    .from(providers)
    .innerJoin(users, eq(users.id, providers.ownerUserId))
    .where(and(eq(users.email, 'provider@yunqiao.demo'), eq(providers.status, 'approved')))
    .get();
  if (!sme?.userId || !provider?.userId) return { requests: 0, orders: 0 };
  const asked = db
    .select({ n: sql<number>`count(*)` })
    .from(serviceRequests)
    .where(eq(serviceRequests.enterpriseId, enterpriseId))
    .get();
  if ((asked?.n ?? 0) > 0) return { requests: 0, orders: 0 };

  // Its receiving account (对公账户), copied onto every order it receives. Fictional numbers.
  if (!provider.account)
    db.update(providers)
      .set({ bankAccountName: provider.name, bankName: '中国工商银行成都高新技术产业开发区支行', bankAccountNo: '4402 2390 0910 0012 345' })
      .where(eq(providers.id, provider.id))
      .run();

  const offered = db
    .select({ id: offerings.id, planId: offeringPlans.id, priceFen: offeringPlans.priceFen, billing: offeringPlans.billing })
    .from(offerings)
    .innerJoin(offeringPlans, eq(offeringPlans.offeringId, offerings.id))
    .where(and(eq(offerings.providerId, provider.id), eq(offerings.status, 'published')))
    .orderBy(asc(offerings.id), asc(offeringPlans.position))
    .all();
  const priced = offered.filter((p) => p.priceFen !== null && p.billing !== 'quote');
  const offeringIds = [...new Set(offered.map((o) => o.id))];
  if (offeringIds.length === 0 || priced.length === 0) return { requests: 0, orders: 0 };

  const smeViewer = { role: 'sme' as const, enterpriseId };
  const smeActor = { role: 'sme' as const, userId: sme.userId, apiKeyId: null };
  const providerViewer = { role: 'provider' as const, providerId: provider.id };
  const providerActor = { role: 'provider' as const, userId: provider.userId, apiKeyId: null };
  const smeCaller = { viewer: smeViewer, actor: smeActor };
  const providerCaller = { viewer: providerViewer, actor: providerActor };
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const pick = (i: number) => offeringIds[i % offeringIds.length]!;

  // Requests: one at every status, the oldest first.
  const ask = (i: number, daysAgo: number, message: string) =>
    must(
      'request',
      createRequest(db, {
        enterpriseId,
        actor: smeActor,
        input: { offeringId: pick(i), message, budgetFen: 300_000, wantedBy: null, contact: 'in-app' },
        now: at(daysAgo),
      }),
    ).id;
  const reply = (requestId: string, daysAgo: number, body: string) =>
    must('message', postMessage(db, { requestId, viewer: providerViewer, actor: providerActor, body, now: at(daysAgo) }));
  const quote = (requestId: string, daysAgo: number, priceFen: number) =>
    must(
      'quote',
      createQuote(db, {
        requestId,
        viewer: providerViewer,
        actor: providerActor,
        input: { priceFen, billing: 'year', terms: '含部署实施与一年运维，按年付费，开具增值税专用发票。', validUntil: todayInChina(at(daysAgo - 30)) },
        now: at(daysAgo),
      }),
    );

  const won = ask(0, 20, '我们有 40 台数控机床，想把设备状态和产量接入平台，请介绍实施方案和报价。');
  reply(won, 19, '您好，我们可以先上门做一次免费的设备联网诊断，再给出方案和报价。');
  const wonQuote = quote(won, 18, 1_880_000);
  const order = must('accept', acceptQuote(db, { quoteId: wonQuote.id, viewer: smeViewer, actor: smeActor, now: at(17) }));

  const quoted = ask(1, 9, '想了解贵司方案是否支持与现有用友 ERP 对接，以及按年付费的价格。');
  reply(quoted, 8, '支持与用友 U8/NC 对接，附上年付报价，有效期 30 天。');
  quote(quoted, 8, 960_000);

  const replied = ask(2, 5, '车间有 12 个工位需要电子看板，请问最快多久可以上线？');
  reply(replied, 4, '一般两周可以上线，方便的话我们约个时间远程演示？');

  const withdrawn = ask(3, 12, '想试用一个月，请问是否有免费试用？');
  must('withdraw', withdrawRequest(db, { requestId: withdrawn, viewer: smeViewer, actor: smeActor, now: at(10) }));

  ask(4, 1, '请问贵司是否提供上门培训？我们的操作工对电脑不太熟悉。');

  // Orders: besides the pending one from the accepted quote, one at every other state.
  const planOrder = (i: number, daysAgo: number) => {
    const plan = priced[i % priced.length]!;
    return must(
      'order',
      createPlanOrder(db, { enterpriseId, offeringId: plan.id, planId: plan.planId, actor: smeActor, now: at(daysAgo) }),
    ).id;
  };
  const paid = (id: string, ref: string) => must('payment', markPaymentReceived(db, providerCaller, id, { transferReference: ref }));
  const delivered = (id: string) =>
    must('delivery', markDelivered(db, providerCaller, id, { deployedOn: todayInChina(new Date(now)), note: '已完成部署与培训' }));

  paid(planOrder(0, 15), 'ICBC20261120001');
  const toDeliver = planOrder(1, 14);
  paid(toDeliver, 'ICBC20261121002');
  delivered(toDeliver);
  const toConfirm = planOrder(2, 13);
  paid(toConfirm, 'ICBC20261122003');
  delivered(toConfirm);
  must('confirm', confirmOrder(db, smeCaller, toConfirm));
  const toDispute = planOrder(3, 12);
  paid(toDispute, 'ICBC20261123004');
  delivered(toDispute);
  must('dispute', disputeOrder(db, smeCaller, toDispute, { reason: '系统尚未完成与设备的对接，实际未能使用。' }));
  must('cancel', cancelOrder(db, smeCaller, planOrder(4, 11)));
  const toRefund = planOrder(5, 10);
  paid(toRefund, 'ICBC20261124005');
  must('refund', refundOrder(db, providerCaller, toRefund, { reference: 'ICBC20261125R01' }));

  void order;
  return { requests: 5, orders: 7 };
}
