import { openApiJson } from '~/openapi/document.server';

/**
 * GET /api/openapi.json — the OpenAPI 3.1 description of every JSON endpoint, generated from the
 * zod schemas they validate with (app/openapi/). Public, like the contracts it restates; the same
 * for everyone, so any site may read it and caches may keep it an hour. Sent as the bytes
 * serialised once per process, not stringified per request.
 */
export function loader() {
  return new Response(openApiJson(), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=3600',
    },
  });
}
