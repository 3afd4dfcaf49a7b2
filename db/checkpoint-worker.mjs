// The WAL checkpointer's thread (db/checkpointer.ts starts it): copies committed pages from the
// write-ahead log into the database file every `intervalMs`, so that the connections serving
// requests, whose automatic checkpoints are off, never pay for it inside a commit. Plain
// JavaScript: a worker thread gets no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

function checkpoint() {
  // PASSIVE never waits for readers or writers: what cannot be copied now is copied next time.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ type: 'checkpoint', ...result });
}

const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint();
  if (message === 'stop') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
