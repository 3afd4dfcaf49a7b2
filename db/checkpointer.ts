import { Worker } from 'node:worker_threads';

/**
 * Checkpoints of the write-ahead log in a background thread. SQLite's automatic checkpoint runs
 * inside the commit that crosses its threshold: an API request or a report upload then also copies
 * a few thousand pages into the database file and waits for two fsyncs. Long-running processes
 * (the server, large imports) start this instead; connections opened afterwards have automatic
 * checkpoints off (openDatabase reads WAL_CHECKPOINTS_ENV) and this thread copies the pages every
 * `intervalMs` on its own connection, on another core. Short-lived processes and tests keep
 * SQLite's default. docs/decisions/0005-ingestion-performance.md.
 */
export const WAL_CHECKPOINTS_ENV = 'YUNQIAO_WAL_CHECKPOINTS';

export interface Checkpointer {
  /** Checkpoints once more, then stops the thread. */
  stop(): Promise<void>;
  /** Resolves after the thread's next checkpoint (tests). */
  checkpointNow(): Promise<{ busy: number; log: number; checkpointed: number }>;
}

type CheckpointResult = { type: 'checkpoint'; busy: number; log: number; checkpointed: number };

export async function startBackgroundCheckpoints(
  file: string,
  opts: { intervalMs?: number; onError?: (error: Error) => void } = {},
): Promise<Checkpointer> {
  let stopping = false;
  let running = false;
  let worker: Worker;
  let waiting: ((result: CheckpointResult) => void)[] = [];
  const start = () =>
    new Promise<void>((resolve, reject) => {
      worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
        workerData: { file, intervalMs: opts.intervalMs ?? 1000 },
      });
      worker.on('message', (message: CheckpointResult | { type: 'ready' }) => {
        if (message.type === 'ready') {
          running = true;
          resolve();
        }
        if (message.type === 'checkpoint') {
          const done = waiting;
          waiting = [];
          for (const w of done) w(message);
        }
      });
      worker.once('error', (error) => {
        opts.onError?.(error);
        reject(error);
      });
      // A thread that dies is started again: with automatic checkpoints off, nothing else would
      // keep the log from growing.
      worker.once('exit', () => {
        running = false;
        if (!stopping) setTimeout(() => void start().catch(() => {}), 1000).unref();
      });
    });
  await start();
  process.env[WAL_CHECKPOINTS_ENV] = 'background';
  return {
    checkpointNow() {
      return new Promise((resolve) => {
        waiting.push(({ busy, log, checkpointed }) => resolve({ busy, log, checkpointed }));
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      stopping = true;
      delete process.env[WAL_CHECKPOINTS_ENV];
      // A thread that died (and is waiting to be started again) has nothing left to stop.
      if (!running) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}
