// Fixtures for the cloud voucher (上云券) tests: an SME and a provider whose offering has a priced
// plan, voucher programmes made through the officials' model, unpaid orders of any amount, and
// JSON calls of the voucher endpoints as the SME's page makes them.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, marketplaceHistory, offerings, orders } from '../../db/schema';
import { todayInChina } from '../../app/domain/adoption-dates';
import { createProgramme, type OfficialRef, type ProgrammeInput } from '../../app/models/voucher-programmes.server';
import { newId } from '../../app/utils/ids';
import * as apiVoucher from '../../app/routes/api.orders.$orderId.voucher';
import * as apiOrders from '../../app/routes/api.orders';
import { createTestUser, routeArgs } from '../setup/test-db';
import { jsonRequest, type Caller } from './orders-fixtures';
import { insertEnterprise, insertOffering, insertProvider } from './requests-fixtures';

export const DAY_MS = 24 * 3600 * 1000;
export const dayInChina = (offsetDays = 0) => todayInChina(new Date(Date.now() + offsetDays * DAY_MS));

/** An SME (enterprise in `prefecture`, of `sizeClass`) and a provider with a published offering of `level` (plan ¥980/month). */
export async function voucherParties(
  db: Db,
  opts: { prefecture?: string; sizeClass?: 'micro' | 'small' | 'medium' | 'large' | 'unknown'; level?: 'iaas' | 'paas' | 'saas' | 'platform' | 'industrial-app' } = {},
) {
  const smeUser = await createTestUser(db, { role: 'sme' });
  const enterpriseId = insertEnterprise(db, smeUser.id, opts.prefecture ?? '5106');
  if (opts.sizeClass) db.update(enterprises).set({ sizeClass: opts.sizeClass }).where(eq(enterprises.id, enterpriseId)).run();
  const providerUser = await createTestUser(db, { role: 'provider' });
  const providerId = insertProvider(db, providerUser.id);
  const offering = insertOffering(db, providerId);
  if (opts.level) db.update(offerings).set({ level: opts.level }).where(eq(offerings.id, offering.id)).run();
  return { smeUser, enterpriseId, providerUser, providerId, offering };
}
export type VoucherParties = Awaited<ReturnType<typeof voucherParties>>;

/** A programme valid from yesterday for a year, open to everyone, budget ¥1,000,000. */
export function programmeInput(overrides: Partial<ProgrammeInput> = {}): ProgrammeInput {
  return {
    name: '测试上云券',
    kind: 'fixed',
    amountFen: 30_000,
    percent: null,
    capPerOrderFen: 30_000,
    firstClaimCapFen: 5_000_000,
    laterClaimsCapFen: 3_000_000,
    eligibleLevels: [],
    eligibleSizeClasses: [],
    prefectureCodes: [],
    budgetFen: 100_000_000,
    validFrom: dayInChina(-1),
    validUntil: dayInChina(365),
    confirmWithinDays: 30,
    ...overrides,
  };
}

export function makeProgramme(db: Db, official: OfficialRef, overrides: Partial<ProgrammeInput> = {}): string {
  const result = createProgramme(db, programmeInput(overrides), official);
  if (!result.ok) throw new Error(`programme refused: ${JSON.stringify(result)}`);
  return result.id;
}

let serial = 0;

/** An unpaid order of the parties' offering for `amountFen` (as createOrderInTx writes it, without voucher). */
export function unpaidOrder(db: Db, p: VoucherParties, amountFen = 98_000): string {
  serial += 1;
  const id = newId();
  const at = new Date().toISOString();
  db.insert(orders)
    .values({
      id,
      enterpriseId: p.enterpriseId,
      offeringId: p.offering.id,
      providerId: p.providerId,
      planId: p.offering.pricedPlanId,
      billing: 'month',
      amountFen,
      subsidyFen: 0,
      payableFen: amountFen,
      paymentReference: `YQV${String(serial).padStart(5, '0')}`,
      accountName: '成都云测科技有限公司',
      bankName: '中国工商银行成都高新支行',
      accountNo: '4402 0000 1234 5678',
      status: 'pending_payment',
      createdByUserId: p.smeUser.id,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  db.insert(marketplaceHistory)
    .values({ subjectType: 'order', subjectId: id, action: 'create', toStatus: 'pending_payment', actorUserId: p.smeUser.id, actorRole: 'sme', createdAt: at })
    .run();
  return id;
}

async function answer(response: unknown) {
  const r = response as Response;
  return { status: r.status, body: (await r.json()) as any };
}

/** POST /api/orders/:id/voucher */
export function applyVoucherApi(orderId: string, caller: Caller, voucherProgrammeId: unknown) {
  return apiVoucher
    .action(routeArgs(jsonRequest('POST', `/api/orders/${orderId}/voucher`, caller, { voucherProgrammeId }), { orderId }))
    .then(answer);
}

/** POST /api/orders */
export function createOrderApi(caller: Caller, body: Record<string, unknown>) {
  return apiOrders.action(routeArgs(jsonRequest('POST', '/api/orders', caller, body))).then(answer);
}

export function claimsOf(db: Db, orderId: string) {
  return db.$client
    .prepare('SELECT programme_id, amount_fen, status, release_reason, confirm_by FROM voucher_claims WHERE order_id = ? ORDER BY rowid')
    .all(orderId) as { programme_id: string; amount_fen: number; status: string; release_reason: string | null; confirm_by: string | null }[];
}

/** Live (committed + paid-out) claims of a programme, in fen: never more than its budget. */
export function liveFen(db: Db, programmeId: string): number {
  return (
    db.$client
      .prepare("SELECT coalesce(sum(amount_fen), 0) AS fen FROM voucher_claims WHERE programme_id = ? AND status <> 'released'")
      .get(programmeId) as { fen: number }
  ).fen;
}
