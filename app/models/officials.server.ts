/** What officials see of the enterprise register, limited to their scope (official_scopes). */
import { and, asc, count, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises } from '../../db/schema';
import { parseUscc } from '~/domain/uscc';

export const ENTERPRISES_PAGE_SIZE = 25;

/** `%` and `_` typed into the search box are searched for literally, not as wildcards. */
function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchCondition(q: string): SQL {
  // A complete, valid code is looked up exactly (it is the natural key, and indexed).
  const uscc = parseUscc(q);
  if (uscc.ok) return eq(enterprises.uscc, uscc.value);
  const pattern = containsPattern(q);
  const codePattern = containsPattern(q.replace(/[\s\-－]/g, '').toUpperCase());
  return or(
    sql`${enterprises.name} LIKE ${pattern} ESCAPE '\\'`,
    sql`${enterprises.uscc} LIKE ${codePattern} ESCAPE '\\'`,
  ) as SQL;
}

/**
 * Enterprises an official may see. A prefecture official always gets their own prefecture
 * (the route refuses a request for another one with 403 before calling this); a provincial
 * official sees all, optionally narrowed to one prefecture.
 */
export function listEnterprisesInScope(
  db: Db,
  opts: { scopePrefecture: string | null; prefecture?: string; q?: string; page: number },
) {
  const prefecture = opts.scopePrefecture ?? opts.prefecture;
  const where = and(
    prefecture ? eq(enterprises.prefecture, prefecture) : undefined,
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
