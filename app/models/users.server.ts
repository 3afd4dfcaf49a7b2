import { and, asc, count, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { officialScopes, users, type UserRole, type UserStatus } from '../../db/schema';
import type { Locale } from '~/i18n/locale';
import { prepared } from './prepared.server';
import { likeContains } from './sql.server';

export interface AppUser {
  id: string;
  email: string;
  role: UserRole;
  displayName: string;
  locale: Locale;
  /** Only 'active' may use a session (auth.server.ts getUser); 'deleted' never signs in again. */
  status: UserStatus;
  /** Accounts created with a one-time password must set their own before anything else. */
  mustChangePassword: boolean;
  /** Officials only: null = the whole province, else one prefecture code. */
  scopePrefecture: string | null;
  /** Sessions issued under another number are logged out (auth.server.ts getUser). */
  sessionVersion: number;
  /** The privacy notice version the person accepted (null = none yet): app/domain/privacy-notice.ts. */
  privacyNoticeVersion: string | null;
}

const userColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  displayName: users.displayName,
  locale: users.locale,
  status: users.status,
  mustChangePassword: users.mustChangePassword,
  scopePrefecture: officialScopes.prefecture,
  sessionVersion: users.sessionVersion,
  privacyNoticeVersion: users.privacyNoticeVersion,
};

type UserRow = Omit<AppUser, 'mustChangePassword'> & { mustChangePassword: 0 | 1 };

/**
 * The account `id`, or null. Run for every signed-in request (auth.server.ts getUser), so its
 * statement is prepared once per connection (prepared.server.ts) rather than built by drizzle
 * each time; the columns are userColumns'.
 */
export function getUserById(db: Db, id: string): AppUser | null {
  const s = prepared(db, 'users', (sqlite) => ({
    byId: sqlite.prepare<[string], UserRow>(
      `SELECT u.id, u.email, u.role, u.display_name AS displayName, u.locale, u.status,
         u.must_change_password AS mustChangePassword, s.prefecture AS scopePrefecture,
         u.session_version AS sessionVersion, u.privacy_notice_version AS privacyNoticeVersion
       FROM users u LEFT JOIN official_scopes s ON s.user_id = u.id
       WHERE u.id = ?`,
    ),
  }));
  const row = s.byId.get(id);
  return row ? { ...row, mustChangePassword: row.mustChangePassword === 1 } : null;
}

export function setUserLocale(db: Db, userId: string, locale: Locale) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export const USERS_PAGE_SIZE = 25;

export function listUsers(db: Db, opts: { page: number; q?: string; role?: UserRole }) {
  const conditions = [];
  if (opts.q) conditions.push(or(likeContains(users.email, opts.q), likeContains(users.displayName, opts.q)));
  if (opts.role) conditions.push(eq(users.role, opts.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const rows = db
    .select({ ...userColumns, createdAt: users.createdAt })
    .from(users)
    .leftJoin(officialScopes, eq(officialScopes.userId, users.id))
    .where(where)
    .orderBy(asc(users.role), asc(users.email))
    .limit(USERS_PAGE_SIZE)
    .offset((opts.page - 1) * USERS_PAGE_SIZE)
    .all();
  return { rows, total, pageSize: USERS_PAGE_SIZE };
}
