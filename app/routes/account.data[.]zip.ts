import type { LoaderFunctionArgs } from '@remix-run/node';
import { collectPersonalData, personalDataArchive } from '~/models/personal-data.server';
import { requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

// GET /account/data.zip — the signed-in account's own data (data.json + one CSV per table), made
// fresh on each request. Only the session's account: there is no id in the URL to change.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const zip = await personalDataArchive(collectPersonalData(getDb(), user.id, now));
  const filename = `yunqiao-my-data-${now.toISOString().slice(0, 10)}.zip`;
  return new Response(new Uint8Array(zip), {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(zip.byteLength),
      // Personal data: never kept by a shared cache or the browser's.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
