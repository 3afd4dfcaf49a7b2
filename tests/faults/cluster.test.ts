import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, seededDatabase, startServer, type ServerProcess } from './server-process';

// Issue 12: WEB_CONCURRENCY server processes on one database. The real `npm start` with two
// processes: one of them holds the scheduler lease; a session signed in on one process is valid on
// the other; a process killed with -9 is replaced while the other keeps answering; SIGTERM stops
// them all and gives the lease back.

const started = performance.now();
let dir = '';
let file = '';
let app: ServerProcess;

beforeAll(async () => {
  ensureFreshBuild();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-faults-cluster-'));
  file = path.join(dir, 'cluster.db');
  await seededDatabase(file);
  // info: the primary says when a replacement process listens.
  app = await startServer({ databasePath: file, env: { WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' } });
});

afterAll(async () => {
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  console.log(`cluster: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

/** The server processes: the primary's children (Linux /proc). */
function workers(): number[] {
  const pid = app.child.pid!;
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

async function until<T>(
  read: () => T | Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One request on a connection of its own (the cluster hands out connections, not requests). */
function request(method: string, urlPath: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const url = new URL(urlPath, app.baseUrl);
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method, agent: false, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
const leaseHolder = () => {
  const db = new Database(file, { readonly: true });
  try {
    return (
      (
        db.prepare("SELECT holder FROM leases WHERE name = 'scheduler'").get() as
          { holder: string } | undefined
      )?.holder ?? null
    );
  } finally {
    db.close();
  }
};
const pidOf = (holder: string | null) => Number(holder?.split(':')[1]);

describe('two server processes on one database', () => {
  let cookie = '';

  it('runs two processes, one of which holds the scheduler lease', async () => {
    expect(workers()).toHaveLength(2);
    const holder = await until(leaseHolder, (h) => h !== null, 'a lease holder');
    expect(workers()).toContain(pidOf(holder));
  });

  it('keeps a session valid on every process, and answers while a process killed with -9 is replaced', async () => {
    const body = new URLSearchParams({
      email: 'sme@yunqiao.demo',
      password: 'Yunqiao@2026',
      redirectTo: '',
    }).toString();
    const login = await request(
      'POST',
      '/login',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(Buffer.byteLength(body)),
        Origin: app.baseUrl,
      },
      body,
    );
    expect(login.status).toBe(302);
    cookie = login.headers['set-cookie']!.find((c) => c.startsWith('__yq_session='))!.split(';')[0]!;

    // Each process in turn is killed; the one left (or its replacement) serves the signed-in page,
    // so at least once a process that did not sign the cookie accepts it.
    let deaths = 0;
    for (const victim of workers()) {
      process.kill(victim, 'SIGKILL');
      deaths += 1;
      // A connection handed to the process in the instant it died is lost with it (as its
      // in-flight requests are): ask once the primary has seen the death.
      await until(
        () => app.output().split('server process died').length - 1,
        (n) => n >= deaths,
        'the primary to see the death',
      );
      for (let i = 0; i < 5; i++)
        expect((await request('GET', '/enterprise', { Cookie: cookie })).status).toBe(200);
      const killedAt = Date.now();
      const replaced = await until(
        workers,
        (w) => w.length === 2 && !w.includes(victim),
        `a replacement for ${victim}`,
      );
      // Killing the other before its replacement listens would leave nobody to answer.
      await until(
        () => app.output().split('replacement server process listening').length - 1,
        (n) => n >= deaths,
        'the replacement to listen',
      );
      console.log(
        `process ${victim} killed; replaced (${replaced.join(' and ')} serving) in ${Date.now() - killedAt} ms`,
      );
      expect(replaced).not.toContain(victim);
    }
    // A wrong cookie is still refused, whichever process answers.
    expect((await request('GET', '/enterprise', { Cookie: `${cookie}x` })).status).toBe(302);
  }, 300_000);

  it('stops every process on SIGTERM and gives the scheduler lease back', async () => {
    const running = workers();
    await until(leaseHolder, (h) => h !== null && running.includes(pidOf(h)), 'a live lease holder');
    await app.stop();
    expect(app.child.exitCode).toBe(0);
    for (const pid of running) expect(() => process.kill(pid, 0)).toThrow();
    expect(leaseHolder()).toBeNull();
  });
});
