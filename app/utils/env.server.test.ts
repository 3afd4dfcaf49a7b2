import { describe, expect, it } from 'vitest';
import { readEnv as readEnvFrom } from './env.server';

const readEnv = (vars: Record<string, string>) => readEnvFrom(vars as NodeJS.ProcessEnv);

describe('environment', () => {
  it('gives working development defaults', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_PATH: 'data/yunqiao.db', SEED_DEMO: '1', production: false });
    expect(env.sessionSecrets).toHaveLength(1);
  });

  it('refuses to start in production without a session secret', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production/);
  });

  it('refuses short secrets in production', () => {
    expect(() => readEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('accepts several comma-separated secrets for rotation, the first one signing', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(40);
    expect(readEnv({ NODE_ENV: 'production', SESSION_SECRET: `${a}, ${b}` }).sessionSecrets).toEqual([a, b]);
  });

  it('rejects a port that is not a number', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
