import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:faults` (issue 12, "Faults"): what the server does when things break — Meilisearch
// down, a read-only database file, kill -9 in the middle of a long job. Some files start the real
// server (scripts/start.ts) and kill it, so they run one at a time with generous limits. Only the
// Meilisearch file mocks outside services (it imports tests/setup/msw.ts itself): the others talk
// to the real server over loopback, which msw would refuse.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
