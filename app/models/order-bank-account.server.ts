import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { providers } from '../../db/schema';
import type { BankAccount } from '~/schemas/orders';
import { writeAudit } from './audit.server';

// The provider's receiving account (收款账户) for bank-transfer orders (对公转账). Orders copy it
// when they are made (order-create.server.ts), so a change here applies to later orders only.

export function getProviderBankAccount(db: Db, providerId: string): BankAccount | null {
  const row = db
    .select({
      bankAccountName: providers.bankAccountName,
      bankName: providers.bankName,
      bankAccountNo: providers.bankAccountNo,
    })
    .from(providers)
    .where(eq(providers.id, providerId))
    .get();
  if (!row?.bankAccountName || !row.bankName || !row.bankAccountNo) return null;
  return { bankAccountName: row.bankAccountName, bankName: row.bankName, bankAccountNo: row.bankAccountNo };
}

/** Saves the account (audited: where buyers send money is worth a trail). */
export function saveProviderBankAccount(db: Db, opts: { providerId: string; actorUserId: string; account: BankAccount }) {
  db.transaction((tx) => {
    tx.update(providers)
      .set({ ...opts.account, updatedAt: new Date().toISOString() })
      .where(eq(providers.id, opts.providerId))
      .run();
    writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'provider.bankAccount',
      targetType: 'provider',
      targetId: opts.providerId,
      // The last four digits are enough to tell accounts apart in the trail.
      detail: { bankName: opts.account.bankName, accountNoEnd: opts.account.bankAccountNo.replace(/\s/g, '').slice(-4) },
    });
  });
}
