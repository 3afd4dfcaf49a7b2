import { desc, eq, and } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes one audit row. Call it inside the transaction of the change it records. */
export function writeAudit(db: Pick<Db, 'insert'>, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason ?? null,
      detail: entry.detail ?? null,
    })
    .run();
}

export function listAuditFor(db: Db, targetType: string, targetId: string) {
  return db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.id))
    .all();
}
