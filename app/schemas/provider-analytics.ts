import { z } from '~/i18n/zod';
import { ANALYTICS_RANGES, DEFAULT_ANALYTICS_RANGE } from '~/domain/provider-analytics';

// Query string of /provider/analytics and its CSV. The page is bookmarked and edited by hand, so a
// bad value falls back to the default (as the officials' dashboard does); an offering id that is
// well-formed but not the provider's own is the route's 404.

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const AnalyticsQuerySchema = z.object({
  months: z
    .preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .pipe(z.union(ANALYTICS_RANGES.map((r) => z.literal(r))))
        .default(DEFAULT_ANALYTICS_RANGE),
    )
    .catch(DEFAULT_ANALYTICS_RANGE),
  offering: z
    .preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
    )
    .catch(undefined),
});
export type AnalyticsQuery = z.output<typeof AnalyticsQuerySchema>;

/** The public provider page's list of offerings: ?page=N, anything else reads as page 1. */
export const ProviderPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
