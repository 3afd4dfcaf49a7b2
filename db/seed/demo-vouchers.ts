/**
 * A demo cloud voucher programme (上云券), so the demo SME sees one on its unpaid order (the one
 * from the accepted quote) and officials see the programme pages: provincial, for small, micro and
 * medium enterprises, 30% of an order up to ¥50,000, Guizhou's caps (¥50,000 for a first claim,
 * ¥30,000 for later ones together). Made through the officials' model (so it is audited), valid
 * from 30 days ago for a year. Does nothing once it exists.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../client.server';
import { users, voucherProgrammes } from '../schema';
import { todayInChina } from '../../app/domain/adoption-dates';
import { createProgramme } from '../../app/models/voucher-programmes.server';

export const DEMO_VOUCHER_NAME = '四川省中小企业上云券（演示）';
const DAY = 24 * 3600 * 1000;

export function seedDemoVouchers(db: Db): { programmes: number } {
  if (db.select({ id: voucherProgrammes.id }).from(voucherProgrammes).where(eq(voucherProgrammes.name, DEMO_VOUCHER_NAME)).get())
    return { programmes: 0 };
  const official = db.select({ id: users.id }).from(users).where(eq(users.email, 'official@yunqiao.demo')).get();
  if (!official) return { programmes: 0 };
  const now = Date.now();
  const result = createProgramme(
    db,
    {
      name: DEMO_VOUCHER_NAME,
      kind: 'percent',
      amountFen: null,
      percent: 30,
      capPerOrderFen: 5_000_000,
      firstClaimCapFen: 5_000_000,
      laterClaimsCapFen: 3_000_000,
      eligibleLevels: [],
      eligibleSizeClasses: ['medium', 'small', 'micro'],
      prefectureCodes: [],
      budgetFen: 500_000_000,
      validFrom: todayInChina(new Date(now - 30 * DAY)),
      validUntil: todayInChina(new Date(now + 365 * DAY)),
      confirmWithinDays: 30,
    },
    { userId: official.id, scopePrefecture: null },
  );
  if (!result.ok) throw new Error(`demo voucher programme refused: ${JSON.stringify(result)}`);
  return { programmes: 1 };
}
