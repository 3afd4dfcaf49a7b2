import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Stripe from 'stripe';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isMessageKey, translator, type MessageKey } from '../../app/i18n';
import { startCheckout } from '../../app/models/order-payments.server';
import { expireVoucherClaims } from '../../app/models/vouchers.server';
import { totalsOf, getProgramme } from '../../app/models/voucher-programmes.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import { ensureCurrentCampaign, getOrder, orderRow, post, today } from './orders-fixtures';
import {
  DAY_MS,
  applyVoucherApi,
  claimsOf,
  createOrderApi,
  dayInChina,
  liveFen,
  makeProgramme,
  unpaidOrder,
  voucherParties,
  type VoucherParties,
} from './vouchers-fixtures';

// Cloud vouchers (上云券) on orders (README, "Cloud vouchers"): eligibility, the caps (first claim,
// later claims together, per order, percentages rounded down), the budget, and the claim following
// its order — committed when applied, paid out on confirmation, released on cancellation, refund
// or a confirmation not made in time (vouchers:expire).

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

let official: { userId: string; scopePrefecture: null };
beforeAll(async () => {
  await ensureCurrentCampaign(db());
  official = { userId: (await createTestUser(db(), { role: 'official', prefecture: null })).id, scopePrefecture: null };
});

const sme = (p: VoucherParties) => ({ cookie: p.smeUser.cookie });
const provider = (p: VoucherParties) => ({ cookie: p.providerUser.cookie });

/** Pays, delivers (today) and answers the API's order after each step. */
async function payAndDeliver(p: VoucherParties, orderId: string) {
  expect((await post('payment-received', orderId, provider(p), { transferReference: 'TR-VOUCHER-01' })).status).toBe(200);
  expect((await post('delivered', orderId, provider(p), { deployedOn: today() })).status).toBe(200);
}

describe('applying a voucher', () => {
  it('POST /api/orders with voucherProgrammeId: the subsidy (30%, rounded down) comes off, committed, in the order’s history', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { kind: 'percent', amountFen: null, percent: 30, capPerOrderFen: 1_000_000 });
    const created = await createOrderApi(sme(p), { offeringId: p.offering.id, planId: p.offering.pricedPlanId, voucherProgrammeId: programmeId });
    expect(created.status).toBe(201);
    // ¥980.00 × 30% = ¥294.00
    expect(created.body).toMatchObject({
      status: 'pending_payment',
      amountFen: 98_000,
      subsidyFen: 29_400,
      payableFen: 68_600,
      voucher: { programmeId, programmeName: '测试上云券', amountFen: 29_400, status: 'committed' },
    });
    expect(created.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'voucher-apply']);
    expect(claimsOf(db(), created.body.id)).toEqual([{ programme_id: programmeId, amount_fen: 29_400, status: 'committed', release_reason: null, confirm_by: null }]);
  });

  it('a percentage is rounded down to the fen and capped per order', async () => {
    const p = await voucherParties(db());
    const rounding = makeProgramme(db(), official, { kind: 'percent', amountFen: null, percent: 33, capPerOrderFen: 1_000_000 });
    const capped = makeProgramme(db(), official, { kind: 'percent', amountFen: null, percent: 50, capPerOrderFen: 40_000 });
    // 33% of ¥980.01 = 32,340.33 fen → 32,340.
    const a = await applyVoucherApi(unpaidOrder(db(), p, 98_001), sme(p), rounding);
    expect(a.body).toMatchObject({ subsidyFen: 32_340, payableFen: 65_661 });
    // 50% of ¥980.00 = ¥490.00, over the ¥400.00 cap per order.
    const b = await applyVoucherApi(unpaidOrder(db(), p, 98_000), sme(p), capped);
    expect(b.body).toMatchObject({ subsidyFen: 40_000, payableFen: 58_000 });
  });

  it('an unpaid order may switch to another programme (the first claim is released as replaced); the same one again changes nothing', async () => {
    const p = await voucherParties(db());
    const first = makeProgramme(db(), official, { amountFen: 10_000, capPerOrderFen: 10_000 });
    const second = makeProgramme(db(), official, { amountFen: 20_000, capPerOrderFen: 20_000 });
    const id = unpaidOrder(db(), p);
    expect((await applyVoucherApi(id, sme(p), first)).body).toMatchObject({ subsidyFen: 10_000, payableFen: 88_000 });
    expect((await applyVoucherApi(id, sme(p), first)).status).toBe(200);
    expect(claimsOf(db(), id)).toHaveLength(1);
    const switched = await applyVoucherApi(id, sme(p), second);
    expect(switched.body).toMatchObject({ subsidyFen: 20_000, payableFen: 78_000, voucher: { programmeId: second, status: 'committed' } });
    expect(claimsOf(db(), id).map((c) => [c.programme_id, c.status, c.release_reason])).toEqual([
      [first, 'released', 'replaced'],
      [second, 'committed', null],
    ]);
    expect(liveFen(db(), first)).toBe(0);
  });

  it('refuses an ineligible programme with 422 and a stable code on voucherProgrammeId, changing nothing', async () => {
    const p = await voucherParties(db(), { prefecture: '5106', sizeClass: 'small', level: 'saas' });
    const cases: [Parameters<typeof makeProgramme>[2], string][] = [
      [{ prefectureCodes: ['5101'] }, 'prefecture_not_eligible'],
      [{ eligibleSizeClasses: ['micro'] }, 'size_class_not_eligible'],
      [{ eligibleLevels: ['iaas', 'paas'] }, 'level_not_eligible'],
      [{ validFrom: dayInChina(1), validUntil: dayInChina(30) }, 'programme_not_started'],
      [{ validFrom: dayInChina(-30), validUntil: dayInChina(-1) }, 'programme_ended'],
    ];
    const id = unpaidOrder(db(), p);
    for (const [rules, code] of cases) {
      const refused = await applyVoucherApi(id, sme(p), makeProgramme(db(), official, rules));
      expect(refused.status, code).toBe(422);
      expect(refused.body.errors).toEqual([{ path: 'voucherProgrammeId', code, message: translator('zh-CN')(`vouchers.errors.${code}` as MessageKey) }]);
    }
    expect((await applyVoucherApi(id, sme(p), 'no-such-programme')).body.errors[0].code).toBe('programme_not_found');
    expect((await applyVoucherApi(id, sme(p), '')).status).toBe(422);
    expect(claimsOf(db(), id)).toEqual([]);
    expect(orderRow(db(), id)).toMatchObject({ subsidy_fen: 0, payable_fen: 98_000 });
  });

  it('the same programme listing the enterprise’s prefecture, size and level applies', async () => {
    const p = await voucherParties(db(), { prefecture: '5106', sizeClass: 'small', level: 'saas' });
    const programmeId = makeProgramme(db(), official, { prefectureCodes: ['5101', '5106'], eligibleSizeClasses: ['small', 'micro'], eligibleLevels: ['saas'] });
    expect((await applyVoucherApi(unpaidOrder(db(), p), sme(p), programmeId)).status).toBe(200);
  });

  it('POST /api/orders with an ineligible programme refuses the whole order (422, no order written)', async () => {
    const p = await voucherParties(db(), { prefecture: '5106' });
    const programmeId = makeProgramme(db(), official, { prefectureCodes: ['5101'] });
    const before = db().$client.prepare('SELECT count(*) AS n FROM orders WHERE enterprise_id = ?').get(p.enterpriseId);
    const refused = await createOrderApi(sme(p), { offeringId: p.offering.id, planId: p.offering.pricedPlanId, voucherProgrammeId: programmeId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: 'voucherProgrammeId', code: 'prefecture_not_eligible' });
    expect(db().$client.prepare('SELECT count(*) AS n FROM orders WHERE enterprise_id = ?').get(p.enterpriseId)).toEqual(before);
  });

  it('only the SME’s own unpaid order: another SME 404, a provider 403, a paid order 409 with its status', async () => {
    const p = await voucherParties(db());
    const other = await voucherParties(db());
    const programmeId = makeProgramme(db(), official);
    const id = unpaidOrder(db(), p);
    expect((await applyVoucherApi(id, sme(other), programmeId)).status).toBe(404);
    expect((await applyVoucherApi(id, provider(p), programmeId)).status).toBe(403);
    expect((await applyVoucherApi(id, { cookie: p.smeUser.cookie, origin: 'https://evil.example' }, programmeId)).status).toBe(403);
    await post('payment-received', id, provider(p), { transferReference: 'TR-VOUCHER-02' });
    const late = await applyVoucherApi(id, sme(p), programmeId);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ status: 'paid', errors: [{ code: 'invalid_state' }] });
    expect(claimsOf(db(), id)).toEqual([]);
  });
});

describe('caps per enterprise', () => {
  it('the first live claim is capped by the first-claim cap, later ones together by the later-claims cap; a released claim does not count', async () => {
    const p = await voucherParties(db());
    // ¥300 per order; first claim up to ¥250; later claims together up to ¥400.
    const programmeId = makeProgramme(db(), official, { amountFen: 30_000, capPerOrderFen: 30_000, firstClaimCapFen: 25_000, laterClaimsCapFen: 40_000 });
    const o1 = unpaidOrder(db(), p);
    const o2 = unpaidOrder(db(), p);
    const o3 = unpaidOrder(db(), p);
    const o4 = unpaidOrder(db(), p);
    expect((await applyVoucherApi(o1, sme(p), programmeId)).body.subsidyFen).toBe(25_000);
    expect((await applyVoucherApi(o2, sme(p), programmeId)).body.subsidyFen).toBe(30_000);
    expect((await applyVoucherApi(o3, sme(p), programmeId)).body.subsidyFen).toBe(10_000);
    const refused = await applyVoucherApi(o4, sme(p), programmeId);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: 'voucherProgrammeId', code: 'enterprise_cap_reached' });
    // Cancelling the first order releases its claim: o2 is now the first live claim, o3 the only later one.
    expect((await post('cancel', o1, sme(p))).status).toBe(200);
    expect(claimsOf(db(), o1)[0]).toMatchObject({ status: 'released', release_reason: 'cancelled' });
    expect((await applyVoucherApi(o4, sme(p), programmeId)).body.subsidyFen).toBe(30_000);
  });

  it('another enterprise’s claims do not touch this one’s caps', async () => {
    const a = await voucherParties(db());
    const b = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { firstClaimCapFen: 30_000, laterClaimsCapFen: 0 });
    expect((await applyVoucherApi(unpaidOrder(db(), a), sme(a), programmeId)).status).toBe(200);
    expect((await applyVoucherApi(unpaidOrder(db(), a), sme(a), programmeId)).body.errors[0].code).toBe('enterprise_cap_reached');
    expect((await applyVoucherApi(unpaidOrder(db(), b), sme(b), programmeId)).status).toBe(200);
  });
});

describe('the budget', () => {
  it('is never exceeded: the last of it is granted, then claims are refused until a claim is released', async () => {
    const programmeId = makeProgramme(db(), official, { amountFen: 30_000, capPerOrderFen: 30_000, budgetFen: 50_000 });
    const [a, b, c] = await Promise.all([voucherParties(db()), voucherParties(db()), voucherParties(db())]);
    const oa = unpaidOrder(db(), a!);
    expect((await applyVoucherApi(oa, sme(a!), programmeId)).body.subsidyFen).toBe(30_000);
    expect((await applyVoucherApi(unpaidOrder(db(), b!), sme(b!), programmeId)).body.subsidyFen).toBe(20_000);
    const oc = unpaidOrder(db(), c!);
    const refused = await applyVoucherApi(oc, sme(c!), programmeId);
    expect(refused.body.errors[0]).toMatchObject({ code: 'budget_exhausted' });
    expect(liveFen(db(), programmeId)).toBe(50_000);
    await post('cancel', oa, sme(a!));
    expect((await applyVoucherApi(oc, sme(c!), programmeId)).body.subsidyFen).toBe(30_000);
    expect(liveFen(db(), programmeId)).toBe(50_000);
    expect(totalsOf(db(), [getProgramme(db(), programmeId)!]).get(programmeId)).toEqual({
      budgetFen: 50_000,
      committedFen: 50_000,
      paidOutFen: 0,
      releasedFen: 30_000,
      remainingFen: 0,
      claims: 3,
    });
  });
});

describe('a voucher that covers the whole amount', () => {
  it('pays the order at once (history: by the voucher), tells the provider, sets the deadline; checkout then refuses', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { amountFen: 100_000, capPerOrderFen: 100_000, confirmWithinDays: 14 });
    const id = unpaidOrder(db(), p, 98_000);
    const paid = await applyVoucherApi(id, sme(p), programmeId);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', amountFen: 98_000, subsidyFen: 98_000, payableFen: 0, voucher: { status: 'committed', confirmBy: dayInChina(14) } });
    const last = paid.body.history.at(-1);
    expect(last).toMatchObject({ action: 'payment-received', from: 'pending_payment', to: 'paid', by: 'system', detail: { paidBy: 'voucher', programmeId } });
    const notices = db().$client.prepare('SELECT user_id, kind FROM notifications WHERE link LIKE ?').all(`%/orders/${id}`);
    expect(notices).toEqual([{ user_id: p.providerUser.id, kind: 'voucher.paidInFull' }]);
    const untouchable = new Proxy({}, { get: () => { throw new Error('Stripe must not be called'); } }) as Stripe;
    const checkout = await startCheckout(db(), untouchable, { viewer: { role: 'sme', enterpriseId: p.enterpriseId }, actor: { role: 'sme', userId: p.smeUser.id, apiKeyId: null } }, id, { publicUrl: 'http://localhost' });
    expect(checkout).toMatchObject({ ok: false, error: { kind: 'state', status: 'paid' } });
  });
});

describe('the claim follows its order', () => {
  it('paid: confirm by payment day + the programme’s days; confirmed: paid out; refunded afterwards: released', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { confirmWithinDays: 10 });
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, sme(p), programmeId);
    await payAndDeliver(p, id);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'committed', confirm_by: dayInChina(10) });
    expect((await post('confirm', id, sme(p))).status).toBe(200);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'paid_out' });
    expect((await getOrder(id, sme(p))).body.voucher).toEqual({ programmeId, programmeName: '测试上云券', amountFen: 30_000, status: 'paid_out', confirmBy: dayInChina(10) });
    expect(totalsOf(db(), [getProgramme(db(), programmeId)!]).get(programmeId)).toMatchObject({ committedFen: 0, paidOutFen: 30_000, releasedFen: 0 });
    expect((await post('refund', id, provider(p), { reference: 'RF-VOUCHER-01' })).status).toBe(200);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'refunded' });
    expect(liveFen(db(), programmeId)).toBe(0);
  });

  it('a refund before delivery releases the committed claim', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official);
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, sme(p), programmeId);
    await post('payment-received', id, provider(p), { transferReference: 'TR-VOUCHER-03' });
    expect((await post('refund', id, provider(p), { reference: 'RF-VOUCHER-02' })).status).toBe(200);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'refunded' });
  });

  it('not confirmed in time: vouchers:expire withdraws it the day after the deadline (not on it); the order and the SME are told', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { confirmWithinDays: 3 });
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, sme(p), programmeId);
    await payAndDeliver(p, id);
    expect(expireVoucherClaims(db(), new Date(Date.now() + 3 * DAY_MS))).toBe(0);
    expect(claimsOf(db(), id)[0]!.status).toBe('committed');
    expect(expireVoucherClaims(db(), new Date(Date.now() + 4 * DAY_MS))).toBe(1);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'expired' });
    const view = (await getOrder(id, sme(p))).body;
    expect(view.voucher).toMatchObject({ status: 'released', releaseReason: 'expired', confirmBy: dayInChina(3) });
    expect(view.history.at(-1)).toMatchObject({ action: 'voucher-withdrawn', by: 'system', detail: { programmeName: '测试上云券', subsidyFen: 30_000 } });
    const notices = db().$client.prepare("SELECT user_id FROM notifications WHERE kind = 'voucher.withdrawn' AND link = ?").all(`/enterprise/orders/${id}`);
    expect(notices).toEqual([{ user_id: p.smeUser.id }]);
    // Run again: nothing more. Confirming now keeps it withdrawn.
    expect(expireVoucherClaims(db(), new Date(Date.now() + 5 * DAY_MS))).toBe(0);
    expect((await post('confirm', id, sme(p))).status).toBe(200);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'expired' });
  });

  it('a confirmation after the deadline withdraws the subsidy even if the expiry job has not run yet', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official);
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, sme(p), programmeId);
    await payAndDeliver(p, id);
    db().$client.prepare('UPDATE voucher_claims SET confirm_by = ? WHERE order_id = ?').run(dayInChina(-1), id);
    expect((await post('confirm', id, sme(p))).status).toBe(200);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'expired' });
    expect((await getOrder(id, sme(p))).body.history.map((h: { action: string }) => h.action).slice(-2)).toEqual(['confirm', 'voucher-withdrawn']);
  });

  it('npm run vouchers:expire takes --now and withdraws what is late by then', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), official, { confirmWithinDays: 1 });
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, sme(p), programmeId);
    await post('payment-received', id, provider(p), { transferReference: 'TR-VOUCHER-04' });
    const late = new Date(Date.now() + 2 * DAY_MS).toISOString();
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/vouchers-expire.ts', '--now', late], {
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
    });
    expect(run.stdout).toMatch(/vouchers:expire — 1 subsidy\(ies\) withdrawn/);
    expect(claimsOf(db(), id)[0]).toMatchObject({ status: 'released', release_reason: 'expired' });
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/vouchers-expire.ts', '--now', 'yesterday'])).rejects.toMatchObject({ code: 2 });
  }, 30_000);
});

describe('the order history', () => {
  it('has a label in both languages for every action these tests wrote', () => {
    const actions = (
      db().$client.prepare("SELECT DISTINCT action FROM marketplace_history WHERE subject_type = 'order'").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['voucher-apply', 'voucher-withdrawn']));
    expect(actions.filter((a) => !isMessageKey(`orders.action.${a}`))).toEqual([]);
    expect(translator('en')('orders.action.voucher-withdrawn')).toBe('Subsidy withdrawn');
  });
});
