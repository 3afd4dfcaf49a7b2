import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiSearchBody, parseSearchParams, recordApiMiss, searchOfferings } from '~/models/search.server';
import { getDb } from '~/utils/db.server';

// Answers change with every catalog edit, and a shared cache must never hold an offering that
// has since been hidden (suspension, archiving): nothing is cached.
const HEADERS = { 'Cache-Control': 'no-store' };

/** GET /api/search — the public search API (docs/formats/search-api.md). No sign-in needed: only vetted offerings are ever returned. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400, headers: HEADERS });
  const db = getDb();
  const response = await searchOfferings(db, parsed.query);
  // Counted for officials (/official/search-misses); the answer keeps search-api.md's exact shape.
  await recordApiMiss(db, response, parsed.query);
  return Response.json(apiSearchBody(response), { headers: HEADERS });
}
