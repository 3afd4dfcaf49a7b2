import { eq, isNull, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { OfficialScope } from '~/domain/access-policy';

// The SQL forms of app/domain/access-policy.ts, for lists: filtering rows in JavaScript after the
// query would break paging and counts. tests/integration/access-sql.test.ts proves each agrees
// with the rule it restates.

/** scopeCovers(scope, <column>): no condition at all for a provincial scope. */
export function prefectureInScope(column: SQLiteColumn, scope: OfficialScope): SQL | undefined {
  return scope === null ? undefined : eq(column, scope);
}

/** programmeAccess(scope, <column>) !== 'none': a prefecture official sees its own and the provincial programmes. */
export function programmeVisible(column: SQLiteColumn, scope: OfficialScope): SQL | undefined {
  return scope === null ? undefined : or(isNull(column), eq(column, scope));
}
