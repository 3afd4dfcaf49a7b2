import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client.server';
import { createTestUser, useTestDatabase } from '../setup/test-db';
import { claimsOf, liveFen, makeProgramme, unpaidOrder, voucherParties } from './vouchers-fixtures';

// The test of the budget (README, "Cloud vouchers"): two server processes on one database
// file race 50 claims against a budget for 10. Each claim is decided in an IMMEDIATE transaction
// that sums the live claims under SQLite's write lock, so exactly 10 are granted, in full, and the
// other 40 are refused as budget_exhausted — never an 11th, never an error.

const db = useTestDatabase();
const run = promisify(execFile);

const CLAIM_FEN = 10_000;
let programmeId = '';
const jobs: string[] = [];

beforeAll(async () => {
  const official = await createTestUser(db(), { role: 'official', prefecture: null });
  programmeId = makeProgramme(db(), { userId: official.id, scopePrefecture: null }, {
    amountFen: CLAIM_FEN,
    capPerOrderFen: CLAIM_FEN,
    budgetFen: 10 * CLAIM_FEN,
  });
  // 50 enterprises with one unpaid order each, so only the budget can refuse them.
  for (let i = 0; i < 50; i++) {
    const p = await voucherParties(db());
    jobs.push(`${unpaidOrder(db(), p)}:${p.enterpriseId}:${p.smeUser.id}`);
  }
});

describe('the budget under two processes', () => {
  it('50 concurrent claims from 2 processes against a budget for 10: exactly 10 granted, in full', async () => {
    const file = process.env.DATABASE_PATH!;
    // Both start at the same moment, after tsx has loaded in each.
    const startAt = String(Date.now() + 6000);
    const worker = (mine: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'tests/integration/vouchers-claim-worker.ts', file, programmeId, startAt, mine.join(',')], {
        timeout: 60_000,
      });
    // Alternate the orders, so both processes ask all the time.
    const answers = await Promise.all([worker(jobs.filter((_, i) => i % 2 === 0)), worker(jobs.filter((_, i) => i % 2 === 1))]);
    const reports = answers.map((a) => JSON.parse(a.stdout.trim().split('\n').at(-1)!) as {
      outcomes: Record<string, number>;
      startedAt: number;
      finishedAt: number;
    });

    const total = (outcome: string) => reports.reduce((n, r) => n + (r.outcomes[outcome] ?? 0), 0);
    expect(total('applied')).toBe(10);
    expect(total('budget_exhausted')).toBe(40);
    expect(reports.flatMap((r) => Object.keys(r.outcomes)).filter((o) => o !== 'applied' && o !== 'budget_exhausted')).toEqual([]);
    // They really ran at the same time.
    const [a, b] = reports as [(typeof reports)[0], (typeof reports)[0]];
    expect(a.startedAt < b.finishedAt && b.startedAt < a.finishedAt).toBe(true);

    const claims = jobs.flatMap((j) => claimsOf(getDb(), j.split(':')[0]!));
    expect(claims).toHaveLength(10);
    expect(claims.every((c) => c.amount_fen === CLAIM_FEN && c.status === 'committed')).toBe(true);
    expect(liveFen(getDb(), programmeId)).toBe(10 * CLAIM_FEN);
    // Each granted claim's order shows it; the refused ones are untouched.
    const subsidised = getDb().$client
      .prepare('SELECT count(*) AS n, sum(subsidy_fen) AS fen FROM orders WHERE subsidy_fen > 0')
      .get() as { n: number; fen: number };
    expect(subsidised).toEqual({ n: 10, fen: 10 * CLAIM_FEN });
  }, 90_000);
});
