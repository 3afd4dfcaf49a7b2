/**
 * The primary process of `npm start` with WEB_CONCURRENCY > 1 (scripts/start.ts): forks that many
 * server processes with node:cluster, which share the listening port and the one database file
 * (WAL: readers never wait for the writer; the writers take turns). A process that dies is started
 * again after a pause that doubles with each quick death (1 s … 30 s), so a process that cannot
 * start does not spin the machine. SIGTERM/SIGINT are passed on for a graceful shutdown; the
 * primary exits once every process has, or after `graceMs` kills what is left.
 */
import cluster, { type Worker } from 'node:cluster';

export interface SupervisorLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** A worker alive this long is healthy: its slot's backoff starts again from the shortest pause. */
const HEALTHY_AFTER_MS = 60_000;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/** The pause before the `deaths`-th quick restart of a slot in a row (1-based): 1 s, 2 s, 4 s … 30 s. */
export function restartBackoffMs(deaths: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, deaths - 1));
}

export function superviseWorkers(opts: {
  count: number;
  log: SupervisorLogger;
  /** How long the processes get to finish in-flight requests after SIGTERM (default 10 s). */
  graceMs?: number;
  /** Called once, when all `count` processes have started listening for the first time. */
  onReady?: () => void;
}): void {
  const { count, log } = opts;
  const graceMs = opts.graceMs ?? 10_000;
  let stopping = false;
  // One slot per process: its restarts and backoff are counted apart from the others'.
  const slots = Array.from({ length: count }, () => ({ quickDeaths: 0, startedAt: 0 }));
  const slotOf = new Map<Worker, number>();

  const fork = (slot: number) => {
    if (stopping) return;
    slots[slot]!.startedAt = Date.now();
    const worker = cluster.fork({ YUNQIAO_WORKER_SLOT: String(slot + 1) });
    slotOf.set(worker, slot);
  };

  cluster.on('exit', (worker, code, signal) => {
    const slot = slotOf.get(worker);
    slotOf.delete(worker);
    // Registered before shutdown's listener: the process is gone from slotOf when that one counts.
    if (slot === undefined || stopping) return;
    const state = slots[slot]!;
    const lived = Date.now() - state.startedAt;
    state.quickDeaths = lived >= HEALTHY_AFTER_MS ? 1 : state.quickDeaths + 1;
    const delay = restartBackoffMs(state.quickDeaths);
    log.error(
      { workerPid: worker.process.pid, slot: slot + 1, code, signal, livedMs: lived, restartInMs: delay },
      'server process died; starting another',
    );
    setTimeout(() => fork(slot), delay);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // slotOf holds the live processes (cluster.workers may still list one that has exited).
    const workers = [...slotOf.keys()];
    log.info({ signal, processes: workers.length }, 'shutting down the server processes');
    for (const worker of workers) worker.process.kill(signal);
    const kill = setTimeout(() => {
      for (const worker of slotOf.keys()) {
        log.warn({ workerPid: worker.process.pid }, 'server process did not stop in time; killed');
        worker.process.kill('SIGKILL');
      }
    }, graceMs);
    kill.unref();
    const done = () => {
      if (slotOf.size > 0) return;
      clearTimeout(kill);
      process.exit(0);
    };
    cluster.on('exit', done);
    done();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  const listening = new Set<number>();
  cluster.on('listening', (worker) => {
    const slot = slotOf.get(worker);
    if (slot === undefined) return;
    if (listening.size === count) {
      log.info({ workerPid: worker.process.pid, slot: slot + 1 }, 'replacement server process listening');
      return;
    }
    listening.add(slot);
    if (listening.size === count) opts.onReady?.();
  });

  for (let slot = 0; slot < count; slot++) fork(slot);
}
