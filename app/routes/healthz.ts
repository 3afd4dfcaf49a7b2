import { searchHealthReport } from '~/models/search.server';
import { getDb } from '~/utils/db.server';

const HEADERS = { 'Cache-Control': 'no-store' };

/**
 * Liveness and readiness. 503 only when the database round trip fails: search answers from the
 * SQLite index when Meilisearch is down, so a search outage is reported (status "degraded")
 * but does not take the instance out of rotation.
 */
export async function loader() {
  let campaigns: number;
  try {
    const row = getDb().$client.prepare('SELECT count(*) AS n FROM campaigns').get() as { n: number };
    campaigns = row.n;
  } catch (error) {
    console.error(error);
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503, headers: HEADERS });
  }
  const search = await searchHealthReport(getDb());
  return Response.json(
    { status: search.ok ? 'ok' : 'degraded', database: 'ok', campaigns, search },
    { headers: HEADERS },
  );
}
