import { customAlphabet } from 'nanoid';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { orders, providers } from '../../db/schema';
import { orderAmount } from '~/domain/marketplace-states';
import { formatFen } from '~/domain/catalog-vocabulary';
import { newId } from '~/utils/ids';
import { ledgerTransaction } from './adoption-ledger.server';
import { getPublishedOffering } from './catalog.server';
import { writeHistory, type MarketplaceActor } from './marketplace-history.server';
import { notify } from './notifications.server';
import type { ModelRefusal } from './requests.server';
import { applyVoucherInTx, VoucherRefusal } from './vouchers.server';

// Making an order (formats/marketplace-api.md, "Orders", first bullet): from a priced plan
// (POST /api/orders) or from an accepted quote. Its amount is one billing period of the plan's or
// quote's price; it is paid by bank transfer (对公转账) to the provider's receiving account, copied
// onto the order now so a later edit of the account does not change where this order is paid.
// What happens to the order afterwards is app/models/orders.server.ts.

// The reference the SME writes on its transfer (附言), for the provider to match the money to the
// order: random, so nobody can guess another order's reference; without 0/O/1/I, so it survives
// being read aloud or copied by hand into a bank's form. 32^8 ≈ 10^12 references.
const referenceChars = customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 8);
export const newPaymentReference = () => `YQ${referenceChars()}`;

export interface NewOrder {
  enterpriseId: string;
  offeringId: string;
  offeringTitle: string;
  providerId: string;
  planId: string | null;
  quoteId: string | null;
  requestId: string | null;
  billing: 'month' | 'year' | 'once';
  priceFen: number;
  actor: MarketplaceActor;
  at: string;
}

export const providerOrderLink = (id: string) => `/provider/orders/${id}`;

/**
 * Writes the order, its history entry and (unless the caller tells the provider itself, as quote
 * acceptance does) the provider's notice. Call inside the use case's transaction.
 */
export function createOrderInTx(db: Db, o: NewOrder, opts: { notifyProvider: boolean }) {
  const provider = db
    .select({
      ownerUserId: providers.ownerUserId,
      accountName: providers.bankAccountName,
      bankName: providers.bankName,
      accountNo: providers.bankAccountNo,
    })
    .from(providers)
    .where(eq(providers.id, o.providerId))
    .get();
  // Made without a subsidy; a voucher (上云券) is applied afterwards, in the same transaction
  // (createPlanOrder) or later on the unpaid order (vouchers.server.ts).
  const money = orderAmount(o.priceFen, 0);
  const id = newId();
  db.insert(orders)
    .values({
      id,
      enterpriseId: o.enterpriseId,
      offeringId: o.offeringId,
      providerId: o.providerId,
      planId: o.planId,
      quoteId: o.quoteId,
      requestId: o.requestId,
      billing: o.billing,
      ...money,
      paymentMethod: 'bank_transfer',
      paymentReference: newPaymentReference(),
      accountName: provider?.accountName ?? null,
      bankName: provider?.bankName ?? null,
      accountNo: provider?.accountNo ?? null,
      status: 'pending_payment',
      createdByUserId: o.actor.userId,
      createdAt: o.at,
      updatedAt: o.at,
    })
    .run();
  writeHistory(db, {
    subjectType: 'order',
    subjectId: id,
    action: 'create',
    from: null,
    to: 'pending_payment',
    actor: o.actor,
    at: o.at,
    detail: { quoteId: o.quoteId, planId: o.planId, amountFen: money.amountFen },
  });
  if (opts.notifyProvider && provider?.ownerUserId)
    notify(db, {
      userId: provider.ownerUserId,
      kind: 'order.created',
      params: { offering: o.offeringTitle, amount: formatFen(money.amountFen, 'zh-CN') },
      link: providerOrderLink(id),
    });
  return { id, status: 'pending_payment' as const };
}

/**
 * POST /api/orders: one billing period of a priced plan of a public offering. A plan priced on
 * quote (面议) has no amount to order: the SME asks for a quote instead (422). With a
 * voucherProgrammeId the voucher is applied in the order's own immediate transaction; a programme
 * that cannot be applied refuses the whole order (422 on voucherProgrammeId, nothing written).
 */
export function createPlanOrder(
  db: Db,
  args: {
    enterpriseId: string;
    offeringId: string;
    planId: string;
    /** A cloud voucher (上云券) programme to apply to the new order. */
    voucherProgrammeId?: string | null;
    actor: MarketplaceActor;
    now: Date;
  },
): { ok: true; id: string; status: 'pending_payment' } | ModelRefusal {
  const offering = getPublishedOffering(db, args.offeringId);
  if (!offering) return { ok: false, reason: 'not-found' };
  const plan = offering.plans.find((p) => p.id === args.planId);
  if (!plan)
    return {
      ok: false,
      reason: 'invalid',
      path: 'planId',
      code: 'invalid_value',
      messageKey: 'requests.errors.planNotOfOffering',
    };
  if (plan.priceFen === null || plan.billing === 'quote')
    return {
      ok: false,
      reason: 'invalid',
      path: 'planId',
      code: 'not_priced',
      messageKey: 'requests.errors.planNotPriced',
    };
  const { priceFen, billing } = plan;
  const voucherProgrammeId = args.voucherProgrammeId;
  try {
    // Immediate (ledgerTransaction): a voucher's budget check must hold the write lock from the start.
    const order = ledgerTransaction(db, () => {
      const made = createOrderInTx(
        db,
        {
          enterpriseId: args.enterpriseId,
          offeringId: offering.id,
          offeringTitle: offering.titleZh,
          providerId: offering.provider.id,
          planId: plan.id,
          quoteId: null,
          requestId: null,
          billing,
          priceFen,
          actor: args.actor,
          at: args.now.toISOString(),
        },
        { notifyProvider: true },
      );
      if (voucherProgrammeId)
        applyVoucherInTx(db, { orderId: made.id, programmeId: voucherProgrammeId, actor: args.actor, now: args.now });
      return made;
    });
    return { ok: true, id: order.id, status: 'pending_payment' };
  } catch (error) {
    if (error instanceof VoucherRefusal && error.error.kind === 'field') {
      const { path, code, messageKey } = error.error;
      return { ok: false, reason: 'invalid', path, code, messageKey };
    }
    throw error;
  }
}
