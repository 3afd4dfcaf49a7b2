// The background-job worker thread's entry (runner.server.ts starts it). Plain JavaScript: on
// Node 20 a worker thread does not apply the TypeScript loader of its process — neither inherited
// nor given as `execArgv: ['--import', 'tsx']` ("Unknown file extension .ts", measured) — so this
// file loads the TypeScript worker through tsx's own API, under `npm start` and vitest alike.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { runJobWorker } = await tsImport('./worker.server.ts', import.meta.url);
await runJobWorker(workerData, parentPort);
