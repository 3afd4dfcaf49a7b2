/**
 * Which engine this process uses: Meilisearch when MEILI_HOST is set (MEILI_API_KEY optional,
 * MEILI_INDEX defaults to `offerings`), otherwise SQLite. Read from the environment on each
 * call so tests and scripts can switch; an invalid value is a readable start-up error.
 */
import { z } from 'zod';

export type SearchConfig =
  | { engine: 'sqlite' }
  | { engine: 'meilisearch'; host: string; apiKey: string | undefined; indexUid: string };

const ConfigSchema = z.object({
  MEILI_HOST: z
    .string()
    .trim()
    .transform((s) => s || undefined)
    .pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:7700' })
        .optional(),
    )
    .optional(),
  MEILI_API_KEY: z
    .string()
    .trim()
    .transform((s) => s || undefined)
    .optional(),
  MEILI_INDEX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be letters, digits, - or _' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export function readSearchConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig {
  const result = ConfigSchema.safeParse({
    MEILI_HOST: env.MEILI_HOST,
    MEILI_API_KEY: env.MEILI_API_KEY,
    MEILI_INDEX: env.MEILI_INDEX,
  });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid search configuration:\n${lines.join('\n')}`);
  }
  const { MEILI_HOST, MEILI_API_KEY, MEILI_INDEX } = result.data;
  if (!MEILI_HOST) return { engine: 'sqlite' };
  return {
    engine: 'meilisearch',
    host: MEILI_HOST,
    apiKey: MEILI_API_KEY,
    indexUid: MEILI_INDEX ?? 'offerings',
  };
}
