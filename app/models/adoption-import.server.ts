import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { adoptionReportUploads } from '../../db/schema';
import { admissionOf, recordingOf, type FraudRefusal } from '~/domain/adoption-admission';
import { parseReportDate, todayInChina } from '~/domain/adoption-dates';
import { parseAdoptionLevel, type AdoptionLevel } from '~/domain/adoption-levels';
import { isIndustryCode } from '~/domain/industries';
import { isPrefectureCode } from '~/domain/prefectures';
import { parseUscc } from '~/domain/uscc';
import { newId } from '~/utils/ids';
import {
  appendEvent,
  ensureEnterprise,
  ledgerTransaction,
  refusalMessage,
  type EnterpriseRow,
} from './adoption-ledger.server';
import { ledgerSql } from './adoption-ledger-sql.server';
import { readReportFile, type ReportRecord, type RowError } from './adoption-report-file.server';
import { writeAudit } from './audit.server';

export type { RowError } from './adoption-report-file.server';

// Prefecture reports: the whole file is checked first and every bad row is reported with its
// line number; only a file without a single bad row is applied. Check and apply run in one
// transaction, so what the check found (rows already applied, the enterprises it read) still holds
// when the rows are written. Rows are keyed by uscc + level + occurred_on + provider_uscc, so
// uploading the same file again adds nothing.

export interface ReportRow {
  line: number;
  uscc: string;
  enterpriseName: string;
  prefecture: string;
  industry: string;
  employees: number | null;
  revenueWan: number | null;
  level: AdoptionLevel;
  /** '' when the report names no provider. */
  providerUscc: string;
  occurredOn: string;
}

/** A row to add, with its enterprise as the check read it (null: Yunqiao does not know it yet). */
export interface CheckedRow extends ReportRow {
  known: EnterpriseRow | null;
}

export type ImportOutcome =
  | { ok: true; uploadId: string; encoding: string; rows: number; added: number; unchanged: number }
  | { ok: false; errors: RowError[] };

export type Progress = (phase: 'check' | 'apply', done: number, total: number) => void;

function nonNegative(text: string, integer: boolean): number | null | 'bad' {
  if (text === '') return null;
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) return 'bad';
  return n;
}

/** Format checks of one record (no database): a row, or the errors of its cells. */
export function checkRecord(
  record: ReportRecord,
  scope: string | null,
  today: string,
): ReportRow | RowError[] {
  const { cells, line } = record;
  const errors: RowError[] = [];
  const bad = (column: RowError['column'], message: string) => errors.push({ line, column, message });

  const uscc = parseUscc(cells.uscc);
  if (!uscc.ok) bad('uscc', `uscc.${uscc.error}`);
  if (!cells.enterprise_name) bad('enterprise_name', 'errors.required');
  else if (cells.enterprise_name.length > 100) bad('enterprise_name', 'errors.tooLong|max=100');
  if (!isPrefectureCode(cells.prefecture)) bad('prefecture', 'adoption.import.badPrefecture');
  else if (scope && cells.prefecture !== scope) bad('prefecture', 'adoption.import.otherPrefecture');
  // Excel drops the leading zero of divisions 06–09 when a column is numeric.
  const industry = /^\d$/.test(cells.industry) ? `0${cells.industry}` : cells.industry.toUpperCase();
  if (!isIndustryCode(industry)) bad('industry', 'adoption.import.badIndustry');
  const employees = nonNegative(cells.employees, true);
  if (employees === 'bad') bad('employees', 'adoption.import.badEmployees');
  const revenueWan = nonNegative(cells.revenue_wan, false);
  if (revenueWan === 'bad') bad('revenue_wan', 'adoption.import.badRevenue');
  const level = parseAdoptionLevel(cells.level);
  if (!level) bad('level', 'adoption.import.badLevel');
  let providerUscc = '';
  if (cells.provider_uscc) {
    const p = parseUscc(cells.provider_uscc);
    if (p.ok) providerUscc = p.value;
    else bad('provider_uscc', `uscc.${p.error}`);
  }
  const occurredOn = parseReportDate(cells.occurred_on);
  if (!occurredOn) bad('occurred_on', 'adoption.import.badDate');
  else if (occurredOn > today) bad('occurred_on', 'adoption.errors.futureDate');

  if (errors.length || !uscc.ok || !level || !occurredOn || employees === 'bad' || revenueWan === 'bad')
    return errors;
  return {
    line,
    uscc: uscc.value,
    enterpriseName: cells.enterprise_name,
    prefecture: cells.prefecture,
    industry,
    employees,
    revenueWan,
    level,
    providerUscc,
    occurredOn,
  };
}

/** The column a fraud refusal of a report row is shown at. */
const FRAUD_COLUMN: Record<FraudRefusal, RowError['column']> = {
  'enterprise-flagged': 'uscc',
  'provider-flagged': 'provider_uscc',
};

function rowKey(r: Pick<ReportRow, 'uscc' | 'level' | 'occurredOn' | 'providerUscc'>) {
  return `${r.uscc}|${r.level}|${r.occurredOn}|${r.providerUscc}`;
}

/**
 * Checks a whole report against the format and the database (registered prefecture, fraud
 * markings, rows already applied). Returns the rows to add, in USCC order, or every error found.
 */
export function checkReport(db: Db, records: ReportRecord[], scope: string | null, onProgress?: Progress) {
  const sqlite = db.$client;
  const { enterpriseByUscc } = ledgerSql(db);
  // A row's provider, when its USCC is registered on Yunqiao (markingCovers: a marking of that
  // provider covers the row's event by USCC too).
  const providerByUscc = sqlite.prepare<[string], { fraudFlaggedAt: string | null }>(
    'SELECT fraud_flagged_at AS fraudFlaggedAt FROM providers WHERE uscc = ?',
  );
  const applied = sqlite.prepare<[string, string, string, string], { n: number }>(
    'SELECT 1 AS n FROM adoption_report_rows WHERE uscc = ? AND level = ? AND occurred_on = ? AND provider_uscc = ?',
  );
  const today = todayInChina(new Date());
  const errors: RowError[] = [];
  const toAdd: CheckedRow[] = [];
  const seen = new Set<string>();
  let lastUscc = '';
  let known: EnterpriseRow | null = null;
  let unchanged = 0;
  // Looked up in USCC order (a stable sort: same-USCC rows keep their file order), so the indexes
  // are read page by page; errors are put back in line order below.
  const byUscc = [...records].sort((a, b) =>
    a.cells.uscc < b.cells.uscc ? -1 : a.cells.uscc > b.cells.uscc ? 1 : 0,
  );
  byUscc.forEach((record, i) => {
    if (onProgress && i % 1000 === 0) onProgress('check', i, records.length);
    const checked = checkRecord(record, scope, today);
    if (Array.isArray(checked)) {
      errors.push(...checked);
      return;
    }
    // One lookup per enterprise: its rows are adjacent in USCC order.
    if (checked.uscc !== lastUscc) {
      known = enterpriseByUscc.get(checked.uscc) ?? null;
      lastUscc = checked.uscc;
    }
    const key = rowKey(checked);
    // A row of an enterprise Yunqiao does not know yet cannot have been applied before.
    if (
      seen.has(key) ||
      (known && applied.get(checked.uscc, checked.level, checked.occurredOn, checked.providerUscc))
    ) {
      seen.add(key);
      unchanged += 1;
      return;
    }
    seen.add(key);
    if (known && known.prefecture !== checked.prefecture) {
      errors.push({
        line: checked.line,
        column: 'prefecture',
        message: `adoption.import.registeredElsewhere|prefecture=${known.prefecture}`,
      });
    }
    const admission = admissionOf('prefecture-report', {
      enterprise: known,
      provider: checked.providerUscc ? (providerByUscc.get(checked.providerUscc) ?? null) : null,
    });
    if (!admission.ok) {
      for (const refusal of admission.refusals)
        errors.push({ line: checked.line, column: FRAUD_COLUMN[refusal], message: refusalMessage(refusal) });
    }
    toAdd.push({ ...checked, known });
  });
  onProgress?.('check', records.length, records.length);
  errors.sort((a, b) => a.line - b.line);
  return { errors, toAdd, unchanged };
}

/**
 * Applies checked rows (in USCC order, as checkReport returns them) inside the caller's ledger
 * transaction: enterprise (created if new), verified event, row key.
 */
export function applyReport(
  db: Db,
  opts: {
    rows: CheckedRow[];
    total: number;
    scope: string | null;
    actorUserId: string | null;
    fileName: string;
    sha256: string;
    onProgress?: Progress;
  },
) {
  const sqlite = db.$client;
  const providerIdOf = sqlite.prepare<[string], { id: string }>('SELECT id FROM providers WHERE uscc = ?');
  const providerIds = new Map<string, string | null>();
  const providerId = (uscc: string) => {
    if (!providerIds.has(uscc)) providerIds.set(uscc, providerIdOf.get(uscc)?.id ?? null);
    return providerIds.get(uscc) ?? null;
  };
  const insertKey = sqlite.prepare(
    'INSERT INTO adoption_report_rows (uscc, level, occurred_on, provider_uscc, event_id, upload_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const uploadId = newId();
  const now = new Date().toISOString();
  db.insert(adoptionReportUploads)
    .values({
      id: uploadId,
      uploadedByUserId: opts.actorUserId,
      scopePrefecture: opts.scope,
      fileName: opts.fileName,
      sha256: opts.sha256,
      rowCount: opts.total,
      addedCount: 0,
    })
    .run();
  // The enterprise of the previous row: a report's rows of one enterprise are adjacent (USCC
  // order) and the later ones must see what the earlier ones created or updated.
  let current: EnterpriseRow | null = null;
  // Every row was admitted by checkReport in this transaction.
  const recording = recordingOf('prefecture-report');
  opts.rows.forEach((row, i) => {
    if (opts.onProgress && i % 1000 === 0) opts.onProgress('apply', i, opts.rows.length);
    const enterprise = ensureEnterprise(
      db,
      {
        uscc: row.uscc,
        name: row.enterpriseName,
        prefecture: row.prefecture,
        industry: row.industry,
        employees: row.employees,
        revenueWan: row.revenueWan,
      },
      now,
      current?.uscc === row.uscc ? current : row.known,
    );
    current = enterprise;
    const event = appendEvent(
      db,
      {
        enterpriseId: enterprise.id,
        level: row.level,
        occurredOn: row.occurredOn,
        source: recording.source,
        providerId: row.providerUscc ? providerId(row.providerUscc) : null,
        providerUscc: row.providerUscc || null,
        recordedByUserId: opts.actorUserId,
        verified: recording.verified,
        enterprise,
      },
      now,
    );
    insertKey.run(row.uscc, row.level, row.occurredOn, row.providerUscc, event.id, uploadId);
  });
  const added = opts.rows.length;
  db.update(adoptionReportUploads)
    .set({ addedCount: added })
    .where(eq(adoptionReportUploads.id, uploadId))
    .run();
  writeAudit(db, {
    actorUserId: opts.actorUserId,
    action: 'adoption.reportUpload',
    targetType: 'adoption_report_upload',
    targetId: uploadId,
    detail: { fileName: opts.fileName, rows: opts.total, added, scope: opts.scope },
  });
  opts.onProgress?.('apply', opts.rows.length, opts.rows.length);
  return { uploadId, added };
}

/** The whole use case: read, check every row, apply all or nothing. `scope` null = province. */
export async function importPrefectureReport(
  db: Db,
  opts: {
    bytes: Uint8Array;
    fileName: string;
    scope: string | null;
    actorUserId: string | null;
    onProgress?: Progress;
    /**
     * Called inside the write transaction with the outcome of an applied report, just before it
     * commits: a background job records its success there, so the rows and the job's "done"
     * commit together (app/models/background-jobs.server.ts). Throwing rolls the report back.
     */
    beforeCommit?: (outcome: Extract<ImportOutcome, { ok: true }>) => void;
  },
): Promise<ImportOutcome> {
  const read = await readReportFile(opts.bytes);
  if (!read.ok) return read;
  const sha256 = crypto.createHash('sha256').update(opts.bytes).digest('hex');
  const sqlite = db.$client;
  // A large report dirties more pages than the default page cache holds; spilling them to the WAL
  // mid-transaction would double the writes. Give this connection room for it, then restore.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  if (read.records.length > 1000) {
    sqlite.pragma('cache_size = -131072');
    // The check looks up every row's enterprise and key: through a memory map instead of a read()
    // system call per page (measured: the check phase about a third shorter). Only here — the
    // request path measured no better with it.
    sqlite.pragma('mmap_size = 1073741824');
  }
  let outcome: { ok: false; errors: RowError[] } | { ok: true; uploadId: string; added: number };
  try {
    // One write transaction for check and apply: another upload of the same rows waits, then
    // finds them applied. A file with errors writes nothing.
    outcome = ledgerTransaction(db, () => {
      const { errors, toAdd } = checkReport(db, read.records, opts.scope, opts.onProgress);
      if (errors.length) return { ok: false as const, errors };
      const applied = applyReport(db, {
        rows: toAdd,
        total: read.records.length,
        scope: opts.scope,
        actorUserId: opts.actorUserId,
        fileName: opts.fileName,
        sha256,
        onProgress: opts.onProgress,
      });
      opts.beforeCommit?.({
        ok: true,
        uploadId: applied.uploadId,
        encoding: read.encoding,
        rows: read.records.length,
        added: applied.added,
        unchanged: read.records.length - applied.added,
      });
      return { ok: true as const, ...applied };
    });
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma('mmap_size = 0');
  }
  if (!outcome.ok) return outcome;
  const { uploadId, added } = outcome;
  return {
    ok: true,
    uploadId,
    encoding: read.encoding,
    rows: read.records.length,
    added,
    unchanged: read.records.length - added,
  };
}
