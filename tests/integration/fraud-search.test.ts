import { describe, expect, it } from 'vitest';
import { offeringPlans, offerings, providers } from '../../db/schema';
import { buildOfferingInput, buildOfferingPlanInputs, buildProviderInput } from '../../db/seed/factories';
import { liftFraud, markFraud } from '../../app/models/adoption-fraud.server';
import { indexOfferingInTx, makeQuery, searchOfferings } from '../../app/models/search.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

describe('fraud marking and search', () => {
  it('removes a flagged provider’s offerings from search at once and brings them back when lifted', async () => {
    const user = await createTestUser(db(), { role: 'official', prefecture: null });
    const official = { id: user.id, role: 'official' as const, scopePrefecture: null };
    const provider = buildProviderInput(7001, { prefecture: '5101', status: 'approved' });
    const offering = buildOfferingInput(7001, { providerId: provider.id, titleZh: '能耗监测云平台', status: 'published' });
    db().transaction((tx) => {
      tx.insert(providers).values(provider).run();
      tx.insert(offerings).values(offering).run();
      tx.insert(offeringPlans).values(buildOfferingPlanInputs(offering.id!, 7001)).run();
      indexOfferingInTx(tx, offering.id!);
    });
    const found = async () => (await searchOfferings(db(), makeQuery({ q: '能耗监测' }))).hits.map((h) => h.id);
    expect(await found()).toContain(offering.id);

    const marked = markFraud(db(), { targetType: 'provider', uscc: provider.uscc, reason: '虚报上云企业', official });
    expect(marked.ok).toBe(true);
    expect(await found()).not.toContain(offering.id);

    if (!marked.ok) return;
    expect(liftFraud(db(), { caseId: marked.caseId, reason: '复核后撤销', official }).ok).toBe(true);
    expect(await found()).toContain(offering.id);
  });
});
