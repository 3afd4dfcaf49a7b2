import type { LoaderFunctionArgs } from '@remix-run/node';
import { counterApiBody } from '~/charts/public-counter.server';
import { translator } from '~/i18n';
import { programLocale } from '~/utils/api-locale.server';
import { getDb } from '~/utils/db.server';

// GET /api/counter?campaign=&taxonomy= — the public totals of formats/adoption-events.md
// ("Public totals"): no login, aggregates only, every prefecture and cluster listed.
export async function loader({ request }: LoaderFunctionArgs) {
  const answer = counterApiBody(getDb(), new URL(request.url).searchParams, translator(programLocale(request)));
  return Response.json(answer.body, {
    status: answer.status,
    headers: {
      // Public and the same for everyone: any site may read it, caches may keep it a minute.
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': answer.status === 200 ? 'public, max-age=60' : 'no-store',
    },
  });
}
