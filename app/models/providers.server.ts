import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { providers } from '../../db/schema';
import type { z } from '~/i18n/zod';
import type { ProviderEditSchema } from '~/schemas/accounts';
import { writeAudit } from './audit.server';
import { reindexProviderInTx } from './search.server';

export type ProviderEdit = z.output<typeof ProviderEditSchema>;

const providerColumns = {
  id: providers.id,
  uscc: providers.uscc,
  nameZh: providers.nameZh,
  nameEn: providers.nameEn,
  prefecture: providers.prefecture,
  certifications: providers.certifications,
  website: providers.website,
  contactName: providers.contactName,
  contactEmail: providers.contactEmail,
  contactPhone: providers.contactPhone,
  status: providers.status,
  statusReason: providers.statusReason,
  updatedAt: providers.updatedAt,
};

export type OwnProvider = NonNullable<ReturnType<typeof getProviderByOwner>>;

/** The organisation a provider account owns (one per account), or null for an account without one. */
export function getProviderByOwner(db: Db, userId: string) {
  return db.select(providerColumns).from(providers).where(eq(providers.ownerUserId, userId)).get() ?? null;
}

/** Edits the organisation profile. The USCC is the provider's identity and is never changed here. */
export function updateProviderProfile(db: Db, opts: { providerId: string; actorUserId: string; input: ProviderEdit }) {
  const { input } = opts;
  db.transaction((tx) => {
    tx.update(providers)
      .set({
        nameZh: input.nameZh,
        nameEn: input.nameEn ?? null,
        prefecture: input.prefecture,
        certifications: input.certifications,
        website: input.website ?? null,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(providers.id, opts.providerId))
      .run();
    writeAudit(tx, { actorUserId: opts.actorUserId, action: 'provider.update', targetType: 'provider', targetId: opts.providerId });
    // Provider name and certifications are part of every offering's search document.
    reindexProviderInTx(tx, opts.providerId);
  });
}

/** A rejected provider asks officials to look again: back to 'applied'. Only from 'rejected'. */
export function reapplyProvider(db: Db, opts: { providerId: string; actorUserId: string }): { ok: boolean } {
  return db.transaction((tx) => {
    const changed = tx
      .update(providers)
      // The old reason answered the old application; the audit log keeps it.
      .set({ status: 'applied', statusReason: null, updatedAt: new Date().toISOString() })
      .where(and(eq(providers.id, opts.providerId), eq(providers.status, 'rejected')))
      .run();
    if (changed.changes === 0) return { ok: false };
    writeAudit(tx, { actorUserId: opts.actorUserId, action: 'provider.reapply', targetType: 'provider', targetId: opts.providerId });
    return { ok: true };
  });
}
