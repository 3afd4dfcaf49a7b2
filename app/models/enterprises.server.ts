import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.server';
import { enterprises } from '../../db/schema';
import { classifyEnterpriseSize, sectorOfIndustry } from '~/domain/enterprise-size';
import type { EnterpriseEditSchema } from '~/schemas/accounts';
import { writeAudit } from './audit.server';

export type EnterpriseEdit = z.output<typeof EnterpriseEditSchema>;

const profileColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  prefecture: enterprises.prefecture,
  industry: enterprises.industry,
  employees: enterprises.employees,
  revenueWan: enterprises.revenueWan,
  sizeClass: enterprises.sizeClass,
  onCloudBeforeCampaign: enterprises.onCloudBeforeCampaign,
  updatedAt: enterprises.updatedAt,
};

/** The enterprise an SME account registered ("my enterprise"), or null. */
export function getEnterpriseByOwner(db: Db, userId: string) {
  return (
    db
      .select(profileColumns)
      .from(enterprises)
      .where(eq(enterprises.ownerUserId, userId))
      // Sign-up makes exactly one; the order only keeps the answer stable if data says otherwise.
      .orderBy(asc(enterprises.createdAt), asc(enterprises.id))
      .get() ?? null
  );
}

export type EnterpriseProfile = NonNullable<ReturnType<typeof getEnterpriseByOwner>>;

/**
 * Saves the editable profile. The size class is never taken from the form: it is recomputed
 * from industry, employees and revenue under the 2017 rules, so lists filtering on it stay true.
 * The caller has checked that the actor may edit this enterprise.
 */
export function updateEnterpriseProfile(db: Db, args: { enterpriseId: string; actorUserId: string; input: EnterpriseEdit }) {
  const { input } = args;
  const sizeClass = classifyEnterpriseSize({
    sector: sectorOfIndustry(input.industry),
    employees: input.employees ?? null,
    revenueWan: input.revenueWan ?? null,
  });
  db.transaction((tx) => {
    const before = tx
      .select({ sizeClass: enterprises.sizeClass })
      .from(enterprises)
      .where(eq(enterprises.id, args.enterpriseId))
      .get();
    tx.update(enterprises)
      .set({
        name: input.name,
        prefecture: input.prefecture,
        industry: input.industry,
        employees: input.employees ?? null,
        revenueWan: input.revenueWan ?? null,
        sizeClass,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(enterprises.id, args.enterpriseId))
      .run();
    writeAudit(tx, {
      actorUserId: args.actorUserId,
      action: 'enterprise.update',
      targetType: 'enterprise',
      targetId: args.enterpriseId,
      detail: { sizeClassBefore: before?.sizeClass ?? null, sizeClass },
    });
  });
  return { sizeClass };
}
