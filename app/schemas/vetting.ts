import { z } from '~/i18n/zod';
import { PROVIDER_STATUS_FILTERS, QUEUE_KINDS, type QueueKind } from '~/domain/vetting-options';
import { isPrefectureCode } from '~/domain/prefectures';
import type { UserRole } from '../../db/schema';

/**
 * Query strings are typed by people and bookmarked: a bad value falls back to the default
 * (first page, default filter) instead of failing the page.
 */
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const searchParam = z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()).catch(undefined);

export { PROVIDER_STATUS_FILTERS };

export const ProviderListQuerySchema = z.object({
  status: z.enum(PROVIDER_STATUS_FILTERS).catch('applied'),
  page: pageParam,
});

export const PageQuerySchema = z.object({ page: pageParam });

export const EnterpriseListQuerySchema = z.object({
  page: pageParam,
  q: searchParam,
  // An unknown code is ignored rather than refused; a valid code outside the official's scope is a 403 (route).
  prefecture: z.preprocess(emptyToUndefined, z.string().refine(isPrefectureCode).optional()).catch(undefined),
});

// Spelled out rather than imported from db/schema, which would pull drizzle into the browser bundle.
const ROLES = ['sme', 'provider', 'official', 'admin'] as const satisfies readonly UserRole[];

export const UserListQuerySchema = z.object({
  page: pageParam,
  q: searchParam,
  role: z.preprocess(emptyToUndefined, z.enum(ROLES).optional()).catch(undefined),
});

/** Shown to the provider (statusReason) or the offering's owner (reviewReason), so it must say something. */
const reasonField = z
  .string({ error: 'official.reasonRequired' })
  .trim()
  .min(2, 'official.reasonRequired')
  .max(500);

export const ProviderDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({ intent: z.literal('reject'), reason: reasonField }),
  z.object({ intent: z.literal('suspend'), reason: reasonField }),
  z.object({ intent: z.literal('reinstate') }),
]);
export type ProviderDecision = z.output<typeof ProviderDecisionSchema>;

export const OfferingDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({ intent: z.literal('reject'), reason: reasonField }),
]);
export type OfferingDecision = z.output<typeof OfferingDecisionSchema>;

export const UserStatusActionSchema = z.object({
  intent: z.enum(['suspend', 'reinstate']),
  userId: z.string().min(1).max(64),
});

/**
 * A decision on a revision names the version the official read (the revision's updatedAt):
 * if the provider edited it meanwhile, the decision is refused instead of applying unseen text.
 */
const versionField = z.string({ error: 'official.revisionChanged' }).min(1, 'official.revisionChanged').max(40);

export const RevisionDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), version: versionField }),
  z.object({ intent: z.literal('reject'), version: versionField, reason: reasonField }),
]);
export type RevisionDecision = z.output<typeof RevisionDecisionSchema>;

export { QUEUE_KINDS, type QueueKind };

/** /official/queue?type=…&page=…: an unknown type shows everything. */
export const QueueQuerySchema = z.object({
  type: z.preprocess(emptyToUndefined, z.enum(QUEUE_KINDS).optional()).catch(undefined),
  page: pageParam,
});
