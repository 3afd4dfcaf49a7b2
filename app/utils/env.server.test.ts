import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_SETTINGS, loadDotEnv, readEnv as readEnvFrom, readSearchSettings } from './env.server';

const readEnv = (vars: Record<string, string>) => readEnvFrom(vars as NodeJS.ProcessEnv);
const readSearch = (vars: Record<string, string>) => readSearchSettings(vars as NodeJS.ProcessEnv);

describe('environment', () => {
  it('gives working development defaults', () => {
    const env = readEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/yunqiao.db',
      SEED_DEMO: '1',
      production: false,
    });
    expect(env.sessionSecrets).toHaveLength(1);
  });

  it('refuses to start in production without a session secret', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production/);
  });

  it('refuses short secrets in production', () => {
    expect(() => readEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('accepts several comma-separated secrets for rotation, the first one signing', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(40);
    expect(
      readEnv({
        NODE_ENV: 'production',
        SESSION_SECRET: `${a}, ${b}`,
        PUBLIC_URL: 'https://yunqiao.example.cn',
      }).sessionSecrets,
    ).toEqual([a, b]);
  });

  it('rejects a port that is not a number', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  describe('server processes (WEB_CONCURRENCY)', () => {
    afterEach(() => vi.restoreAllMocks());

    // Issue 12: "default: the number of cores, at most 4".
    it('defaults to the number of cores, at most 4', () => {
      vi.spyOn(os, 'availableParallelism').mockReturnValue(2);
      expect(readEnv({}).WEB_CONCURRENCY).toBe(2);
      vi.spyOn(os, 'availableParallelism').mockReturnValue(16);
      expect(readEnv({}).WEB_CONCURRENCY).toBe(4);
      expect(readEnv({ WEB_CONCURRENCY: '' }).WEB_CONCURRENCY).toBe(4);
    });

    it('takes an explicit count, 1 meaning one process without a cluster', () => {
      expect(readEnv({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
      expect(readEnv({ WEB_CONCURRENCY: '8' }).WEB_CONCURRENCY).toBe(8);
    });

    it('refuses zero, fractions and words with a readable error', () => {
      for (const value of ['0', '1.5', 'two', '-2'])
        expect(() => readEnv({ WEB_CONCURRENCY: value }), value).toThrow(/WEB_CONCURRENCY: must be a whole number/);
    });
  });

  describe('mail', () => {
    const secret = 's'.repeat(32);

    it('sends mail to the log, from 云桥, with links to this machine by default in development', () => {
      const env = readEnv({ PORT: '4100' });
      expect(env.SMTP_URL).toBeUndefined();
      expect(env.MAIL_FROM).toBe('云桥 <no-reply@yunqiao.localhost>');
      expect(env.publicUrl).toBe('http://localhost:4100');
    });

    it('refuses to start in production without PUBLIC_URL, naming both missing variables at once', () => {
      expect(() => readEnv({ NODE_ENV: 'production', SESSION_SECRET: secret })).toThrow(
        /PUBLIC_URL: is required in production/,
      );
      expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET[\s\S]*PUBLIC_URL/);
    });

    it('drops a trailing slash from PUBLIC_URL so a path can be appended', () => {
      const env = readEnv({
        NODE_ENV: 'production',
        SESSION_SECRET: secret,
        PUBLIC_URL: 'https://yq.example.cn/',
      });
      expect(env.publicUrl).toBe('https://yq.example.cn');
    });

    it('refuses a PUBLIC_URL that is not an http(s) base address', () => {
      expect(() => readEnv({ PUBLIC_URL: 'yq.example.cn' })).toThrow(/PUBLIC_URL: must be an http/);
      expect(() => readEnv({ PUBLIC_URL: 'ftp://yq.example.cn' })).toThrow(/PUBLIC_URL/);
      expect(() => readEnv({ PUBLIC_URL: 'https://yq.example.cn/?a=1' })).toThrow(/PUBLIC_URL/);
    });

    it('accepts smtp:// and smtps:// URLs only, and treats an empty SMTP_URL as unset', () => {
      expect(readEnv({ SMTP_URL: 'smtp://user:pa%40ss@mail.example.cn:587' }).SMTP_URL).toBe(
        'smtp://user:pa%40ss@mail.example.cn:587',
      );
      expect(readEnv({ SMTP_URL: 'smtps://mail.example.cn' }).SMTP_URL).toBe('smtps://mail.example.cn');
      expect(readEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
      expect(() => readEnv({ SMTP_URL: 'http://mail.example.cn' })).toThrow(/SMTP_URL: must be an smtp/);
      expect(() => readEnv({ SMTP_URL: 'mail.example.cn:25' })).toThrow(/SMTP_URL/);
    });

    it('refuses a MAIL_FROM that is not an address', () => {
      expect(readEnv({ MAIL_FROM: 'noreply@yq.example.cn' }).MAIL_FROM).toBe('noreply@yq.example.cn');
      expect(readEnv({ MAIL_FROM: '云桥平台 <noreply@yq.example.cn>' }).MAIL_FROM).toBe(
        '云桥平台 <noreply@yq.example.cn>',
      );
      expect(() => readEnv({ MAIL_FROM: '云桥' })).toThrow(/MAIL_FROM/);
    });
  });

  describe('Stripe', () => {
    it('is off by default (bank transfer only)', () => {
      expect(readEnv({}).stripe).toBeNull();
    });
    it('needs the secret key and the webhook secret together', () => {
      expect(() => readEnv({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
      expect(() => readEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(/STRIPE_SECRET_KEY/);
    });
    it('parses STRIPE_API_BASE into host, port and protocol', () => {
      const env = readEnv({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'http://127.0.0.1:12111' });
      expect(env.stripe).toEqual({
        secretKey: 'sk_test_x',
        webhookSecret: 'whsec_x',
        api: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      });
      expect(() => readEnv({ STRIPE_API_BASE: 'ftp://x' })).toThrow(/STRIPE_API_BASE/);
    });
  });

  describe('search engine', () => {
    it('is the embedded SQLite engine unless MEILI_HOST is set (an empty value counts as unset)', () => {
      expect(readEnv({}).search).toEqual({ engine: 'sqlite' });
      expect(readEnv({ MEILI_HOST: '', MEILI_API_KEY: '', MEILI_INDEX: '' }).search).toEqual({ engine: 'sqlite' });
    });
    it('uses Meilisearch at MEILI_HOST, with the index `offerings` by default', () => {
      expect(readEnv({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_API_KEY: 'k' }).search).toEqual({
        engine: 'meilisearch',
        host: 'http://127.0.0.1:7700',
        apiKey: 'k',
        indexUid: 'offerings',
      });
      expect(readSearch({ MEILI_HOST: 'http://m:7700', MEILI_INDEX: 'offers_2' })).toMatchObject({ indexUid: 'offers_2' });
    });
    it('refuses a MEILI_HOST that is not an http(s) URL and an index name with other characters, at start-up', () => {
      expect(() => readEnv({ MEILI_HOST: 'meili:7700' })).toThrow(/MEILI_HOST: must be an http\(s\) URL/);
      expect(() => readEnv({ MEILI_HOST: 'http://m:7700', MEILI_INDEX: '商品' })).toThrow(/MEILI_INDEX/);
      expect(() => readSearch({ MEILI_HOST: 'ftp://m' })).toThrow(/Invalid search configuration/);
    });
  });

  describe('.env file', () => {
    it('loads the file when it exists, without overriding what the environment already sets', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-env-'));
      const file = path.join(dir, '.env');
      fs.writeFileSync(file, 'YUNQIAO_TEST_FROM_FILE=file\nYUNQIAO_TEST_SET_BOTH=file\n');
      process.env.YUNQIAO_TEST_SET_BOTH = 'environment';
      try {
        expect(loadDotEnv(path.join(dir, 'missing.env'))).toBe(false);
        expect(process.env.YUNQIAO_TEST_FROM_FILE).toBeUndefined();
        expect(loadDotEnv(file)).toBe(true);
        expect(process.env.YUNQIAO_TEST_FROM_FILE).toBe('file');
        expect(process.env.YUNQIAO_TEST_SET_BOTH).toBe('environment');
      } finally {
        delete process.env.YUNQIAO_TEST_FROM_FILE;
        delete process.env.YUNQIAO_TEST_SET_BOTH;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('.env.example declares every setting of the env module, and parses as a valid development setup', () => {
      const example = fs.readFileSync(path.resolve('.env.example'), 'utf8');
      const declared = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
      expect(ENV_SETTINGS).toContain('MEILI_HOST');
      expect(ENV_SETTINGS).toContain('DATABASE_PATH');
      for (const name of ENV_SETTINGS) expect(declared, `${name} missing from .env.example`).toContain(name);
      const values = Object.fromEntries(
        [...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]),
      );
      expect(() => readEnv(values)).not.toThrow();
    });
  });
});
