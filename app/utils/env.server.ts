import { z } from 'zod';

/**
 * Every environment variable the server reads, checked once at start-up.
 * Development gets working defaults; production (NODE_ENV=production) refuses to start
 * without real secrets or without PUBLIC_URL.
 */
const DEV_SESSION_SECRET = 'yunqiao-development-session-secret-not-for-production';
export const DEFAULT_MAIL_FROM = '云桥 <no-reply@yunqiao.localhost>';

/** An unset variable and one set to nothing (`SMTP_URL=` in a .env file) mean the same. */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);

/** A URL with one of `protocols` and no query or fragment (a base to append paths to); unset passes. */
function urlWithProtocol(protocols: readonly string[]) {
  return (value: string | undefined) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && !url.search && !url.hash;
    } catch {
      return false;
    }
  };
}

/** STRIPE_API_BASE as stripe-node's host/port/protocol options. */
export function stripeApiBase(base: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('data/yunqiao.db'),
    /** Comma-separated; the first signs new cookies, all are accepted (rotation). */
    SESSION_SECRET: z.string().optional(),
    SEED_DEMO: z.enum(['0', '1']).default('1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS); unset = mail goes to the log. */
    SMTP_URL: optionalText.refine(urlWithProtocol(['smtp:', 'smtps:']), 'must be an smtp:// or smtps:// URL'),
    MAIL_FROM: optionalText
      .refine((v) => v === undefined || /^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(v), {
        message: 'must be an address, e.g. 云桥 <no-reply@example.cn>',
      })
      .transform((v) => v ?? DEFAULT_MAIL_FROM),
    /** Where users reach this server, for the links in mail (e.g. https://yunqiao.example.cn). */
    PUBLIC_URL: optionalText.refine(
      urlWithProtocol(['http:', 'https:']),
      'must be an http:// or https:// URL',
    ),
    /** Online payment (Stripe Checkout): both or neither; unset = bank transfer only (the default). */
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    /** Another Stripe endpoint, e.g. stripe-mock at http://127.0.0.1:12111 (tests, the browser journey). */
    STRIPE_API_BASE: optionalText.refine(urlWithProtocol(['http:', 'https:']), 'must be an http:// or https:// URL'),
  })
  .transform((raw, ctx) => {
    const production = raw.NODE_ENV === 'production';
    const secrets = (raw.SESSION_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    let refused = false;
    const refuse = (name: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [name], message });
      refused = true;
    };
    if (secrets.length === 0) {
      if (production) refuse('SESSION_SECRET', 'is required in production');
      else secrets.push(DEV_SESSION_SECRET);
    } else if (production && secrets.some((s) => s.length < 32)) {
      refuse('SESSION_SECRET', 'each secret must be at least 32 characters');
    }
    // Mail links are absolute: a guessed host would send people to the wrong site, so production
    // must say where it is served, like its session secret.
    if (!raw.PUBLIC_URL && production)
      refuse(
        'PUBLIC_URL',
        'is required in production (the address users reach Yunqiao at, used in mail links)',
      );
    if (Boolean(raw.STRIPE_SECRET_KEY) !== Boolean(raw.STRIPE_WEBHOOK_SECRET))
      refuse(
        raw.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY',
        'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together or not at all',
      );
    if (refused) return z.NEVER;
    const stripe = raw.STRIPE_SECRET_KEY && raw.STRIPE_WEBHOOK_SECRET
      ? {
          secretKey: raw.STRIPE_SECRET_KEY,
          webhookSecret: raw.STRIPE_WEBHOOK_SECRET,
          api: raw.STRIPE_API_BASE ? stripeApiBase(raw.STRIPE_API_BASE) : null,
        }
      : null;
    const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
    return { ...raw, production, sessionSecrets: secrets, publicUrl, stripe };
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
