/**
 * Which engine this process uses: Meilisearch when MEILI_HOST is set (MEILI_API_KEY optional,
 * MEILI_INDEX defaults to `offerings`), otherwise SQLite. The settings are declared and validated
 * with every other one in app/utils/env.server.ts; this reads them from the environment on each
 * call so tests and scripts can switch; an invalid value is a readable start-up error.
 */
import { readSearchSettings, type SearchConfig } from '../app/utils/env.server';

export type { SearchConfig };

export function readSearchConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig {
  return readSearchSettings(env);
}
