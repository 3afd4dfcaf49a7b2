/**
 * Jobs as the pages and GET /api/jobs/:id show them: plain values, the stored parameters and
 * results parsed by their schemas (app/jobs/results.ts) — a result that does not parse is shown as
 * no result rather than trusted.
 */
import type { JobKind, JobProgress, JobStatus } from '~/domain/background-jobs';
import type { JobRow, OwnJobSummary } from '~/models/background-jobs.server';
import {
  CampaignBuildResultSchema,
  CatalogImportFailureSchema,
  CatalogImportResultSchema,
  ReportFailureSchema,
  ReportResultSchema,
  type CatalogImportFailure,
  type CatalogImportResult,
  type ReportFailure,
  type ReportResult,
} from './results';

/** What every job page shows while the job runs (components/job-progress.tsx). */
export interface JobProgressView {
  id: string;
  status: JobStatus;
  progress: JobProgress;
  /** A message key with parameters ('key|n=3'), translated where shown. */
  error: string | null;
}

/** A job's status and progress as shown while it runs; a queued job has done nothing yet. */
export function progressView(job: JobRow): JobProgressView {
  const progress = job.status === 'queued' ? { phase: 'queued', done: 0, total: null } : job.progress;
  return { id: job.id, status: job.status, progress, error: job.error };
}

const stringParam = (job: JobRow, name: string) => {
  const value = job.params[name];
  return typeof value === 'string' ? value : '';
};

/** An upload's job as its page shows it: progress, then the import's result or why it failed. */
export interface UploadJobView<Result, Failure> extends JobProgressView {
  fileName: string;
  createdAt: string;
  result: Result | null;
  failure: Failure | null;
}

function uploadJobView<Result, Failure>(
  job: JobRow,
  resultSchema: { safeParse(value: unknown): { success: true; data: Result } | { success: false } },
  failureSchema: { safeParse(value: unknown): { success: true; data: Failure } | { success: false } },
): UploadJobView<Result, Failure> {
  const result = job.status === 'succeeded' ? resultSchema.safeParse(job.result) : null;
  const failure = job.status === 'failed' && job.result !== null ? failureSchema.safeParse(job.result) : null;
  return {
    ...progressView(job),
    fileName: stringParam(job, 'fileName'),
    createdAt: job.createdAt,
    result: result?.success ? result.data : null,
    failure: failure?.success ? failure.data : null,
  };
}

export type ReportJobView = UploadJobView<ReportResult, ReportFailure>;
export const reportJobView = (job: JobRow): ReportJobView =>
  uploadJobView(job, ReportResultSchema, ReportFailureSchema);

export type CatalogJobView = UploadJobView<CatalogImportResult, CatalogImportFailure>;
export const catalogJobView = (job: JobRow): CatalogJobView =>
  uploadJobView(job, CatalogImportResultSchema, CatalogImportFailureSchema);

/** A row of the "recent uploads" table. */
export interface RecentJobView {
  id: string;
  status: JobStatus;
  fileName: string;
  createdAt: string;
}

export function recentJobView(job: OwnJobSummary): RecentJobView {
  return { id: job.id, status: job.status, fileName: job.fileName ?? '', createdAt: job.createdAt };
}

// ── GET /api/jobs/:id ──

/** The API's stable English code of a job's error message key. */
const ERROR_CODES: Record<string, string> = {
  'jobs.errors.interrupted': 'interrupted',
  'jobs.errors.internal': 'internal',
  'jobs.errors.noInput': 'no_input',
  'adoption.upload.failed': 'invalid_rows',
  'provider.import.invalidTitle': 'invalid_entries',
  'provider.import.empty': 'empty_file',
  'provider.import.notUtf8': 'not_utf8',
};

export function errorCodeOf(error: string): string {
  return ERROR_CODES[error.split('|')[0] ?? ''] ?? 'failed';
}

/** The summary a succeeded job leaves (the counts its page shows), or null. */
export function apiResultOf(kind: JobKind, job: JobRow): Record<string, unknown> | null {
  if (job.status !== 'succeeded') return null;
  const schema = {
    'adoption-report': ReportResultSchema,
    'catalog-import': CatalogImportResultSchema,
    'campaign-build': CampaignBuildResultSchema,
  }[kind];
  const parsed = schema.safeParse(job.result);
  return parsed.success ? parsed.data : null;
}
