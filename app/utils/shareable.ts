import type { HeadersFunction } from '@remix-run/node';

/**
 * Marks an answer the same for every visitor without cookies, so the server's micro-cache of
 * anonymous pages (scripts/anonymous-page-cache.ts) may keep it until the database changes. The
 * server removes the marker before answering. A page marks itself only when rendering it records
 * nothing (a catalog search that found nothing is counted as a miss, so it is not marked).
 */
export const SHAREABLE_HEADER = 'X-Yunqiao-Shareable';

export const SHAREABLE: Record<string, string> = { [SHAREABLE_HEADER]: 'anonymous' };

/** The `headers` export of a page whose loader decides (its headers carry the marker or not). */
export const shareableHeaders: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  const marker = loaderHeaders.get(SHAREABLE_HEADER);
  if (marker) headers.set(SHAREABLE_HEADER, marker);
  return headers;
};

/** The `headers` export of a page that is always the same for anonymous visitors. */
export const alwaysShareable: HeadersFunction = () => SHAREABLE;
