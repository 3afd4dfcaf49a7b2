import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.server';
import { makeUscc } from '../../app/domain/uscc';
import { PREFECTURES } from '../../app/domain/prefectures';
import { verifyCounter } from '../../app/models/counter-verify.server';
import { MAX_OFFERINGS_PER_PROVIDER } from '../../app/schemas/catalog-import';
import { sessionCookieFor } from '../../app/utils/session.server';
import { usccBody } from '../../scripts/bench/counter-seed';
import {
  ensureFreshBuild,
  FAULTS_SESSION_SECRET,
  seededDatabase,
  startServer,
  type ServerProcess,
} from './server-process';

// Issue 12, "Faults": kill -9 of the server during a 100,000-row report job and during a catalog
// import. The real server (two processes and their job threads) takes the upload over HTTP as a
// browser sends it; once the job reports progress in its writing phase, every server process is
// killed with SIGKILL. After that the database file passes PRAGMA integrity_check, and after a
// restart the job is failed (or, had it committed, finished), the import is in the database
// entirely or not at all, the counter equals its recomputation from the ledger (counter:verify),
// and (catalog) the same upload then goes through.

process.env.SESSION_SECRET = FAULTS_SESSION_SECRET;
const REPORT_ROWS = 100_000;
// The most one provider's entry may hold (formats/catalog-import.md).
const CATALOG_OFFERINGS = MAX_OFFERINGS_PER_PROVIDER;
const timings: string[] = [];
let dir = '';
let file = '';
let officialCookie = '';
let providerCookie = '';
let provider: { id: string; uscc: string; nameZh: string; prefecture: string };
let app: ServerProcess | null = null;

beforeAll(async () => {
  ensureFreshBuild();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yunqiao-faults-kill-'));
  file = path.join(dir, 'kill.db');
  await seededDatabase(file);
  const db = openDatabase(file);
  const userOf = (email: string) =>
    db.$client.prepare('SELECT id, session_version AS v FROM users WHERE email = ?').get(email) as {
      id: string;
      v: number;
    };
  const official = userOf('official@yunqiao.demo');
  officialCookie = await sessionCookieFor(official.id, official.v);
  const owner = userOf('provider@yunqiao.demo');
  providerCookie = await sessionCookieFor(owner.id, owner.v);
  provider = db.$client
    .prepare('SELECT id, uscc, name_zh AS nameZh, prefecture FROM providers WHERE owner_user_id = ?')
    .get(owner.id) as typeof provider;
  db.$client.close();
});

afterAll(async () => {
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  console.log(`kill -9 during imports: ${timings.join('; ')}`);
});

/** A count or check on the file as it is on disk, through a connection of its own. */
function onDisk<T>(read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const integrity = () => onDisk((db) => db.pragma('integrity_check', { simple: true }));
const count = (table: string, where = '1') =>
  onDisk((db) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n);
const counterVerified = () => {
  const db = openDatabase(file);
  try {
    return verifyCounter(db);
  } finally {
    db.$client.close();
  }
};

async function upload(
  to: string,
  cookie: string,
  name: string,
  bytes: Uint8Array,
  type: string,
): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const answer = await fetch(`${app!.baseUrl}${to}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: app!.baseUrl, 'Sec-Fetch-Site': 'same-origin' },
  });
  expect(
    answer.status,
    await answer
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  ).toBe(302);
  const jobId = /\/([^/?]+)$/.exec(answer.headers.get('Location') ?? '')?.[1];
  expect(jobId).toBeTruthy();
  return jobId!;
}

interface JobView {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { phase: string; done: number; total: number | null } | null;
  error: { code: string; message: string } | null;
}
async function job(id: string, cookie: string): Promise<JobView> {
  const answer = await fetch(`${app!.baseUrl}/api/jobs/${id}`, { headers: { Cookie: cookie } });
  expect(answer.status).toBe(200);
  return (await answer.json()) as JobView;
}

/** Polls the job until `done(view)`; fails the test on timeout or when the job ends first. */
async function waitForJob(
  id: string,
  cookie: string,
  done: (v: JobView) => boolean,
  what: string,
  ms = 120_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const view = await job(id, cookie);
    if (done(view)) return view;
    if (Date.now() > deadline)
      throw new Error(`job ${id}: timed out waiting for ${what} (last: ${JSON.stringify(view)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
/** Running in `phase` with at least `minDone` done (a catalog reports 0 of N as it starts writing, then N at the end). */
const writing = (phase: string, minDone: number) => (v: JobView) => {
  if (v.status === 'succeeded' || v.status === 'failed')
    throw new Error(`the job ended (${v.status}: ${JSON.stringify(v.error)}) before it could be killed`);
  return v.status === 'running' && v.progress?.phase === phase && v.progress.done >= minDone;
};
const finished = (v: JobView) => v.status === 'succeeded' || v.status === 'failed';

/** Kills the whole server with -9 in the middle of the job's writing phase; returns the view it was killed at. */
async function killDuring(jobId: string, cookie: string, phase: string, minDone: number) {
  const at = await waitForJob(jobId, cookie, writing(phase, minDone), `progress in the ${phase} phase`);
  await app!.kill9();
  app = null;
  return at;
}

function reportCsv(): Uint8Array {
  const codes = PREFECTURES.map((p) => p.code);
  const rows = [
    'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on',
  ];
  for (let i = 0; i < REPORT_ROWS; i++) {
    const prefecture = codes[i % codes.length]!;
    rows.push(
      `${makeUscc('92', `${prefecture}00`, usccBody('K', i))},故障演练企业${i},${prefecture},${13 + (i % 31)},${i % 500},${i % 9000},${i % 2 ? '业务应用上云' : 'iaas'},,2022/${1 + (i % 12)}/${1 + (i % 28)}`,
    );
  }
  // As Excel on Chinese Windows saves it.
  return iconv.encode(rows.join('\r\n'), 'gb18030');
}

/** The largest catalog one provider may upload, each offering with every list full, so writing it takes a while. */
function catalogJson(): Uint8Array {
  const paragraph =
    '本服务面向四川省中小制造企业，提供生产排程、设备联网、质量追溯、能耗分析和经营报表等功能，支持私有化部署与混合云部署。';
  const offerings = Array.from({ length: CATALOG_OFFERINGS }, (_, i) => ({
    externalId: `fault-drill-${i}`,
    title: `故障演练云服务 ${i}`,
    summary: '面向中小制造企业的生产管理 SaaS，用于演练服务器被强制终止时的导入',
    description: `${paragraph.repeat(30).slice(0, 1800)}${i}`,
    level: 'saas',
    categories: ['生产管理'],
    tags: Array.from({ length: 20 }, (_, t) => `标签${t}-${i % 7}`),
    industries: Array.from({ length: 31 }, (_, k) => String(13 + k)),
    plans: Array.from({ length: 10 }, (_, k) => ({
      name: `版本${k}`,
      priceFen: 98000 + i + k,
      billing: 'year',
    })),
  }));
  const entry = {
    provider: { name: provider.nameZh, uscc: provider.uscc, prefecture: provider.prefecture },
    offerings,
  };
  return new TextEncoder().encode(JSON.stringify([entry]));
}

describe('kill -9 of the server during a 100,000-row prefecture report', () => {
  it('leaves a sound file, the report in the database entirely or not at all, and a clean counter', async () => {
    const t0 = performance.now();
    const eventsBefore = count('adoption_events');
    const csv = reportCsv();
    app = await startServer({ databasePath: file, env: { WEB_CONCURRENCY: '2' } });
    const jobId = await upload(
      '/official/adoption/upload',
      officialCookie,
      'fault-drill.csv',
      csv,
      'text/csv',
    );
    const killedAt = await killDuring(jobId, officialCookie, 'apply', 1);
    expect(killedAt.progress!.done).toBeLessThan(REPORT_ROWS);
    expect(integrity()).toBe('ok');

    app = await startServer({ databasePath: file, env: { WEB_CONCURRENCY: '2' } });
    const after = await waitForJob(jobId, officialCookie, finished, 'the abandoned job to be settled');
    const added = count('adoption_events') - eventsBefore;
    if (after.status === 'failed') expect(added).toBe(0);
    else expect(added).toBe(REPORT_ROWS);
    // Its one transaction never committed: that is the expected end.
    expect(after.status).toBe('failed');
    await app.stop();
    app = null;
    expect(integrity()).toBe('ok');
    expect(counterVerified()).toMatchObject({ ok: true, differenceCount: 0 });
    timings.push(`report ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 600_000);
});

describe('kill -9 of the server during a catalog import', () => {
  it('leaves a sound file and the catalog imported entirely or not at all', async () => {
    const t0 = performance.now();
    const mine = `provider_id = '${provider.id}'`;
    const offeringsBefore = count('offerings', mine);
    const plansBefore = count('offering_plans', `offering_id IN (SELECT id FROM offerings WHERE ${mine})`);
    const json = catalogJson();
    app = await startServer({ databasePath: file, env: { WEB_CONCURRENCY: '2' } });
    const jobId = await upload(
      '/provider/import',
      providerCookie,
      'fault-drill.json',
      json,
      'application/json',
    );
    // Inside the import's one write transaction (about two seconds for this file here).
    await killDuring(jobId, providerCookie, 'apply', 0);
    expect(integrity()).toBe('ok');

    app = await startServer({ databasePath: file, env: { WEB_CONCURRENCY: '2' } });
    const after = await waitForJob(jobId, providerCookie, finished, 'the abandoned job to be settled');
    const added = count('offerings', mine) - offeringsBefore;
    const plansAdded =
      count('offering_plans', `offering_id IN (SELECT id FROM offerings WHERE ${mine})`) - plansBefore;
    if (after.status === 'failed') expect([added, plansAdded]).toEqual([0, 0]);
    else expect([added, plansAdded]).toEqual([CATALOG_OFFERINGS, CATALOG_OFFERINGS * 10]);
    expect(after.status).toBe('failed');
    expect(integrity()).toBe('ok');

    const again = await upload(
      '/provider/import',
      providerCookie,
      'fault-drill.json',
      json,
      'application/json',
    );
    expect(await waitForJob(again, providerCookie, finished, 'the import again')).toMatchObject({
      status: 'succeeded',
    });
    expect(count('offerings', mine) - offeringsBefore).toBe(CATALOG_OFFERINGS);
    await app.stop();
    app = null;
    expect(integrity()).toBe('ok');
    expect(counterVerified()).toMatchObject({ ok: true, differenceCount: 0 });
    timings.push(`catalog import ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 600_000);
});
