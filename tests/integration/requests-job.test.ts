import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { marketplaceHistory, notifications, serviceRequests } from '../../db/schema';
import { loseUnansweredRequests } from '../../app/models/requests.server';
import { useTestDatabase } from '../setup/test-db';
import { api, backdate, market, requestBody } from './requests-fixtures';

// The 30-day rule (formats/marketplace-api.md, "Request status"): "lost: … no provider message
// within 30 days of creation (checked by a periodic job)". 30 days = 30 × 24 hours from creation.

const db = useTestDatabase();
let m: Awaited<ReturnType<typeof market>>;
beforeAll(async () => {
  m = await market(db());
});

const DAY = 24 * 3600 * 1000;
async function requestCreatedAt(createdAt: Date) {
  const res = await api.createRequest({ cookie: m.sme.cookie, body: requestBody(m.offering.id) });
  backdate(db(), res.body.id, createdAt);
  return res.body.id as string;
}
const row = (id: string) =>
  db()
    .select({ status: serviceRequests.status, lostReason: serviceRequests.lostReason })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, id))
    .get();

describe('loseUnansweredRequests', () => {
  it('closes requests still new 30 days after creation, not a millisecond earlier, and not answered ones', async () => {
    const now = new Date('2026-12-01T04:00:00.000Z');
    const exactly30 = await requestCreatedAt(new Date(now.getTime() - 30 * DAY));
    const almost30 = await requestCreatedAt(new Date(now.getTime() - 30 * DAY + 1));
    const answered = await requestCreatedAt(new Date(now.getTime() - 40 * DAY));
    await api.message(answered, { cookie: m.provider.cookie, body: { body: '您好，请问具体需求？' } });
    const withdrawn = await requestCreatedAt(new Date(now.getTime() - 40 * DAY));
    await api.withdraw(withdrawn, { cookie: m.sme.cookie });

    expect(loseUnansweredRequests(db(), now)).toBe(1);
    expect(row(exactly30)).toEqual({ status: 'lost', lostReason: 'no-reply' });
    expect(row(almost30)).toEqual({ status: 'new', lostReason: null });
    expect(row(answered)?.status).toBe('replied');
    expect(row(withdrawn)).toEqual({ status: 'lost', lostReason: 'withdrawn' });

    const history = db()
      .select()
      .from(marketplaceHistory)
      .where(
        and(eq(marketplaceHistory.subjectId, exactly30), eq(marketplaceHistory.action, 'no-reply-30-days')),
      )
      .all();
    expect(history).toMatchObject([
      {
        fromStatus: 'new',
        toStatus: 'lost',
        actorRole: 'system',
        actorUserId: null,
        createdAt: now.toISOString(),
      },
    ]);
    const notice = db()
      .select({ kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, m.sme.id), eq(notifications.kind, 'request.lost')))
      .all();
    expect(notice).toEqual([{ kind: 'request.lost', link: `/enterprise/requests/${exactly30}` }]);
  });

  it('runs again without closing anything twice, and closes the next one when its day comes', async () => {
    const now = new Date('2026-12-01T04:00:00.000Z');
    expect(loseUnansweredRequests(db(), now)).toBe(0);
    expect(loseUnansweredRequests(db(), new Date(now.getTime() + 1))).toBe(1);
  });

  it('leaves the thread readable and closed for messages afterwards (409 lost)', async () => {
    const id = await requestCreatedAt(new Date(Date.now() - 31 * DAY));
    expect(loseUnansweredRequests(db(), new Date())).toBe(1);
    const thread = await api.getRequest(id, { cookie: m.sme.cookie });
    expect(thread.body.status).toBe('lost');
    expect(
      await api.message(id, { cookie: m.provider.cookie, body: { body: '抱歉回复晚了' } }),
    ).toMatchObject({ status: 409, body: { status: 'lost' } });
  });
});
