// How the abuse limits use their table (app/utils/rate-limit.server.ts): one sweep of expired
// counts per connection instead of one per limit, and a spent API key answered from memory.
import { count, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDb } from '../../db/client.server';
import { rateLimits } from '../../db/schema';
import { RATE_LIMITS, type RateLimitName } from '../../app/domain/rate-limits';
import { consumeLimit } from '../../app/utils/rate-limit.server';
import { useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const SWEEP = 'DELETE FROM rate_limits WHERE expire < ?';

describe('the sweep of expired counts', () => {
  it('runs once every 5 minutes per connection, however many limits are in use, and deletes what expired an hour ago', async () => {
    // The limiters (and their timers) are made per connection on first use: a fresh connection.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    closeDb();
    const sweeps = vi.spyOn(db().$client, 'prepare');
    for (const name of Object.keys(RATE_LIMITS) as RateLimitName[]) await consumeLimit(name, `sweep-${name}`);
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    db().run(sql`INSERT INTO rate_limits (key, points, expire) VALUES ('long-expired', 1, ${twoHoursAgo})`);

    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(sweeps.mock.calls.filter(([source]) => source === SWEEP)).toHaveLength(1);
    expect(db().select({ n: count() }).from(rateLimits).where(sql`key = 'long-expired'`).get()!.n).toBe(0);
    // Live counts stay.
    expect(db().select({ n: count() }).from(rateLimits).get()!.n).toBe(Object.keys(RATE_LIMITS).length);

    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(sweeps.mock.calls.filter(([source]) => source === SWEEP)).toHaveLength(2);
  });
});

describe('a spent API key', () => {
  it('is refused from memory until its window ends, without reading or writing the table', async () => {
    const subject = 'key:spent-in-memory';
    expect(await consumeLimit('apiKey', subject, RATE_LIMITS.apiKey.points)).toEqual({ ok: true });
    const refused = await consumeLimit('apiKey', subject);
    expect(refused.ok).toBe(false);
    // The stored count gone (as if swept, or lost): the refusal still stands, from memory.
    db().delete(rateLimits).run();
    const again = await consumeLimit('apiKey', subject);
    expect(again).toMatchObject({ ok: false });
    expect(again.ok ? 0 : again.retryAfterMs).toBeGreaterThan(0);
    expect(again.ok ? 0 : again.retryAfterMs).toBeLessThanOrEqual(RATE_LIMITS.apiKey.seconds * 1000);
    expect(db().select({ n: count() }).from(rateLimits).get()!.n).toBe(0);
  });

  it('other limits keep reading the table (a login’s success clears them from any process)', async () => {
    const subject = 'user:spent-in-table';
    await consumeLimit('requestCreate', subject, RATE_LIMITS.requestCreate.points);
    expect((await consumeLimit('requestCreate', subject)).ok).toBe(false);
    db().delete(rateLimits).run();
    expect((await consumeLimit('requestCreate', subject)).ok).toBe(true);
  });
});
