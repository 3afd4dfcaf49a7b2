import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, enterprises } from '../../db/schema';
import * as enterprisePage from '../../app/routes/enterprise._index';
import * as enterpriseLayout from '../../app/routes/enterprise';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

let serial = 0;
async function smeWithEnterprise() {
  const user = await createTestUser(db(), { role: 'sme' });
  const id = newId();
  serial += 1;
  const uscc = makeUscc('91', '510100', `MA7${String(serial).padStart(6, '0')}`);
  db()
    .insert(enterprises)
    .values({ id, uscc, name: '成都测试精密机械有限公司', prefecture: '5101', industry: '34', employees: 10, revenueWan: 100, sizeClass: 'micro', ownerUserId: user.id })
    .run();
  return { user, enterpriseId: id, uscc };
}

function stored(id: string) {
  return db().select().from(enterprises).where(eq(enterprises.id, id)).get()!;
}

function edit(cookie: string, fields: Record<string, string>) {
  return call(() =>
    enterprisePage.action(
      routeArgs(
        formRequest(
          '/enterprise?index',
          { name: '成都测试精密机械有限公司', prefecture: '5101', industry: '34', employees: '85', revenueWan: '3200', ...fields },
          cookie,
        ),
      ),
    ),
  );
}

describe('my enterprise profile', () => {
  it('shows the owner their enterprise, read-only USCC included', async () => {
    const { user, uscc } = await smeWithEnterprise();
    // The welcome after sign-up travels in the flash cookie; a query string shows nothing.
    const result = await call(() => enterprisePage.loader(routeArgs(getRequest('/enterprise?welcome=1', user.cookie))));
    expect(statusOf(result)).toBe(200);
    const payload = payloadOf(result);
    expect(payload.enterprise.uscc).toBe(uscc);
    expect(payload.flash).toBeNull();
  });

  it('recomputes the stored size class from the 2017 rules on every save, and audits it', async () => {
    const { user, enterpriseId } = await smeWithEnterprise();
    // Industry (工业): small needs X≥20 and Y≥300; medium X≥300 and Y≥2000; large X≥1000 and Y≥40000.
    const cases: [string, string, string][] = [
      ['85', '3200', 'small'],
      ['400', '50000', 'medium'],
      ['1200', '50000', 'large'],
      ['1200', '1500', 'small'],
      ['15', '50000', 'micro'],
      ['', '', 'unknown'],
    ];
    for (const [employees, revenueWan, size] of cases) {
      const result = await edit(user.cookie, { employees, revenueWan });
      expect(statusOf(result)).toBe(302);
      expect((result as Response).headers.get('Location')).toBe('/enterprise');
      expect((result as Response).headers.get('Set-Cookie')).toMatch(/^__yq_flash=/);
      expect({ employees, revenueWan, size: stored(enterpriseId).sizeClass }).toEqual({ employees, revenueWan, size });
    }
    const audits = db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'enterprise.update'), eq(auditLog.targetId, enterpriseId)))
      .get()!.n;
    expect(audits).toBe(cases.length);
  });

  it('answers invalid input with 400 and field errors, storing nothing', async () => {
    const { user, enterpriseId } = await smeWithEnterprise();
    const before = stored(enterpriseId);
    const result = await edit(user.cookie, { employees: '-5', prefecture: '9999', name: '改了名字' });
    expect(statusOf(result)).toBe(400);
    const errors = payloadOf(result).error;
    expect(errors.employees).toEqual(['errors.tooSmall|min=0']);
    expect(errors.prefecture).toEqual(['errors.choice']);
    expect(stored(enterpriseId)).toEqual(before);
  });

  it('ignores a USCC or size class sent in the form', async () => {
    const { user, enterpriseId, uscc } = await smeWithEnterprise();
    await edit(user.cookie, { uscc: makeUscc('91', '510100', 'MA7999999'), sizeClass: 'large', employees: '30', revenueWan: '400' });
    expect(stored(enterpriseId)).toMatchObject({ uscc, sizeClass: 'small' });
  });

  it('forbids other roles and sends visitors to log in', async () => {
    const provider = await createTestUser(db(), { role: 'provider' });
    expect(statusOf(await call(() => enterprisePage.loader(routeArgs(getRequest('/enterprise', provider.cookie)))))).toBe(403);
    expect(statusOf(await call(() => enterpriseLayout.loader(routeArgs(getRequest('/enterprise', provider.cookie)))))).toBe(403);
    expect(statusOf(await edit(provider.cookie, {}))).toBe(403);
    const visitor = await call(() => enterprisePage.loader(routeArgs(getRequest('/enterprise'))));
    expect(statusOf(visitor)).toBe(302);
  });

  it('tells an SME without an enterprise so, and refuses to save', async () => {
    const user = await createTestUser(db(), { role: 'sme' });
    const result = await call(() => enterprisePage.loader(routeArgs(getRequest('/enterprise', user.cookie))));
    expect(payloadOf(result).enterprise).toBeNull();
    expect(statusOf(await edit(user.cookie, {}))).toBe(404);
  });
});
