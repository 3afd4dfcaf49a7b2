// The /account/data page's summary: how many rows of each table the download holds, counted with
// COUNT(*) under the export's own conditions (personalDataOwners) and joins, so the page does not
// build the whole export — 17 tables of rows, a busy provider's thousands of messages — to show
// 17 numbers. tests/integration/personal-data-export.test.ts proves the counts agree with the
// export, table by table.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import {
  adoptionEvents,
  adoptionEventStates,
  apiKeys,
  auditLog,
  jobs,
  notifications,
  offerings,
  orders,
  quotes,
  requestMessages,
  reviews,
  serviceRequests,
  users,
  voucherClaims,
  voucherProgrammes,
} from '../../db/schema';
import { countContactViewsOfEnterprise } from './contact-views.server';
import { PERSONAL_DATA_TABLES, personalDataOwners, type PersonalDataTable } from './personal-data.server';

const n = (row: { n: number } | undefined) => row?.n ?? 0;

/** How many rows each table of the account's export holds, in the export's order. */
export function personalDataCounts(db: Db, userId: string): { table: PersonalDataTable; rows: number }[] {
  const { enterprise, provider, enterpriseId, providerId, requestOwner, orderOwner, reviewOwner, activity } =
    personalDataOwners(db, userId);
  const account = n(db.select({ n: count() }).from(users).where(eq(users.id, userId)).get());
  const rows: Record<PersonalDataTable, number> = {
    account,
    // One row of facts about sessions for an account that exists (collectPersonalData).
    sessions: account,
    enterprise: enterprise ? 1 : 0,
    provider: provider ? 1 : 0,
    offerings:
      providerId === null ? 0 : n(db.select({ n: count() }).from(offerings).where(eq(offerings.providerId, providerId)).get()),
    requests: requestOwner
      ? n(
          db
            .select({ n: count() })
            .from(serviceRequests)
            .innerJoin(offerings, eq(offerings.id, serviceRequests.offeringId))
            .where(requestOwner)
            .get(),
        )
      : 0,
    messages: requestOwner
      ? n(
          db
            .select({ n: count() })
            .from(requestMessages)
            .innerJoin(serviceRequests, eq(serviceRequests.id, requestMessages.requestId))
            .where(requestOwner)
            .get(),
        )
      : 0,
    quotes: requestOwner
      ? n(
          db
            .select({ n: count() })
            .from(quotes)
            .innerJoin(serviceRequests, eq(serviceRequests.id, quotes.requestId))
            .where(requestOwner)
            .get(),
        )
      : 0,
    orders: orderOwner
      ? n(db.select({ n: count() }).from(orders).innerJoin(offerings, eq(offerings.id, orders.offeringId)).where(orderOwner).get())
      : 0,
    reviews: reviewOwner
      ? n(db.select({ n: count() }).from(reviews).innerJoin(offerings, eq(offerings.id, reviews.offeringId)).where(reviewOwner).get())
      : 0,
    notifications: n(db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)).get()),
    voucherClaims:
      enterpriseId === null
        ? 0
        : n(
            db
              .select({ n: count() })
              .from(voucherClaims)
              .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherClaims.programmeId))
              .where(eq(voucherClaims.enterpriseId, enterpriseId))
              .get(),
          ),
    adoptionEvents:
      enterpriseId === null
        ? 0
        : n(
            db
              .select({ n: count() })
              .from(adoptionEvents)
              .innerJoin(adoptionEventStates, eq(adoptionEventStates.eventId, adoptionEvents.id))
              .where(eq(adoptionEvents.enterpriseId, enterpriseId))
              .get(),
          ),
    apiKeys: providerId === null ? 0 : n(db.select({ n: count() }).from(apiKeys).where(eq(apiKeys.providerId, providerId)).get()),
    contactViews: enterpriseId === null ? 0 : countContactViewsOfEnterprise(db, enterpriseId),
    jobs: n(db.select({ n: count() }).from(jobs).where(eq(jobs.createdByUserId, userId)).get()),
    activity: n(db.select({ n: count() }).from(auditLog).where(activity).get()),
  };
  return PERSONAL_DATA_TABLES.map((table) => ({ table, rows: rows[table] }));
}
