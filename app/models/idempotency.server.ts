import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { idempotencyRecords } from '../../db/schema';

// Answers remembered under an Idempotency-Key for marketplace writes (app/utils/api.server.ts),
// scoped to the caller ('user:ID' or 'key:ID'), the method and the path.

export interface IdempotencyScope {
  caller: string;
  method: string;
  path: string;
  key: string;
}

export function findIdempotentAnswer(db: Db, scope: IdempotencyScope) {
  return (
    db
      .select({
        requestHash: idempotencyRecords.requestHash,
        status: idempotencyRecords.status,
        response: idempotencyRecords.response,
      })
      .from(idempotencyRecords)
      .where(
        and(
          eq(idempotencyRecords.caller, scope.caller),
          eq(idempotencyRecords.method, scope.method),
          eq(idempotencyRecords.path, scope.path),
          eq(idempotencyRecords.idempotencyKey, scope.key),
        ),
      )
      .get() ?? null
  );
}

export function rememberIdempotentAnswer(
  db: Db,
  scope: IdempotencyScope,
  requestHash: string,
  status: number,
  response: unknown,
) {
  db.insert(idempotencyRecords)
    .values({
      caller: scope.caller,
      method: scope.method,
      path: scope.path,
      idempotencyKey: scope.key,
      requestHash,
      status,
      response,
    })
    .onConflictDoNothing()
    .run();
}
