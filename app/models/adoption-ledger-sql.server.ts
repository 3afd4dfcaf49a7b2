import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../db/client.server';
import type { ActionKind, Attribution, LedgerEvent } from '~/domain/adoption-counting';
import { prepared } from './prepared.server';

// The SQL of the ledger's hot paths (adoption-ledger.server.ts), prepared once per connection,
// with positional parameters (binding is cheaper than named ones at 100,000 rows).

export interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  prefecture: string;
  industry: string;
  employees: number | null;
  revenueWan: number | null;
  onCloud: number;
  fraudFlaggedAt: string | null;
}

type CountedRow = Attribution & { campaignId: string };
type Campaign = { id: string; startsOn: string; endsOn: string };

function build(sqlite: BetterSqlite3.Database) {
  return {
    enterpriseByUscc: sqlite.prepare<[string], EnterpriseRow>(
      `SELECT id, uscc, name, prefecture, industry, employees, revenue_wan AS revenueWan,
              on_cloud_before_campaign AS onCloud, fraud_flagged_at AS fraudFlaggedAt
       FROM enterprises WHERE uscc = ?`,
    ),
    enterpriseFacts: sqlite.prepare<[string], { prefecture: string; industry: string; onCloud: number }>(
      'SELECT prefecture, industry, on_cloud_before_campaign AS onCloud FROM enterprises WHERE id = ?',
    ),
    /** id, uscc, name, prefecture, industry, employees, revenue_wan, size_class */
    insertEnterprise: sqlite.prepare<
      [string, string, string, string, string, number | null, number | null, string]
    >(
      `INSERT INTO enterprises (id, uscc, name, prefecture, industry, employees, revenue_wan, size_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    /** employees, revenue_wan, size_class, updated_at, id */
    updateEnterpriseSize: sqlite.prepare<[number | null, number | null, string, string, string]>(
      'UPDATE enterprises SET employees = ?, revenue_wan = ?, size_class = ?, updated_at = ? WHERE id = ?',
    ),
    insertEvent: sqlite.prepare<
      [
        string,
        string,
        string | null,
        string | null,
        string | null,
        string | null,
        string,
        string,
        string,
        string | null,
        string | null,
        string | null,
        string,
      ]
    >(
      `INSERT INTO adoption_events (id, enterprise_id, provider_id, offering_id, offering_external_id, provider_uscc,
         level, occurred_at, source, note, api_key_id, recorded_by_user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    /** event_id, kind, actor_user_id, api_key_id, fraud_case_id, reason, created_at */
    insertAction: sqlite.prepare<
      [string, ActionKind, string | null, string | null, string | null, string | null, string]
    >(
      `INSERT INTO adoption_event_actions (event_id, kind, actor_user_id, api_key_id, fraud_case_id, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    actionsOf: sqlite.prepare<[string], { kind: ActionKind }>(
      'SELECT kind FROM adoption_event_actions WHERE event_id = ? ORDER BY seq',
    ),
    /** event_id, enterprise_id, status, updated_at */
    insertState: sqlite.prepare<[string, string, string, string]>(
      'INSERT INTO adoption_event_states (event_id, enterprise_id, status, updated_at) VALUES (?, ?, ?, ?)',
    ),
    /** status, updated_at, event_id */
    updateState: sqlite.prepare<[string, string, string]>(
      'UPDATE adoption_event_states SET status = ?, updated_at = ? WHERE event_id = ?',
    ),
    eventEnterprise: sqlite.prepare<[string], { enterpriseId: string }>(
      'SELECT enterprise_id AS enterpriseId FROM adoption_events WHERE id = ?',
    ),
    ledgerOf: sqlite.prepare<[string], LedgerEvent>(
      `SELECT e.id, e.seq, e.level, e.occurred_at AS occurredOn, s.status
       FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id
       WHERE e.enterprise_id = ?`,
    ),
    /**
     * Whether the enterprise has a countable event dated before a day: on the cloud at a campaign's
     * start. Restates isCountable/onCloudAtStart (adoption-counting.ts); admission-sql-agreement.test.ts.
     */
    verifiedBefore: sqlite.prepare<[string, string], { n: number }>(
      `SELECT 1 AS n FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id
       WHERE e.enterprise_id = ? AND e.occurred_at < ? AND s.status = 'verified' LIMIT 1`,
    ),
    campaigns: sqlite.prepare<[], Campaign>(
      'SELECT id, starts_on AS startsOn, ends_on AS endsOn FROM campaigns ORDER BY starts_on, id',
    ),
    countedOf: sqlite.prepare<[string], CountedRow>(
      `SELECT campaign_id AS campaignId, kind, first_event_id AS firstEventId, level, month, occurred_on AS occurredOn, prefecture, industry
       FROM adoption_counted WHERE enterprise_id = ?`,
    ),
    /** kind, first_event_id, level, month, occurred_on, prefecture, industry, campaign_id, enterprise_id */
    insertCounted: sqlite.prepare<[string, string, string, string, string, string, string, string, string]>(
      `INSERT INTO adoption_counted (kind, first_event_id, level, month, occurred_on, prefecture, industry, campaign_id, enterprise_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateCounted: sqlite.prepare<[string, string, string, string, string, string, string, string, string]>(
      `UPDATE adoption_counted SET kind = ?, first_event_id = ?, level = ?, month = ?, occurred_on = ?, prefecture = ?, industry = ?
       WHERE campaign_id = ? AND enterprise_id = ?`,
    ),
    deleteCounted: sqlite.prepare<[string, string]>(
      'DELETE FROM adoption_counted WHERE campaign_id = ? AND enterprise_id = ?',
    ),
    addToCell: sqlite.prepare<[string, string, string, string, string, number]>(
      `INSERT INTO counter_cells (campaign_id, kind, scope, dim, key, count) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (campaign_id, kind, scope, dim, key) DO UPDATE SET count = count + excluded.count`,
    ),
    /** The API's `countedIn`: campaigns counting the enterprise as new, in order of their start. */
    campaignsCountingNew: sqlite.prepare<[string], { campaignId: string }>(
      `SELECT c.campaign_id AS campaignId FROM adoption_counted c JOIN campaigns k ON k.id = c.campaign_id
       WHERE c.enterprise_id = ? AND c.kind = 'new' ORDER BY k.starts_on, k.id`,
    ),
  };
}

export function ledgerSql(db: Db) {
  return prepared(db, 'adoption-ledger', build);
}

/** The counted-row columns in insertCounted/updateCounted order, after kind … industry. */
export function countedParams(campaignId: string, enterpriseId: string, a: Attribution) {
  return [
    a.kind,
    a.firstEventId,
    a.level,
    a.month,
    a.occurredOn,
    a.prefecture,
    a.industry,
    campaignId,
    enterpriseId,
  ] as [string, string, string, string, string, string, string, string, string];
}
