import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvResponse, toCsv } from '~/charts/csv.server';
import { analyticsCsvTable } from '~/charts/provider-analytics-csv.server';
import { providerAnalytics } from '~/models/provider-analytics.server';
import { AnalyticsQuerySchema } from '~/schemas/provider-analytics';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

// GET /provider/analytics.csv — the rows of /provider/analytics's table (same query string, same
// rules: a provider's own offerings only; another provider's offering id is 404), UTF-8 with BOM.
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const query = AnalyticsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { t, locale } = await getTranslator(request, user);
  const analytics = providerAnalytics(db, {
    providerId: provider.id,
    range: query.months,
    offeringId: query.offering ?? null,
    locale,
  });
  if (!analytics) notFound();
  const table = analyticsCsvTable(analytics.rows, t);
  const name = ['yunqiao-analytics', `${query.months}m`, analytics.months[0], analytics.months.at(-1)].join(
    '-',
  );
  // A provider's business figures: keep them out of shared caches.
  return csvResponse(`${name}.csv`, toCsv(table.header, table.rows), {
    'Cache-Control': 'private, no-store',
  });
}
