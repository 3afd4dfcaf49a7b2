import { describe, expect, it } from 'vitest';
import {
  claimAmountFen,
  confirmByDate,
  isConfirmationLate,
  nominalSubsidyFen,
  programmePrefectures,
  voucherEligibility,
  voucherTotals,
  type VoucherRules,
} from './vouchers';

// Guizhou's caps as the issue quotes them: 5万 for a first claim, 3万 for later ones (in fen).
const rules: VoucherRules = {
  kind: 'fixed',
  amountFen: 2_000_000,
  percent: null,
  capPerOrderFen: 5_000_000,
  firstClaimCapFen: 5_000_000,
  laterClaimsCapFen: 3_000_000,
  eligibleLevels: [],
  eligibleSizeClasses: [],
  prefectureCodes: [],
  budgetFen: 100_000_000,
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
};
const percent = (p: number, capPerOrderFen = 5_000_000) => ({ ...rules, kind: 'percent' as const, amountFen: null, percent: p, capPerOrderFen });
const applicant = { level: 'saas', sizeClass: 'small', prefecture: '5106' };

describe('voucherEligibility', () => {
  it('holds on both ends of the validity window and not a day outside it', () => {
    expect(voucherEligibility(rules, applicant, '2026-01-01')).toEqual({ ok: true });
    expect(voucherEligibility(rules, applicant, '2026-12-31')).toEqual({ ok: true });
    expect(voucherEligibility(rules, applicant, '2025-12-31')).toEqual({ ok: false, reason: 'not_started' });
    expect(voucherEligibility(rules, applicant, '2027-01-01')).toEqual({ ok: false, reason: 'ended' });
  });

  it('an empty list allows any value; a list allows only what it names', () => {
    expect(voucherEligibility({ ...rules, prefectureCodes: ['5106', '5101'] }, applicant, '2026-06-01').ok).toBe(true);
    expect(voucherEligibility({ ...rules, prefectureCodes: ['5101'] }, applicant, '2026-06-01')).toEqual({ ok: false, reason: 'prefecture' });
    expect(voucherEligibility({ ...rules, eligibleSizeClasses: ['micro', 'small'] }, applicant, '2026-06-01').ok).toBe(true);
    expect(voucherEligibility({ ...rules, eligibleSizeClasses: ['micro'] }, applicant, '2026-06-01')).toEqual({ ok: false, reason: 'size_class' });
    expect(voucherEligibility({ ...rules, eligibleLevels: ['saas', 'paas'] }, applicant, '2026-06-01').ok).toBe(true);
    expect(voucherEligibility({ ...rules, eligibleLevels: ['iaas'] }, applicant, '2026-06-01')).toEqual({ ok: false, reason: 'level' });
  });

  it('an enterprise of unknown size is refused by a size list that does not name "unknown"', () => {
    const unknown = { ...applicant, sizeClass: 'unknown' };
    expect(voucherEligibility({ ...rules, eligibleSizeClasses: ['micro', 'small', 'medium'] }, unknown, '2026-06-01')).toEqual({ ok: false, reason: 'size_class' });
    expect(voucherEligibility(rules, unknown, '2026-06-01').ok).toBe(true);
  });
});

describe('nominalSubsidyFen', () => {
  it('a fixed amount, cut to the cap per order and to the order amount', () => {
    expect(nominalSubsidyFen(rules, 9_800_000)).toBe(2_000_000);
    expect(nominalSubsidyFen({ ...rules, capPerOrderFen: 1_500_000 }, 9_800_000)).toBe(1_500_000);
    expect(nominalSubsidyFen(rules, 98_000)).toBe(98_000);
    expect(nominalSubsidyFen(rules, 0)).toBe(0);
  });

  it('a percentage rounds down to the fen', () => {
    // 30% of ¥980.01 = 29,400.3 fen → 29,400; 33% of 1 fen = 0.33 → 0; 100% of 98,001 = 98,001.
    expect(nominalSubsidyFen(percent(30), 98_001)).toBe(29_400);
    expect(nominalSubsidyFen(percent(33), 1)).toBe(0);
    expect(nominalSubsidyFen(percent(100), 98_001)).toBe(98_001);
    expect(nominalSubsidyFen(percent(1), 99)).toBe(0);
    expect(nominalSubsidyFen(percent(1), 100)).toBe(1);
  });

  it('a percentage is capped per order: exactly at the cap, and one fen over it', () => {
    // 50% of 200,000 = 100,000 = the cap; 50% of 200,002 = 100,001 → 100,000.
    expect(nominalSubsidyFen(percent(50, 100_000), 200_000)).toBe(100_000);
    expect(nominalSubsidyFen(percent(50, 100_000), 200_002)).toBe(100_000);
    expect(nominalSubsidyFen(percent(50, 100_000), 199_998)).toBe(99_999);
  });
});

describe('claimAmountFen', () => {
  const claim = (r: Partial<VoucherRules>, orderAmountFen: number, enterpriseLiveClaimsFen: number[] = [], budgetUsedFen = 0) =>
    claimAmountFen({ ...rules, ...r }, { orderAmountFen, enterpriseLiveClaimsFen, budgetUsedFen });

  it('a first claim is capped by the first-claim cap', () => {
    expect(claim({ amountFen: 6_000_000, capPerOrderFen: 9_000_000 }, 20_000_000)).toEqual({ ok: true, amountFen: 5_000_000, first: true });
    expect(claim({ amountFen: 5_000_000 }, 20_000_000)).toEqual({ ok: true, amountFen: 5_000_000, first: true });
  });

  it('later claims share the later-claims cap, whatever the first claim took', () => {
    // First claim 5万 (full first cap); later: 2万, then 1万 fits exactly, then nothing is left.
    expect(claim({}, 20_000_000, [5_000_000])).toEqual({ ok: true, amountFen: 2_000_000, first: false });
    expect(claim({}, 20_000_000, [5_000_000, 2_000_000])).toEqual({ ok: true, amountFen: 1_000_000, first: false });
    expect(claim({}, 20_000_000, [5_000_000, 2_000_000, 1_000_000])).toEqual({ ok: false, reason: 'enterprise_cap_reached' });
    // One fen short of the later cap: one fen is granted.
    expect(claim({}, 20_000_000, [100, 2_999_999])).toEqual({ ok: true, amountFen: 1, first: false });
  });

  it('a later-claims cap of 0 allows one live claim per enterprise', () => {
    expect(claim({ laterClaimsCapFen: 0 }, 20_000_000, [])).toMatchObject({ ok: true, first: true });
    expect(claim({ laterClaimsCapFen: 0 }, 20_000_000, [2_000_000])).toEqual({ ok: false, reason: 'enterprise_cap_reached' });
  });

  it('the budget is never exceeded: the last of it is granted, then claims are refused', () => {
    expect(claim({ budgetFen: 10_000_000 }, 20_000_000, [], 8_000_000)).toEqual({ ok: true, amountFen: 2_000_000, first: true });
    expect(claim({ budgetFen: 10_000_000 }, 20_000_000, [], 9_500_000)).toEqual({ ok: true, amountFen: 500_000, first: true });
    expect(claim({ budgetFen: 10_000_000 }, 20_000_000, [], 10_000_000)).toEqual({ ok: false, reason: 'budget_exhausted' });
  });

  it('an order the programme pays nothing on is refused as such, before caps and budget', () => {
    expect(claim({ kind: 'percent', amountFen: null, percent: 10 }, 9, [], 100_000_000)).toEqual({ ok: false, reason: 'no_subsidy' });
    expect(claim({}, 0)).toEqual({ ok: false, reason: 'no_subsidy' });
  });

  it('the smallest of the per-order cap, the enterprise cap and the budget wins', () => {
    expect(claim({ kind: 'percent', amountFen: null, percent: 30, capPerOrderFen: 400_000 }, 2_000_000, [5_000_000, 2_700_000], 0)).toEqual({ ok: true, amountFen: 300_000, first: false });
    expect(claim({ kind: 'percent', amountFen: null, percent: 30, capPerOrderFen: 400_000 }, 2_000_000, [], 99_950_000)).toEqual({ ok: true, amountFen: 50_000, first: true });
  });
});

describe('confirmation deadline', () => {
  it('adds the days to the payment day across months, years and leap days', () => {
    expect(confirmByDate('2026-12-06', 30)).toBe('2027-01-05');
    expect(confirmByDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(confirmByDate('2027-02-28', 1)).toBe('2027-03-01');
    expect(confirmByDate('2026-06-01', 0)).toBe('2026-06-01');
  });

  it('the deadline day itself is still in time; the day after is late', () => {
    expect(isConfirmationLate('2027-01-05', '2027-01-05')).toBe(false);
    expect(isConfirmationLate('2027-01-05', '2027-01-06')).toBe(true);
    expect(isConfirmationLate(null, '2099-01-01')).toBe(false);
  });
});

describe('voucherTotals', () => {
  it('the remaining budget is the budget less committed and paid-out claims; released ones give back', () => {
    expect(
      voucherTotals(10_000, [
        { status: 'committed', fen: 3_000, claims: 2 },
        { status: 'paid_out', fen: 1_500, claims: 1 },
        { status: 'released', fen: 4_000, claims: 3 },
      ]),
    ).toEqual({ budgetFen: 10_000, committedFen: 3_000, paidOutFen: 1_500, releasedFen: 4_000, remainingFen: 5_500, claims: 6 });
    expect(voucherTotals(10_000, [])).toEqual({ budgetFen: 10_000, committedFen: 0, paidOutFen: 0, releasedFen: 0, remainingFen: 10_000, claims: 0 });
  });
});

describe('programme scope', () => {
  it('a prefecture programme covers exactly its prefecture; a provincial one what was chosen', () => {
    expect(programmePrefectures('5101', [])).toEqual({ ok: true, codes: ['5101'] });
    expect(programmePrefectures('5101', ['5101', '5101'])).toEqual({ ok: true, codes: ['5101'] });
    expect(programmePrefectures('5101', ['5106'])).toEqual({ ok: false });
    expect(programmePrefectures('5101', ['5101', '5106'])).toEqual({ ok: false });
    expect(programmePrefectures(null, ['5106', '5101'])).toEqual({ ok: true, codes: ['5101', '5106'] });
    expect(programmePrefectures(null, [])).toEqual({ ok: true, codes: [] });
  });
});
