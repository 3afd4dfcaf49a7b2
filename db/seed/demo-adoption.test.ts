import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../client.server';
import { runMigrations } from '../migrate';
import { seedDemo } from './demo';
import { seedDemoAdoption } from './demo-adoption';
import { getCampaignProgress } from '../../app/models/counter.server';
import { verifyCounter } from '../../app/models/counter-verify.server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-seed-adoption-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('demo adoption events', () => {
  it('give the counter a deterministic, verifiable total and are not added twice', async () => {
    const totals: number[] = [];
    for (const name of ['a.db', 'b.db']) {
      const db = openDatabase(path.join(dir, name));
      runMigrations(db);
      await seedDemo(db, { enterprises: 600 });
      const progress = getCampaignProgress(db);
      // The current campaign is the demo's live one, with counted enterprises.
      expect(progress?.campaign.id).toBe('sc-2025-2027');
      const total = progress?.total ?? 0;
      expect(total).toBeGreaterThan(100);
      expect(getCampaignProgress(db, 'sc-2020-2022')?.total).toBeGreaterThan(100);
      expect(verifyCounter(db).ok).toBe(true);
      expect(seedDemoAdoption(db)).toEqual({ verified: 0, pending: 0 });
      expect(getCampaignProgress(db)?.total).toBe(total);
      totals.push(total);
      db.$client.close();
    }
    expect(totals[0]).toBe(totals[1]);
  });
});
