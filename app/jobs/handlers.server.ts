/**
 * What each kind of background job does: the same model function the command line runs
 * (scripts/adoption-import.ts, scripts/catalog-import.ts, scripts/campaign-create.ts), fed the
 * job's parameters and uploaded file, with its progress callback wired to the job's progress.
 * Results are what the pages show (app/jobs/results.ts).
 */
import type { Db } from '../../db/client.server';
import type { JobKind, JobProgress } from '~/domain/background-jobs';
import { importPrefectureReport } from '~/models/adoption-import.server';
import { buildCampaignCounts } from '~/models/campaigns.server';
import { importCatalog, parseCatalogText, validateCatalog } from '~/models/catalog-import.server';
import type { ClaimedJob } from '~/models/background-jobs.server';
import {
  CampaignBuildParamsSchema,
  CatalogImportParamsSchema,
  MAX_ISSUES_KEPT,
  MAX_ROW_ERRORS_KEPT,
  ReportParamsSchema,
  type CampaignBuildResult,
  type CatalogImportFailure,
  type CatalogImportResult,
  type ReportFailure,
  type ReportResult,
} from './results';

export interface JobContext {
  /** Reports progress (throttled by the caller). */
  progress(p: JobProgress): void;
  /**
   * Records success. Call it inside the model's write transaction where it has one, so the job's
   * "succeeded" commits with the data (and a job taken away meanwhile rolls the data back).
   */
  succeed(result: unknown): void;
}

/** How a job ended, unless it already recorded its success through `succeed`. */
export type JobEnd = { status: 'succeeded' } | { status: 'failed'; error: string; result?: unknown };

type Handler = (db: Db, job: ClaimedJob, ctx: JobContext) => Promise<JobEnd>;

const missingFile: JobEnd = { status: 'failed', error: 'jobs.errors.noInput' };

async function adoptionReport(db: Db, job: ClaimedJob, ctx: JobContext): Promise<JobEnd> {
  const params = ReportParamsSchema.parse(job.params);
  if (!job.input) return missingFile;
  ctx.progress({ phase: 'read', done: 0, total: null });
  const outcome = await importPrefectureReport(db, {
    bytes: new Uint8Array(job.input),
    fileName: params.fileName,
    scope: params.scope,
    actorUserId: job.createdByUserId,
    onProgress: (phase, done, total) => ctx.progress({ phase, done, total }),
    beforeCommit: (o) => {
      const result: ReportResult = {
        rows: o.rows,
        added: o.added,
        unchanged: o.unchanged,
        encoding: o.encoding,
      };
      ctx.succeed(result);
    },
  });
  if (outcome.ok) return { status: 'succeeded' };
  const failure: ReportFailure = {
    errors: outcome.errors.slice(0, MAX_ROW_ERRORS_KEPT),
    errorCount: outcome.errors.length,
  };
  return { status: 'failed', error: `adoption.upload.failed|n=${outcome.errors.length}`, result: failure };
}

async function catalogImport(db: Db, job: ClaimedJob, ctx: JobContext): Promise<JobEnd> {
  const params = CatalogImportParamsSchema.parse(job.params);
  if (!job.input) return missingFile;
  ctx.progress({ phase: 'read', done: 0, total: null });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(job.input);
  } catch {
    return { status: 'failed', error: 'provider.import.notUtf8' };
  }
  const parsed = parseCatalogText(text, params.format);
  if (parsed.issues.length === 0 && parsed.entries.length === 0)
    return { status: 'failed', error: 'provider.import.empty' };
  const fail = (issues: { path: string; message: string }[]): JobEnd => {
    const failure: CatalogImportFailure = {
      issues: issues.slice(0, MAX_ISSUES_KEPT),
      issueCount: issues.length,
    };
    return { status: 'failed', error: `provider.import.invalidTitle|n=${issues.length}`, result: failure };
  };
  // Syntax errors and shape errors together, so one upload shows the whole report.
  if (parsed.issues.length > 0) return fail([...parsed.issues, ...validateCatalog(parsed.entries).issues]);
  const summary = importCatalog(db, parsed.entries, {
    actorUserId: job.createdByUserId,
    publish: false,
    partial: false,
    onlyProviderId: params.providerId,
    source: `upload:${params.fileName.slice(0, 200)}`,
    onProgress: (done, total) => ctx.progress({ phase: 'apply', done, total }),
    beforeCommit: (s) => {
      const result: CatalogImportResult = {
        file: params.fileName,
        provider: s.providers.updated > 0 ? 'updated' : 'unchanged',
        created: s.offerings.created,
        updated: s.offerings.updated,
        revisions: s.offerings.revisions,
        unchanged: s.offerings.unchanged,
      };
      ctx.succeed(result);
    },
  });
  return summary.written ? { status: 'succeeded' } : fail(summary.errors);
}

async function campaignBuild(db: Db, job: ClaimedJob, ctx: JobContext): Promise<JobEnd> {
  const { campaignId } = CampaignBuildParamsSchema.parse(job.params);
  // Small transactions (the default 20 ms budget): requests that write wait at most that long for
  // the lock. Nobody waits on this thread's event loop, so no pause between chunks.
  const recounted = await buildCampaignCounts(db, campaignId, {
    onProgress: (done, total) => ctx.progress({ phase: 'count', done, total }),
  });
  const result: CampaignBuildResult = { campaignId, recounted };
  ctx.succeed(result);
  return { status: 'succeeded' };
}

export const JOB_HANDLERS: Record<JobKind, Handler> = {
  'adoption-report': adoptionReport,
  'catalog-import': catalogImport,
  'campaign-build': campaignBuild,
};
