import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { apiKeys, providers, users } from '../../db/schema';
import { mayManageApiKey, type KeyManager } from '~/domain/access-policy';
import { newId } from '~/utils/ids';
import { prefectureInScope } from './access-sql.server';
import { writeAudit } from './audit.server';
import { prepared } from './prepared.server';

// API keys for provider and prefecture systems (formats/adoption-events.md). A key is 32 random
// bytes: only its SHA-256 is stored — a slow password hash adds nothing for a secret with 256 bits
// of entropy and would cost every API request milliseconds. The key is shown once, at creation.

const KEY_PREFIX = 'yq_';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

function generateKey() {
  const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
  return { key, displayPrefix: `${key.slice(0, 10)}…`, secretHash: hashApiKey(key) };
}

export interface ApiKeyPrincipal {
  id: string;
  kind: 'provider' | 'prefecture';
  providerId: string | null;
  prefecture: string | null;
}

// Writing last_used_at on every request would turn each read of the key into a write; a minute's
// precision is enough to tell a live key from a forgotten one.
const LAST_USE_PRECISION_MS = 60_000;

// Every API request reads its key. Active keys are remembered for a few seconds by the hash of the
// token; revoking a key (revokeApiKey, the only way) forgets them at once in this process. Another
// process could only revoke through the database, and would be seen within KEY_MEMORY_MS.
const KEY_MEMORY_MS = 5000;
type RememberedKey = { principal: ApiKeyPrincipal; lastUsedAt: number; at: number };
const rememberedKeys = new WeakMap<Db['$client'], Map<string, RememberedKey>>();

function keyMemory(db: Db) {
  let memory = rememberedKeys.get(db.$client);
  if (!memory) {
    memory = new Map();
    rememberedKeys.set(db.$client, memory);
  }
  return memory;
}

/** The active key a bearer token names, or null (unknown or revoked). Notes the use. */
export function authenticateApiKey(db: Db, token: string, now = new Date()): ApiKeyPrincipal | null {
  if (!token.startsWith(KEY_PREFIX) || token.length > 200) return null;
  const hash = hashApiKey(token);
  const memory = keyMemory(db);
  const known = memory.get(hash);
  const time = now.getTime();
  if (known && time - known.at < KEY_MEMORY_MS && time - known.lastUsedAt <= LAST_USE_PRECISION_MS)
    return known.principal;
  const s = prepared(db, 'api-keys', (sqlite) => ({
    byHash: sqlite.prepare<
      [string],
      ApiKeyPrincipal & { lastUsedAt: string | null; revokedAt: string | null }
    >(
      `SELECT id, kind, provider_id AS providerId, prefecture, last_used_at AS lastUsedAt, revoked_at AS revokedAt
       FROM api_keys WHERE secret_hash = ?`,
    ),
    touch: sqlite.prepare<[string, string]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
  }));
  const row = s.byHash.get(hash);
  if (!row || row.revokedAt) {
    memory.delete(hash);
    return null;
  }
  let lastUsedAt = row.lastUsedAt ? Date.parse(row.lastUsedAt) : 0;
  if (time - lastUsedAt > LAST_USE_PRECISION_MS) {
    s.touch.run(now.toISOString(), row.id);
    lastUsedAt = time;
  }
  const principal: ApiKeyPrincipal = {
    id: row.id,
    kind: row.kind,
    providerId: row.providerId,
    prefecture: row.prefecture,
  };
  memory.set(hash, { principal, lastUsedAt, at: time });
  return principal;
}

export type CreateKeyOwner =
  { kind: 'provider'; providerId: string } | { kind: 'prefecture'; prefecture: string };

/** Creates a key and returns it — the only time the full key exists outside the caller's system. */
export function createApiKey(
  db: Db,
  opts: { owner: CreateKeyOwner; name: string; actorUserId: string | null },
) {
  const { key, displayPrefix, secretHash } = generateKey();
  const id = newId();
  db.transaction((tx) => {
    tx.insert(apiKeys)
      .values({
        id,
        kind: opts.owner.kind,
        providerId: opts.owner.kind === 'provider' ? opts.owner.providerId : null,
        prefecture: opts.owner.kind === 'prefecture' ? opts.owner.prefecture : null,
        name: opts.name,
        displayPrefix,
        secretHash,
        createdByUserId: opts.actorUserId,
      })
      .run();
    writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'apiKey.create',
      targetType: 'api_key',
      targetId: id,
      detail: { ...opts.owner, name: opts.name },
    });
  });
  return { id, key, displayPrefix };
}

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  kind: apiKeys.kind,
  prefecture: apiKeys.prefecture,
  displayPrefix: apiKeys.displayPrefix,
  createdAt: apiKeys.createdAt,
  createdBy: users.displayName,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export function listProviderApiKeys(db: Db, providerId: string) {
  return db
    .select(listColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(eq(apiKeys.providerId, providerId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .all();
}

/** Prefecture-office keys an official may see: their prefecture's, or all for a provincial official. */
export function listPrefectureApiKeys(db: Db, scope: string | null) {
  return db
    .select(listColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(and(eq(apiKeys.kind, 'prefecture'), prefectureInScope(apiKeys.prefecture, scope)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .all();
}

export type RevokeOwner = KeyManager;

/**
 * Revokes a key its owner may manage. Another provider's key, or a prefecture key outside the
 * official's scope, answers notFound: nobody learns that it exists.
 */
export function revokeApiKey(
  db: Db,
  opts: { keyId: string; owner: RevokeOwner; actorUserId: string },
): { ok: true } | { ok: false; error: 'notFound' } {
  const key = db
    .select({
      id: apiKeys.id,
      kind: apiKeys.kind,
      providerId: apiKeys.providerId,
      prefecture: apiKeys.prefecture,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.id, opts.keyId))
    .get();
  const owns =
    key &&
    mayManageApiKey(
      opts.owner,
      key.kind === 'provider' ? { kind: 'provider', providerId: key.providerId } : { kind: 'prefecture', prefecture: key.prefecture },
    );
  if (!key || !owns) return { ok: false, error: 'notFound' };
  keyMemory(db).clear();
  if (key.revokedAt) return { ok: true };
  const now = new Date().toISOString();
  db.transaction((tx) => {
    tx.update(apiKeys)
      .set({ revokedAt: now, revokedByUserId: opts.actorUserId })
      .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
      .run();
    writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'apiKey.revoke',
      targetType: 'api_key',
      targetId: key.id,
    });
  });
  return { ok: true };
}

/** For the command line: a provider by USCC (null when unknown). */
export function findProviderIdByUscc(db: Db, uscc: string): string | null {
  return db.select({ id: providers.id }).from(providers).where(eq(providers.uscc, uscc)).get()?.id ?? null;
}
