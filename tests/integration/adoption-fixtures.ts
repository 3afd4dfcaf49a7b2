// Fixtures for the adoption ledger tests: made by the tests themselves, never read from /work/shared.
import { expect } from 'vitest';
import type { Db } from '../../db/client.server';
import { enterprises, offerings, providers } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { createApiKey } from '../../app/models/api-keys.server';
import { newId } from '../../app/utils/ids';
import { verifyCounter } from '../../scripts/counter-verify';

let serial = 0;

/** A valid, unique USCC registered in a Sichuan prefecture (region code 5101xx by default). */
export function uscc(region = '510100'): string {
  serial += 1;
  return makeUscc('91', region, `MA${String(serial).padStart(7, '0')}`);
}

export function createProvider(
  db: Db,
  opts: { ownerUserId?: string; prefecture?: string; externalIds?: string[] } = {},
) {
  const id = newId();
  const code = uscc();
  db.insert(providers)
    .values({
      id,
      uscc: code,
      nameZh: `测试云服务商${serial}`,
      prefecture: opts.prefecture ?? '5101',
      status: 'approved',
      ownerUserId: opts.ownerUserId ?? null,
    })
    .run();
  const offeringIds: Record<string, string> = {};
  for (const externalId of opts.externalIds ?? ['mes-lite']) {
    const offeringId = newId();
    db.insert(offerings)
      .values({
        id: offeringId,
        providerId: id,
        externalId,
        titleZh: `产品 ${externalId}`,
        summary: '测试',
        level: 'saas',
        status: 'published',
      })
      .run();
    offeringIds[externalId] = offeringId;
  }
  return { id, uscc: code, offeringIds };
}

export function createEnterprise(
  db: Db,
  opts: {
    prefecture?: string;
    industry?: string;
    ownerUserId?: string;
    onCloudBeforeCampaign?: boolean;
  } = {},
) {
  const id = newId();
  const code = uscc();
  db.insert(enterprises)
    .values({
      id,
      uscc: code,
      name: `测试企业${serial}`,
      prefecture: opts.prefecture ?? '5101',
      industry: opts.industry ?? '34',
      sizeClass: 'unknown',
      ownerUserId: opts.ownerUserId ?? null,
      onCloudBeforeCampaign: opts.onCloudBeforeCampaign ?? false,
    })
    .run();
  return { id, uscc: code };
}

export function providerKey(db: Db, providerId: string) {
  return createApiKey(db, { owner: { kind: 'provider', providerId }, name: 'test', actorUserId: null }).key;
}

export function prefectureKey(db: Db, prefecture = '5101') {
  return createApiKey(db, { owner: { kind: 'prefecture', prefecture }, name: 'test', actorUserId: null }).key;
}

export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    uscc: uscc(),
    enterpriseName: '成都测试精密机械有限公司',
    prefecture: '5101',
    industry: '34',
    employees: 85,
    revenueWan: 3200,
    level: 'saas',
    offeringExternalId: 'mes-lite',
    occurredAt: '2021-04-12',
    note: '测试',
    ...overrides,
  };
}

export function apiRequest(
  path: string,
  opts: { key?: string; idempotencyKey?: string; body: unknown; raw?: string },
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
  if (opts.idempotencyKey !== undefined) headers['Idempotency-Key'] = opts.idempotencyKey;
  return new Request(new URL(path, 'http://localhost').href, {
    method: 'POST',
    headers,
    body: opts.raw ?? JSON.stringify(opts.body),
  });
}

/** The suite's invariant: after every scenario the live counter equals a recomputation from the ledger. */
export function expectCounterConsistent(db: Db) {
  const result = verifyCounter(db);
  expect(result.differences).toEqual([]);
  expect(result.ok).toBe(true);
}

export function countRows(db: Db, table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
