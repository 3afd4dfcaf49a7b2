import { getDb } from '~/utils/db.server';

/** Liveness and readiness: 200 only when a database round trip works. */
export async function loader() {
  try {
    const row = getDb().$client.prepare('SELECT count(*) AS n FROM campaigns').get() as { n: number };
    return Response.json({ status: 'ok', database: 'ok', campaigns: row.n }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error(error);
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503 });
  }
}
