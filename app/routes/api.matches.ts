import type { LoaderFunctionArgs } from '@remix-run/node';
import { getEnterpriseByOwner } from '~/models/enterprises.server';
import {
  findMatches,
  missingProfileErrors,
  parseMatchParams,
  profileOfEnterprise,
  type MatchParamError,
} from '~/models/matches.server';
import { apiLocale } from '~/utils/api-locale.server';
import { getUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';

// Answers depend on the caller (an SME's own profile) and on the catalog and ledger of the
// moment: nothing may be kept by a browser or a shared cache.
const HEADERS = { 'Cache-Control': 'no-store' };

const invalid = (errors: MatchParamError[]) => Response.json({ errors }, { status: 422, headers: HEADERS });

/**
 * GET /api/matches — offerings that fit an enterprise profile (formats/marketplace-api.md,
 * "Matches"). Anonymous calls are allowed; a signed-in SME that gives no profile gets matches for
 * its own enterprise.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const user = await getUser(request);
  const locale = await apiLocale(request, user);
  const parsed = parseMatchParams(new URL(request.url).searchParams, locale);
  if (!parsed.ok) return invalid(parsed.errors);
  let matchRequest = parsed.request;
  if (!matchRequest) {
    const enterprise = user?.role === 'sme' ? getEnterpriseByOwner(db, user.id) : null;
    const profile = enterprise ? profileOfEnterprise(db, enterprise.id) : null;
    if (!profile) return invalid(missingProfileErrors(locale, { noDivision: enterprise !== null }));
    matchRequest = { profile, ...parsed.options };
  }
  return Response.json(findMatches(db, matchRequest, locale), { headers: HEADERS });
}
