// Progress of a counting campaign against its target: the share reached, the straight-line
// target path (target spread evenly over the campaign's months — the plan sets a total for the
// period, not a monthly schedule) and the pace needed per month to reach the target by the end.
// Months are calendar months 'YYYY-MM'; dates are 'YYYY-MM-DD' (campaign bounds are inclusive).

export interface CampaignWindow {
  target: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  end: string;
}

export type CampaignPhase = 'upcoming' | 'running' | 'ended';

export interface CampaignPace {
  phase: CampaignPhase;
  /** total / target × 100, one decimal; may exceed 100. */
  percent: number;
  /** Enterprises still needed (0 once the target is reached). */
  remaining: number;
  reached: boolean;
  monthsTotal: number;
  /** Months of the campaign left, counting the current one (its remaining days still count). */
  monthsLeft: number;
  /** New enterprises needed per month from now to reach the target; null once the campaign has ended. */
  pacePerMonth: number | null;
  /** Where the straight-line path says the counter should stand at the end of the current month. */
  expectedByNow: number;
}

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return (y ?? 0) * 12 + ((m ?? 1) - 1);
}

function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The 'YYYY-MM' of a date or ISO timestamp. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every month from `from` to `to`, both included ('YYYY-MM'); empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(monthOf(from)); i <= monthIndex(monthOf(to)); i++) out.push(monthFromIndex(i));
  return out;
}

export function campaignMonths(campaign: Pick<CampaignWindow, 'start' | 'end'>): string[] {
  return monthsBetween(campaign.start, campaign.end);
}

/**
 * The months of the campaign that have begun by `today` (the whole campaign once it has ended,
 * none before it starts): the x-axis of the "so far" cumulative line.
 */
export function elapsedMonths(campaign: Pick<CampaignWindow, 'start' | 'end'>, today: string): string[] {
  const last = today < campaign.end ? today : campaign.end;
  return today < campaign.start ? [] : monthsBetween(campaign.start, last);
}

/** Cumulative straight-line target per month: month i of N reaches round(target × i / N); the last month reaches the target. */
export function targetPath(campaign: CampaignWindow): { month: string; target: number }[] {
  const months = campaignMonths(campaign);
  const n = months.length;
  return months.map((month, i) => ({ month, target: Math.round((campaign.target * (i + 1)) / n) }));
}

/**
 * Monthly counts as a gap-free cumulative series over `months` (months without a counted
 * enterprise get 0; counts outside `months` are ignored).
 */
export function cumulativeSeries(byMonth: readonly { month: string; count: number }[], months: readonly string[]) {
  const counts = new Map<string, number>();
  for (const row of byMonth) counts.set(row.month, (counts.get(row.month) ?? 0) + row.count);
  let cumulative = 0;
  return months.map((month) => {
    const count = counts.get(month) ?? 0;
    cumulative += count;
    return { month, count, cumulative };
  });
}

export function campaignPhase(campaign: Pick<CampaignWindow, 'start' | 'end'>, today: string): CampaignPhase {
  if (today < campaign.start) return 'upcoming';
  if (today > campaign.end) return 'ended';
  return 'running';
}

/** Progress of `total` against the campaign on `today` (YYYY-MM-DD, or an ISO timestamp). */
export function campaignPace(campaign: CampaignWindow, total: number, today: string): CampaignPace {
  const day = today.slice(0, 10);
  const phase = campaignPhase(campaign, day);
  const months = campaignMonths(campaign);
  const monthsTotal = months.length;
  const remaining = Math.max(0, campaign.target - total);
  const reached = remaining === 0;
  const percent = campaign.target > 0 ? Math.round((total / campaign.target) * 1000) / 10 : 100;

  let monthsLeft: number;
  if (phase === 'upcoming') monthsLeft = monthsTotal;
  else if (phase === 'ended') monthsLeft = 0;
  else monthsLeft = monthsBetween(day, campaign.end).length;

  const pacePerMonth = phase === 'ended' ? null : reached ? 0 : Math.ceil(remaining / Math.max(1, monthsLeft));

  const path = targetPath(campaign);
  const elapsed = monthsTotal - monthsLeft;
  // Running: the current month is not over, but the path is read at its end, where the plan expects us to be.
  const expectedIndex = phase === 'running' ? elapsed : phase === 'ended' ? monthsTotal - 1 : -1;
  const expectedByNow = expectedIndex >= 0 ? (path[expectedIndex]?.target ?? 0) : 0;

  return { phase, percent, remaining, reached, monthsTotal, monthsLeft, pacePerMonth, expectedByNow };
}

/** The first day (YYYY-MM-DD) of the month after `month` ('YYYY-MM'): "from next month on". */
export function nextMonthStart(month: string): string {
  return `${monthFromIndex(monthIndex(month) + 1)}-01`;
}
