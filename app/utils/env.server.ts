import { z } from 'zod';

/**
 * Every environment variable the server reads, checked once at start-up.
 * Development gets working defaults; production (NODE_ENV=production) refuses to start
 * without real secrets.
 */
const DEV_SESSION_SECRET = 'yunqiao-development-session-secret-not-for-production';

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('data/yunqiao.db'),
    /** Comma-separated; the first signs new cookies, all are accepted (rotation). */
    SESSION_SECRET: z.string().optional(),
    SEED_DEMO: z.enum(['0', '1']).default('1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((raw, ctx) => {
    const production = raw.NODE_ENV === 'production';
    const secrets = (raw.SESSION_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (secrets.length === 0) {
      if (production) {
        ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
        return z.NEVER;
      }
      secrets.push(DEV_SESSION_SECRET);
    }
    if (production && secrets.some((s) => s.length < 32)) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'each secret must be at least 32 characters' });
      return z.NEVER;
    }
    return { ...raw, production, sessionSecrets: secrets };
  });

export type Env = z.output<typeof EnvSchema>;

let cached: Env | null = null;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The validated environment (read lazily so tests can set variables first). */
export function env(): Env {
  cached ??= readEnv();
  return cached;
}

export function resetEnvForTests() {
  cached = null;
}
