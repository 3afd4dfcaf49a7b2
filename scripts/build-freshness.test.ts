import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsStale } from './build-freshness';

describe('buildIsStale (npm start rebuilds only when a source changed)', () => {
  let root: string;
  const old = new Date('2026-01-01T00:00:00Z');
  const built = new Date('2026-01-02T00:00:00Z');
  const later = new Date('2026-01-03T00:00:00Z');

  function write(file: string, when: Date) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, 'x');
    fs.utimesSync(full, when, when);
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-build-'));
    write('app/root.tsx', old);
    write('db/schema.ts', old);
    write('search/engine.ts', old);
    write('package-lock.json', old);
    write('remix.config.js', old);
    write('build/index.js', built);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is fresh when every source is older than the build', () => {
    expect(buildIsStale('build/index.js', root)).toBe(false);
  });

  it('is stale without a build', () => {
    fs.rmSync(path.join(root, 'build'), { recursive: true });
    expect(buildIsStale('build/index.js', root)).toBe(true);
  });

  it.each([
    'app/routes/x.tsx',
    'db/seed/demo.ts',
    'search/sqlite/engine.ts',
    'package-lock.json',
    'remix.config.js',
  ])('is stale after %s changed', (file) => {
    write(file, later);
    expect(buildIsStale('build/index.js', root)).toBe(true);
  });

  it('ignores a SQLite database kept under db/', () => {
    write('db/local.db', later);
    write('db/local.db-wal', later);
    expect(buildIsStale('build/index.js', root)).toBe(false);
  });
});
