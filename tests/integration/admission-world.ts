// The oracle of admission-sql-agreement.test.ts: the adoption ledger as the domain rules say it
// should be, kept in memory beside the database. Every way in is applied here with the pure
// functions alone (app/domain/adoption-admission.ts, app/domain/adoption-counting.ts); the test
// then compares what the SQL (triggers, prepared statements, counter-verify, the campaign build,
// the counter's read side) made of the same operations.

import {
  admissionOf,
  fraudRefusals,
  markingCovers,
  moveGate,
  type Admission,
  type AdoptionSource,
  type LedgerMove,
  type MoveGate,
  type Parties,
  type Reporter,
} from '../../app/domain/adoption-admission';
import {
  attributeEnterprise,
  cellsOf,
  currentCampaign,
  eventStatus,
  onCloudAtStart,
  type ActionKind,
  type Attribution,
  type CampaignWindow,
  type EventStatus,
  type LedgerEvent,
} from '../../app/domain/adoption-counting';
import type { AdoptionLevel } from '../../app/domain/adoption-levels';

export interface WEnterprise {
  id: string;
  uscc: string;
  prefecture: string;
  industry: string;
  onCloud: boolean;
  flaggedAt: string | null;
  ownerUserId: string | null;
}

export interface WOffering {
  id: string;
  externalId: string;
  level: AdoptionLevel;
}

export interface WProvider {
  id: string;
  uscc: string;
  flaggedAt: string | null;
  offerings: WOffering[];
}

export interface WAction {
  kind: ActionKind;
  caseId: string | null;
}

export interface WEvent {
  id: string;
  /** Recording order as the oracle saw it; the test checks the ledger's seq sorts the same way. */
  order: number;
  enterpriseId: string;
  providerId: string | null;
  providerUscc: string | null;
  level: AdoptionLevel;
  occurredOn: string;
  source: AdoptionSource;
  actions: WAction[];
}

export interface WCase {
  id: string;
  type: 'enterprise' | 'provider';
  targetId: string;
  open: boolean;
}

export interface WCampaign extends CampaignWindow {
  id: string;
}

const FLAGGED_AT = '2026-12-01T00:00:00.000Z';

export class World {
  enterprises = new Map<string, WEnterprise>();
  enterpriseByUscc = new Map<string, WEnterprise>();
  providers = new Map<string, WProvider>();
  providerByUscc = new Map<string, WProvider>();
  events = new Map<string, WEvent>();
  eventsOf = new Map<string, WEvent[]>();
  cases = new Map<string, WCase>();
  campaigns: WCampaign[] = [];
  /** Prefecture report rows applied: uscc|level|occurred_on|provider_uscc. */
  reportKeys = new Set<string>();
  private recorded = 0;

  addEnterprise(e: WEnterprise) {
    this.enterprises.set(e.id, e);
    this.enterpriseByUscc.set(e.uscc, e);
  }

  addProvider(p: WProvider) {
    this.providers.set(p.id, p);
    this.providerByUscc.set(p.uscc, p);
  }

  status(e: WEvent): EventStatus {
    return eventStatus(e.actions.map((a) => a.kind));
  }

  /** The event's provider: by id, or registered under the USCC a report named. */
  providerOf(e: Pick<WEvent, 'providerId' | 'providerUscc'>): WProvider | null {
    if (e.providerId) return this.providers.get(e.providerId) ?? null;
    return e.providerUscc ? (this.providerByUscc.get(e.providerUscc) ?? null) : null;
  }

  partiesOf(enterprise: WEnterprise | null, provider: WProvider | null): Parties {
    return {
      enterprise: enterprise ? { fraudFlaggedAt: enterprise.flaggedAt } : null,
      provider: provider ? { fraudFlaggedAt: provider.flaggedAt } : null,
    };
  }

  admission(reporter: Reporter, enterprise: WEnterprise | null, provider: WProvider | null): Admission {
    return admissionOf(reporter, this.partiesOf(enterprise, provider));
  }

  /** Records an admitted event (the caller checked admission) with its verification when trusted. */
  addEvent(e: Omit<WEvent, 'actions' | 'order'>, admission: Extract<Admission, { ok: true }>): WEvent {
    const event: WEvent = {
      ...e,
      source: admission.source,
      order: ++this.recorded,
      actions: admission.verified ? [{ kind: 'verify', caseId: null }] : [],
    };
    this.events.set(event.id, event);
    const list = this.eventsOf.get(event.enterpriseId) ?? [];
    list.push(event);
    this.eventsOf.set(event.enterpriseId, list);
    return event;
  }

  /** A move through the gate; the action it allows is appended. */
  move(eventId: string, move: LedgerMove, caseId: string | null = null): MoveGate {
    const event = this.events.get(eventId)!;
    const gate = moveGate(move, {
      status: this.status(event),
      ...this.partiesOf(this.enterprises.get(event.enterpriseId)!, this.providerOf(event)),
    });
    if (gate.ok && gate.action) event.actions.push({ kind: gate.action, caseId });
    return gate;
  }

  mark(type: 'enterprise' | 'provider', targetId: string, caseId: string) {
    const target = type === 'enterprise' ? this.enterprises.get(targetId)! : this.providers.get(targetId)!;
    target.flaggedAt = FLAGGED_AT;
    this.cases.set(caseId, { id: caseId, type, targetId, open: true });
    for (const event of this.events.values()) {
      if (markingCovers({ type, id: target.id, uscc: target.uscc }, event))
        this.move(event.id, 'fraud-revoke', caseId);
    }
  }

  private lastRevocationCase(e: WEvent): string | null {
    const last = [...e.actions].reverse().find((a) => a.kind === 'revoke' || a.kind === 'reinstate');
    return last?.kind === 'revoke' ? last.caseId : null;
  }

  private openCaseOf(type: 'enterprise' | 'provider', targetId: string | null, except: string) {
    if (!targetId) return null;
    for (const c of this.cases.values())
      if (c.open && c.type === type && c.targetId === targetId && c.id !== except) return c.id;
    return null;
  }

  /** Lifting: the case's revocations come back, or pass to the other side's open case. */
  lift(caseId: string) {
    const fraudCase = this.cases.get(caseId)!;
    fraudCase.open = false;
    const target =
      fraudCase.type === 'enterprise'
        ? this.enterprises.get(fraudCase.targetId)!
        : this.providers.get(fraudCase.targetId)!;
    target.flaggedAt = null;
    for (const event of this.events.values()) {
      if (this.status(event) !== 'revoked' || this.lastRevocationCase(event) !== caseId) continue;
      const enterprise = this.enterprises.get(event.enterpriseId)!;
      const provider = this.providerOf(event);
      const parties = this.partiesOf(enterprise, provider);
      const gate = moveGate('reinstate', { status: 'revoked', ...parties });
      const other = gate.ok
        ? null
        : (fraudRefusals(parties)
            .map((r) =>
              r === 'enterprise-flagged'
                ? this.openCaseOf('enterprise', enterprise.id, caseId)
                : this.openCaseOf('provider', provider?.id ?? null, caseId),
            )
            .find((id) => id !== null) ?? null);
      event.actions.push(other ? { kind: 'revoke', caseId: other } : { kind: 'reinstate', caseId });
    }
  }

  ledgerOf(enterpriseId: string): LedgerEvent[] {
    return (this.eventsOf.get(enterpriseId) ?? []).map((e) => ({
      id: e.id,
      seq: e.order,
      level: e.level,
      occurredOn: e.occurredOn,
      status: this.status(e),
    }));
  }

  attribution(
    enterprise: WEnterprise,
    campaign: CampaignWindow,
    ledger = this.ledgerOf(enterprise.id),
  ): Attribution | null {
    return attributeEnterprise(
      {
        prefecture: enterprise.prefecture,
        industry: enterprise.industry,
        onCloudBeforeCampaign: enterprise.onCloud,
      },
      ledger,
      campaign,
    );
  }

  /** Whether a countable event dated before the start makes the enterprise already on the cloud. */
  verifiedBefore(enterprise: WEnterprise, campaign: CampaignWindow, ledger = this.ledgerOf(enterprise.id)) {
    return onCloudAtStart({ onCloudBeforeCampaign: false }, ledger, campaign);
  }

  campaignsInOrder(): WCampaign[] {
    return [...this.campaigns].sort((a, b) =>
      a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
  }

  /** The API's `countedIn`: campaigns counting the enterprise as new, by start. */
  countedIn(enterprise: WEnterprise, ledger = this.ledgerOf(enterprise.id)): string[] {
    return this.campaignsInOrder()
      .filter((c) => this.attribution(enterprise, c, ledger)?.kind === 'new')
      .map((c) => c.id);
  }

  current(today: string): string | null {
    return currentCampaign(this.campaigns, today)?.id ?? null;
  }

  /** Everything the counter should hold: counted rows by campaign|enterprise, and non-zero cells. */
  expectedCounter() {
    const counted = new Map<string, Attribution>();
    const cells = new Map<string, number>();
    for (const enterprise of this.enterprises.values()) {
      if (!this.eventsOf.has(enterprise.id)) continue;
      const ledger = this.ledgerOf(enterprise.id);
      for (const campaign of this.campaigns) {
        const a = this.attribution(enterprise, campaign, ledger);
        if (!a) continue;
        counted.set(`${campaign.id}|${enterprise.id}`, a);
        for (const c of cellsOf(a)) {
          const key = `${campaign.id}|${a.kind}|${c.scope}|${c.dim}|${c.key}`;
          cells.set(key, (cells.get(key) ?? 0) + 1);
        }
      }
    }
    return { counted, cells };
  }
}
