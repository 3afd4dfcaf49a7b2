// Officials see an enterprise's personal contact (its owner account's name and email) only within
// their scope, only when they ask, and each view is logged — one row per enterprise shown, in the
// same request (issue 13).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactViews, marketplaceHistory } from '../../db/schema';
import { listContactViewsOfEnterprise, showEnterpriseContact } from '../../app/models/contact-views.server';
import * as dispute from '../../app/routes/official.disputes.$orderId';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { createEnterprise } from './adoption-fixtures';
import { insertOrder, orderParties, type Parties } from './orders-fixtures';
import { withRacingWriter } from './write-race';

const db = useTestDatabase();

let p: Parties;
let orderId: string;
let chengdu: { id: string; cookie: string };
let mianyang: { id: string; cookie: string };
let province: { id: string; cookie: string };
beforeAll(async () => {
  p = await orderParties(db(), { prefecture: '5101' });
  orderId = insertOrder(db(), p, { status: 'disputed' });
  // The dispute page lists orders that were disputed: the history says so.
  db().insert(marketplaceHistory)
    .values({ subjectType: 'order', subjectId: orderId, action: 'dispute', fromStatus: 'delivered', toStatus: 'disputed', actorUserId: p.smeUser.id, actorRole: 'sme' })
    .run();
  chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  mianyang = await createTestUser(db(), { role: 'official', prefecture: '5107' });
  province = await createTestUser(db(), { role: 'official', prefecture: null });
});

const viewsOf = (enterpriseId: string) => db().select().from(contactViews).where(eq(contactViews.enterpriseId, enterpriseId)).all();

function openDispute(cookie: string, query = '') {
  return call(() => dispute.loader(routeArgs(getRequest(`/official/disputes/${orderId}${query}`, cookie), { orderId })));
}

describe('the dispute page', () => {
  it('does not show or log the buyer’s contact until asked', async () => {
    const page = payloadOf(await openDispute(chengdu.cookie));
    expect(page.smeContact).toBeUndefined();
    expect(viewsOf(p.enterprise.id)).toEqual([]);
  });

  it('shows it when asked, and logs exactly one view with the official and the page', async () => {
    const page = payloadOf(await openDispute(chengdu.cookie, '?contact=show'));
    expect(page.smeContact).toEqual({ name: 'Test sme', email: p.smeUser.email });
    expect(viewsOf(p.enterprise.id)).toEqual([
      expect.objectContaining({ officialUserId: chengdu.id, context: `/official/disputes/${orderId}` }),
    ]);
    // A provincial official is in scope too, and logged as well.
    payloadOf(await openDispute(province.cookie, '?contact=show'));
    expect(viewsOf(p.enterprise.id).map((v) => v.officialUserId)).toEqual([chengdu.id, province.id]);
  });

  it('refuses an official of another prefecture with 404, showing and logging nothing', async () => {
    const before = viewsOf(p.enterprise.id).length;
    const refused = await openDispute(mianyang.cookie, '?contact=show');
    expect(statusOf(refused)).toBe(404);
    expect(viewsOf(p.enterprise.id).length).toBe(before);
  });

  it('refuses other roles (403) before anything is read', async () => {
    const before = viewsOf(p.enterprise.id).length;
    expect(statusOf(await openDispute(p.providerUser.cookie, '?contact=show'))).toBe(403);
    expect(statusOf(await openDispute(p.smeUser.cookie, '?contact=show'))).toBe(403);
    expect(viewsOf(p.enterprise.id).length).toBe(before);
  });

  it('ignores a malformed ?contact value (no contact, no log)', async () => {
    const before = viewsOf(p.enterprise.id).length;
    const page = payloadOf(await openDispute(chengdu.cookie, '?contact=all'));
    expect(page.smeContact).toBeUndefined();
    expect(viewsOf(p.enterprise.id).length).toBe(before);
  });
});

describe('showEnterpriseContact', () => {
  it('logs one row per showing, and shows and logs nothing out of scope or without an account', async () => {
    const owner = await createTestUser(db(), { role: 'sme', displayName: '钱经理' });
    const owned = createEnterprise(db(), { prefecture: '5101', ownerUserId: owner.id });
    const reported = createEnterprise(db(), { prefecture: '5101' });
    const otherOwner = await createTestUser(db(), { role: 'sme' });
    const elsewhere = createEnterprise(db(), { prefecture: '5107', ownerUserId: otherOwner.id });
    const show = (enterpriseId: string) =>
      showEnterpriseContact(db(), { userId: chengdu.id, scopePrefecture: '5101' }, enterpriseId, '/official/enterprises');
    expect(show(owned.id)).toEqual({ enterpriseId: owned.id, name: '钱经理', email: owner.email });
    expect(show(reported.id)).toBeNull();
    expect(show(elsewhere.id)).toBeNull();
    expect(viewsOf(owned.id).length).toBe(1);
    expect(viewsOf(reported.id)).toEqual([]);
    expect(viewsOf(elsewhere.id)).toEqual([]);
  });

  it('reads and logs under one write lock: another process writing meanwhile waits, the view is not lost', async () => {
    const owner = await createTestUser(db(), { role: 'sme' });
    const enterprise = createEnterprise(db(), { prefecture: '5101', ownerUserId: owner.id });
    const race = await withRacingWriter(db(), () =>
      showEnterpriseContact(db(), { userId: chengdu.id, scopePrefecture: '5101' }, enterprise.id, '/official/enterprises'),
    );
    // A deferred transaction would have read, let the other commit, then failed: SQLITE_BUSY_SNAPSHOT.
    expect(race.error).toBeUndefined();
    expect(race.other).toBe('busy');
    expect(race.result).toMatchObject({ enterpriseId: enterprise.id });
    expect(viewsOf(enterprise.id).length).toBe(1);
  });

  it('lists an enterprise’s views for its owner by the official’s scope, not the official’s identity', () => {
    const rows = listContactViewsOfEnterprise(db(), p.enterprise.id);
    expect(rows.map((r) => r.viewerScope)).toEqual([null, '5101']);
    expect(rows.every((r) => r.viewerKnown)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(chengdu.id);
  });
});
