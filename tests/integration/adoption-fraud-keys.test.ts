import { afterEach, describe, expect, it } from 'vitest';
import * as fraudPage from '../../app/routes/official.adoption.fraud';
import * as officialKeys from '../../app/routes/official.adoption.keys';
import * as providerKeys from '../../app/routes/provider.api-keys';
import * as single from '../../app/routes/api.adoption-events';
import { getCounterSnapshot } from '../../app/models/counter.server';
import { listAuditFor } from '../../app/models/audit.server';
import { hashApiKey } from '../../app/models/api-keys.server';
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

async function post(key: string, idempotencyKey: string, body: Record<string, unknown>) {
  const response = await single.action(
    routeArgs(apiRequest('/api/adoption-events', { key, idempotencyKey, body })),
  );
  return { status: response.status, body: (await response.json()) as any };
}

const total = () => getCounterSnapshot(db(), {})!.total;
const statusesOf = (enterpriseId: string) =>
  (
    db()
      .$client.prepare('SELECT status FROM adoption_event_states WHERE enterprise_id = ? ORDER BY event_id')
      .all(enterpriseId) as { status: string }[]
  ).map((r) => r.status);

describe('fraud markings (Jiangsu rule)', () => {
  it('marking an enterprise revokes its events and blocks new ones; only a provincial official lifts it, reinstating them', async () => {
    const enterprise = createEnterprise(db(), { prefecture: '5113' });
    const key = prefectureKey(db(), '5113');
    expect(
      (
        await post(
          key,
          'f-1',
          eventBody({ uscc: enterprise.uscc, prefecture: '5113', offeringExternalId: undefined }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await post(
          key,
          'f-2',
          eventBody({
            uscc: enterprise.uscc,
            prefecture: '5113',
            occurredAt: '2022-01-01',
            offeringExternalId: undefined,
          }),
        )
      ).status,
    ).toBe(201);
    const before = total();

    const nanchong = await createTestUser(db(), { role: 'official', prefecture: '5113' });
    const other = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const outOfScope = await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'mark', targetType: 'enterprise', uscc: enterprise.uscc, reason: '虚假上云' },
            other.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(outOfScope)).toBe(404);

    const marked = await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'mark', targetType: 'enterprise', uscc: enterprise.uscc, reason: '虚假上云' },
            nanchong.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(marked)).toBe(302);
    expect((marked as Response).headers.get('Location')).toBe('/official/adoption/fraud');
    expect((marked as Response).headers.get('Set-Cookie')).toMatch(/^__yq_flash=/);
    expect(total()).toBe(before - 1);
    expect(statusesOf(enterprise.id)).toEqual(['revoked', 'revoked']);
    const blocked = await post(
      key,
      'f-3',
      eventBody({
        uscc: enterprise.uscc,
        prefecture: '5113',
        occurredAt: '2022-02-01',
        offeringExternalId: undefined,
      }),
    );
    expect(blocked.status).toBe(403);
    expect(listAuditFor(db(), 'enterprise', enterprise.id)[0]).toMatchObject({
      action: 'enterprise.fraud.mark',
      reason: '虚假上云',
      actorUserId: nanchong.id,
    });

    const cases = (
      payloadOf(
        await call(() =>
          fraudPage.loader(routeArgs(getRequest('/official/adoption/fraud', nanchong.cookie))),
        ),
      ) as any
    ).cases;
    expect(cases).toHaveLength(1);
    const caseId = cases[0].id as string;
    const byPrefecture = await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'lift', caseId, reason: '核查后无误' },
            nanchong.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(byPrefecture)).toBe(404);
    expect(total()).toBe(before - 1);

    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    const lifted = await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'lift', caseId, reason: '核查后无误' },
            province.cookie,
          ),
        ),
      ),
    );
    expect((lifted as Response).headers.get('Location')).toBe('/official/adoption/fraud');
    expect((lifted as Response).headers.get('Set-Cookie')).toMatch(/^__yq_flash=/);
    expect(total()).toBe(before);
    expect(statusesOf(enterprise.id)).toEqual(['verified', 'verified']);
    expect(listAuditFor(db(), 'enterprise', enterprise.id)[0]).toMatchObject({
      action: 'enterprise.fraud.lift',
      actorUserId: province.id,
    });
  });

  it('an event revoked for another reason stays revoked when a marking is lifted', async () => {
    const enterprise = createEnterprise(db(), { prefecture: '5101' });
    const key = prefectureKey(db(), '5101');
    await post(key, 'g-1', eventBody({ uscc: enterprise.uscc, offeringExternalId: undefined }));
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    const eventId = (
      db().$client.prepare('SELECT id FROM adoption_events WHERE enterprise_id = ?').get(enterprise.id) as {
        id: string;
      }
    ).id;
    const { decideEvent } = await import('../../app/models/adoption.server');
    decideEvent(db(), {
      eventId,
      official: { id: province.id, role: 'official', scopePrefecture: null },
      decision: 'revoke',
      reason: '重复',
    });
    await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'mark', targetType: 'enterprise', uscc: enterprise.uscc, reason: '核查' },
            province.cookie,
          ),
        ),
      ),
    );
    const caseId = (
      (
        payloadOf(
          await call(() =>
            fraudPage.loader(routeArgs(getRequest('/official/adoption/fraud', province.cookie))),
          ),
        ) as any
      ).cases as { id: string; uscc: string }[]
    ).find((c) => c.uscc === enterprise.uscc)!.id;
    await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'lift', caseId, reason: '解除' },
            province.cookie,
          ),
        ),
      ),
    );
    expect(statusesOf(enterprise.id)).toEqual(['revoked']);
  });

  it('marking a provider revokes its reported events and its key is refused', async () => {
    const provider = createProvider(db(), { externalIds: ['crm'] });
    const enterprise = createEnterprise(db(), { prefecture: '5101' });
    const key = providerKey(db(), provider.id);
    expect(
      (await post(key, 'h-1', eventBody({ uscc: enterprise.uscc, offeringExternalId: 'crm' }))).status,
    ).toBe(201);
    const province = await createTestUser(db(), { role: 'official', prefecture: null });
    const marked = await call(() =>
      fraudPage.action(
        routeArgs(
          formRequest(
            '/official/adoption/fraud',
            { intent: 'mark', targetType: 'provider', uscc: provider.uscc, reason: '批量虚报' },
            province.cookie,
          ),
        ),
      ),
    );
    expect((marked as Response).headers.get('Location')).toBe('/official/adoption/fraud');
    expect(statusesOf(enterprise.id)).toEqual(['revoked']);
    expect((await post(key, 'h-2', eventBody({ offeringExternalId: 'crm' }))).status).toBe(403);
    const flagged = db()
      .$client.prepare('SELECT fraud_flagged_at AS f FROM providers WHERE id = ?')
      .get(provider.id) as { f: string | null };
    expect(flagged.f).not.toBeNull();
  });
});

describe('API keys in the consoles', () => {
  it('a provider creates a key (shown once, stored hashed), sees its last use and revokes it', async () => {
    const user = await createTestUser(db(), { role: 'provider' });
    const provider = createProvider(db(), { ownerUserId: user.id, externalIds: ['iot'] });
    const created = payloadOf(
      await call(() =>
        providerKeys.action(
          routeArgs(formRequest('/provider/api-keys', { intent: 'create', name: 'ERP 对接' }, user.cookie)),
        ),
      ),
    ) as any;
    const key = created.created.key as string;
    expect(key).toMatch(/^yq_/);
    const stored = db()
      .$client.prepare('SELECT secret_hash AS h FROM api_keys WHERE provider_id = ?')
      .get(provider.id) as { h: string };
    expect(stored.h).toBe(hashApiKey(key));
    expect(stored.h).not.toContain(key);

    expect((await post(key, 'k-1', eventBody({ offeringExternalId: 'iot' }))).status).toBe(201);
    const listed = (
      payloadOf(
        await call(() => providerKeys.loader(routeArgs(getRequest('/provider/api-keys', user.cookie)))),
      ) as any
    ).keys;
    expect(listed).toHaveLength(1);
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);

    const stranger = await createTestUser(db(), { role: 'provider' });
    createProvider(db(), { ownerUserId: stranger.id });
    const foreign = await call(() =>
      providerKeys.action(
        routeArgs(
          formRequest('/provider/api-keys', { intent: 'revoke', keyId: listed[0].id }, stranger.cookie),
        ),
      ),
    );
    expect(statusOf(foreign)).toBe(404);
    const revoked = await call(() =>
      providerKeys.action(
        routeArgs(formRequest('/provider/api-keys', { intent: 'revoke', keyId: listed[0].id }, user.cookie)),
      ),
    );
    expect(statusOf(revoked)).toBe(302);
    expect((await post(key, 'k-2', eventBody({ offeringExternalId: 'iot' }))).status).toBe(401);
  });

  it("a prefecture official's key is always for their own prefecture; officials only see keys in their scope", async () => {
    const zigong = await createTestUser(db(), { role: 'official', prefecture: '5103' });
    const created = payloadOf(
      await call(() =>
        officialKeys.action(
          routeArgs(
            formRequest(
              '/official/adoption/keys',
              { intent: 'create', name: '自贡报送', prefecture: '5101' },
              zigong.cookie,
            ),
          ),
        ),
      ),
    ) as any;
    const key = created.created.key as string;
    expect(
      (await post(key, 'o-1', eventBody({ prefecture: '5103', offeringExternalId: undefined }))).status,
    ).toBe(201);
    expect(
      (await post(key, 'o-2', eventBody({ prefecture: '5101', offeringExternalId: undefined }))).status,
    ).toBe(403);
    const chengdu = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const seen = (
      payloadOf(
        await call(() =>
          officialKeys.loader(routeArgs(getRequest('/official/adoption/keys', chengdu.cookie))),
        ),
      ) as any
    ).keys;
    expect(seen.map((k: { name: string }) => k.name)).not.toContain('自贡报送');
    const provider = await createTestUser(db(), { role: 'provider' });
    expect(
      statusOf(
        await call(() =>
          officialKeys.loader(routeArgs(getRequest('/official/adoption/keys', provider.cookie))),
        ),
      ),
    ).toBe(403);
  });
});
