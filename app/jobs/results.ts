/**
 * The parameters each kind of background job is queued with and the results it leaves, as zod
 * schemas: the worker parses the parameters it claims, the job pages parse the stored result
 * before showing it (a row is data from disk, not trusted to match the code of today).
 */
import { z } from 'zod';

/** Every bad row of a report is kept up to this many; a file with more is almost certainly the wrong file. */
export const MAX_ROW_ERRORS_KEPT = 5000;
/** Catalog problems kept; the total is still given. */
export const MAX_ISSUES_KEPT = 2000;

const count = z.number().int().min(0);

// ── adoption-report ──
export const ReportParamsSchema = z.object({
  fileName: z.string().min(1).max(255),
  /** The uploader's scope: rows must all be in this prefecture; null = the whole province. */
  scope: z.string().nullable(),
});
export const ReportResultSchema = z.object({
  rows: count,
  added: count,
  unchanged: count,
  encoding: z.string().max(40),
});
export type ReportResult = z.output<typeof ReportResultSchema>;
export const ReportFailureSchema = z.object({
  errors: z
    .array(z.object({ line: count, column: z.string().nullable(), message: z.string() }))
    .max(MAX_ROW_ERRORS_KEPT),
  errorCount: count,
});
export type ReportFailure = z.output<typeof ReportFailureSchema>;

// ── catalog-import ──
export const CatalogImportParamsSchema = z.object({
  fileName: z.string().min(1).max(255),
  format: z.enum(['json', 'jsonl']),
  /** The uploading provider: every entry of the file must be this one. */
  providerId: z.string().min(1),
});
export const CatalogImportResultSchema = z.object({
  file: z.string().max(255),
  provider: z.enum(['updated', 'unchanged']),
  created: count,
  updated: count,
  revisions: count,
  unchanged: count,
});
export type CatalogImportResult = z.output<typeof CatalogImportResultSchema>;
export const CatalogImportFailureSchema = z.object({
  issues: z.array(z.object({ path: z.string(), message: z.string() })).max(MAX_ISSUES_KEPT),
  issueCount: count,
});
export type CatalogImportFailure = z.output<typeof CatalogImportFailureSchema>;

// ── campaign-build ──
export const CampaignBuildParamsSchema = z.object({ campaignId: z.string().min(1) });
export const CampaignBuildResultSchema = z.object({ campaignId: z.string(), recounted: count });
export type CampaignBuildResult = z.output<typeof CampaignBuildResultSchema>;
