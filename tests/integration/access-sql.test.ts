import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, voucherProgrammes } from '../../db/schema';
import { programmeAccess, scopeCovers } from '../../app/domain/access-policy';
import { prefectureInScope, programmeVisible } from '../../app/models/access-sql.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { createEnterprise } from './adoption-fixtures';
import { makeProgramme } from './vouchers-fixtures';

// The SQL forms of the access policy select exactly the rows the policy's own functions allow,
// for the provincial scope and for prefecture scopes with and without rows of their own.

const db = useTestDatabase();
const PREFECTURES = ['5101', '5107', '5134'];
const SCOPES = [null, '5101', '5107', '5134', '5120'];

beforeAll(async () => {
  for (const prefecture of PREFECTURES) for (let i = 0; i < 2; i++) createEnterprise(db(), { prefecture });
  for (const scope of [null, '5101', '5107']) {
    const official = await createTestUser(db(), { role: 'official', prefecture: scope });
    makeProgramme(db(), { userId: official.id, scopePrefecture: scope });
  }
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
});
