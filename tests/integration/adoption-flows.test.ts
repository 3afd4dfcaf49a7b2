import { afterEach, describe, expect, it } from 'vitest';
import * as reportNew from '../../app/routes/provider.deployments.new';
import * as providerDeployments from '../../app/routes/provider.deployments._index';
import * as enterpriseDeployments from '../../app/routes/enterprise.deployments';
import * as queue from '../../app/routes/official.adoption._index';
import * as eventPage from '../../app/routes/official.adoption.events.$eventId';
import * as single from '../../app/routes/api.adoption-events';
import { getCounterSnapshot } from '../../app/models/counter.server';
import { listAuditFor } from '../../app/models/audit.server';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import {
  apiRequest,
  createEnterprise,
  createProvider,
  eventBody,
  expectCounterConsistent,
  prefectureKey,
  providerKey,
} from './adoption-fixtures';

const db = useTestDatabase();
afterEach(() => expectCounterConsistent(db()));

async function setup(prefecture = '5101') {
  const providerUser = await createTestUser(db(), { role: 'provider' });
  const provider = createProvider(db(), { ownerUserId: providerUser.id, externalIds: ['erp-cloud'] });
  const owner = await createTestUser(db(), { role: 'sme' });
  const enterprise = createEnterprise(db(), { ownerUserId: owner.id, prefecture });
  return { providerUser, provider, owner, enterprise };
}

async function report(s: Awaited<ReturnType<typeof setup>>, occurredOn = '2021-07-01') {
  const result = await call(() =>
    reportNew.action(
      routeArgs(
        formRequest(
          '/provider/deployments/new',
          {
            offeringId: s.provider.offeringIds['erp-cloud']!,
            uscc: s.enterprise.uscc.toLowerCase(),
            enterpriseName: '不会覆盖已登记名称',
            prefecture: '5101',
            industry: '34',
            occurredOn,
          },
          s.providerUser.cookie,
        ),
      ),
    ),
  );
  expect(statusOf(result)).toBe(302);
  const list = payloadOf(
    await call(() =>
      enterpriseDeployments.loader(routeArgs(getRequest('/enterprise/deployments', s.owner.cookie))),
    ),
  ) as any;
  return list.events[0] as { id: string; status: string };
}

const total = (prefecture: string | null = null) => getCounterSnapshot(db(), { prefecture })!.total;

describe('provider-reported deployment → the enterprise confirms or disputes', () => {
  it('a confirmed deployment is verified and counts', async () => {
    const s = await setup();
    const before = total();
    const event = await report(s);
    expect(event.status).toBe('pending');
    expect(total()).toBe(before);
    const list = payloadOf(
      await call(() =>
        providerDeployments.loader(routeArgs(getRequest('/provider/deployments', s.providerUser.cookie))),
      ),
    ) as any;
    expect(list.rows[0]).toMatchObject({
      id: event.id,
      status: 'pending',
      enterpriseUscc: s.enterprise.uscc,
    });

    const confirm = await call(() =>
      enterpriseDeployments.action(
        routeArgs(
          formRequest('/enterprise/deployments', { intent: 'confirm', eventId: event.id }, s.owner.cookie),
        ),
      ),
    );
    expect(statusOf(confirm)).toBe(302);
    expect(total()).toBe(before + 1);
    const again = await call(() =>
      enterpriseDeployments.action(
        routeArgs(
          formRequest('/enterprise/deployments', { intent: 'confirm', eventId: event.id }, s.owner.cookie),
        ),
      ),
    );
    expect(statusOf(again)).toBe(409);
  });

  it("another account cannot answer the enterprise's deployment (404)", async () => {
    const s = await setup();
    const event = await report(s);
    const stranger = await createTestUser(db(), { role: 'sme' });
    const result = await call(() =>
      enterpriseDeployments.action(
        routeArgs(
          formRequest('/enterprise/deployments', { intent: 'confirm', eventId: event.id }, stranger.cookie),
        ),
      ),
    );
    expect(statusOf(result)).toBe(404);
  });

  it('a dispute needs a reason, goes to the officials’ queue, and an official resolves it', async () => {
    const s = await setup('5105');
    const event = await report(s);
    const noReason = await call(() =>
      enterpriseDeployments.action(
        routeArgs(
          formRequest(
            '/enterprise/deployments',
            { intent: 'dispute', eventId: event.id, reason: '' },
            s.owner.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(noReason)).toBe(400);
    const dispute = await call(() =>
      enterpriseDeployments.action(
        routeArgs(
          formRequest(
            '/enterprise/deployments',
            { intent: 'dispute', eventId: event.id, reason: '我们从未使用该服务' },
            s.owner.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(dispute)).toBe(302);

    const luzhou = await createTestUser(db(), { role: 'official', prefecture: '5105' });
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const listed = payloadOf(
      await call(() =>
        queue.loader(routeArgs(getRequest('/official/adoption?status=disputed', luzhou.cookie))),
      ),
    ) as any;
    expect(listed.rows.map((r: { id: string }) => r.id)).toContain(event.id);
    const elsewhere = payloadOf(
      await call(() =>
        queue.loader(routeArgs(getRequest('/official/adoption?status=disputed', chengdu.cookie))),
      ),
    ) as any;
    expect(elsewhere.rows.map((r: { id: string }) => r.id)).not.toContain(event.id);
    expect(
      statusOf(
        await call(() =>
          eventPage.loader(
            routeArgs(getRequest(`/official/adoption/events/${event.id}`, chengdu.cookie), {
              eventId: event.id,
            }),
          ),
        ),
      ),
    ).toBe(404);

    const revoke = await call(() =>
      eventPage.action(
        routeArgs(
          formRequest(
            `/official/adoption/events/${event.id}`,
            { intent: 'revoke', reason: '企业异议成立' },
            luzhou.cookie,
          ),
          { eventId: event.id },
        ),
      ),
    );
    expect(statusOf(revoke)).toBe(302);
    const page = payloadOf(
      await call(() =>
        eventPage.loader(
          routeArgs(getRequest(`/official/adoption/events/${event.id}`, luzhou.cookie), {
            eventId: event.id,
          }),
        ),
      ),
    ) as any;
    expect(page.event.status).toBe('revoked');
    expect(page.event.actions.map((a: { kind: string }) => a.kind)).toEqual(['dispute', 'revoke']);
    expect(listAuditFor(db(), 'adoption_event', event.id).map((a) => a.action)).toEqual([
      'adoption.revoke',
      'adoption.dispute',
      'adoption.report',
    ]);
  });
});

describe('officials verify and revoke', () => {
  it('verifying a pending API event counts it; revoking its only event removes the enterprise from the counter', async () => {
    const s = await setup('5109');
    const key = providerKey(db(), s.provider.id);
    const response = await single.action(
      routeArgs(
        apiRequest('/api/adoption-events', {
          key,
          idempotencyKey: 'v-1',
          body: eventBody({ uscc: s.enterprise.uscc, prefecture: '5109', offeringExternalId: 'erp-cloud' }),
        }),
      ),
    );
    const { id } = (await response.json()) as { id: string };
    const suining = await createTestUser(db(), { role: 'official', prefecture: '5109' });
    const before = total('5109');
    const verify = await call(() =>
      eventPage.action(
        routeArgs(formRequest(`/official/adoption/events/${id}`, { intent: 'verify' }, suining.cookie), {
          eventId: id,
        }),
      ),
    );
    expect(statusOf(verify)).toBe(302);
    expect(total('5109')).toBe(before + 1);

    const noReason = await call(() =>
      eventPage.action(
        routeArgs(
          formRequest(`/official/adoption/events/${id}`, { intent: 'revoke', reason: '' }, suining.cookie),
          { eventId: id },
        ),
      ),
    );
    expect(statusOf(noReason)).toBe(400);
    await call(() =>
      eventPage.action(
        routeArgs(
          formRequest(
            `/official/adoption/events/${id}`,
            { intent: 'revoke', reason: '重复报送' },
            suining.cookie,
          ),
          { eventId: id },
        ),
      ),
    );
    expect(total('5109')).toBe(before);
    const audit = listAuditFor(db(), 'adoption_event', id);
    expect(audit[0]).toMatchObject({
      action: 'adoption.revoke',
      reason: '重复报送',
      actorUserId: suining.id,
    });

    const reverify = await call(() =>
      eventPage.action(
        routeArgs(formRequest(`/official/adoption/events/${id}`, { intent: 'verify' }, suining.cookie), {
          eventId: id,
        }),
      ),
    );
    expect(statusOf(reverify)).toBe(409);
    expect(total('5109')).toBe(before);
  });
});

describe('the counter follows the enterprise register', () => {
  it('moves an enterprise to its new prefecture and to deepening when marked on the cloud before the campaign', async () => {
    const enterprise = createEnterprise(db(), { prefecture: '5101', industry: '39' });
    const key = prefectureKey(db(), '5101');
    await single.action(
      routeArgs(
        apiRequest('/api/adoption-events', {
          key,
          idempotencyKey: 'move-1',
          body: eventBody({ uscc: enterprise.uscc, offeringExternalId: undefined }),
        }),
      ),
    );
    const chengdu = total('5101');
    const neijiang = total('5110');
    db()
      .$client.prepare("UPDATE enterprises SET prefecture = '5110', industry = '13' WHERE id = ?")
      .run(enterprise.id);
    expect(total('5101')).toBe(chengdu - 1);
    expect(total('5110')).toBe(neijiang + 1);
    expectCounterConsistent(db());
    const all = total();
    db()
      .$client.prepare('UPDATE enterprises SET on_cloud_before_campaign = 1 WHERE id = ?')
      .run(enterprise.id);
    const snapshot = getCounterSnapshot(db(), {})!;
    expect(snapshot.total).toBe(all - 1);
    expect(snapshot.deepening).toBeGreaterThanOrEqual(1);
  });
});
