// Officials' views of an enterprise's personal contact details (issue 13; 个人信息保护法 Art. 40 and
// 51: access to personal information is limited to who needs it, and recorded). The contact person
// of an enterprise is its owner account: display name and email (enterprises hold no personal
// columns of their own). Officials are shown it only here, which logs one contact_views row per
// showing in the same transaction as the read: a contact cannot be shown unlogged.
import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { contactViews, enterprises, officialScopes, users } from '../../db/schema';
import type { OfficialScope } from '~/domain/access-policy';
import { prefectureInScope } from './access-sql.server';

export interface ContactViewer {
  userId: string;
  scopePrefecture: OfficialScope;
}

export interface EnterpriseContact {
  enterpriseId: string;
  name: string;
  email: string;
}

/**
 * The contact person of `enterpriseId` when the official's scope covers it and it has an account to
 * contact (an enterprise from a report, or whose owner deleted the account, has none), logged with
 * `context` (the page's path); null otherwise, with nothing logged. An enterprise out of scope is
 * never shown — the page that names it answers 404 first.
 */
export function showEnterpriseContact(
  db: Db,
  viewer: ContactViewer,
  enterpriseId: string,
  context: string,
): EnterpriseContact | null {
  // Immediate: the write lock is taken before the read. A deferred transaction that reads and then
  // writes fails at once with SQLITE_BUSY_SNAPSHOT when another process wrote in between (WAL; the
  // busy timeout does not apply to it); an immediate one waits its turn at BEGIN instead.
  return db.transaction((tx) => {
    const contact = tx
      .select({ enterpriseId: enterprises.id, name: users.displayName, email: users.email })
      .from(enterprises)
      .innerJoin(users, eq(users.id, enterprises.ownerUserId))
      .where(
        and(
          eq(enterprises.id, enterpriseId),
          prefectureInScope(enterprises.prefecture, viewer.scopePrefecture),
          ne(users.status, 'deleted'),
        ),
      )
      .get();
    if (!contact) return null;
    tx.insert(contactViews).values({ officialUserId: viewer.userId, enterpriseId, context }).run();
    return contact;
  }, { behavior: 'immediate' });
}

/**
 * Who viewed an enterprise's contact, newest first, for its owner: when, on which page, and the
 * official's scope (a prefecture code, null = provincial) — not the official's name or email, which
 * are theirs. `viewerKnown` is false once the official's account is gone. All rows without `page`.
 */
export function listContactViewsOfEnterprise(db: Db, enterpriseId: string, opts: { page?: number } = {}) {
  const query = db
    .select({
      viewedAt: contactViews.viewedAt,
      context: contactViews.context,
      officialUserId: contactViews.officialUserId,
      viewerScope: officialScopes.prefecture,
    })
    .from(contactViews)
    .leftJoin(officialScopes, eq(officialScopes.userId, contactViews.officialUserId))
    .where(eq(contactViews.enterpriseId, enterpriseId))
    .orderBy(desc(contactViews.viewedAt), desc(contactViews.id));
  const rows = opts.page ? query.limit(CONTACT_VIEWS_PAGE_SIZE).offset((opts.page - 1) * CONTACT_VIEWS_PAGE_SIZE).all() : query.all();
  return rows.map(({ officialUserId, ...r }) => ({ ...r, viewerKnown: officialUserId !== null }));
}

export const CONTACT_VIEWS_PAGE_SIZE = 20;

export function countContactViewsOfEnterprise(db: Db, enterpriseId: string): number {
  return db.select({ n: count() }).from(contactViews).where(eq(contactViews.enterpriseId, enterpriseId)).get()?.n ?? 0;
}

export type ContactViewRow = ReturnType<typeof listContactViewsOfEnterprise>[number];
