// The provincial counter's rule (formats/adoption-events.md, "The counting rule"), pure:
// the models feed it an enterprise's ledger and store what it answers; counter:verify feeds
// it the whole ledger and compares. Nothing here reads a clock or a database.
//
// The ledger is append-only: an event is never edited, and what happens to it afterwards
// (verified, confirmed, disputed, revoked, reinstated) is a list of actions in recording order.

import type { AdoptionLevel } from './adoption-levels';

export const ACTION_KINDS = ['verify', 'confirm', 'dispute', 'revoke', 'reinstate'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export type EventStatus = 'pending' | 'verified' | 'disputed' | 'revoked';

/**
 * The status of an event after its actions, taken in recording order.
 * - verify (an official, a trusted source) and confirm (the enterprise's own account) verify it;
 * - dispute (the enterprise) sends an unverified event to the officials' queue;
 * - revoke withdraws it; only reinstate (lifting a fraud marking) brings it back. A verify after
 *   a revoke changes nothing: the contract's correction is a new event, not a revived one.
 */
export function eventStatus(actions: readonly ActionKind[]): EventStatus {
  let verified = false;
  let disputed = false;
  let revoked = false;
  for (const kind of actions) {
    switch (kind) {
      case 'verify':
      case 'confirm':
        if (!revoked) {
          verified = true;
          disputed = false;
        }
        break;
      case 'dispute':
        if (!revoked && !verified) disputed = true;
        break;
      case 'revoke':
        revoked = true;
        break;
      case 'reinstate':
        revoked = false;
        break;
    }
  }
  if (revoked) return 'revoked';
  if (verified) return 'verified';
  return disputed ? 'disputed' : 'pending';
}

/**
 * What counts: a verified, unrevoked event ("Unverified events are visible as 'pending' but do not
 * count"; "Revoking the only verified event of an enterprise removes it from the counter"). The
 * status fold above already makes a revocation win over any verification, so this is one status.
 * SQL restates it as `status = 'verified'` (adoption-ledger-sql.server.ts, migration 0013's
 * trigger); tests/integration/admission-sql-agreement.test.ts proves both agree.
 */
export function isCountable(event: Pick<LedgerEvent, 'status'>): boolean {
  return event.status === 'verified';
}

export interface CampaignWindow {
  /** Inclusive, YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
}

/** ISO dates compare as strings, so no parsing is needed. */
export function inWindow(date: string, window: CampaignWindow): boolean {
  return date >= window.startsOn && date <= window.endsOn;
}

export interface LedgerEvent {
  id: string;
  /** Recording order (the ledger's sequence number): the tie-break between two events of one day. */
  seq: number;
  level: AdoptionLevel;
  /** YYYY-MM-DD. */
  occurredOn: string;
  status: EventStatus;
}

/**
 * The event an enterprise is attributed by: its FIRST verified, unrevoked event inside the window,
 * by date and, for two events of the same day, the one recorded first (lower seq). Recording
 * order — not the random id — keeps the answer stable and explainable ("the earlier report wins").
 */
export function firstCountingEvent<E extends LedgerEvent>(
  events: readonly E[],
  window: CampaignWindow,
): E | null {
  let best: E | null = null;
  for (const e of events) {
    if (!isCountable(e) || !inWindow(e.occurredOn, window)) continue;
    if (!best || e.occurredOn < best.occurredOn || (e.occurredOn === best.occurredOn && e.seq < best.seq))
      best = e;
  }
  return best;
}

export type CountKind = 'new' | 'deepening';

export interface EnterpriseFacts {
  prefecture: string;
  /** GB/T 4754 division code (or 门类 letter); the cluster is derived from it per taxonomy at read time. */
  industry: string;
  onCloudBeforeCampaign: boolean;
}

export interface Attribution {
  /** 'new' counts toward the target; 'deepening' (already on the cloud at the start) is shown apart. */
  kind: CountKind;
  firstEventId: string;
  level: AdoptionLevel;
  /** YYYY-MM of the first event. */
  month: string;
  occurredOn: string;
  prefecture: string;
  industry: string;
}

/**
 * Whether the enterprise was already on the cloud when the campaign started
 * (formats/adoption-events.md, "Several campaigns"): marked so by the baseline survey, or with a
 * verified, unrevoked event dated before the start — for the first campaign too. Such an
 * enterprise is deepening in that campaign, never new.
 */
export function onCloudAtStart(
  enterprise: Pick<EnterpriseFacts, 'onCloudBeforeCampaign'>,
  events: readonly Pick<LedgerEvent, 'occurredOn' | 'status'>[],
  window: CampaignWindow,
): boolean {
  if (enterprise.onCloudBeforeCampaign) return true;
  return events.some((e) => isCountable(e) && e.occurredOn < window.startsOn);
}

/** How one enterprise counts in one campaign, or null when it does not count there at all. */
export function attributeEnterprise(
  enterprise: EnterpriseFacts,
  events: readonly LedgerEvent[],
  window: CampaignWindow,
): Attribution | null {
  const first = firstCountingEvent(events, window);
  if (!first) return null;
  return attribution(onCloudAtStart(enterprise, events, window) ? 'deepening' : 'new', enterprise, first);
}

function attribution(
  kind: CountKind,
  enterprise: Pick<EnterpriseFacts, 'prefecture' | 'industry'>,
  first: Pick<LedgerEvent, 'id' | 'level' | 'occurredOn'>,
): Attribution {
  return {
    kind,
    firstEventId: first.id,
    level: first.level,
    month: first.occurredOn.slice(0, 7),
    occurredOn: first.occurredOn,
    prefecture: enterprise.prefecture,
    industry: enterprise.industry,
  };
}

/**
 * The attribution after one more verified event, from the current attribution alone: first-event-
 * wins changes only when the new event is inside the window and earlier than the current first
 * event (the new event is the latest recorded, so it loses a tie on the same day), and an event
 * dated before the start turns a 'new' enterprise into 'deepening'. Only when the enterprise starts
 * counting does its kind need its other events: `verifiedBeforeStart` is asked then, and only then
 * (the caller answers from the ledger, or knows the enterprise was just created). Equal to
 * attributeEnterprise over all events (tested). Returns `current` itself when nothing changes.
 */
export function attributeWithNewEvent(
  current: Attribution | null,
  enterprise: EnterpriseFacts,
  event: Pick<LedgerEvent, 'id' | 'level' | 'occurredOn'>,
  window: CampaignWindow,
  verifiedBeforeStart: () => boolean,
): Attribution | null {
  if (event.occurredOn < window.startsOn)
    return current?.kind === 'new' ? { ...current, kind: 'deepening' } : current;
  if (!inWindow(event.occurredOn, window)) return current;
  if (current) return current.occurredOn <= event.occurredOn ? current : attribution(current.kind, enterprise, event);
  const before = enterprise.onCloudBeforeCampaign || verifiedBeforeStart();
  return attribution(before ? 'deepening' : 'new', enterprise, event);
}

/**
 * The campaign pages and `/api/counter` show without a `campaign` parameter, and the API's
 * `counted` refers to: "the latest whose start is not in the future"; of two starting the same
 * day, the first by id; before any has started, the first. `today` is China's date
 * (adoption-dates.ts todayInChina).
 */
export function currentCampaign<C extends { id: string; startsOn: string }>(
  campaigns: readonly C[],
  today: string,
): C | null {
  const byStart = [...campaigns].sort((a, b) =>
    a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  let current: C | null = null;
  // Two campaigns starting the same day: the first by id.
  for (const c of byStart) {
    if (c.startsOn <= today && (!current || c.startsOn > current.startsOn)) current = c;
  }
  return current ?? byStart[0] ?? null;
}

/** Every month of a window, YYYY-MM, in order: the by-month series lists them all, with 0s. */
export function monthsOfWindow(window: CampaignWindow): string[] {
  const months: string[] = [];
  let year = Number(window.startsOn.slice(0, 4));
  let month = Number(window.startsOn.slice(5, 7));
  const last = window.endsOn.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * The aggregate cells one attribution contributes to: for the province ('*') and for its
 * prefecture, the total and one cell per dimension; the prefecture × industry × month cell feeds
 * the open-data table. db triggers do the same sums (see the counter migration); counter:verify
 * uses this function to recompute them from scratch.
 */
export function cellsOf(
  a: Pick<Attribution, 'prefecture' | 'industry' | 'level' | 'month'>,
): { scope: string; dim: CellDim; key: string }[] {
  const cells: { scope: string; dim: CellDim; key: string }[] = [];
  for (const scope of ['*', a.prefecture]) {
    cells.push({ scope, dim: 'total', key: '' });
    cells.push({ scope, dim: 'prefecture', key: a.prefecture });
    cells.push({ scope, dim: 'industry', key: a.industry });
    cells.push({ scope, dim: 'level', key: a.level });
    cells.push({ scope, dim: 'month', key: a.month });
  }
  cells.push({ scope: a.prefecture, dim: 'industry-month', key: `${a.industry}|${a.month}` });
  return cells;
}

export type CellDim = 'total' | 'prefecture' | 'industry' | 'level' | 'month' | 'industry-month';
