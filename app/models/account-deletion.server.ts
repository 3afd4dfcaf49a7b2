// Account deletion (issue 13; 个人信息保护法 Art. 47: a person may have their personal information
// deleted, except what a law requires to be kept — there, the handler stops all processing but
// storage and protection). One transaction:
//   - the person's fields are erased: email → an unusable unique placeholder (the address may sign
//     up again), name → 已注销用户, password hash → random text no password can match, status
//     'deleted' (getUser and the login treat it as gone), deleted_at set; the session version is
//     raised, which ends every session at once;
//   - what is about the person only goes: notifications, password-reset links, mail to the address;
//   - what the counter, the subsidies and the audit log must keep stays, detached from the person:
//     the owned enterprise (USCC, profile, adoption events, orders) and provider lose their owner;
//     a provider's personal contact fields are cleared; messages, quotes and reviews keep their
//     author id, which now names 已注销用户; audit rows stay (the new one holds no personal data).
// Refused while the organisation has open orders: the other party, and an official deciding a
// dispute, must still be able to reach someone. Staff accounts (officials, admins) are not deleted
// by themselves: their decisions in the audit log must keep a name (an admin suspends them instead).
import crypto from 'node:crypto';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  apiKeys,
  enterprises,
  mailOutbox,
  notifications,
  orders,
  passwordResetTokens,
  providers,
  serviceRequests,
  users,
  type UserRole,
} from '../../db/schema';
import { mayDeleteOwnAccount } from '~/domain/access-policy';
import type { OrderStatus, RequestStatus } from '~/domain/marketplace-states';
import { verifyPassword } from '~/utils/password.server';
import { writeAudit } from './audit.server';
import { withdrawRequest } from './requests.server';
import { reindexProviderInTx, type Tx } from './search.server';

/** What a deleted account is called wherever its name was shown (messages, histories, key lists). */
export const DELETED_DISPLAY_NAME = '已注销用户';

/**
 * The placeholder email of a deleted account: unique (users.email is), and undeliverable — the
 * `.invalid` top-level domain never resolves (RFC 2606 §2, RFC 6761 §6.4).
 */
export function deletedEmail(userId: string): string {
  return `deleted-${userId}@invalid`;
}

/** Orders someone still has to act on: paying, delivering, confirming, or a dispute to decide. */
export const OPEN_ORDER_STATUSES = ['pending_payment', 'paid', 'delivered', 'disputed'] as const satisfies readonly OrderStatus[];
/** Requests an SME's deletion withdraws (the provider sees them closed as withdrawn, not left waiting). */
const OPEN_REQUEST_STATUSES = ['new', 'replied', 'quoted'] as const satisfies readonly RequestStatus[];

/** The provider status a deletion leaves: vetting's own transitions (suspend an approved, reject an applied one). */
const PROVIDER_STATUS_AFTER_DELETION = { approved: 'suspended', applied: 'rejected' } as const;
const PROVIDER_STATUS_REASON = '服务商账号已注销，机构暂无账号管理。';

export type DeletionBlocker =
  | { reason: 'staff' }
  | { reason: 'openOrders'; organisation: 'enterprise' | 'provider'; count: number };

type Reader = Pick<Db, 'select'>;

function ownedIds(db: Reader, userId: string) {
  return {
    enterpriseIds: db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.ownerUserId, userId)).all().map((r) => r.id),
    providerIds: db.select({ id: providers.id }).from(providers).where(eq(providers.ownerUserId, userId)).all().map((r) => r.id),
  };
}

/** Why this account may not delete itself now, or null when it may. */
export function deletionBlocker(db: Reader, user: { id: string; role: UserRole }): DeletionBlocker | null {
  if (!mayDeleteOwnAccount(user.role)) return { reason: 'staff' };
  const { enterpriseIds, providerIds } = ownedIds(db, user.id);
  const open = (column: typeof orders.enterpriseId | typeof orders.providerId, ids: string[]) =>
    ids.length === 0
      ? 0
      : (db
          .select({ n: count() })
          .from(orders)
          .where(and(inArray(column, ids), inArray(orders.status, OPEN_ORDER_STATUSES)))
          .get()?.n ?? 0);
  const asBuyer = open(orders.enterpriseId, enterpriseIds);
  if (asBuyer > 0) return { reason: 'openOrders', organisation: 'enterprise', count: asBuyer };
  const asSeller = open(orders.providerId, providerIds);
  if (asSeller > 0) return { reason: 'openOrders', organisation: 'provider', count: asSeller };
  return null;
}

export type DeletionResult =
  | { ok: true }
  | { ok: false; reason: 'notFound' | 'wrongPassword' }
  | ({ ok: false } & DeletionBlocker);

/** Deletes the account `userId` after checking its current password (see the module comment). */
export async function deleteAccount(db: Db, input: { userId: string; password: string; now?: Date }): Promise<DeletionResult> {
  const user = db
    .select({ id: users.id, role: users.role, status: users.status, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!user || user.status === 'deleted') return { ok: false, reason: 'notFound' };
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, reason: 'wrongPassword' };
  const now = input.now ?? new Date();
  const at = now.toISOString();

  // Immediate (the write lock taken at BEGIN): it reads before it writes, and a deferred transaction
  // doing so fails at once with SQLITE_BUSY_SNAPSHOT if another process wrote in between.
  return db.transaction((tx): DeletionResult => {
    // Checked again inside the transaction: an order made while the password was being verified counts.
    const blocker = deletionBlocker(tx, user);
    if (blocker) return { ok: false, ...blocker };
    const { enterpriseIds, providerIds } = ownedIds(tx, user.id);
    const oldEmail = tx.select({ email: users.email }).from(users).where(eq(users.id, user.id)).get()!.email;

    // The SME's open requests are withdrawn, as the person would have: the provider is not left writing to no one.
    if (enterpriseIds.length > 0) {
      const open = tx
        .select({ id: serviceRequests.id, enterpriseId: serviceRequests.enterpriseId })
        .from(serviceRequests)
        .where(and(inArray(serviceRequests.enterpriseId, enterpriseIds), inArray(serviceRequests.status, OPEN_REQUEST_STATUSES)))
        .all();
      for (const r of open) {
        withdrawRequest(tx as unknown as Db, {
          requestId: r.id,
          viewer: { role: 'sme', enterpriseId: r.enterpriseId },
          actor: { role: 'sme', userId: user.id, apiKeyId: null },
          now,
        });
      }
    }

    tx.update(users)
      .set({
        email: deletedEmail(user.id),
        displayName: DELETED_DISPLAY_NAME,
        // Not an argon2 string at all: verifyPassword answers false for every password.
        passwordHash: `!deleted!${crypto.randomBytes(32).toString('base64url')}`,
        status: 'deleted',
        mustChangePassword: false,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        deletedAt: at,
        updatedAt: at,
      })
      .where(eq(users.id, user.id))
      .run();
    tx.delete(notifications).where(eq(notifications.userId, user.id)).run();
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)).run();
    tx.delete(mailOutbox).where(eq(mailOutbox.toAddress, oldEmail)).run();

    for (const enterpriseId of enterpriseIds) {
      tx.update(enterprises).set({ ownerUserId: null, updatedAt: at }).where(eq(enterprises.id, enterpriseId)).run();
      writeAudit(tx, { actorUserId: user.id, action: 'enterprise.owner_deleted', targetType: 'enterprise', targetId: enterpriseId });
    }
    for (const providerId of providerIds) detachProvider(tx, { providerId, userId: user.id, at });

    writeAudit(tx, {
      actorUserId: user.id,
      action: 'user.delete',
      targetType: 'user',
      targetId: user.id,
      detail: { role: user.role, enterpriseIds, providerIds },
    });
    return { ok: true };
  }, { behavior: 'immediate' });
}

/**
 * A provider left without an account: its personal contact fields cleared, vetting's own transition
 * applied (an approved one suspended — its listings leave search in this transaction — an applied
 * one rejected), and its API keys revoked, since nobody is left to manage them.
 */
function detachProvider(tx: Tx, input: { providerId: string; userId: string; at: string }) {
  const before = tx.select({ status: providers.status }).from(providers).where(eq(providers.id, input.providerId)).get();
  if (!before) return;
  const next = before.status in PROVIDER_STATUS_AFTER_DELETION
    ? PROVIDER_STATUS_AFTER_DELETION[before.status as keyof typeof PROVIDER_STATUS_AFTER_DELETION]
    : before.status;
  tx.update(providers)
    .set({
      ownerUserId: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      status: next,
      ...(next !== before.status ? { statusReason: PROVIDER_STATUS_REASON } : {}),
      updatedAt: input.at,
    })
    .where(eq(providers.id, input.providerId))
    .run();
  writeAudit(tx, {
    actorUserId: input.userId,
    action: 'provider.owner_deleted',
    targetType: 'provider',
    targetId: input.providerId,
    reason: next !== before.status ? PROVIDER_STATUS_REASON : null,
    detail: { from: before.status, to: next },
  });
  if (next !== before.status) reindexProviderInTx(tx, input.providerId);
  const revoked = tx
    .update(apiKeys)
    .set({ revokedAt: input.at, revokedByUserId: input.userId })
    .where(and(eq(apiKeys.providerId, input.providerId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id })
    .all();
  for (const key of revoked) {
    writeAudit(tx, { actorUserId: input.userId, action: 'apiKey.revoke', targetType: 'api_key', targetId: key.id, detail: { why: 'user.delete' } });
  }
}
