import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse, toCsv } from '~/charts/csv.server';
import { programmeForOfficial } from '~/models/voucher-programmes.server';
import { programmeReport, programmeReportCsv } from '~/models/voucher-report.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

// GET /official/vouchers/:programmeId/report.csv — the programme page's report as CSV (UTF-8 with
// BOM, amounts in 元): the programme's totals, then by prefecture and by cluster. The same rules
// as the page: another prefecture's programme is 404, a prefecture official's breakdown is its own.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const found = programmeForOfficial(db, { userId: user.id, scopePrefecture: user.scopePrefecture }, params.programmeId ?? '');
  if (!found) notFound();
  const { programme } = found;
  const { t, locale } = await getTranslator(request, user);
  const report = programmeReport(db, programme, { prefecture: user.scopePrefecture });
  const csv = programmeReportCsv(programme, report, { t, locale });
  const name = ['yunqiao', 'vouchers', programme.id, user.scopePrefecture ?? '51'].join('-');
  return csvResponse(`${name}.csv`, toCsv(csv.header, csv.rows), { 'Cache-Control': 'private, no-store' });
}
