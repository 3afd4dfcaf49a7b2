// Who may put what into the adoption ledger, and with which status (formats/adoption-events.md,
// "The counting rule"; docs/decisions/0003-adoption-ledger-and-counter.md, "Fraud"). Pure: every
// way an event arrives or changes — the API and its batches, provider deployment reports, prefecture
// report files, Stripe payments, the enterprise's confirm/dispute, officials' decisions, refunds,
// fraud markings and their lifting — asks these functions and persists the answer. What counts once
// an event is in is the counting rule, ./adoption-counting.ts.
//
// SQL that restates one of these rules for speed (the fraud marking's "live events of a provider",
// the report check's provider lookup) is held to it by tests/integration/admission-sql-agreement.test.ts.

import type { ActionKind, EventStatus } from './adoption-counting';

/** The ledger's `source` column (db/schema.ts ADOPTION_SOURCE_VALUES; the agreement test pins both). */
export const ADOPTION_SOURCES = [
  'api',
  'provider-report',
  'prefecture-report',
  'official',
  'payment',
] as const;
export type AdoptionSource = (typeof ADOPTION_SOURCES)[number];

/**
 * The ways an event arrives. The API's `source` is one column for two reporters that the contract
 * treats differently: a prefecture office's key and a provider's key.
 */
export const REPORTERS = [
  'payment',
  'prefecture-key',
  'prefecture-report',
  'official',
  'provider-key',
  'provider-report',
] as const;
export type Reporter = (typeof REPORTERS)[number];

/** How an admitted event is written: its source, and whether it is verified on arrival. */
export interface Recording {
  source: AdoptionSource;
  verified: boolean;
}

/**
 * The trusted sources: an event "is verified when … an online payment for the offering succeeded
 * (Stripe webhook); … it came from a prefecture office's report or API key (officials' data is
 * trusted); or an official verified it by hand". A provider's word is not enough: "Events from a
 * provider key are pending until the enterprise confirms or an official verifies", and so are the
 * deployments a provider reports in its console or for an order.
 */
const RECORDINGS: Record<Reporter, Recording> = {
  payment: { source: 'payment', verified: true },
  'prefecture-key': { source: 'api', verified: true },
  'prefecture-report': { source: 'prefecture-report', verified: true },
  official: { source: 'official', verified: true },
  'provider-key': { source: 'api', verified: false },
  'provider-report': { source: 'provider-report', verified: false },
};

export function recordingOf(reporter: Reporter): Recording {
  return RECORDINGS[reporter];
}

/** The one fact about a party that admission reads: whether it is flagged for fraud (and since when). */
export interface Flaggable {
  fraudFlaggedAt: string | null;
}

/**
 * The two sides of an event. `enterprise` null: Yunqiao does not know the USCC yet (it is created
 * with the event, unflagged). `provider` null: the event names no provider registered on Yunqiao
 * (a prefecture key's event, a report row without provider_uscc or with an unregistered one).
 */
export interface Parties {
  enterprise: Flaggable | null;
  provider: Flaggable | null;
}

export type FraudRefusal = 'enterprise-flagged' | 'provider-flagged';

/**
 * The fraud gate (Jiangsu's rule, 星级上云: "fraud blacklists both the enterprise and its
 * provider"): nothing new is admitted or verified while either side of the event is flagged.
 * All refusals, the enterprise's first (the event's subject, then the other side).
 */
export function fraudRefusals(parties: Parties): FraudRefusal[] {
  const refusals: FraudRefusal[] = [];
  if (parties.enterprise?.fraudFlaggedAt) refusals.push('enterprise-flagged');
  if (parties.provider?.fraudFlaggedAt) refusals.push('provider-flagged');
  return refusals;
}

export type Admission =
  ({ ok: true } & Recording) | { ok: false; refusal: FraudRefusal; refusals: FraudRefusal[] };

/** Whether a new event from this reporter is admitted, and how it is recorded. */
export function admissionOf(reporter: Reporter, parties: Parties): Admission {
  const refusals = fraudRefusals(parties);
  if (refusals.length) return { ok: false, refusal: refusals[0]!, refusals };
  return { ok: true, ...recordingOf(reporter) };
}

/**
 * What may happen to an event already in the ledger, and who asks:
 * - confirm / dispute: the enterprise's own account answers a reported deployment;
 * - verify / revoke: an official decides (revoke also resolves a dispute for the enterprise);
 * - refund: a refunded order's event is withdrawn (formats/marketplace-api.md, "Orders");
 * - fraud-revoke: a fraud marking withdraws the target's live events;
 * - reinstate: lifting a marking brings back what it withdrew.
 */
export type LedgerMove =
  'confirm' | 'dispute' | 'verify' | 'revoke' | 'refund' | 'fraud-revoke' | 'reinstate';

/** The moves that verify an event or bring it back, and so pass the fraud gate. */
export type GatedMove = 'confirm' | 'verify' | 'reinstate';

export type MoveRefusal = FraudRefusal | 'not-pending' | 'already-revoked';

/**
 * The answer for one move: the action to append, null when the event is already where the move
 * would take it (nothing to write), or why it is refused.
 */
export type MoveGate = { ok: true; action: ActionKind | null } | { ok: false; refusal: MoveRefusal };

/**
 * The ledger's moves as rules on the event's status and its parties' fraud flags. The status
 * fold (eventStatus) makes a revocation final except for reinstate, so every move on a revoked
 * event other than reinstate is refused or is a no-op; a correction is a new event (the contract).
 */
export function moveGate(move: GatedMove, event: { status: EventStatus } & Parties): MoveGate;
export function moveGate(move: Exclude<LedgerMove, GatedMove>, event: { status: EventStatus }): MoveGate;
export function moveGate(move: LedgerMove, event: { status: EventStatus } & Parties): MoveGate;
export function moveGate(move: LedgerMove, event: { status: EventStatus } & Partial<Parties>): MoveGate {
  const { status } = event;
  const fraud = (action: ActionKind): MoveGate => {
    const [refusal] = fraudRefusals({
      enterprise: event.enterprise ?? null,
      provider: event.provider ?? null,
    });
    return refusal ? { ok: false, refusal } : { ok: true, action };
  };
  switch (move) {
    case 'confirm':
      // Confirming verifies: the fraud gate, as for a new verified event.
      return status === 'pending' ? fraud('confirm') : { ok: false, refusal: 'not-pending' };
    case 'dispute':
      // A dispute only sends the event to the officials' queue: no gate beyond its status.
      return status === 'pending' ? { ok: true, action: 'dispute' } : { ok: false, refusal: 'not-pending' };
    case 'verify':
      if (status === 'revoked') return { ok: false, refusal: 'already-revoked' };
      if (status === 'verified') return { ok: true, action: null };
      return fraud('verify');
    case 'revoke':
      return status === 'revoked'
        ? { ok: false, refusal: 'already-revoked' }
        : { ok: true, action: 'revoke' };
    case 'refund':
    case 'fraud-revoke':
      // Withdrawn already (by an official, another case): left as it is.
      return { ok: true, action: status === 'revoked' ? null : 'revoke' };
    case 'reinstate':
      // Only a revoked event comes back, and only when neither side is (still) flagged; otherwise
      // the caller hands the revocation over to the other side's open case.
      return status === 'revoked' ? fraud('reinstate') : { ok: true, action: null };
  }
}

/**
 * Whether a fraud marking of this target covers the event: the target is its enterprise, or its
 * provider — by id, or by the USCC a prefecture report named (registered on Yunqiao or not).
 */
export function markingCovers(
  target: { type: 'enterprise' | 'provider'; id: string; uscc: string },
  event: { enterpriseId: string; providerId: string | null; providerUscc: string | null },
): boolean {
  if (target.type === 'enterprise') return event.enterpriseId === target.id;
  return event.providerId === target.id || event.providerUscc === target.uscc;
}
