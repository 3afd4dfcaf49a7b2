import { PROVIDER_STATUSES } from './catalog-vocabulary';

// The filters of the officials' lists, shared by their query schemas (app/schemas/vetting.ts, on the
// server) and the pages' filter links: a page must not import a zod module (issue 13).
export const PROVIDER_STATUS_FILTERS = [...PROVIDER_STATUSES.map((s) => s.id), 'all'] as const;

export const QUEUE_KINDS = ['provider', 'offering', 'revision'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
