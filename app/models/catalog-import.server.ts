/**
 * Bulk catalog import (docs/formats/catalog-import.md), shared by `catalog:import` and the
 * provider console's upload form. The whole file is validated first — shape, then what only
 * the database knows (ownership, suspension) — and nothing is written unless it is all valid,
 * or `partial` is given (valid providers are written, invalid ones reported and skipped).
 * Writing is one transaction, with the search index updated through the same in-transaction
 * calls as a form edit, and one audit entry. Re-running a file changes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  offeringPlans,
  offeringRevisions,
  offerings,
  providers,
  type OfferingRevisionSnapshot,
} from '../../db/schema';
import { indexOfferingInTx, reindexProviderInTx } from './search.server';
import {
  validateEntry,
  type ImportIssue,
  type ImportOffering,
  type ValidEntry,
} from '~/schemas/catalog-import';
import { newId } from '~/utils/ids';
import { writeAudit } from './audit.server';

export type { ImportIssue } from '~/schemas/catalog-import';

export type CatalogFormat = 'json' | 'jsonl';

/** Reads a JSON array or JSON Lines text into raw entries; syntax problems are issues. */
export function parseCatalogText(
  text: string,
  format: CatalogFormat,
): { entries: unknown[]; issues: ImportIssue[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(body);
      if (!Array.isArray(value))
        return {
          entries: [],
          issues: [{ path: '', message: 'the file must hold a JSON array of provider entries' }],
        };
      return { entries: value, issues: [] };
    } catch (error) {
      return { entries: [], issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const entries: unknown[] = [];
  const issues: ImportIssue[] = [];
  body.split(/\r?\n/).forEach((line, n) => {
    if (!line.trim()) return;
    try {
      entries.push(JSON.parse(line));
    } catch (error) {
      issues.push({ path: `line ${n + 1}`, message: `not valid JSON: ${(error as Error).message}` });
      entries.push(undefined); // keeps [index] paths in step with the entries that parsed
    }
  });
  return { entries, issues };
}

export interface ImportOptions {
  actorUserId: string | null;
  /** Operators loading an already-vetted pool: offerings published, new providers approved. */
  publish: boolean;
  /** Write the valid providers and skip (and report) the invalid ones. */
  partial: boolean;
  /** Provider console: every entry must be this provider (by its 统一社会信用代码). */
  onlyProviderId?: string;
  /** File name, for the audit entry. */
  source?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called inside the write transaction with the summary of a file that is being written, just
   * before it commits: a background job records its success there, so the catalog and the job's
   * "done" commit together (app/models/background-jobs.server.ts). Throwing rolls the import back.
   */
  beforeCommit?: (summary: ImportSummary) => void;
}

export interface ImportSummary {
  /** False when nothing was written (invalid file without `partial`). */
  written: boolean;
  providers: { created: number; updated: number; unchanged: number; skipped: number };
  offerings: { created: number; updated: number; unchanged: number; revisions: number; skipped: number };
  errors: ImportIssue[];
}

function emptySummary(): ImportSummary {
  return {
    written: false,
    providers: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
    offerings: { created: 0, updated: 0, unchanged: 0, revisions: 0, skipped: 0 },
    errors: [],
  };
}

/** Validates every entry and returns the valid ones with every problem found. */
export function validateCatalog(entries: readonly unknown[]): {
  valid: ValidEntry[];
  issues: ImportIssue[];
  invalidIndexes: Set<number>;
} {
  const valid: ValidEntry[] = [];
  const issues: ImportIssue[] = [];
  const invalidIndexes = new Set<number>();
  const byUscc = new Map<string, number>();
  entries.forEach((raw, index) => {
    const { entry, issues: found } = validateEntry(raw, index);
    if (entry) {
      const first = byUscc.get(entry.provider.uscc);
      if (first !== undefined) {
        found.push({
          path: `[${index}].provider.uscc`,
          message: `is the same provider as [${first}]: give each provider once`,
        });
      } else {
        byUscc.set(entry.provider.uscc, index);
      }
    }
    if (found.length > 0 || !entry) {
      if (raw !== undefined) issues.push(...found);
      invalidIndexes.add(index);
      return;
    }
    valid.push(entry);
  });
  return { valid, issues, invalidIndexes };
}

/**
 * Imports raw entries (from parseCatalogText or an upload). Validation problems and database
 * checks come back as `errors`; with `partial`, entries with problems are skipped and the rest
 * written, otherwise nothing is written when there is any problem.
 */
export function importCatalog(db: Db, entries: readonly unknown[], opts: ImportOptions): ImportSummary {
  const summary = emptySummary();
  const { valid, issues, invalidIndexes } = validateCatalog(entries);
  summary.errors.push(...issues);
  const total = valid.reduce((n, e) => n + e.offerings.length, 0);

  db.transaction((tx) => {
    const plans: EntryPlan[] = [];
    for (const entry of valid) {
      const plan = planEntry(tx, entry, opts);
      if (plan.issues.length > 0) {
        summary.errors.push(...plan.issues);
        invalidIndexes.add(entry.index);
      } else {
        plans.push(plan);
      }
    }
    summary.providers.skipped = invalidIndexes.size;
    summary.offerings.skipped = entries.reduce<number>(
      (n, raw, i) => n + (invalidIndexes.has(i) ? offeringCount(raw) : 0),
      0,
    );
    if (summary.errors.length > 0 && !opts.partial) return;

    let done = 0;
    opts.onProgress?.(0, total);
    for (const plan of plans) {
      const outcome = writeEntry(tx, plan, opts);
      summary.providers[outcome.provider]++;
      for (const key of ['created', 'updated', 'unchanged', 'revisions'] as const)
        summary.offerings[key] += outcome.offerings[key];
      // Visibility may have changed for every offering of the provider (approval, new name);
      // otherwise only the offerings this import touched.
      if (outcome.provider !== 'unchanged') reindexProviderInTx(tx, outcome.providerId);
      else for (const id of outcome.touched) indexOfferingInTx(tx, id);
      done += plan.entry.offerings.length;
      opts.onProgress?.(done, total);
    }
    summary.written = true;
    writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'catalog.import',
      targetType: 'catalog',
      targetId: opts.onlyProviderId ?? 'resource-pool',
      detail: {
        source: opts.source ?? null,
        publish: opts.publish,
        partial: opts.partial,
        providers: summary.providers,
        offerings: summary.offerings,
        errors: summary.errors.length,
      },
    });
    opts.beforeCommit?.(summary);
  });
  return summary;
}

function offeringCount(raw: unknown): number {
  const list = raw && typeof raw === 'object' ? (raw as { offerings?: unknown }).offerings : undefined;
  return Array.isArray(list) ? list.length : 0;
}

// ---------------------------------------------------------------------------
// Planning (read-only) and writing one provider entry
// ---------------------------------------------------------------------------

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Snapshot = OfferingRevisionSnapshot;

interface ExistingOffering {
  id: string;
  status: (typeof offerings.$inferSelect)['status'];
  publishedAt: string | null;
  content: Snapshot;
  /** The snapshot of the pending revision, if any. */
  pending: { id: string; snapshot: Snapshot } | null;
}

interface EntryPlan {
  entry: ValidEntry;
  issues: ImportIssue[];
  provider: typeof providers.$inferSelect | null;
  existing: Map<string, ExistingOffering>;
}

function contentOf(o: ImportOffering): Snapshot {
  return {
    titleZh: o.title,
    titleEn: o.titleEn ?? null,
    summary: o.summary,
    description: o.description ?? '',
    level: o.level,
    categories: o.categories,
    stages: o.stages ?? [],
    industries: o.industries ?? [],
    sizes: o.sizes ?? [],
    regions: o.regions ?? [],
    tags: o.tags ?? [],
    plans: o.plans,
  };
}

const same = (a: Snapshot, b: Snapshot) => JSON.stringify(a) === JSON.stringify(b);

function loadExisting(tx: Tx, providerId: string, externalIds: string[]): Map<string, ExistingOffering> {
  const found = new Map<string, ExistingOffering>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = tx
      .select()
      .from(offerings)
      .where(
        and(
          eq(offerings.providerId, providerId),
          inArray(offerings.externalId, externalIds.slice(i, i + 500)),
        ),
      )
      .all();
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const plans = tx
      .select()
      .from(offeringPlans)
      .where(inArray(offeringPlans.offeringId, ids))
      .orderBy(offeringPlans.offeringId, offeringPlans.position)
      .all();
    const pending = tx
      .select({
        id: offeringRevisions.id,
        offeringId: offeringRevisions.offeringId,
        snapshot: offeringRevisions.snapshot,
      })
      .from(offeringRevisions)
      .where(and(inArray(offeringRevisions.offeringId, ids), eq(offeringRevisions.status, 'pending')))
      .all();
    for (const r of rows) {
      const p = pending.find((x) => x.offeringId === r.id);
      found.set(r.externalId, {
        id: r.id,
        status: r.status,
        publishedAt: r.publishedAt,
        pending: p ? { id: p.id, snapshot: p.snapshot } : null,
        content: {
          titleZh: r.titleZh,
          titleEn: r.titleEn,
          summary: r.summary,
          description: r.description,
          level: r.level,
          categories: r.categories,
          stages: r.stages,
          industries: r.industries,
          sizes: r.sizes,
          regions: r.regions,
          tags: r.tags,
          plans: plans
            .filter((x) => x.offeringId === r.id)
            .map((x) => ({ name: x.name, priceFen: x.priceFen, billing: x.billing, trialDays: x.trialDays })),
        },
      });
    }
  }
  return found;
}

/** What the database says about an entry before anything is written. */
function planEntry(tx: Tx, entry: ValidEntry, opts: ImportOptions): EntryPlan {
  const provider = tx.select().from(providers).where(eq(providers.uscc, entry.provider.uscc)).get() ?? null;
  const issues: ImportIssue[] = [];
  if (opts.onlyProviderId !== undefined && provider?.id !== opts.onlyProviderId) {
    // Another provider's code reads the same as an unknown one: its existence is not revealed.
    issues.push({
      path: `[${entry.index}].provider.uscc`,
      message: "is not your organisation's 统一社会信用代码: you can only import your own catalog",
    });
  } else if (provider?.status === 'suspended' && !opts.publish) {
    issues.push({
      path: `[${entry.index}].provider`,
      message: 'is suspended: its catalog cannot change until it is reinstated',
    });
  }
  const existing =
    provider && issues.length === 0
      ? loadExisting(
          tx,
          provider.id,
          entry.offerings.map((o) => o.externalId),
        )
      : new Map();
  return { entry, issues, provider, existing };
}

interface EntryOutcome {
  provider: 'created' | 'updated' | 'unchanged';
  providerId: string;
  offerings: { created: number; updated: number; unchanged: number; revisions: number };
  touched: string[];
}

function writeProvider(
  tx: Tx,
  plan: EntryPlan,
  opts: ImportOptions,
  now: string,
): { id: string; outcome: EntryOutcome['provider'] } {
  const p = plan.entry.provider;
  const given = {
    nameZh: p.name,
    ...(p.nameEn !== undefined && { nameEn: p.nameEn }),
    prefecture: p.prefecture,
    ...(p.certifications !== undefined && { certifications: p.certifications }),
    ...(p.website !== undefined && { website: p.website }),
    ...(p.contactEmail !== undefined && { contactEmail: p.contactEmail }),
    ...(p.contactPhone !== undefined && { contactPhone: p.contactPhone }),
  };
  const current = plan.provider;
  if (!current) {
    const id = newId();
    tx.insert(providers)
      .values({ id, uscc: p.uscc, ...given, status: opts.publish ? 'approved' : 'applied' })
      .run();
    return { id, outcome: 'created' };
  }
  // Fields the file leaves out are kept (an import never erases what was typed in the console).
  const changes: Partial<typeof providers.$inferInsert> = {};
  for (const [key, value] of Object.entries(given) as [keyof typeof given, unknown][]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(value)) Object.assign(changes, { [key]: value });
  }
  // An operator's --publish vets a waiting or refused application; a suspension stays an official's call.
  if (opts.publish && (current.status === 'applied' || current.status === 'rejected'))
    Object.assign(changes, { status: 'approved', statusReason: null });
  if (Object.keys(changes).length === 0) return { id: current.id, outcome: 'unchanged' };
  tx.update(providers)
    .set({ ...changes, updatedAt: now })
    .where(eq(providers.id, current.id))
    .run();
  return { id: current.id, outcome: 'updated' };
}

function insertPlans(tx: Tx, offeringId: string, plans: Snapshot['plans']): void {
  if (plans.length === 0) return;
  tx.insert(offeringPlans)
    .values(plans.map((plan, position) => ({ id: newId(), offeringId, position, ...plan })))
    .run();
}

function writeEntry(tx: Tx, plan: EntryPlan, opts: ImportOptions): EntryOutcome {
  const now = new Date().toISOString();
  const { id: providerId, outcome } = writeProvider(tx, plan, opts, now);
  const result: EntryOutcome = {
    provider: outcome,
    providerId,
    offerings: { created: 0, updated: 0, unchanged: 0, revisions: 0 },
    touched: [],
  };
  const fresh: (typeof offerings.$inferInsert)[] = [];
  const freshPlans: [string, Snapshot['plans']][] = [];
  for (const o of plan.entry.offerings) {
    const next = contentOf(o);
    const { plans, ...fields } = next;
    const current = plan.existing.get(o.externalId);
    if (!current) {
      const id = newId();
      fresh.push({
        id,
        providerId,
        externalId: o.externalId,
        ...fields,
        status: opts.publish ? 'published' : 'submitted',
        submittedAt: now,
        publishedAt: opts.publish ? now : null,
      });
      freshPlans.push([id, plans]);
      result.offerings.created++;
      result.touched.push(id);
      continue;
    }
    const changed = !same(current.content, next);
    if (!changed && (!opts.publish || current.status === 'published')) {
      result.offerings.unchanged++;
      continue;
    }
    if (changed && !opts.publish && current.status === 'published') {
      // The published version stays visible and searchable; the change waits for an official.
      if (current.pending && same(current.pending.snapshot, next)) {
        result.offerings.unchanged++;
        continue;
      }
      if (current.pending) {
        tx.update(offeringRevisions)
          .set({ snapshot: next, baseSnapshot: current.content, updatedAt: now })
          .where(eq(offeringRevisions.id, current.pending.id))
          .run();
      } else {
        tx.insert(offeringRevisions)
          .values({
            id: newId(),
            offeringId: current.id,
            providerId,
            snapshot: next,
            baseSnapshot: current.content,
            status: 'pending',
            createdByUserId: opts.actorUserId,
            createdAt: now,
            updatedAt: now,
            submittedAt: now,
          })
          .run();
      }
      result.offerings.revisions++;
      continue;
    }
    tx.update(offerings)
      .set({
        ...fields,
        status: opts.publish ? 'published' : 'submitted',
        reviewReason: null,
        submittedAt: now,
        publishedAt: opts.publish ? (current.publishedAt ?? now) : current.publishedAt,
        updatedAt: now,
      })
      .where(eq(offerings.id, current.id))
      .run();
    if (changed) {
      tx.delete(offeringPlans).where(eq(offeringPlans.offeringId, current.id)).run();
      insertPlans(tx, current.id, plans);
    }
    result.offerings.updated++;
    result.touched.push(current.id);
  }
  for (let i = 0; i < fresh.length; i += 200)
    tx.insert(offerings)
      .values(fresh.slice(i, i + 200))
      .run();
  const planRows = freshPlans.flatMap(([offeringId, plans]) =>
    plans.map((p, position) => ({ id: newId(), offeringId, position, ...p })),
  );
  for (let i = 0; i < planRows.length; i += 500)
    tx.insert(offeringPlans)
      .values(planRows.slice(i, i + 500))
      .run();
  return result;
}
