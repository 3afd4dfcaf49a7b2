import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../db/client.server';
import {
  acquireLease,
  holderMayBeAlive,
  processAlive,
  readLease,
  releaseLease,
  releaseLeasesOfDeadHolders,
} from '../../app/models/leases.server';
import {
  startScheduler,
  type Duty,
  type JobsLogger,
  type LeasedScheduler,
} from '../../app/models/jobs.server';
import { useTestDatabase } from '../setup/test-db';

// Issue 12: several server processes on one database, one scheduler. The lease row decides which
// process runs the periodic jobs; each scheduler below has its own connection to the one file, as
// each server process has.

const db = useTestDatabase();
const quiet: JobsLogger = { info() {}, warn() {}, error() {} };
const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);

afterEach(() => {
  db().$client.prepare('DELETE FROM leases').run();
});

describe('leases', () => {
  it('is taken when free, refused to others while it runs, and taken over once it has expired', () => {
    expect(acquireLease(db(), { name: 'x', holder: 'a', ttlMs: 30_000, now: T0 })).toEqual({
      held: true,
      acquired: true,
      expiresAt: T0 + 30_000,
    });
    expect(acquireLease(db(), { name: 'x', holder: 'b', ttlMs: 30_000, now: T0 + 29_999 })).toEqual({
      held: false,
      holder: 'a',
      expiresAt: T0 + 30_000,
    });
    expect(acquireLease(db(), { name: 'x', holder: 'b', ttlMs: 30_000, now: T0 + 30_000 })).toEqual({
      held: true,
      acquired: true,
      expiresAt: T0 + 60_000,
    });
    expect(readLease(db(), 'x')).toMatchObject({ holder: 'b', expiresAt: T0 + 60_000 });
  });

  it('is renewed by its holder without counting as a new acquisition, and keeps when it was first taken', () => {
    acquireLease(db(), { name: 'x', holder: 'a', ttlMs: 30_000, now: T0 });
    const first = readLease(db(), 'x')!;
    expect(acquireLease(db(), { name: 'x', holder: 'a', ttlMs: 30_000, now: T0 + 10_000 })).toEqual({
      held: true,
      acquired: false,
      expiresAt: T0 + 40_000,
    });
    expect(readLease(db(), 'x')).toEqual({ ...first, expiresAt: T0 + 40_000 });
    // Renewed only after it expired: another process could have run the duty meanwhile.
    expect(acquireLease(db(), { name: 'x', holder: 'a', ttlMs: 30_000, now: T0 + 50_000 })).toMatchObject({
      held: true,
      acquired: true,
    });
  });

  it('is released by its holder only', () => {
    acquireLease(db(), { name: 'x', holder: 'a', ttlMs: 30_000, now: T0 });
    expect(releaseLease(db(), { name: 'x', holder: 'b' })).toBe(false);
    expect(readLease(db(), 'x')?.holder).toBe('a');
    expect(releaseLease(db(), { name: 'x', holder: 'a' })).toBe(true);
    expect(readLease(db(), 'x')).toBeNull();
  });

  it('at start-up frees the leases of processes of this host that have died, and only those', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    const host = os.hostname();
    const dead = `${host}:${gone.pid}:abc`;
    const alive = `${host}:${process.pid}:def`;
    const elsewhere = `another-host:${gone.pid}:ghi`;
    expect(holderMayBeAlive(dead)).toBe(false);
    expect(holderMayBeAlive(alive)).toBe(true);
    expect(holderMayBeAlive(elsewhere)).toBe(true);
    // The same question the job worker asks of a running job's process.
    expect(processAlive(gone.pid!)).toBe(false);
    expect(processAlive(process.pid)).toBe(true);
    expect(holderMayBeAlive('a-name-of-another-shape')).toBe(true);
    acquireLease(db(), { name: 'dead', holder: dead, ttlMs: 30_000 });
    acquireLease(db(), { name: 'alive', holder: alive, ttlMs: 30_000 });
    acquireLease(db(), { name: 'elsewhere', holder: elsewhere, ttlMs: 30_000 });
    expect(releaseLeasesOfDeadHolders(db())).toEqual(['dead']);
    expect(readLease(db(), 'dead')).toBeNull();
    expect(readLease(db(), 'alive')?.holder).toBe(alive);
    expect(readLease(db(), 'elsewhere')?.holder).toBe(elsewhere);
  });
});

describe('startScheduler (two processes, simulated by two connections)', () => {
  const TTL = 30_000;
  const CHECK = 10_000;
  let connections: Db[] = [];
  let schedulers: LeasedScheduler[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    const file = process.env.DATABASE_PATH!;
    connections = [openDatabase(file), openDatabase(file)];
  });
  afterEach(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    schedulers = [];
    for (const c of connections) c.$client.close();
    vi.useRealTimers();
  });

  /** A scheduler on connection i with one job that runs every second, and one duty; both recorded. */
  function processNumber(i: number, runs: string[], duties: string[]) {
    const duty: Duty = {
      name: 'outbox',
      start() {
        duties.push(`start ${i}`);
        return { stop: async () => void duties.push(`stop ${i}`) };
      },
    };
    const scheduler = startScheduler({
      db: connections[i]!,
      log: quiet,
      holder: `process-${i}`,
      ttlMs: TTL,
      checkEveryMs: CHECK,
      jobs: [{ name: 'job', everyMs: 1000, atStart: true, run: () => void runs.push(`process-${i}`) }],
      duties: [duty],
    });
    schedulers.push(scheduler);
    return scheduler;
  }

  it('runs the jobs and duties in exactly one of two processes', async () => {
    const runs: string[] = [];
    const duties: string[] = [];
    const first = processNumber(0, runs, duties);
    const second = processNumber(1, runs, duties);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(first.isLeader()).toBe(true);
    expect(second.isLeader()).toBe(false);
    // Renewed every 10 s for two minutes: never lost, never run twice at once.
    expect(new Set(runs)).toEqual(new Set(['process-0']));
    expect(runs.length).toBeGreaterThanOrEqual(119);
    expect(duties).toEqual(['start 0']);
    expect(readLease(connections[1]!, 'scheduler')).toMatchObject({ holder: 'process-0' });
  });

  it('hands over at the next check when the holder stops (it releases the lease)', async () => {
    const runs: string[] = [];
    const duties: string[] = [];
    const first = processNumber(0, runs, duties);
    const second = processNumber(1, runs, duties);
    await vi.advanceTimersByTimeAsync(5_000);
    await first.stop();
    expect(duties).toEqual(['start 0', 'stop 0']);
    expect(readLease(connections[1]!, 'scheduler')).toBeNull();
    const stoppedAt = runs.length;
    await vi.advanceTimersByTimeAsync(CHECK);
    expect(second.isLeader()).toBe(true);
    expect(duties).toEqual(['start 0', 'stop 0', 'start 1']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs.slice(stoppedAt).length).toBeGreaterThan(0);
    expect(new Set(runs.slice(stoppedAt))).toEqual(new Set(['process-1']));
  });

  it('waits out the lease of a holder that stopped renewing without releasing, then takes over', async () => {
    // A process that died (kill -9) holds the lease until T0 + 30 s.
    acquireLease(connections[0]!, { name: 'scheduler', holder: 'dead-process', ttlMs: TTL, now: T0 });
    const runs: string[] = [];
    const duties: string[] = [];
    const survivor = processNumber(1, runs, duties);
    await vi.advanceTimersByTimeAsync(TTL - 1);
    expect(survivor.isLeader()).toBe(false);
    expect(runs).toEqual([]);
    // Expired at 30 s; the next check (every 10 s) takes it.
    await vi.advanceTimersByTimeAsync(CHECK + 1);
    expect(survivor.isLeader()).toBe(true);
    expect(readLease(connections[0]!, 'scheduler')?.holder).toBe('process-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs.length).toBeGreaterThan(0);
    expect(duties).toEqual(['start 1']);
  });

  it('stops its jobs and duties when another process has taken the lease', async () => {
    const runs: string[] = [];
    const duties: string[] = [];
    const first = processNumber(0, runs, duties);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(first.isLeader()).toBe(true);
    // Another process took the row (this one's renewal came too late, say).
    connections[1]!.$client
      .prepare("UPDATE leases SET holder = 'other-process', expires_at = ? WHERE name = 'scheduler'")
      .run(Date.now() + TTL);
    await vi.advanceTimersByTimeAsync(CHECK);
    expect(first.isLeader()).toBe(false);
    expect(duties).toEqual(['start 0', 'stop 0']);
    const after = runs.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs.length).toBe(after);
  });

  it('refuses a renewal period that is not shorter than the lease', () => {
    expect(() =>
      startScheduler({ db: connections[0]!, log: quiet, jobs: [], ttlMs: 1000, checkEveryMs: 1000 }),
    ).toThrow(/renewed more often/);
  });
});

describe('startScheduler across real processes', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('takes over after the lease expires when the holding process is killed with SIGKILL, not before', async () => {
    const TTL = 1500;
    db().$client.exec('CREATE TABLE IF NOT EXISTS ticks (holder TEXT NOT NULL, at INTEGER NOT NULL)');
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/integration/scheduler-holder-process.ts',
        process.env.DATABASE_PATH!,
        String(TTL),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const childHolder = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        const m = /LEADER (\S+)/.exec(chunk.toString());
        if (m) resolve(m[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`holder process exited (${code})`)));
    });
    const here = startScheduler({
      db: db(),
      log: quiet,
      ttlMs: TTL,
      jobs: [
        {
          name: 'tick',
          everyMs: 50,
          atStart: true,
          run: () =>
            db().$client.prepare('INSERT INTO ticks (holder, at) VALUES (?, ?)').run('here', Date.now()),
        },
      ],
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(here.isLeader()).toBe(false);
      const killedAt = Date.now();
      const leaseEnd = readLease(db(), 'scheduler')!.expiresAt;
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.on('exit', resolve));
      const deadline = Date.now() + 3 * TTL;
      while (!here.isLeader() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const tookOverAt = Date.now();
      expect(here.isLeader()).toBe(true);
      // Not before the dead holder's lease ran out, and within a renewal period of it.
      expect(tookOverAt).toBeGreaterThanOrEqual(leaseEnd);
      expect(tookOverAt - leaseEnd).toBeLessThan(TTL / 3 + 250);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ticks = db().$client.prepare('SELECT holder, at FROM ticks ORDER BY at').all() as {
        holder: string;
        at: number;
      }[];
      expect(ticks.some((t) => t.holder === childHolder && t.at <= killedAt)).toBe(true);
      // The jobs ran in one process at a time: nothing of ours before the takeover.
      expect(ticks.filter((t) => t.holder === 'here').every((t) => t.at >= leaseEnd)).toBe(true);
      expect(ticks.some((t) => t.holder === 'here')).toBe(true);
    } finally {
      await here.stop();
    }
  }, 20_000);
});
