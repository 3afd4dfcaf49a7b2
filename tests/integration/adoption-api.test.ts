import { afterEach, describe, expect, it } from 'vitest';
import * as single from '../../app/routes/api.adoption-events';
import * as batch from '../../app/routes/api.adoption-events.batch';
import { revokeApiKey } from '../../app/models/api-keys.server';
import { getCampaignProgress, getCounterSnapshot } from '../../app/models/counter.server';
import { routeArgs, useTestDatabase } from '../setup/test-db';
import {
  apiRequest,
  countRows,
  createProvider,
  eventBody,
  expectCounterConsistent,
  prefectureKey,
  providerKey,
  uscc,
} from './adoption-fixtures';
import { createApiKey } from '../../app/models/api-keys.server';
import { openDatabase } from '../../db/client.server';
import { streamedBody, streamedPost } from './streamed-body';

const db = useTestDatabase();

async function post(opts: Parameters<typeof apiRequest>[1]) {
  const response = await single.action(routeArgs(apiRequest('/api/adoption-events', opts)));
  return { status: response.status, body: (await response.json()) as any };
}

async function postBatch(opts: Parameters<typeof apiRequest>[1]) {
  const response = await batch.action(routeArgs(apiRequest('/api/adoption-events/batch', opts)));
  return { status: response.status, body: (await response.json()) as any };
}

afterEach(() => expectCounterConsistent(db()));

describe('POST /api/adoption-events: authentication and input', () => {
  it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
    expect((await post({ idempotencyKey: 'a1', body: eventBody() })).status).toBe(401);
    expect((await post({ key: 'yq_not-a-real-key', idempotencyKey: 'a1', body: eventBody() })).status).toBe(
      401,
    );
    const created = createApiKey(db(), {
      owner: { kind: 'prefecture', prefecture: '5101' },
      name: 'old',
      actorUserId: null,
    });
    revokeApiKey(db(), {
      keyId: created.id,
      owner: { kind: 'official', scope: null },
      actorUserId: null as unknown as string,
    });
    const revoked = await post({
      key: created.key,
      idempotencyKey: 'a1',
      body: eventBody({ offeringExternalId: undefined }),
    });
    expect(revoked.status).toBe(401);
    expect(countRows(db(), 'adoption_events')).toBe(0);
  });

  it('answers 422 for a missing or invalid Idempotency-Key', async () => {
    const key = prefectureKey(db());
    expect((await post({ key, body: eventBody() })).status).toBe(422);
    expect((await post({ key, idempotencyKey: '', body: eventBody() })).status).toBe(422);
    expect((await post({ key, idempotencyKey: 'has space', body: eventBody() })).status).toBe(422);
    expect((await post({ key, idempotencyKey: 'x'.repeat(101), body: eventBody() })).status).toBe(422);
    const bad = await post({ key, idempotencyKey: 'café-1', body: eventBody() });
    expect(bad.body.errors[0].path).toBe('Idempotency-Key');
  });

  it('answers 422 with every invalid field, and for a body that is not JSON', async () => {
    const key = prefectureKey(db());
    const invalid = await post({
      key,
      idempotencyKey: 'bad-1',
      body: eventBody({
        uscc: '91110000600037341N',
        level: 'cloud',
        occurredAt: '2999-01-01',
        employees: -1,
      }),
    });
    expect(invalid.status).toBe(422);
    const paths = invalid.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['employees', 'level', 'occurredAt', 'uscc']);
    expect(invalid.body.errors.find((e: { path: string }) => e.path === 'uscc').message).toMatch(
      /check character/,
    );
    const notJson = await post({ key, idempotencyKey: 'bad-2', body: null, raw: '{"uscc": ' });
    expect(notJson.status).toBe(422);
    expect(countRows(db(), 'adoption_events')).toBe(0);
  });

  it('writes error messages in Chinese when the client prefers it', async () => {
    const key = prefectureKey(db());
    const request = apiRequest('/api/adoption-events', {
      key,
      idempotencyKey: 'zh-1',
      body: eventBody({ occurredAt: '2021-02-30' }),
    });
    request.headers.set('Accept-Language', 'zh-CN,zh;q=0.9');
    const response = await single.action(routeArgs(request));
    expect(((await response.json()) as any).errors[0].message).toBe('日期应为 YYYY-MM-DD 格式的有效日期');
  });
});

describe('POST /api/adoption-events: provider keys', () => {
  it('records a pending event that does not count, replays 200 for the same body and 409 for another', async () => {
    const provider = createProvider(db());
    const key = providerKey(db(), provider.id);
    const body = eventBody();
    const first = await post({ key, idempotencyKey: 'order-1', body });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), status: 'pending', counted: false, countedIn: [] });

    const again = await post({ key, idempotencyKey: 'order-1', body: { ...body } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await post({ key, idempotencyKey: 'order-1', body: reordered })).status).toBe(200);

    const conflict = await post({
      key,
      idempotencyKey: 'order-1',
      body: { ...body, occurredAt: '2021-05-01' },
    });
    expect(conflict.status).toBe(409);
    expect(countRows(db(), 'adoption_events')).toBe(1);
  });

  it("may report only its own offerings (403 for another provider's), and must name one (422)", async () => {
    const mine = createProvider(db(), { externalIds: ['mine'] });
    createProvider(db(), { externalIds: ['theirs'] });
    const key = providerKey(db(), mine.id);
    const before = countRows(db(), 'adoption_events');
    expect(
      (await post({ key, idempotencyKey: 'p-1', body: eventBody({ offeringExternalId: 'theirs' }) })).status,
    ).toBe(403);
    expect(
      (await post({ key, idempotencyKey: 'p-2', body: eventBody({ offeringExternalId: 'nonexistent' }) }))
        .status,
    ).toBe(403);
    const missing = await post({
      key,
      idempotencyKey: 'p-3',
      body: eventBody({ offeringExternalId: undefined }),
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('offeringExternalId');
    expect(
      (await post({ key, idempotencyKey: 'p-4', body: eventBody({ offeringExternalId: 'mine' }) })).status,
    ).toBe(201);
    expect(countRows(db(), 'adoption_events')).toBe(before + 1);
  });

  it('records ONE event for ten concurrent identical requests', async () => {
    const provider = createProvider(db());
    const key = providerKey(db(), provider.id);
    const body = eventBody();
    const before = countRows(db(), 'adoption_events');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post({ key, idempotencyKey: 'same-key', body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(countRows(db(), 'adoption_events')).toBe(before + 1);
  });
});

describe('POST /api/adoption-events: prefecture keys', () => {
  it('records a verified event that counts at once, attributed to the registered prefecture', async () => {
    const key = prefectureKey(db(), '5107');
    const before = getCampaignProgress(db())!.total;
    const answer = await post({
      key,
      idempotencyKey: 'mianyang-1',
      body: eventBody({ prefecture: '5107', industry: '39', level: 'iaas', offeringExternalId: undefined }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'verified', counted: true, countedIn: ['sc-2020-2022'] });
    expect(getCampaignProgress(db())!.total).toBe(before + 1);
    const mianyang = getCounterSnapshot(db(), { prefecture: '5107', taxonomy: '2023' })!;
    expect(mianyang.total).toBe(1);
    expect(mianyang.byCluster.find((c) => c.id === 'electronics')!.count).toBe(1);
    expect(mianyang.byLevel.find((l) => l.level === 'iaas')!.count).toBe(1);
    expect(mianyang.byMonth.find((m) => m.month === '2021-04')!.count).toBe(1);
  });

  it('answers 403 for an enterprise of another prefecture', async () => {
    const key = prefectureKey(db(), '5107');
    const answer = await post({ key, idempotencyKey: 'chengdu-1', body: eventBody({ prefecture: '5101' }) });
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0].path).toBe('prefecture');
  });

  it('an event outside the campaign window is recorded but not counted', async () => {
    const key = prefectureKey(db(), '5101');
    const answer = await post({
      key,
      idempotencyKey: 'old-1',
      body: eventBody({ occurredAt: '2019-06-30' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'verified', counted: false, countedIn: [] });
  });
});

describe('POST /api/adoption-events/batch', () => {
  it('judges each event on its own and answers in the order sent', async () => {
    const provider = createProvider(db());
    const key = providerKey(db(), provider.id);
    const repeated = eventBody();
    await post({ key, idempotencyKey: 'b-existing', body: repeated });
    const before = countRows(db(), 'adoption_events');
    const answer = await postBatch({
      key,
      body: {
        events: [
          { idempotencyKey: 'b-1', ...eventBody() },
          { idempotencyKey: 'b-existing', ...repeated },
          { idempotencyKey: 'b-existing', ...eventBody() },
          { idempotencyKey: 'b-2', ...eventBody({ level: 'nope' }) },
          { idempotencyKey: 'b-3', ...eventBody({ offeringExternalId: 'not-mine' }) },
          { ...eventBody() },
          { idempotencyKey: 'b-1', ...eventBody() },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { status: number }) => r.status)).toEqual([
      201, 200, 409, 422, 403, 422, 409,
    ]);
    expect(answer.body.results[0]).toMatchObject({
      idempotencyKey: 'b-1',
      id: expect.any(String),
      counted: false,
    });
    expect(answer.body.results[3].errors[0].path).toBe('level');
    expect(countRows(db(), 'adoption_events')).toBe(before + 1);
  });

  it('a prefecture batch counts every new enterprise once', async () => {
    const key = prefectureKey(db(), '5103');
    const before = getCounterSnapshot(db(), { prefecture: '5103' })!.total;
    const shared = uscc('510300');
    const events = [
      { idempotencyKey: 'z-1', ...eventBody({ prefecture: '5103', uscc: shared, occurredAt: '2021-03-01' }) },
      {
        idempotencyKey: 'z-2',
        ...eventBody({ prefecture: '5103', uscc: shared, occurredAt: '2020-03-01', level: 'paas' }),
      },
      { idempotencyKey: 'z-3', ...eventBody({ prefecture: '5103' }) },
    ];
    const answer = await postBatch({ key, body: { events } });
    expect(answer.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201]);
    const zigong = getCounterSnapshot(db(), { prefecture: '5103' })!;
    expect(zigong.total).toBe(before + 2);
    // The earlier event (recorded second) is the enterprise's first: its month and level count.
    expect(zigong.byMonth.find((m) => m.month === '2020-03')!.count).toBe(1);
    expect(zigong.byLevel.find((l) => l.level === 'paas')!.count).toBe(1);
  });

  it('answers 413 for more than 1,000 events and 422 for a body that is not a batch', async () => {
    const key = prefectureKey(db());
    const before = countRows(db(), 'adoption_events');
    const events = Array.from({ length: 1001 }, (_, i) => ({ idempotencyKey: `big-${i}`, ...eventBody() }));
    expect((await postBatch({ key, body: { events } })).status).toBe(413);
    expect((await postBatch({ key, body: null, raw: 'not json' })).status).toBe(422);
    expect((await postBatch({ key, body: { events: [] } })).status).toBe(422);
    expect((await postBatch({ key, body: [eventBody()] })).status).toBe(422);
    expect(countRows(db(), 'adoption_events')).toBe(before);
  });

  it('answers 401 without a key', async () => {
    expect((await postBatch({ body: { events: [] } })).status).toBe(401);
  });

  it('stops reading a streamed batch once it passes 4 MiB, and answers 413 in its error shape', async () => {
    const key = prefectureKey(db());
    // 64 MiB announced by nothing (no Content-Length), in 64 KiB chunks.
    const body = streamedBody({ chunkBytes: 64 * 1024, chunks: 1024 });
    const response = await batch.action(
      routeArgs(streamedPost('http://localhost/api/adoption-events/batch', body.stream, { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' })),
    );
    expect(response.status).toBe(413);
    expect((await response.json()).errors).toEqual([{ path: '', message: expect.any(String) }]);
    // 4 MiB is 64 chunks: the 65th passes the limit (and the stream may have one more queued).
    expect(body.pulled()).toBeLessThanOrEqual(66);
  });
});

describe('API keys in use', () => {
  it('refuses a key at once after it is revoked, although keys in use are remembered', async () => {
    const created = createApiKey(db(), {
      owner: { kind: 'prefecture', prefecture: '5101' },
      name: 'in use',
      actorUserId: null,
    });
    const body = eventBody({ offeringExternalId: undefined });
    expect((await post({ key: created.key, idempotencyKey: 'r1', body })).status).toBe(201);
    revokeApiKey(db(), {
      keyId: created.id,
      owner: { kind: 'official', scope: null },
      actorUserId: null as unknown as string,
    });
    expect((await post({ key: created.key, idempotencyKey: 'r2', body })).status).toBe(401);
  });

  it('records nothing when the database refuses a group of concurrent events, and accepts their retries', async () => {
    const key = prefectureKey(db(), '5103');
    const bodies = ['510300', '510300', '510300'].map((area) =>
      eventBody({ uscc: uscc(area), prefecture: '5103', offeringExternalId: undefined }),
    );
    const before = countRows(db(), 'adoption_events');
    // Another process holds the write lock longer than this connection waits for it.
    const blocker = openDatabase(process.env.DATABASE_PATH!);
    blocker.$client.exec('BEGIN IMMEDIATE');
    db().$client.pragma('busy_timeout = 20');
    try {
      const refused = await Promise.allSettled(
        bodies.map((body, i) => post({ key, idempotencyKey: `locked-${i}`, body })),
      );
      expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    } finally {
      blocker.$client.exec('ROLLBACK');
      blocker.$client.close();
      db().$client.pragma('busy_timeout = 5000');
    }
    expect(countRows(db(), 'adoption_events')).toBe(before);
    const retried = await Promise.all(
      bodies.map((body, i) => post({ key, idempotencyKey: `locked-${i}`, body })),
    );
    expect(retried.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(countRows(db(), 'adoption_events')).toBe(before + 3);
  });
});
