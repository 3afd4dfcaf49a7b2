/** What officials see of the enterprise register, limited to their scope (official_scopes). */
import { and, asc, count, eq, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises } from '../../db/schema';
import type { OfficialScope } from '~/domain/access-policy';
import { parseUscc } from '~/domain/uscc';
import { prefectureInScope } from './access-sql.server';
import { likeContains } from './sql.server';

export const ENTERPRISES_PAGE_SIZE = 25;

function searchCondition(q: string): SQL {
  // A complete, valid code is looked up exactly (it is the natural key, and indexed).
  const uscc = parseUscc(q);
  if (uscc.ok) return eq(enterprises.uscc, uscc.value);
  // `%` and `_` typed into the search box are searched for literally, not as wildcards.
  return or(likeContains(enterprises.name, q), likeContains(enterprises.uscc, q.replace(/[\s\-－]/g, '').toUpperCase())) as SQL;
}

/**
 * Enterprises of one view by prefecture: `prefecture` is what viewPrefecture (the route's
 * requireViewPrefecture) answered for the official — their own prefecture for a prefecture
 * official, the one asked for or null (the whole province) for a provincial official.
 */
export function listEnterprisesInScope(
  db: Db,
  opts: { prefecture: OfficialScope; q?: string; page: number },
) {
  const where = and(
    prefectureInScope(enterprises.prefecture, opts.prefecture),
    opts.q ? searchCondition(opts.q) : undefined,
  );
  const total = db.select({ n: count() }).from(enterprises).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: enterprises.id,
      uscc: enterprises.uscc,
      name: enterprises.name,
      prefecture: enterprises.prefecture,
      industry: enterprises.industry,
      sizeClass: enterprises.sizeClass,
      onCloudBeforeCampaign: enterprises.onCloudBeforeCampaign,
    })
    .from(enterprises)
    .where(where)
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(ENTERPRISES_PAGE_SIZE)
    .offset((opts.page - 1) * ENTERPRISES_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: ENTERPRISES_PAGE_SIZE };
}
