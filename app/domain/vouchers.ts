// Cloud vouchers (上云券): who may use a programme, how much it pays on one order, and what is left
// of the caps and the budget. Pure; app/models/vouchers.server.ts applies these inside an immediate
// transaction that sums the live claims, so two processes cannot both spend the last of a budget.
//
// Our reading of the issue (README, "Cloud vouchers"): neighbouring campaigns cap a voucher per
// enterprise for its first claim and, more tightly, for later ones (Guizhou: 5万 for a first claim,
// 3万 for later ones). Here an enterprise's FIRST live claim in a programme is capped by
// firstClaimCapFen, and all its LATER live claims in that programme together by laterClaimsCapFen;
// a released claim (cancelled, refunded, expired, replaced) counts for neither, so after a released
// first claim the next one is a first claim again. Every claim is also capped by capPerOrderFen and
// never exceeds the order's amount.

export const VOUCHER_KINDS = ['fixed', 'percent'] as const;
export type VoucherKind = (typeof VOUCHER_KINDS)[number];

export const VOUCHER_CLAIM_STATUSES = ['committed', 'paid_out', 'released'] as const;
export type VoucherClaimStatus = (typeof VOUCHER_CLAIM_STATUSES)[number];

export const RELEASE_REASONS = ['cancelled', 'refunded', 'expired', 'replaced'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** What a programme promises (amounts in fen). An empty eligibility list means "any". */
export interface VoucherRules {
  kind: VoucherKind;
  /** kind 'fixed': the subsidy per order in fen. */
  amountFen: number | null;
  /** kind 'percent': whole percent 1–100 of the order amount. */
  percent: number | null;
  capPerOrderFen: number;
  firstClaimCapFen: number;
  laterClaimsCapFen: number;
  eligibleLevels: readonly string[];
  eligibleSizeClasses: readonly string[];
  prefectureCodes: readonly string[];
  budgetFen: number;
  /** Inclusive, YYYY-MM-DD in China time. */
  validFrom: string;
  validUntil: string;
}

/** The order as eligibility sees it: its offering's level, its enterprise's size class and 市州. */
export interface VoucherApplicant {
  level: string;
  sizeClass: string;
  prefecture: string;
}

export const INELIGIBILITY_REASONS = ['not_started', 'ended', 'prefecture', 'size_class', 'level'] as const;
export type Ineligibility = (typeof INELIGIBILITY_REASONS)[number];

/**
 * Whether the programme covers this order today (China date, YYYY-MM-DD): inside its validity
 * window (both ends inclusive), and its prefecture, size class and level lists (empty = any).
 */
export function voucherEligibility(
  rules: Pick<VoucherRules, 'validFrom' | 'validUntil' | 'prefectureCodes' | 'eligibleSizeClasses' | 'eligibleLevels'>,
  applicant: VoucherApplicant,
  today: string,
): { ok: true } | { ok: false; reason: Ineligibility } {
  if (today < rules.validFrom) return { ok: false, reason: 'not_started' };
  if (today > rules.validUntil) return { ok: false, reason: 'ended' };
  const allows = (list: readonly string[], value: string) => list.length === 0 || list.includes(value);
  if (!allows(rules.prefectureCodes, applicant.prefecture)) return { ok: false, reason: 'prefecture' };
  if (!allows(rules.eligibleSizeClasses, applicant.sizeClass)) return { ok: false, reason: 'size_class' };
  if (!allows(rules.eligibleLevels, applicant.level)) return { ok: false, reason: 'level' };
  return { ok: true };
}

/**
 * The subsidy the programme pays on an order of `orderAmountFen`, before the enterprise's caps and
 * the budget: the fixed amount, or the percentage rounded down to the fen; never more than the cap
 * per order or the order's amount.
 */
export function nominalSubsidyFen(
  rules: Pick<VoucherRules, 'kind' | 'amountFen' | 'percent' | 'capPerOrderFen'>,
  orderAmountFen: number,
): number {
  const raw =
    rules.kind === 'fixed'
      ? (rules.amountFen ?? 0)
      : // Integers all the way: amount × percent stays far below 2^53 for any real order.
        Math.floor((orderAmountFen * (rules.percent ?? 0)) / 100);
  return Math.max(0, Math.min(raw, rules.capPerOrderFen, orderAmountFen));
}

export const CLAIM_REFUSALS = ['no_subsidy', 'enterprise_cap_reached', 'budget_exhausted'] as const;
export type ClaimRefusal = (typeof CLAIM_REFUSALS)[number];

export type ClaimAmount = { ok: true; amountFen: number; first: boolean } | { ok: false; reason: ClaimRefusal };

/**
 * How much a new claim is worth: the nominal subsidy, cut to what the enterprise's cap and the
 * programme's budget still allow (a claim may be partial: the last of a budget is granted, not
 * refused). `enterpriseLiveClaimsFen` are the enterprise's live claims in this programme, oldest
 * first (the first of them is its first claim); `budgetUsedFen` is every live claim's amount.
 */
export function claimAmountFen(
  rules: Pick<VoucherRules, 'kind' | 'amountFen' | 'percent' | 'capPerOrderFen' | 'firstClaimCapFen' | 'laterClaimsCapFen' | 'budgetFen'>,
  input: { orderAmountFen: number; enterpriseLiveClaimsFen: readonly number[]; budgetUsedFen: number },
): ClaimAmount {
  const nominal = nominalSubsidyFen(rules, input.orderAmountFen);
  if (nominal <= 0) return { ok: false, reason: 'no_subsidy' };
  const first = input.enterpriseLiveClaimsFen.length === 0;
  const later = input.enterpriseLiveClaimsFen.slice(1).reduce((sum, fen) => sum + fen, 0);
  const capLeft = first ? rules.firstClaimCapFen : rules.laterClaimsCapFen - later;
  if (capLeft <= 0) return { ok: false, reason: 'enterprise_cap_reached' };
  const budgetLeft = rules.budgetFen - input.budgetUsedFen;
  if (budgetLeft <= 0) return { ok: false, reason: 'budget_exhausted' };
  return { ok: true, amountFen: Math.min(nominal, capLeft, budgetLeft), first };
}

/** The day by which a paid order must be confirmed: the payment day (China) + the programme's days. */
export function confirmByDate(paidOn: string, confirmWithinDays: number): string {
  const [y, m, d] = paidOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + confirmWithinDays)).toISOString().slice(0, 10);
}

/** A committed claim whose confirmation day has passed (the day itself still counts as in time). */
export function isConfirmationLate(confirmBy: string | null, today: string): boolean {
  return confirmBy !== null && today > confirmBy;
}

/** Money of a programme by claim status, and what is left of the budget. */
export interface VoucherTotals {
  budgetFen: number;
  committedFen: number;
  paidOutFen: number;
  releasedFen: number;
  remainingFen: number;
  claims: number;
}

/** Totals from per-status sums; the remaining budget is what neither committed nor paid-out claims hold. */
export function voucherTotals(
  budgetFen: number,
  sums: readonly { status: VoucherClaimStatus; fen: number; claims: number }[],
): VoucherTotals {
  const of = (s: VoucherClaimStatus) => sums.filter((x) => x.status === s).reduce((n, x) => n + x.fen, 0);
  const committedFen = of('committed');
  const paidOutFen = of('paid_out');
  return {
    budgetFen,
    committedFen,
    paidOutFen,
    releasedFen: of('released'),
    remainingFen: budgetFen - committedFen - paidOutFen,
    claims: sums.reduce((n, x) => n + x.claims, 0),
  };
}

/**
 * The prefecture list a programme is saved with: a prefecture official's programme covers exactly
 * its prefecture (an empty choice means that); any other prefecture is refused.
 */
export function programmePrefectures(
  officialScope: string | null,
  chosen: readonly string[],
): { ok: true; codes: string[] } | { ok: false } {
  const codes = [...new Set(chosen)].sort();
  if (officialScope === null) return { ok: true, codes };
  if (codes.length === 0 || (codes.length === 1 && codes[0] === officialScope)) return { ok: true, codes: [officialScope] };
  return { ok: false };
}
