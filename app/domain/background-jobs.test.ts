import { describe, expect, it } from 'vitest';
import type { Principal } from './access-policy';
import {
  fateOfAbandoned,
  isAbandoned,
  isFinished,
  JOB_STATUSES,
  mayFollowJob,
  parseWorker,
  progressWorthWriting,
  workerName,
} from './background-jobs';

const official = (scopePrefecture: string | null): Principal => ({ role: 'official', scopePrefecture });
const viewer = (userId: string, principal: Principal) => ({ userId, principal });

describe('mayFollowJob', () => {
  const chengduReport = { kind: 'adoption-report', createdByUserId: 'uploader', scope: '5101' };

  it('lets the uploader follow any of their jobs', () => {
    expect(mayFollowJob(viewer('uploader', official('5101')), chengduReport)).toBe(true);
    expect(
      mayFollowJob(viewer('p1', { role: 'provider', providerId: 'x' }), {
        kind: 'catalog-import',
        createdByUserId: 'p1',
      }),
    ).toBe(true);
  });

  it('lets officials whose scope covers a report follow it: its prefecture’s and the provincial ones', () => {
    expect(mayFollowJob(viewer('colleague', official('5101')), chengduReport)).toBe(true);
    expect(mayFollowJob(viewer('provincial', official(null)), chengduReport)).toBe(true);
    expect(mayFollowJob(viewer('mianyang', official('5107')), chengduReport)).toBe(false);
  });

  it('keeps a province-wide report to provincial officials', () => {
    const province = { kind: 'adoption-report', createdByUserId: 'p', scope: null };
    expect(mayFollowJob(viewer('provincial', official(null)), province)).toBe(true);
    expect(mayFollowJob(viewer('chengdu', official('5101')), province)).toBe(false);
  });

  it('refuses every other role, admins included, and another provider’s catalog import', () => {
    const catalog = { kind: 'catalog-import', createdByUserId: 'p1' };
    expect(mayFollowJob(viewer('p2', { role: 'provider', providerId: 'y' }), catalog)).toBe(false);
    expect(mayFollowJob(viewer('provincial', official(null)), catalog)).toBe(false);
    expect(mayFollowJob(viewer('admin', { role: 'admin' }), chengduReport)).toBe(false);
    expect(mayFollowJob(viewer('sme', { role: 'sme', enterpriseId: 'e' }), chengduReport)).toBe(false);
  });

  it('a job whose uploader was deleted (no owner) is nobody’s by ownership', () => {
    expect(
      mayFollowJob(viewer('', official('5107')), { kind: 'catalog-import', createdByUserId: null }),
    ).toBe(false);
  });

  it('campaign builds: provincial officials, who manage campaigns', () => {
    const build = { kind: 'campaign-build', createdByUserId: 'someone' };
    expect(mayFollowJob(viewer('provincial', official(null)), build)).toBe(true);
    expect(mayFollowJob(viewer('chengdu', official('5101')), build)).toBe(false);
  });
});

describe('progressWorthWriting', () => {
  const at = (phase: string, done: number, total: number | null, t: number) => ({
    phase,
    done,
    total,
    at: t,
  });

  it('writes the first report, a new phase and the end of a phase', () => {
    expect(progressWorthWriting({ phase: 'read', done: 0, total: null }, null, 0)).toBe(true);
    expect(
      progressWorthWriting({ phase: 'apply', done: 0, total: 100_000 }, at('check', 100_000, 100_000, 0), 1),
    ).toBe(true);
    expect(
      progressWorthWriting(
        { phase: 'apply', done: 100_000, total: 100_000 },
        at('apply', 99_500, 100_000, 0),
        1,
      ),
    ).toBe(true);
  });

  it('writes every 1 % more, else every 250 ms', () => {
    const last = at('apply', 10_000, 100_000, 1_000);
    expect(progressWorthWriting({ phase: 'apply', done: 10_999, total: 100_000 }, last, 1_100)).toBe(false);
    expect(progressWorthWriting({ phase: 'apply', done: 11_000, total: 100_000 }, last, 1_100)).toBe(true);
    expect(progressWorthWriting({ phase: 'apply', done: 10_100, total: 100_000 }, last, 1_249)).toBe(false);
    expect(progressWorthWriting({ phase: 'apply', done: 10_100, total: 100_000 }, last, 1_250)).toBe(true);
    // Nothing new to say: not written however long it has been.
    expect(progressWorthWriting({ phase: 'apply', done: 10_000, total: 100_000 }, last, 9_000)).toBe(false);
  });
});

describe('job statuses', () => {
  it('queued and running are under way; succeeded and failed are the end', () => {
    expect(JOB_STATUSES.filter((s) => !isFinished(s))).toEqual(['queued', 'running']);
    expect(JOB_STATUSES.filter(isFinished)).toEqual(['succeeded', 'failed']);
  });
});

describe('parseWorker', () => {
  it('reads back what workerName wrote, a host with colons included', () => {
    expect(parseWorker(workerName('web-1', 4242))).toEqual({ host: 'web-1', pid: 4242 });
    expect(parseWorker('fe80::1:4242')).toEqual({ host: 'fe80::1', pid: 4242 });
  });

  it('refuses names that are not `<host>:<pid>`', () => {
    for (const name of ['web-1', ':4242', 'web-1:', 'web-1:0', 'web-1:-3', 'web-1:12x', 'web-1:1.5'])
      expect(parseWorker(name), name).toBeNull();
  });
});

describe('isAbandoned', () => {
  const here = {
    host: 'web-1',
    pid: 4242,
    now: Date.parse('2026-12-08T10:00:00Z'),
    processExists: (pid: number) => pid === 777,
  };

  it('on this host, asks whether the process is alive, whatever its heartbeat', () => {
    const old = { heartbeatAt: '2026-12-08T09:00:00Z', startedAt: '2026-12-08T09:00:00Z' };
    expect(isAbandoned({ worker: 'web-1:777', ...old }, here)).toBe(false);
    expect(
      isAbandoned({ worker: 'web-1:778', heartbeatAt: '2026-12-08T09:59:59Z', startedAt: null }, here),
    ).toBe(true);
    // This very pid again: an earlier incarnation (a restarted container's node is pid 1 again).
    expect(
      isAbandoned({ worker: 'web-1:4242', heartbeatAt: '2026-12-08T09:59:59Z', startedAt: null }, here),
    ).toBe(true);
  });

  it('on another host, goes by a heartbeat older than 60 s', () => {
    expect(
      isAbandoned({ worker: 'web-2:777', heartbeatAt: '2026-12-08T09:59:01Z', startedAt: null }, here),
    ).toBe(false);
    expect(
      isAbandoned({ worker: 'web-2:777', heartbeatAt: '2026-12-08T09:58:59Z', startedAt: null }, here),
    ).toBe(true);
    expect(isAbandoned({ worker: null, heartbeatAt: null, startedAt: null }, here)).toBe(true);
  });
});

describe('fateOfAbandoned', () => {
  it('fails imports (one transaction, never committed) and queues campaign builds again (resumable)', () => {
    expect(fateOfAbandoned('adoption-report')).toBe('fail');
    expect(fateOfAbandoned('catalog-import')).toBe('fail');
    expect(fateOfAbandoned('campaign-build')).toBe('requeue');
  });
});
