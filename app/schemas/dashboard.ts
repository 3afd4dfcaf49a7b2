import { z } from '~/i18n/zod';
import type { CountKind } from '~/domain/adoption-counting';
import { isAdoptionLevel, type AdoptionLevel } from '~/domain/adoption-levels';
import { DEFAULT_TAXONOMY, TAXONOMY_VERSIONS } from '~/domain/clusters';
import { isPrefectureCode } from '~/domain/prefectures';

// Query strings of the counter pages. Pages are bookmarked and edited by hand, so a bad value
// falls back to the default instead of failing; the public JSON API is strict (CounterApiQuerySchema).

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const campaignParam = z.preprocess(emptyToUndefined, z.string().regex(CAMPAIGN_ID).optional()).catch(undefined);
const taxonomyParam = z.preprocess(emptyToUndefined, z.enum(TAXONOMY_VERSIONS).default(DEFAULT_TAXONOMY)).catch(DEFAULT_TAXONOMY);
const prefectureParam = z.preprocess(emptyToUndefined, z.string().refine(isPrefectureCode).optional()).catch(undefined);
const monthParam = z.preprocess(emptyToUndefined, z.string().regex(MONTH).optional()).catch(undefined);

export const PREFECTURE_SORTS = ['code', 'name', 'count'] as const;
export type PrefectureSort = (typeof PREFECTURE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const DashboardQuerySchema = z.object({
  campaign: campaignParam,
  taxonomy: taxonomyParam,
  prefecture: prefectureParam,
  sort: z.preprocess(emptyToUndefined, z.enum(PREFECTURE_SORTS).default('code')).catch('code'),
  dir: z.preprocess(emptyToUndefined, z.enum(SORT_DIRECTIONS).default('asc')).catch('asc'),
});
export type DashboardQuery = z.output<typeof DashboardQuerySchema>;

export const COUNT_KINDS = ['new', 'deepening'] as const satisfies readonly CountKind[];

/**
 * A cell of the counter to drill into: any combination of the dashboard's dimensions.
 * `through` (the month table's cumulative column) = every month up to and including it; it is
 * ignored when `month` is also given (the narrower cell wins, and the caption names it).
 * `kind` = 'new' (the counter) or 'deepening' (the headline's figure shown apart).
 */
export const DrillDownQuerySchema = z
  .object({
    campaign: campaignParam,
    taxonomy: taxonomyParam,
    prefecture: prefectureParam,
    // Checked against the taxonomy's clusters by the route (the list depends on the version).
    cluster: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z-]{1,40}$/).optional()).catch(undefined),
    level: z.preprocess(emptyToUndefined, z.custom<AdoptionLevel>((v) => isAdoptionLevel(v)).optional()).catch(undefined),
    month: monthParam,
    through: monthParam,
    kind: z.preprocess(emptyToUndefined, z.enum(COUNT_KINDS).default('new')).catch('new'),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  })
  .transform((q) => (q.month ? { ...q, through: undefined } : q));

export const ReportQuerySchema = z.object({
  campaign: campaignParam,
  taxonomy: taxonomyParam,
  prefecture: prefectureParam,
  month: monthParam,
});

export const EXPORT_TABLES = ['prefecture', 'cluster', 'level', 'month', 'prefecture-cluster', 'enterprises'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * GET /api/counter and the open-data file: both optional, but a value that is given must be
 * valid (400 with the errors) — a program should hear about its mistake, not get another campaign.
 */
export const CounterApiQuerySchema = z.object({
  campaign: z.string().regex(CAMPAIGN_ID, 'dashboard.api.campaign').optional(),
  taxonomy: z.enum(TAXONOMY_VERSIONS, 'dashboard.api.taxonomy').optional(),
});
