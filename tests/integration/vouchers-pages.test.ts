import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/routes/official.vouchers._index';
import * as create from '../../app/routes/official.vouchers.new';
import * as detail from '../../app/routes/official.vouchers.$programmeId';
import * as csv from '../../app/routes/official.vouchers.$programmeId_.report[.]csv';
import * as smeOrder from '../../app/routes/enterprise.orders.$orderId';
import { listAuditFor } from '../../app/models/audit.server';
import { expireVoucherClaims } from '../../app/models/vouchers.server';
import { DEMO_VOUCHER_NAME, seedDemoVouchers } from '../../db/seed/demo-vouchers';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { expectCounterConsistent } from './adoption-fixtures';
import { ensureCurrentCampaign, post, today } from './orders-fixtures';
import { DAY_MS, applyVoucherApi, claimsOf, dayInChina, makeProgramme, unpaidOrder, voucherParties } from './vouchers-fixtures';

// The officials' voucher pages (create, edit with audit, report by prefecture and cluster, CSV) with
// their scope rules, and the voucher section of the SME's order page. Forms post as a browser
// without JavaScript does.

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

type User = Awaited<ReturnType<typeof createTestUser>>;
let provincial: User;
let chengdu: User;
let deyang: User;
beforeAll(async () => {
  await ensureCurrentCampaign(db());
  provincial = await createTestUser(db(), { role: 'official', prefecture: null, displayName: '李明' });
  chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  deyang = await createTestUser(db(), { role: 'official', prefecture: '5106' });
});

const FORM = {
  name: '2027 年德阳市中小企业上云券',
  kind: 'percent',
  percent: '30',
  capPerOrder: '5000',
  firstClaimCap: '50000',
  laterClaimsCap: '30000',
  budget: '2000000',
  validFrom: dayInChina(-1),
  validUntil: dayInChina(300),
  confirmWithinDays: '30',
};

const page = (route: { loader: (args: any) => Promise<unknown> }, url: string, cookie: string, params: Record<string, string> = {}) =>
  call(() => route.loader(routeArgs(getRequest(url, cookie), params)));
const submit = (route: { action: (args: any) => Promise<unknown> }, url: string, fields: Record<string, string | string[]>, cookie: string, params: Record<string, string> = {}) =>
  call(() => route.action(routeArgs(formRequest(url, fields, cookie), params)));
const idFrom = (redirect: unknown) => (redirect as Response).headers.get('Location')!.split('/').at(-1)!;
const count = () => (db().$client.prepare('SELECT count(*) AS n FROM voucher_programmes').get() as { n: number }).n;

describe('creating programmes', () => {
  it('a provincial official creates one from the form (amounts in 元 saved in fen), audited', async () => {
    const done = await submit(create, '/official/vouchers/new', { ...FORM, eligibleLevels: ['saas', 'paas'], eligibleSizeClasses: 'small', prefectureCodes: ['5106', '5101'] }, provincial.cookie);
    expect(statusOf(done)).toBe(302);
    const id = idFrom(done);
    const row = db().$client.prepare('SELECT * FROM voucher_programmes WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      kind: 'percent',
      percent: 30,
      amount_fen: null,
      cap_per_order_fen: 500_000,
      first_claim_cap_fen: 5_000_000,
      later_claims_cap_fen: 3_000_000,
      budget_fen: 200_000_000,
      eligible_levels: '["paas","saas"]',
      eligible_size_classes: '["small"]',
      prefecture_codes: '["5101","5106"]',
      scope_prefecture: null,
      confirm_within_days: 30,
      created_by_user_id: provincial.id,
    });
    expect(listAuditFor(db(), 'voucher_programme', id).map((a) => [a.action, a.actorUserId])).toEqual([['voucher.create', provincial.id]]);
  });

  it('refuses a wrong form with field errors and writes nothing', async () => {
    const before = count();
    const bad = await submit(create, '/official/vouchers/new', { ...FORM, kind: 'fixed', percent: '', capPerOrder: '0', budget: '12.345', validUntil: dayInChina(-5) }, provincial.cookie);
    expect(statusOf(bad)).toBe(400);
    const errors = payloadOf(bad).error;
    expect(errors.amount).toEqual(['vouchers.errors.amountRequired']);
    expect(errors.capPerOrder).toEqual(['vouchers.errors.positive']);
    expect(errors.budget).toEqual(['provider.priceDecimals']);
    expect(errors.validUntil).toEqual(['vouchers.errors.endBeforeStart']);
    expect(count()).toBe(before);
  });

  it('a prefecture official creates only for its prefecture: another is refused, none chosen means its own', async () => {
    const before = count();
    const refused = await submit(create, '/official/vouchers/new', { ...FORM, prefectureCodes: '5106' }, chengdu.cookie);
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf(refused).error.prefectureCodes).toEqual(['vouchers.errors.prefectureScope']);
    expect(count()).toBe(before);
    const made = await submit(create, '/official/vouchers/new', FORM, chengdu.cookie);
    expect(statusOf(made)).toBe(302);
    const row = db().$client.prepare('SELECT scope_prefecture, prefecture_codes FROM voucher_programmes WHERE id = ?').get(idFrom(made));
    expect(row).toEqual({ scope_prefecture: '5101', prefecture_codes: '["5101"]' });
    const form = payloadOf(await page(create, '/official/vouchers/new', chengdu.cookie));
    expect(form.scopePrefecture).toBe('5101');
  });

  it('only officials: an SME gets 403', async () => {
    const p = await voucherParties(db());
    expect(statusOf(await page(list, '/official/vouchers', p.smeUser.cookie))).toBe(403);
    expect(statusOf(await submit(create, '/official/vouchers/new', FORM, p.smeUser.cookie))).toBe(403);
  });
});

describe('who sees and edits which programme', () => {
  it('a prefecture official sees its own and provincial programmes, edits its own, reads provincial ones, and never another prefecture’s', async () => {
    const ownId = makeProgramme(db(), { userId: chengdu.id, scopePrefecture: '5101' }, { name: '成都上云券' });
    const provincialId = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '全省上云券' });
    const deyangId = makeProgramme(db(), { userId: deyang.id, scopePrefecture: '5106' }, { name: '德阳上云券' });
    const seen = payloadOf(await page(list, '/official/vouchers', chengdu.cookie)).programmes.map((p: { id: string }) => p.id);
    expect(seen).toEqual(expect.arrayContaining([ownId, provincialId]));
    expect(seen).not.toContain(deyangId);
    const all = payloadOf(await page(list, '/official/vouchers', provincial.cookie)).programmes.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([ownId, provincialId, deyangId]));

    expect(payloadOf(await page(detail, `/official/vouchers/${ownId}`, chengdu.cookie, { programmeId: ownId })).canManage).toBe(true);
    expect(payloadOf(await page(detail, `/official/vouchers/${provincialId}`, chengdu.cookie, { programmeId: provincialId })).canManage).toBe(false);
    expect(statusOf(await submit(detail, `/official/vouchers/${provincialId}`, FORM, chengdu.cookie, { programmeId: provincialId }))).toBe(403);
    expect(statusOf(await page(detail, `/official/vouchers/${deyangId}`, chengdu.cookie, { programmeId: deyangId }))).toBe(404);
    expect(statusOf(await submit(detail, `/official/vouchers/${deyangId}`, FORM, chengdu.cookie, { programmeId: deyangId }))).toBe(404);
    expect(statusOf(await page(csv, `/official/vouchers/${deyangId}/report.csv`, chengdu.cookie, { programmeId: deyangId }))).toBe(404);
    // A provincial official manages a prefecture's programme, which stays that prefecture's.
    const edited = await submit(detail, `/official/vouchers/${deyangId}`, { ...FORM, prefectureCodes: '5101' }, provincial.cookie, { programmeId: deyangId });
    expect(payloadOf(edited).error.prefectureCodes).toEqual(['vouchers.errors.prefectureScope']);
  });

  it('an edit is audited with what changed, before and after; the budget cannot drop below live claims', async () => {
    const id = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { amountFen: 30_000, capPerOrderFen: 30_000 });
    const p = await voucherParties(db());
    await applyVoucherApi(unpaidOrder(db(), p), { cookie: p.smeUser.cookie }, id);
    const values = payloadOf(await page(detail, `/official/vouchers/${id}`, provincial.cookie, { programmeId: id })).programme;
    const form = {
      name: '测试上云券（第二批）',
      kind: 'fixed',
      amount: '300',
      capPerOrder: '300',
      firstClaimCap: '50000',
      laterClaimsCap: '30000',
      budget: '299.99',
      validFrom: values.validFrom,
      validUntil: values.validUntil,
      confirmWithinDays: '15',
    };
    const tooSmall = await submit(detail, `/official/vouchers/${id}`, form, provincial.cookie, { programmeId: id });
    expect(statusOf(tooSmall)).toBe(400);
    expect(payloadOf(tooSmall).error.budget).toEqual(['vouchers.errors.budgetBelowClaimed|claimed=¥300.00']);
    const saved = await submit(detail, `/official/vouchers/${id}`, { ...form, budget: '300' }, provincial.cookie, { programmeId: id });
    expect(statusOf(saved)).toBe(302);
    const audit = db().$client
      .prepare("SELECT action, actor_user_id, detail FROM audit_log WHERE target_type = 'voucher_programme' AND target_id = ? ORDER BY id")
      .all(id) as { action: string; actor_user_id: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(['voucher.create', 'voucher.update']);
    expect(JSON.parse(audit[1]!.detail)).toEqual({
      changed: ['name', 'budgetFen', 'confirmWithinDays'],
      before: { name: '测试上云券', budgetFen: 100_000_000, confirmWithinDays: 30 },
      after: { name: '测试上云券（第二批）', budgetFen: 30_000, confirmWithinDays: 15 },
    });
    const after = payloadOf(await page(detail, `/official/vouchers/${id}`, provincial.cookie, { programmeId: id }));
    expect(after.history.map((h: { action: string; actorName: string }) => [h.action, h.actorName])).toEqual([
      ['voucher.update', '李明'],
      ['voucher.create', '李明'],
    ]);
    expect(after.report.totals).toMatchObject({ budgetFen: 30_000, committedFen: 30_000, remainingFen: 0 });
  });
});

describe('the report and its CSV', () => {
  it('shows budget, committed, paid out and released by prefecture and cluster; a prefecture official’s breakdown is its own', async () => {
    const id = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '报表上云券', amountFen: 10_000, capPerOrderFen: 10_000, budgetFen: 1_000_000 });
    // Deyang (industry 34: equipment): one paid out; Chengdu: one committed, one released.
    const dy = await voucherParties(db(), { prefecture: '5106' });
    const paidOut = unpaidOrder(db(), dy);
    await applyVoucherApi(paidOut, { cookie: dy.smeUser.cookie }, id);
    await post('payment-received', paidOut, { cookie: dy.providerUser.cookie }, { transferReference: 'TR-REPORT-01' });
    await post('delivered', paidOut, { cookie: dy.providerUser.cookie }, { deployedOn: today() });
    await post('confirm', paidOut, { cookie: dy.smeUser.cookie });
    const cd = await voucherParties(db(), { prefecture: '5101' });
    await applyVoucherApi(unpaidOrder(db(), cd), { cookie: cd.smeUser.cookie }, id);
    const cancelled = unpaidOrder(db(), cd);
    await applyVoucherApi(cancelled, { cookie: cd.smeUser.cookie }, id);
    await post('cancel', cancelled, { cookie: cd.smeUser.cookie });

    const report = payloadOf(await page(detail, `/official/vouchers/${id}`, provincial.cookie, { programmeId: id })).report;
    expect(report.totals).toEqual({ budgetFen: 1_000_000, committedFen: 10_000, paidOutFen: 10_000, releasedFen: 10_000, remainingFen: 980_000, claims: 3 });
    const row = (rows: { code: string }[], code: string) => rows.find((r) => r.code === code);
    expect(report.byPrefecture).toHaveLength(21);
    expect(row(report.byPrefecture, '5106')).toEqual({ code: '5106', committedFen: 0, paidOutFen: 10_000, releasedFen: 0, claims: 1 });
    expect(row(report.byPrefecture, '5101')).toEqual({ code: '5101', committedFen: 10_000, paidOutFen: 0, releasedFen: 10_000, claims: 2 });
    expect(row(report.byCluster, 'equipment')).toEqual({ code: 'equipment', committedFen: 10_000, paidOutFen: 10_000, releasedFen: 10_000, claims: 3 });

    const scoped = payloadOf(await page(detail, `/official/vouchers/${id}`, chengdu.cookie, { programmeId: id })).report;
    expect(scoped.scopedTo).toBe('5101');
    expect(scoped.totals.claims).toBe(3);
    expect(scoped.byPrefecture).toEqual([{ code: '5101', committedFen: 10_000, paidOutFen: 0, releasedFen: 10_000, claims: 2 }]);
    expect(row(scoped.byCluster, 'equipment')).toMatchObject({ paidOutFen: 0, claims: 2 });

    const listed = payloadOf(await page(list, '/official/vouchers', provincial.cookie)).programmes.find((p: { id: string }) => p.id === id);
    expect(listed.totals).toMatchObject({ committedFen: 10_000, paidOutFen: 10_000, releasedFen: 10_000, remainingFen: 980_000 });
  });

  it('exports the report as CSV with a BOM, amounts in 元, the programme row first', async () => {
    const id = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: 'CSV 上云券', amountFen: 12_345, capPerOrderFen: 12_345, budgetFen: 10_000_000, prefectureCodes: ['5106'] });
    const p = await voucherParties(db(), { prefecture: '5106' });
    await applyVoucherApi(unpaidOrder(db(), p), { cookie: p.smeUser.cookie }, id);
    const response = (await page(csv, `/official/vouchers/${id}/report.csv`, provincial.cookie, { programmeId: id })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toContain(`yunqiao-vouchers-${id}-51.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('分组,代码,名称,预算（元）,已承诺（元）,已兑付（元）,已释放（元）,剩余预算（元）,申领笔数');
    expect(lines[1]).toBe(`上云券合计,${id},CSV 上云券,100000.00,123.45,0.00,0.00,99876.55,1`);
    expect(lines[2]).toBe('市州,5106,德阳市,,123.45,0.00,0.00,,1');
    expect(lines).toContain('产业集群,equipment,装备制造,,123.45,0.00,0.00,,1');
    expect(lines).toContain('产业集群,other,其他,,0.00,0.00,0.00,,0');
    const chengduCsv = (await page(csv, `/official/vouchers/${id}/report.csv`, chengdu.cookie, { programmeId: id })) as Response;
    const chengduLines = (await chengduCsv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(chengduLines.filter((l) => l.startsWith('市州,'))).toEqual(['市州,5101,成都市,,0.00,0.00,0.00,,0']);
  });
});

describe('the SME’s order page', () => {
  it('offers the programmes it can use with what each takes off, applies one without JavaScript, and shows it', async () => {
    const p = await voucherParties(db(), { prefecture: '5106' });
    const usable = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '可用上云券', amountFen: 20_000, capPerOrderFen: 20_000 });
    makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '外市上云券', prefectureCodes: ['5101'] });
    makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '用完的上云券', budgetFen: 1 });
    const other = await voucherParties(db());
    const spent = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { name: '已满上云券', amountFen: 100, capPerOrderFen: 100, budgetFen: 100 });
    await applyVoucherApi(unpaidOrder(db(), other), { cookie: other.smeUser.cookie }, spent);

    const id = unpaidOrder(db(), p);
    const url = `/enterprise/orders/${id}`;
    const before = payloadOf(await page(smeOrder, url, p.smeUser.cookie, { orderId: id }));
    const names = before.vouchers.usable.map((v: { name: string }) => v.name);
    expect(names).toContain('可用上云券');
    expect(names).not.toContain('外市上云券');
    expect(names).not.toContain('已满上云券');
    expect(before.vouchers.usable.find((v: { id: string }) => v.id === usable)).toMatchObject({ subsidyFen: 20_000, kind: 'fixed' });
    expect(before.vouchers.current).toBeNull();

    const wrong = await submit(smeOrder, url, { intent: 'voucher', voucherProgrammeId: 'nope' }, p.smeUser.cookie, { orderId: id });
    expect(statusOf(wrong)).toBe(400);
    expect(payloadOf(wrong).result.error.voucherProgrammeId).toEqual(['vouchers.errors.programme_not_found']);
    const none = await submit(smeOrder, url, { intent: 'voucher' }, p.smeUser.cookie, { orderId: id });
    expect(payloadOf(none).result.error.voucherProgrammeId).toEqual(['vouchers.errors.choose']);

    const done = await submit(smeOrder, url, { intent: 'voucher', voucherProgrammeId: usable }, p.smeUser.cookie, { orderId: id });
    expect(statusOf(done)).toBe(302);
    const cookie = `${p.smeUser.cookie}; ${((done as Response).headers.get('Set-Cookie') ?? '').split(';')[0]}`;
    const after = payloadOf(await page(smeOrder, url, cookie, { orderId: id }));
    expect(after.flash).toBe('vouchers.done.applied');
    expect(after.order).toMatchObject({ subsidyFen: 20_000, payableFen: 78_000 });
    expect(after.vouchers.current).toEqual({ programmeId: usable, programmeName: '可用上云券', amountFen: 20_000, status: 'committed' });
    expect(after.vouchers.usable.map((v: { id: string }) => v.id)).not.toContain(usable);
    expect(after.history.at(-1)).toMatchObject({ action: 'voucher-apply', detail: { programmeName: '可用上云券' } });
  });

  it('after the deadline the order shows that its subsidy was withdrawn', async () => {
    const p = await voucherParties(db());
    const programmeId = makeProgramme(db(), { userId: provincial.id, scopePrefecture: null }, { confirmWithinDays: 2 });
    const id = unpaidOrder(db(), p);
    await applyVoucherApi(id, { cookie: p.smeUser.cookie }, programmeId);
    await post('payment-received', id, { cookie: p.providerUser.cookie }, { transferReference: 'TR-PAGE-01' });
    expect(expireVoucherClaims(db(), new Date(Date.now() + 3 * DAY_MS))).toBeGreaterThanOrEqual(1);
    expect(claimsOf(db(), id)[0]!.release_reason).toBe('expired');
    const shown = payloadOf(await page(smeOrder, `/enterprise/orders/${id}`, p.smeUser.cookie, { orderId: id }));
    expect(shown.vouchers.current).toMatchObject({ status: 'released', releaseReason: 'expired', confirmBy: dayInChina(2) });
    expect(shown.vouchers.usable).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('adds one provincial programme (once) that a small enterprise can use on an unpaid order', async () => {
    await createTestUser(db(), { role: 'official', prefecture: null, email: 'official@yunqiao.demo' });
    expect(seedDemoVouchers(db())).toEqual({ programmes: 1 });
    expect(seedDemoVouchers(db())).toEqual({ programmes: 0 });
    const p = await voucherParties(db(), { sizeClass: 'small' });
    const id = unpaidOrder(db(), p, 1_880_000);
    const shown = payloadOf(await page(smeOrder, `/enterprise/orders/${id}`, p.smeUser.cookie, { orderId: id }));
    // 30% of ¥18,800.00
    expect(shown.vouchers.usable).toContainEqual(expect.objectContaining({ name: DEMO_VOUCHER_NAME, scopePrefecture: null, subsidyFen: 564_000 }));
  });
});
