import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse } from '~/charts/csv.server';
import { etagMatches } from '~/charts/http-cache.server';
import { openDataCsv } from '~/charts/public-counter.server';
import { translator } from '~/i18n';
import { programLocale } from '~/utils/api-locale.server';
import { getDb } from '~/utils/db.server';

// GET /open-data/counter.csv?campaign=&taxonomy= — public counts by prefecture × cluster × month,
// cells below 3 suppressed ('<3'; 'x' where a '<3' could be worked out from the public totals).
// The same for every visitor (no cookie is read): cacheable for five minutes, then revalidated
// with its ETag.
export async function loader({ request }: LoaderFunctionArgs) {
  const result = openDataCsv(getDb(), new URL(request.url).searchParams, translator(programLocale(request)));
  if (result.status === 400) {
    return Response.json(
      { errors: result.errors },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const headers = {
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'public, max-age=300',
    ETag: result.etag,
  };
  if (etagMatches(request.headers.get('If-None-Match'), result.etag)) return new Response(null, { status: 304, headers });
  return csvResponse(result.fileName, result.csv, headers);
}
