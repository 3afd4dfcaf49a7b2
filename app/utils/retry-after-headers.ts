import type { HeadersFunction } from '@remix-run/node';

/**
 * The `headers` export of a page whose action can answer 429 (the abuse limits): Remix keeps only
 * Set-Cookie from an action's headers on a document response, so without this the Retry-After of
 * `tooManyRequests()` (rate-limit.server.ts) would be lost for a form sent without JavaScript.
 * Everything the parent routes set is kept as it was.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
