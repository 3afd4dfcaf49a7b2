import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, fraudCases, voucherProgrammes } from '../../db/schema';
import { programmeAccess, scopeCovers, viewPrefecture } from '../../app/domain/access-policy';
import { prefectureInScope, programmeVisible } from '../../app/models/access-sql.server';
import { listFraudCases } from '../../app/models/adoption-fraud.server';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { listEventQueue } from '../../app/models/adoption-queries.server';
import { listEnterprisesInScope } from '../../app/models/officials.server';
import { newId } from '../../app/utils/ids';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { createEnterprise, createProvider } from './adoption-fixtures';
import { makeProgramme } from './vouchers-fixtures';

// The SQL forms of the access policy select exactly the rows the policy's own functions allow,
// for the provincial scope and for prefecture scopes with and without rows of their own.

const db = useTestDatabase();
const PREFECTURES = ['5101', '5107', '5134'];
const SCOPES = [null, '5101', '5107', '5134', '5120'];

/** Fraud cases by the prefecture of their target (an enterprise, or a provider — one from outside Sichuan too). */
const cases: { id: string; prefecture: string }[] = [];

beforeAll(async () => {
  for (const prefecture of PREFECTURES) for (let i = 0; i < 2; i++) createEnterprise(db(), { prefecture });
  for (const scope of [null, '5101', '5107']) {
    const official = await createTestUser(db(), { role: 'official', prefecture: scope });
    makeProgramme(db(), { userId: official.id, scopePrefecture: scope });
  }
  const all = db().select({ id: enterprises.id, prefecture: enterprises.prefecture }).from(enterprises).all();
  const at = new Date().toISOString();
  for (const e of all) {
    // One pending event each, for the officials' queue.
    appendEvent(db(), { enterpriseId: e.id, level: 'saas', occurredOn: '2026-11-20', source: 'official', verified: false }, at);
  }
  const mark = (targetType: 'enterprise' | 'provider', targetId: string, prefecture: string) => {
    const id = newId();
    db().insert(fraudCases).values({ id, targetType, targetId, reason: '测试', markedAt: at }).run();
    cases.push({ id, prefecture });
  };
  for (const prefecture of PREFECTURES) mark('enterprise', all.find((e) => e.prefecture === prefecture)!.id, prefecture);
  for (const prefecture of ['5101', '5107', '3201']) mark('provider', createProvider(db(), { prefecture }).id, prefecture);
});

describe('the SQL forms of the access policy', () => {
  it('prefectureInScope selects the records scopeCovers allows', () => {
    const all = db()
      .select({ id: enterprises.id, prefecture: enterprises.prefecture })
      .from(enterprises)
      .all();
    expect(all.length).toBe(6);
    for (const scope of SCOPES) {
      const bySql = db()
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(prefectureInScope(enterprises.prefecture, scope))
        .all();
      const byRule = all.filter((e) => scopeCovers(scope, e.prefecture));
      expect(bySql.map((r) => r.id).sort(), `scope ${scope}`).toEqual(byRule.map((r) => r.id).sort());
    }
  });

  it('programmeVisible selects the programmes programmeAccess does not refuse', () => {
    const all = db()
      .select({ id: voucherProgrammes.id, scope: voucherProgrammes.scopePrefecture })
      .from(voucherProgrammes)
      .all();
    expect(all.length).toBe(3);
    for (const scope of SCOPES) {
      const bySql = db()
        .select({ id: voucherProgrammes.id })
        .from(voucherProgrammes)
        .where(programmeVisible(voucherProgrammes.scopePrefecture, scope))
        .all();
      const byRule = all.filter((p) => programmeAccess(scope, p.scope) !== 'none');
      expect(bySql.map((r) => r.id).sort(), `scope ${scope}`).toEqual(byRule.map((r) => r.id).sort());
    }
  });

  it('the officials’ event queue holds the events of enterprises scopeCovers allows', () => {
    const all = db().select({ id: enterprises.id, prefecture: enterprises.prefecture }).from(enterprises).all();
    for (const scope of SCOPES) {
      const queue = listEventQueue(db(), { scope, status: 'pending', page: 1 });
      const byRule = all.filter((e) => scopeCovers(scope, e.prefecture)).map((e) => e.id);
      expect(queue.rows.map((r) => r.enterpriseId).sort(), `scope ${scope}`).toEqual(byRule.sort());
      expect(queue.total, `scope ${scope}`).toBe(byRule.length);
    }
  });

  it('the fraud cases listed are those whose enterprise or provider scopeCovers allows', () => {
    for (const scope of SCOPES) {
      const listed = listFraudCases(db(), { scope, open: true }).map((c) => c.id);
      const byRule = cases.filter((c) => scopeCovers(scope, c.prefecture)).map((c) => c.id);
      expect(listed.sort(), `scope ${scope}`).toEqual(byRule.sort());
    }
  });

  it('the enterprise list shows the prefecture viewPrefecture answers, for every scope and request', () => {
    const all = db().select({ id: enterprises.id, prefecture: enterprises.prefecture }).from(enterprises).all();
    for (const scope of SCOPES) {
      for (const requested of [undefined, '5101', '5107']) {
        const view = viewPrefecture(scope, requested);
        if (!view.ok) continue; // refused with 403 by the route, before any query
        const list = listEnterprisesInScope(db(), { prefecture: view.prefecture, page: 1 });
        const byRule = all.filter((e) => scopeCovers(view.prefecture, e.prefecture) && scopeCovers(scope, e.prefecture));
        expect(list.rows.map((r) => r.id).sort(), `scope ${scope}, asked ${requested}`).toEqual(byRule.map((e) => e.id).sort());
      }
    }
  });
});
