import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.server';
import { createApiKey } from '../../app/models/api-keys.server';
import { sessionCookieFor } from '../../app/utils/session.server';
import {
  ensureFreshBuild,
  FAULTS_SESSION_SECRET,
  openFolderTo,
  seededDatabase,
  startServer,
  unprivilegedUser,
  lendCheckoutTo,
  type ServerProcess,
} from './server-process';

// Issue 12, "Faults": a read-only database file gives a clear error page and no half-written data.
// The real server (two processes) is started on a demo database whose file is mode 0444, as a user
// the mode applies to. Pages that only read keep working; every change answers 503 with a plain
// message (Chinese first, English on request, never a stack trace), and the file is byte for byte
// what it was.

process.env.SESSION_SECRET = FAULTS_SESSION_SECRET;
const started = performance.now();
const user = unprivilegedUser();
let restoreCheckout: (() => void) | undefined;
let dir = '';
let file = '';
let app: ServerProcess;
let smeCookie = '';
let apiKey = '';
let offeringId = '';
let hashBefore = '';

const sha256 = (target: string) => crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
const counts = () => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM service_requests) AS requests,
                (SELECT count(*) FROM adoption_events) AS events, (SELECT count(*) FROM rate_limits) AS limits`,
      )
      .get();
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  ensureFreshBuild();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-faults-ro-'));
  openFolderTo(dir, user);
  file = path.join(dir, 'readonly.db');
  await seededDatabase(file);
  const db = openDatabase(file);
  const sme = db.$client
    .prepare("SELECT id, session_version AS v FROM users WHERE email = 'sme@yunqiao.demo'")
    .get() as {
    id: string;
    v: number;
  };
  smeCookie = await sessionCookieFor(sme.id, sme.v);
  const provider = db.$client
    .prepare(
      `SELECT p.id AS providerId, o.id AS offeringId, o.external_id AS externalId FROM providers p
       JOIN users u ON u.id = p.owner_user_id JOIN offerings o ON o.provider_id = p.id
       WHERE u.email = 'provider@yunqiao.demo' AND o.status = 'published' LIMIT 1`,
    )
    .get() as { providerId: string; offeringId: string; externalId: string };
  offeringId = provider.offeringId;
  apiKey = createApiKey(db, {
    owner: { kind: 'prefecture', prefecture: '5101' },
    name: 'faults',
    actorUserId: null,
  }).key;
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  fs.chmodSync(file, 0o444);
  hashBefore = sha256(file);
  restoreCheckout = lendCheckoutTo(user);
  app = await startServer({ databasePath: file, user: user ?? undefined, env: { WEB_CONCURRENCY: '2' } });
});

afterAll(async () => {
  await app?.stop();
  restoreCheckout?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  console.log(`read-only database: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

const post = (urlPath: string, body: string, headers: Record<string, string>) =>
  fetch(`${app.baseUrl}${urlPath}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Origin: app.baseUrl, 'Sec-Fetch-Site': 'same-origin', ...headers },
  });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('a read-only database file', () => {
  it('is noticed at start-up and said plainly in the log', () => {
    expect(app.output()).toMatch(/is read-only: pages that only read work, every change answers 503/);
  });

  it('still serves the pages that only read', async () => {
    for (const page of ['/', '/catalog', `/catalog?q=${encodeURIComponent('制造')}`])
      expect((await fetch(`${app.baseUrl}${page}`)).status, page).toBe(200);
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers a change with a 503 page that says why in Chinese, without internals', async () => {
    const before = counts();
    // Signing in writes the abuse-limit counters; sending a request (询价) writes five tables.
    const login = await post(
      '/login',
      form({ email: 'sme@yunqiao.demo', password: 'Yunqiao@2026', redirectTo: '' }),
      FORM,
    );
    const request = await post(
      `/catalog/${offeringId}`,
      form({ message: '我们想了解贵公司的服务，请与我们联系，谢谢。', contact: 'in-app' }),
      { ...FORM, Cookie: smeCookie },
    );
    for (const answer of [login, request]) {
      expect(answer.status).toBe(503);
      const html = await answer.text();
      expect(html).toContain('服务暂时不可用');
      expect(html).toContain('数据库暂时无法写入');
      expect(html).not.toMatch(/SqliteError|SQLITE_READONLY|at .+\.js:\d+/);
    }
    expect(counts()).toEqual(before);
  });

  it('says it in English to a reader who chose English', async () => {
    const english = `yq_lang=${encodeURIComponent(Buffer.from(JSON.stringify('en')).toString('base64'))}`;
    const answer = await post(
      `/catalog/${offeringId}`,
      form({ message: 'Please contact us about this service.', contact: 'in-app' }),
      {
        ...FORM,
        Cookie: `${smeCookie}; ${english}`,
      },
    );
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('Service temporarily unavailable');
  });

  it('answers an API write with the API error shape and status 503', async () => {
    const before = counts();
    const answer = await post(
      '/api/adoption-events',
      JSON.stringify({
        uscc: '91510100MA7READ0L5',
        enterpriseName: '只读演练企业',
        prefecture: '5101',
        industry: '34',
        level: 'saas',
        occurredAt: '2026-01-15',
      }),
      {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${apiKey}`,
        'Idempotency-Key': 'read-only-1',
      },
    );
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ errors: [{ path: '', code: 'unavailable' }] });
    expect(counts()).toEqual(before);
  });

  it('leaves the file exactly as it was, and sound', async () => {
    await app.stop();
    expect(sha256(file)).toBe(hashBefore);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
