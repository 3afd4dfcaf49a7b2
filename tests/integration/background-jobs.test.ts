// Issue 12: long jobs off the request path. A report upload answers at once and is processed by
// the background-job worker thread (app/jobs/) on its own connection; its page follows the
// progress and then shows the same report the synchronous path gives. A job left running by a
// process that died is failed at the next start with nothing written; a campaign build is queued
// again and resumes. Only the uploader and officials whose scope covers a report may follow it.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.server';
import { makeUscc } from '../../app/domain/uscc';
import { workerName } from '../../app/domain/background-jobs';
import { importPrefectureReport } from '../../app/models/adoption-import.server';
import { claimNextJob, enqueueJob, enqueueUpload } from '../../app/models/background-jobs.server';
import {
  buildCampaignCounts,
  createCampaign,
  getCampaignRow,
  updateCampaign,
} from '../../app/models/campaigns.server';
import { getCounterSnapshot } from '../../app/models/counter.server';
import * as jobApi from '../../app/routes/api.jobs.$jobId';
import * as upload from '../../app/routes/official.adoption.upload';
import * as reportPage from '../../app/routes/official.adoption.upload_.$jobId';
import * as newCampaignPage from '../../app/routes/official.campaigns.new';
import * as catalogPage from '../../app/routes/provider.import_.$jobId';
import { usccBody } from '../../scripts/bench/counter-seed';
import {
  call,
  createTestUser,
  formRequest,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
} from '../setup/test-db';
import { countRows, createProvider, expectCounterConsistent } from './adoption-fixtures';
import { jobIdOf, useJobRunner, waitForJob } from './jobs-fixtures';

const db = useTestDatabase();
const runner = useJobRunner(db);
afterEach(() => expectCounterConsistent(db()));

const HEADER =
  'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on';
let batch = 0;

/** A valid report of `rows` new enterprises in one prefecture (distinct USCCs per call). */
function reportCsv(rows: number, prefecture = '5101'): Uint8Array {
  batch += 1;
  const lines = [HEADER];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${makeUscc('92', `${prefecture}00`, usccBody(`J${String.fromCharCode(64 + batch)}`, i))},后台任务测试企业${batch}-${i},${prefecture},${13 + (i % 31)},${i % 300},${i % 5000},${i % 2 ? 'saas' : 'iaas'},,2023/${1 + (i % 12)}/${1 + (i % 28)}`,
    );
  return new TextEncoder().encode(lines.join('\n'));
}

function uploadRequest(bytes: Uint8Array, fileName: string, cookie: string) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], fileName));
  return new Request('http://localhost/official/adoption/upload', {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie },
  });
}

async function apiJob(id: string, cookie?: string) {
  const response = (await call(() =>
    jobApi.loader(routeArgs(getRequest(`/api/jobs/${id}`, cookie), { jobId: id })),
  )) as Response;
  return { status: response.status, body: await response.json() };
}

/** The pid of a process that has just exited (no process has it now). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('a prefecture report as a background job', () => {
  it('answers at once, moves its progress, and ends with the same report as the synchronous path', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const rows = 12_000;
    const bytes = reportCsv(rows);
    // The database as it is before the upload: the synchronous path runs on this copy afterwards.
    const copy = path.join(path.dirname(process.env.DATABASE_PATH!), 'before.db');
    await db().$client.backup(copy);

    const answer = await call(() =>
      upload.action(routeArgs(uploadRequest(bytes, 'chengdu-12000.csv', official.cookie))),
    );
    expect(statusOf(answer)).toBe(302);
    const jobId = jobIdOf(answer, '/official/adoption/upload');
    // Not applied inside the request: the job is still to run or running when the answer is back.
    expect((await apiJob(jobId, official.cookie)).body.status).toMatch(/^(queued|running)$/);

    const seen: { status: string; phase: string; done: number; total: number | null }[] = [];
    for (;;) {
      const { status, body } = await apiJob(jobId, official.cookie);
      expect(status).toBe(200);
      seen.push({ status: body.status, ...body.progress });
      if (body.status === 'succeeded' || body.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const final = (await apiJob(jobId, official.cookie)).body;
    expect(final).toMatchObject({
      status: 'succeeded',
      error: null,
      result: { rows, added: rows, unchanged: 0, encoding: 'UTF-8' },
    });
    // The page polled a job that moved: part-way figures of the check or the apply, never going back within a phase.
    const partWay = seen.filter(
      (s) => s.status === 'running' && s.total === rows && s.done > 0 && s.done < rows,
    );
    expect(partWay.length, JSON.stringify(seen.slice(0, 40))).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++)
      if (seen[i]!.phase === seen[i - 1]!.phase)
        expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);

    // The page shows the report as the upload page did when it ran inside the request.
    const page = payloadOf(
      await call(() =>
        reportPage.loader(
          routeArgs(getRequest(`/official/adoption/upload/${jobId}`, official.cookie), { jobId }),
        ),
      ),
    );
    expect(page.job).toMatchObject({
      status: 'succeeded',
      fileName: 'chengdu-12000.csv',
      result: final.result,
    });

    // The CLI's synchronous path, on the database as it was: the same outcome and the same counts.
    const before = openDatabase(copy);
    try {
      const outcome = await importPrefectureReport(before, {
        bytes,
        fileName: 'chengdu-12000.csv',
        scope: '5101',
        actorUserId: official.id,
      });
      expect(outcome.ok).toBe(true);
      const { rows: r, added, unchanged, encoding } = outcome as Extract<typeof outcome, { ok: true }>;
      expect({ rows: r, added, unchanged, encoding }).toEqual(final.result);
      expect(countRows(before, 'adoption_events')).toBe(countRows(db(), 'adoption_events'));
      expect(getCounterSnapshot(before, { prefecture: '5101' })!.total).toBe(
        getCounterSnapshot(db(), { prefecture: '5101' })!.total,
      );
    } finally {
      before.$client.close();
    }
    // The uploaded file is not kept once the job has run.
    expect(db().$client.prepare('SELECT input IS NULL AS gone FROM jobs WHERE id = ?').get(jobId)).toEqual({
      gone: 1,
    });
  });

  it('fails a file with bad rows with its errors, in the caller’s language, and writes nothing', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const events = countRows(db(), 'adoption_events');
    const csv =
      new TextDecoder().decode(reportCsv(3)) + '\n91110000600037341N,校验位错误,5101,34,,,saas,,2021-05-05';
    const jobId = jobIdOf(
      await call(() =>
        upload.action(routeArgs(uploadRequest(new TextEncoder().encode(csv), 'bad.csv', official.cookie))),
      ),
      '/official/adoption/upload',
    );
    expect(await waitForJob(db(), jobId)).toMatchObject({ status: 'failed' });
    const { body } = await apiJob(jobId, official.cookie);
    expect(body.error).toEqual({
      code: 'invalid_rows',
      message: '文件中有 1 处错误，未写入任何数据。请修改后重新上传。',
    });
    const page = payloadOf(
      await call(() =>
        reportPage.loader(
          routeArgs(getRequest(`/official/adoption/upload/${jobId}`, official.cookie), { jobId }),
        ),
      ),
    );
    expect(page.job.failure).toEqual({
      errors: [{ line: 5, column: 'uscc', message: 'uscc.checksum' }],
      errorCount: 1,
    });
    expect(countRows(db(), 'adoption_events')).toBe(events);
  });

  it('a job queued while no worker runs is picked up when one starts', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    await runner.stop();
    const jobId = jobIdOf(
      await call(() =>
        upload.action(routeArgs(uploadRequest(reportCsv(5, '5107'), 'mianyang.csv', official.cookie))),
      ),
      '/official/adoption/upload',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await apiJob(jobId, official.cookie)).body).toMatchObject({
      status: 'queued',
      progress: { phase: 'queued' },
    });
    await runner.start();
    expect(await waitForJob(db(), jobId)).toMatchObject({ status: 'succeeded' });
  });
});

describe('a restart after a process died during a job', () => {
  it('fails the report it was applying, with a plain message, and nothing of it is written', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    await runner.stop();
    const events = countRows(db(), 'adoption_events');
    const enterprises = countRows(db(), 'enterprises');
    const jobId = await enqueueUpload(db(), {
      kind: 'adoption-report',
      params: { fileName: 'crash.csv', scope: '5101' },
      file: reportCsv(3000),
      createdByUserId: official.id,
    });
    const child = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'tests/integration/background-jobs-crash.ts',
      process.env.DATABASE_PATH!,
    ]).then(
      () => null,
      (error: { signal?: string; stderr?: string }) => error,
    );
    expect(child?.signal, child?.stderr).toBe('SIGKILL');
    const left = db().$client.prepare('SELECT status, worker FROM jobs WHERE id = ?').get(jobId) as {
      status: string;
      worker: string;
    };
    expect(left.status).toBe('running');
    expect(left.worker.startsWith(`${os.hostname()}:`)).toBe(true);
    expect(countRows(db(), 'adoption_events')).toBe(events);

    await runner.start();
    expect(await waitForJob(db(), jobId)).toMatchObject({ status: 'failed' });
    const { body } = await apiJob(jobId, official.cookie);
    expect(body.error).toEqual({
      code: 'interrupted',
      message: '服务重启时任务未完成，未写入任何数据，请重新上传',
    });
    expect(countRows(db(), 'adoption_events')).toBe(events);
    expect(countRows(db(), 'enterprises')).toBe(enterprises);
    expect(db().$client.prepare('SELECT input IS NULL AS gone FROM jobs WHERE id = ?').get(jobId)).toEqual({
      gone: 1,
    });
  });

  it('queues a campaign build again, which resumes and finishes', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    // Some ledger to count: a report of 2023 events.
    const report = await enqueueUpload(db(), {
      kind: 'adoption-report',
      params: { fileName: 'ledger.csv', scope: null },
      file: reportCsv(50, '5103'),
      createdByUserId: official.id,
    });
    expect(await waitForJob(db(), report)).toMatchObject({ status: 'succeeded' });
    const created = await call(() =>
      newCampaignPage.action(
        routeArgs(
          formRequest(
            '/official/campaigns/new',
            {
              id: 'jobs-2023',
              name: '后台任务测试活动',
              nameEn: '',
              target: '100',
              startsOn: '2023-01-01',
              endsOn: '2023-12-31',
            },
            official.cookie,
          ),
        ),
      ),
    );
    expect(statusOf(created)).toBe(302);
    const build = db()
      .$client.prepare("SELECT id FROM jobs WHERE kind = 'campaign-build' ORDER BY created_at DESC LIMIT 1")
      .get() as { id: string };
    expect(await waitForJob(db(), build.id)).toMatchObject({ status: 'succeeded' });
    expect(getCampaignRow(db(), 'jobs-2023')!.countsStatus).toBe('ready');
    const counted = getCounterSnapshot(db(), { campaignId: 'jobs-2023' })!.total;
    expect(counted).toBeGreaterThanOrEqual(50);

    // A new window restarts the build; a process claims it and dies before finishing.
    await runner.stop();
    updateCampaign(
      db(),
      'jobs-2023',
      { name: '后台任务测试活动', nameEn: null, target: 100, startsOn: '2022-12-01', endsOn: '2023-12-31' },
      official.id,
    );
    const rebuild = enqueueJob(db(), {
      kind: 'campaign-build',
      params: { campaignId: 'jobs-2023' },
      createdByUserId: official.id,
    });
    expect(claimNextJob(db(), workerName(os.hostname(), await deadPid()))?.id).toBe(rebuild);
    // It committed its first chunk of 10 enterprises, then died.
    await expect(
      buildCampaignCounts(db(), 'jobs-2023', {
        chunkSize: 10,
        onProgress: () => {
          throw new Error('the process died');
        },
      }),
    ).rejects.toThrow('the process died');
    const cut = getCampaignRow(db(), 'jobs-2023')!;
    expect(cut.countsStatus).toBe('building');
    expect(cut.buildDone).toBe(10);

    await runner.start();
    expect(await waitForJob(db(), rebuild)).toMatchObject({ status: 'succeeded' });
    expect(getCampaignRow(db(), 'jobs-2023')!.countsStatus).toBe('ready');
    // Every event is inside the wider window too: the same count, rebuilt from the cursor.
    expect(getCounterSnapshot(db(), { campaignId: 'jobs-2023' })!.total).toBe(counted);
  });
});

describe('a campaign left 计算中 with no build (campaign:create interrupted, a failed build)', () => {
  it('is queued by the worker’s sweep and finished', async () => {
    await runner.stop();
    // What campaign:create leaves when it is stopped before counting: the row, no job.
    const created = createCampaign(
      db(),
      {
        id: 'cli-2024',
        name: '命令行中断的活动',
        nameEn: null,
        target: 10,
        startsOn: '2024-01-01',
        endsOn: '2024-12-31',
      },
      null,
    );
    expect(created.ok).toBe(true);
    expect(getCampaignRow(db(), 'cli-2024')!.countsStatus).toBe('building');
    expect(
      db()
        .$client.prepare(
          "SELECT count(*) AS n FROM jobs WHERE kind = 'campaign-build' AND json_extract(params, '$.campaignId') = 'cli-2024'",
        )
        .get(),
    ).toEqual({ n: 0 });

    await runner.start();
    const deadline = Date.now() + 20_000;
    while (getCampaignRow(db(), 'cli-2024')!.countsStatus !== 'ready') {
      if (Date.now() > deadline) throw new Error('campaign cli-2024 still 计算中 after 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const builds = db()
      .$client.prepare(
        "SELECT status, created_by_user_id AS createdBy FROM jobs WHERE kind = 'campaign-build' AND json_extract(params, '$.campaignId') = 'cli-2024'",
      )
      .all();
    expect(builds).toEqual([{ status: 'succeeded', createdBy: null }]);
  });
});

describe('who may follow a job', () => {
  it('the uploader and officials whose scope covers the report; nobody else', async () => {
    const uploader = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const colleague = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const provincial = await createTestUser(db(), { role: 'official', prefecture: null });
    const elsewhere = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const sme = await createTestUser(db(), { role: 'sme' });
    const providerUser = await createTestUser(db(), { role: 'provider' });
    const admin = await createTestUser(db(), { role: 'admin' });
    const jobId = await enqueueUpload(db(), {
      kind: 'adoption-report',
      params: { fileName: 'access.csv', scope: '5101' },
      file: reportCsv(2),
      createdByUserId: uploader.id,
    });
    const api = async (cookie?: string) => (await apiJob(jobId, cookie)).status;
    expect([
      await api(uploader.cookie),
      await api(colleague.cookie),
      await api(provincial.cookie),
      await api(elsewhere.cookie),
      await api(sme.cookie),
      await api(providerUser.cookie),
      await api(admin.cookie),
      await api(undefined),
    ]).toEqual([200, 200, 200, 404, 404, 404, 404, 401]);
    const page = async (cookie: string) =>
      statusOf(
        await call(() =>
          reportPage.loader(routeArgs(getRequest(`/official/adoption/upload/${jobId}`, cookie), { jobId })),
        ),
      );
    expect([await page(colleague.cookie), await page(elsewhere.cookie), await page(sme.cookie)]).toEqual([
      200, 404, 403,
    ]);
    // Left to finish, so the next test starts from a quiet ledger.
    expect(await waitForJob(db(), jobId)).toMatchObject({ status: 'succeeded' });

    // A province-wide report: provincial officials only.
    const province = enqueueJob(db(), {
      kind: 'adoption-report',
      params: { fileName: 'province.csv', scope: null },
      createdByUserId: provincial.id,
    });
    expect((await apiJob(province, uploader.cookie)).status).toBe(404);
    expect(
      (await apiJob(province, (await createTestUser(db(), { role: 'official', prefecture: null })).cookie))
        .status,
    ).toBe(200);
  });

  it('a catalog import: its provider account only', async () => {
    const mine = await createTestUser(db(), { role: 'provider' });
    const theirs = await createTestUser(db(), { role: 'provider' });
    createProvider(db(), { ownerUserId: mine.id });
    createProvider(db(), { ownerUserId: theirs.id });
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const jobId = await enqueueUpload(db(), {
      kind: 'catalog-import',
      params: { fileName: 'catalog.json', format: 'json', providerId: 'nobody' },
      file: new TextEncoder().encode('[]'),
      createdByUserId: mine.id,
    });
    const page = async (cookie: string) =>
      statusOf(
        await call(() =>
          catalogPage.loader(routeArgs(getRequest(`/provider/import/${jobId}`, cookie), { jobId })),
        ),
      );
    expect([await page(mine.cookie), await page(theirs.cookie), await page(official.cookie)]).toEqual([
      200, 404, 403,
    ]);
    expect([
      (await apiJob(jobId, theirs.cookie)).status,
      (await apiJob(jobId, official.cookie)).status,
    ]).toEqual([404, 404]);
    // A report page does not show another kind of job under its id.
    expect(
      statusOf(
        await call(() =>
          reportPage.loader(
            routeArgs(getRequest(`/official/adoption/upload/${jobId}`, official.cookie), { jobId }),
          ),
        ),
      ),
    ).toBe(404);
  });
});

it('keeps no progress file once a job has ended', () => {
  const dir = `${path.resolve(process.env.DATABASE_PATH!)}.jobs`;
  const left = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const running = db().$client.prepare("SELECT id FROM jobs WHERE status = 'running'").all() as {
    id: string;
  }[];
  expect(left.filter((f) => !running.some((r) => f.startsWith(r.id)))).toEqual([]);
});
