import { z } from '~/i18n/zod';

// The notification pages' inputs (routes notifications._index and notifications.$id).

export const NotificationIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// A hand-edited or stale ?page= still shows a page (the first, or the last one there is).
export const NotificationsQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
export const NotificationsActionSchema = z.object({ intent: z.literal('read-all') });
