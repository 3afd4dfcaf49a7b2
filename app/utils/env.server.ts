import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { RATE_LIMITS } from '../domain/rate-limits';

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

/**
 * Loads `.env` (or `file`) into process.env when it exists, as `.env.example` tells people to set
 * up; variables already set in the environment win (Node's process.loadEnvFile keeps them).
 * Called first by npm start and the command-line scripts (scripts/load-env.ts), before any
 * setting is read. Returns whether a file was loaded.
 */
export function loadDotEnv(file = '.env'): boolean {
  if (!fs.existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/** Blank (`MEILI_API_KEY=` in a .env file) counts as unset, like optionalText. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The search engine's settings: part of EnvSchema, and read on their own by search/config.ts. */
const SearchEnvSchema = z.object({
  /** Meilisearch base URL; unset = the embedded SQLite engine. */
  MEILI_HOST: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:7700' }))
      .optional(),
  ),
  MEILI_API_KEY: optionalText,
  /** Index name, default `offerings`. */
  MEILI_INDEX: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be letters, digits, - or _' })
      .optional(),
  ),
});

export type SearchConfig =
  | { engine: 'sqlite' }
  | { engine: 'meilisearch'; host: string; apiKey: string | undefined; indexUid: string };

function searchConfigOf(raw: z.output<typeof SearchEnvSchema>): SearchConfig {
  if (!raw.MEILI_HOST) return { engine: 'sqlite' };
  return { engine: 'meilisearch', host: raw.MEILI_HOST, apiKey: raw.MEILI_API_KEY, indexUid: raw.MEILI_INDEX ?? 'offerings' };
}

/**
 * Which search engine to use, read from `source` on each call (tests and scripts switch engines
 * by setting MEILI_HOST); an invalid value is a readable error.
 */
export function readSearchSettings(source: NodeJS.ProcessEnv = process.env): SearchConfig {
  const result = SearchEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid search configuration:\n${lines.join('\n')}`);
  }
  return searchConfigOf(result.data);
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
    /** API calls per minute per API key before 429 (app/domain/rate-limits.ts; README "Limits and sessions"). */
    API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).default(RATE_LIMITS.apiKey.points),
    /**
     * Server processes on the one database file (node:cluster, scripts/start.ts); 1 = a single
     * process, no cluster. Default: the cores, at most 4 (SQLite has one writer at a time: more
     * processes than that only queue for it).
     */
    WEB_CONCURRENCY: z.preprocess(
      blankAsUnset,
      z.coerce
        .number({ error: 'must be a whole number of processes from 1 to 32' })
        .int({ error: 'must be a whole number of processes from 1 to 32' })
        .min(1, { error: 'must be a whole number of processes from 1 to 32' })
        .max(32, { error: 'must be a whole number of processes from 1 to 32' })
        .default(() => Math.min(os.availableParallelism(), 4)),
    ),
    ...SearchEnvSchema.shape,
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
    return { ...raw, production, sessionSecrets: secrets, publicUrl, stripe, search: searchConfigOf(raw) };
  });

export type Env = z.output<typeof EnvSchema>;

/** The name of every setting (for the check that .env.example documents each one). */
export const ENV_SETTINGS: readonly string[] = Object.keys(EnvSchema.in.shape);

let cached: { key: string; value: Env } | null = null;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * DATABASE_PATH alone (default data/yunqiao.db; blank counts as unset), for the command-line
 * scripts, which need no other setting and must not be refused for a missing server secret.
 */
export function databasePath(source: NodeJS.ProcessEnv = process.env): string {
  const result = EnvSchema.in.shape.DATABASE_PATH.safeParse(source.DATABASE_PATH || undefined);
  if (!result.success) throw new Error(`Invalid environment:\n  DATABASE_PATH: ${result.error.issues[0]?.message}`);
  return result.data;
}

/**
 * The validated environment, parsed again only when one of its settings changed in process.env
 * (tests and scripts set variables after start; comparing a few strings is cheaper than parsing).
 */
export function env(): Env {
  const key = ENV_SETTINGS.map((name) => process.env[name] ?? '\u0000').join('\u0001');
  if (cached?.key !== key) cached = { key, value: readEnv() };
  return cached.value;
}
