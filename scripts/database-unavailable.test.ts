import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ServerBuild } from '@remix-run/node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isDatabaseUnavailable,
  unavailableResponse,
  withDatabaseUnavailableAnswers,
} from './database-unavailable';

// A write to a database that cannot take it becomes a 503 saying so; every other error is left
// alone (it stays a logged 500). The errors are real better-sqlite3 errors.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-unavailable-'));
const file = path.join(dir, 'x.db');
new Database(file).exec('CREATE TABLE t (x)');
const readOnly = new Database(file, { readonly: true });
afterAll(() => {
  readOnly.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}
const readOnlyError = caught(() => readOnly.exec('INSERT INTO t VALUES (1)'));
const syntaxError = caught(() => readOnly.exec('INSERT INTO nowhere VALUES (1)'));

function buildWith(module: Record<string, unknown>): ServerBuild {
  return { routes: { 'routes/x': { id: 'routes/x', path: 'x', module } } } as unknown as ServerBuild;
}
const args = (url: string, headers: Record<string, string> = {}) => ({
  request: new Request(url, { headers }),
});

describe('a database that cannot be written', () => {
  it('is told apart from other database errors by its SQLite code', () => {
    expect((readOnlyError as { code: string }).code).toBe('SQLITE_READONLY');
    expect(isDatabaseUnavailable(readOnlyError)).toBe(true);
    expect(isDatabaseUnavailable(syntaxError)).toBe(false);
    expect(isDatabaseUnavailable(new Error('SQLITE_READONLY'))).toBe(false);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('disk'), { name: 'SqliteError', code: 'SQLITE_IOERR_WRITE' }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('full'), { name: 'SqliteError', code: 'SQLITE_FULL' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('busy'), { name: 'SqliteError', code: 'SQLITE_BUSY' })),
    ).toBe(false);
  });

  it('turns into a thrown 503 from a page action, in plain Chinese and English text', async () => {
    const seen: Error[] = [];
    const build = withDatabaseUnavailableAnswers(
      buildWith({ action: () => readOnly.exec('INSERT INTO t VALUES (1)'), default: () => null }),
      (error) => seen.push(error),
    );
    const thrown = await (build.routes['routes/x']!.module as { action: (a: unknown) => Promise<unknown> })
      .action(args('http://x/x'))
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('60');
    const text = await response.text();
    expect(text).toContain('服务暂时不可用');
    expect(text).toContain('Service temporarily unavailable');
    expect(text).not.toContain('SQLITE');
    expect(seen).toEqual([readOnlyError]);
  });

  it('answers the API in its error shape, in Chinese when asked', async () => {
    const english = await unavailableResponse(new Request('http://x/api/adoption-events')).json();
    expect(english).toEqual({
      errors: [{ path: '', code: 'unavailable', message: expect.stringMatching(/cannot be written/) }],
    });
    const chinese = await unavailableResponse(
      new Request('http://x/api/orders', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } }),
    ).json();
    expect(chinese.errors[0].message).toMatch(/数据库暂时无法写入/);
  });

  it('leaves other errors, answers and modules without loaders as they were', async () => {
    const other = new Error('a bug');
    const page = { default: () => null, meta: () => [] };
    const build = withDatabaseUnavailableAnswers({
      routes: {
        bug: { id: 'bug', module: { loader: () => Promise.reject(other) } },
        ok: { id: 'ok', module: { loader: () => ({ fine: true }) } },
        page: { id: 'page', module: page },
      },
    } as unknown as ServerBuild);
    const loader = (id: string) =>
      (build.routes[id]!.module as { loader: (a: unknown) => Promise<unknown> }).loader;
    await expect(loader('bug')(args('http://x/bug'))).rejects.toBe(other);
    await expect(loader('ok')(args('http://x/ok'))).resolves.toEqual({ fine: true });
    expect(build.routes.page!.module).toBe(page);
    expect('loader' in build.routes.page!.module).toBe(false);
  });
});
