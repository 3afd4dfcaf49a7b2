import { z } from '~/i18n/zod';

// Review forms (issue 10, "Reviews"): the pages share these with the model's own limits
// (app/models/reviews.server.ts), so a browser and the server refuse the same input.

export const ReviewSchema = z.object({
  stars: z.coerce.number().int().min(1, 'reviews.errors.stars').max(5, 'reviews.errors.stars'),
  body: z.string().trim().min(5).max(1000),
});

export const ReviewAnswerSchema = z.object({ reviewId: z.string().min(1), answer: z.string().trim().min(1).max(1000) });

export const ReviewReportSchema = z.object({ reviewId: z.string().min(1), reason: z.string().trim().min(2).max(500) });

export const ReviewHideSchema = z.object({ reviewId: z.string().min(1), reason: z.string().trim().min(2).max(500) });
