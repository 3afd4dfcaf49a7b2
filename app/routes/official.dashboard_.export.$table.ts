import type { LoaderFunctionArgs } from '@remix-run/node';
import { counterTableCsv } from '~/charts/counter-export.server';
import { resolveCampaign, validCluster } from '~/charts/counter-scope.server';
import { csvResponse, toCsv } from '~/charts/csv.server';
import { getCounterSnapshot } from '~/models/counter.server';
import { DrillDownQuerySchema, EXPORT_TABLES, type ExportTable } from '~/schemas/dashboard';
import { notFound, requireViewPrefecture, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

// GET /official/dashboard/export/:table — CSV (UTF-8 with BOM) of a dashboard table, with the
// dashboard's filters; `enterprises` also takes the drill-down's cluster/level/month/through/kind.
// Same rules as the dashboard: officials only, a prefecture official only for their prefecture.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const table = params.table;
  if (!table || !(EXPORT_TABLES as readonly string[]).includes(table)) notFound();
  const query = DrillDownQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const prefecture = requireViewPrefecture(user, query.prefecture);
  const db = getDb();
  const { campaignId } = resolveCampaign(db, query.campaign);
  const snapshot = getCounterSnapshot(db, { campaignId, taxonomy: query.taxonomy, prefecture });
  if (!snapshot) notFound();
  const { t, locale } = await getTranslator(request, user);
  const csv = counterTableCsv(db, table as ExportTable, snapshot, {
    t,
    locale,
    cell: {
      cluster: validCluster(query.cluster, query.taxonomy),
      level: query.level,
      month: query.month,
      through: query.through,
      kind: query.kind,
    },
  });
  const name = ['yunqiao', table, snapshot.campaign.id, snapshot.taxonomy, prefecture ?? '51'].join('-');
  // Enterprise lists carry names: keep them out of shared caches.
  return csvResponse(`${name}.csv`, toCsv(csv.header, csv.rows), { 'Cache-Control': 'private, no-store' });
}
