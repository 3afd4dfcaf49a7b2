import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import * as upload from '../../app/routes/official.adoption.upload';
import * as jobPage from '../../app/routes/official.adoption.upload_.$jobId';
import { getCounterSnapshot } from '../../app/models/counter.server';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { countRows, expectCounterConsistent, uscc } from './adoption-fixtures';
import { jobIdOf, useJobRunner, waitForJob } from './jobs-fixtures';

const db = useTestDatabase();
useJobRunner(db);
afterEach(() => expectCounterConsistent(db()));

const HEADER =
  'uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on';

function uploadRequest(bytes: Uint8Array, fileName: string, cookie: string) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], fileName));
  return new Request('http://localhost/official/adoption/upload', {
    method: 'POST',
    body: form,
    headers: { Cookie: cookie },
  });
}

async function send(bytes: Uint8Array, fileName: string, cookie: string) {
  return call(() => upload.action(routeArgs(uploadRequest(bytes, fileName, cookie))));
}

/**
 * Follows the upload (issue 12): it answers at once with a redirect to its job's page; the
 * background job checks and applies the file; the page then shows the report.
 */
async function reportOf(result: unknown, cookie: string) {
  expect(statusOf(result)).toBe(302);
  const jobId = jobIdOf(result, '/official/adoption/upload');
  await waitForJob(db(), jobId);
  const url = `/official/adoption/upload/${jobId}`;
  return payloadOf(await call(() => jobPage.loader(routeArgs(getRequest(url, cookie), { jobId })))).job;
}

async function addedOf(result: unknown, cookie: string) {
  const job = await reportOf(result, cookie);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  const { added, unchanged, encoding } = job.result;
  return { added, unchanged, encoding };
}

/** A file with bad rows: the job fails and its page lists every bad row. */
async function rowErrorsOf(result: unknown, cookie: string) {
  const job = await reportOf(result, cookie);
  expect(job.status).toBe('failed');
  expect(job.error).toMatch(/^adoption\.upload\.failed\|n=\d+$/);
  return { rowErrors: job.failure.errors, errorCount: job.failure.errorCount };
}

describe('prefecture report upload', () => {
  it('imports a GB18030 CSV (as Excel on Chinese Windows saves it) and counts its enterprises', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5106' });
    const rows = [
      HEADER,
      `${uscc('510600')},德阳市重装配套有限公司,5106,34,120,5600,业务应用上云,,2021/4/2`,
      `${uscc('510600')},德阳清溪食品有限公司,5106,14,,,基础设施上云,${uscc()},2020-11-30`,
      `${uscc('510600')},旌阳电子科技有限公司,5106,39,30,800,工业APP,,2022/12/31`,
    ].join('\r\n');
    const bytes = iconv.encode(rows, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const before = getCounterSnapshot(db(), { prefecture: '5106' })!.total;
    const result = await addedOf(await send(bytes, '德阳2021.csv', official.cookie), official.cookie);
    expect(result).toEqual({ added: 3, unchanged: 0, encoding: 'GB18030' });
    const deyang = getCounterSnapshot(db(), { prefecture: '5106', taxonomy: '2023' })!;
    expect(deyang.total).toBe(before + 3);
    expect(deyang.byLevel.find((l) => l.level === 'industrial-app')!.count).toBe(1);
    expect(deyang.byMonth.find((m) => m.month === '2021-04')!.count).toBe(1);
    expect(deyang.byCluster.find((c) => c.id === 'food-textile')!.count).toBe(1);
    const names = db()
      .$client.prepare("SELECT name FROM enterprises WHERE prefecture = '5106' ORDER BY name")
      .all() as { name: string }[];
    expect(names.map((n) => n.name)).toContain('德阳市重装配套有限公司');
  });

  it('re-uploading the same file adds nothing', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const csv = [HEADER, `${uscc('511100')},乐山测试有限公司,5111,26,,,saas,,2021-06-01`].join('\n');
    const bytes = new TextEncoder().encode(csv);
    expect(await addedOf(await send(bytes, 'leshan.csv', official.cookie), official.cookie)).toMatchObject({
      added: 1,
      unchanged: 0,
      encoding: 'UTF-8',
    });
    const events = countRows(db(), 'adoption_events');
    const total = getCounterSnapshot(db(), {})!.total;
    expect(await addedOf(await send(bytes, 'leshan.csv', official.cookie), official.cookie)).toMatchObject({
      added: 0,
      unchanged: 1,
    });
    expect(countRows(db(), 'adoption_events')).toBe(events);
    expect(getCounterSnapshot(db(), {})!.total).toBe(total);
  });

  it('applies several rows of one enterprise in file order: one enterprise, its first event counts, the last size wins', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const code = uscc('510700');
    const other = uscc('510700');
    const csv = [
      HEADER,
      `${code},绵阳多行测试有限公司,5107,39,30,800,saas,,2021-03-01`,
      `${other},绵阳另一家有限公司,5107,34,,,iaas,,2021-05-01`,
      `${code},绵阳多行测试有限公司,5107,39,400,52000,iaas,,2020-08-01`,
      `${code},绵阳多行测试有限公司,5107,39,,,paas,,2021-01-15`,
    ].join('\n');
    const before = getCounterSnapshot(db(), { prefecture: '5107' })!.total;
    expect(await addedOf(await send(new TextEncoder().encode(csv), 'mianyang.csv', official.cookie), official.cookie)).toMatchObject(
      {
        added: 4,
        unchanged: 0,
      },
    );
    const rows = db()
      .$client.prepare(
        'SELECT id, employees, revenue_wan AS revenueWan, size_class AS sizeClass FROM enterprises WHERE uscc = ?',
      )
      .all(code) as { id: string; employees: number; revenueWan: number; sizeClass: string }[];
    expect(rows).toHaveLength(1);
    // The third row's size (the fourth gives none), not the first row's.
    expect(rows[0]).toMatchObject({ employees: 400, revenueWan: 52000 });
    const counted = db()
      .$client.prepare("SELECT level, month FROM adoption_counted WHERE enterprise_id = ? AND kind = 'new'")
      .get(rows[0]!.id);
    // The earliest event (2020-08, IaaS) is the first, whatever the file order.
    expect(counted).toEqual({ level: 'iaas', month: '2020-08' });
    expect(getCounterSnapshot(db(), { prefecture: '5107' })!.total).toBe(before + 2);
  });

  it('imports UTF-8 with a BOM', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5115' });
    const csv = `\uFEFF${HEADER}\n${uscc('511500')},宜宾测试酒业有限公司,5115,15,200,9000,paas,,2021-01-15\n`;
    expect(await addedOf(await send(new TextEncoder().encode(csv), 'yibin.csv', official.cookie), official.cookie)).toMatchObject({
      added: 1,
      encoding: 'UTF-8 (BOM)',
    });
  });

  it('imports an XLSX sheet, with dates as Excel dates or typed text', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5107' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('上云企业');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      uscc('510700'),
      '绵阳测试电子有限公司',
      '5107',
      '39',
      45,
      1200,
      'iaas',
      '',
      new Date(Date.UTC(2021, 8, 9)),
    ]);
    sheet.addRow([uscc('510700'), '绵阳测试机械有限公司', 5107, 35, '', '', '平台系统上云', '', '2022/1/5']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await addedOf(await send(bytes, 'mianyang.xlsx', official.cookie), official.cookie)).toMatchObject({
      added: 2,
      encoding: 'XLSX',
    });
    const mianyang = getCounterSnapshot(db(), { prefecture: '5107' })!;
    expect(mianyang.byMonth.find((m) => m.month === '2021-09')!.count).toBeGreaterThanOrEqual(1);
    expect(mianyang.byMonth.find((m) => m.month === '2022-01')!.count).toBeGreaterThanOrEqual(1);
  });

  it('lists every bad row with its line number and writes nothing', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const csv = [
      HEADER,
      `${uscc()},好的企业,5101,34,10,100,saas,,2021-05-05`,
      `91110000600037341N,校验位错误,5101,34,,,saas,,2021-05-05`,
      `${uscc()},,5101,34,,,saas,,2021-05-05`,
      `${uscc()},外市企业,5103,34,,,saas,,2021-05-05`,
      `${uscc()},坏层级,5101,99,-3,abc,cloud,123,2021-02-30`,
      `${uscc()},未来日期,5101,34,,,saas,,2999-01-01`,
    ].join('\n');
    const events = countRows(db(), 'adoption_events');
    const enterprises = countRows(db(), 'enterprises');
    const result = await send(new TextEncoder().encode(csv), 'bad.csv', official.cookie);
    const { rowErrors, errorCount } = await rowErrorsOf(result, official.cookie);
    const byLine = (line: number) =>
      rowErrors
        .filter((e: { line: number }) => e.line === line)
        .map((e: { column: string; message: string }) => `${e.column}:${e.message}`);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual(['uscc:uscc.checksum']);
    expect(byLine(4)).toEqual(['enterprise_name:errors.required']);
    expect(byLine(5)).toEqual(['prefecture:adoption.import.otherPrefecture']);
    expect(byLine(6)).toEqual([
      'industry:adoption.import.badIndustry',
      'employees:adoption.import.badEmployees',
      'revenue_wan:adoption.import.badRevenue',
      'level:adoption.import.badLevel',
      'provider_uscc:uscc.length',
      'occurred_on:adoption.import.badDate',
    ]);
    expect(byLine(7)).toEqual(['occurred_on:adoption.errors.futureDate']);
    expect(errorCount).toBe(10);
    expect(countRows(db(), 'adoption_events')).toBe(events);
    expect(countRows(db(), 'enterprises')).toBe(enterprises);
  });

  it('reads quoted cells (commas, line breaks) and still reports the right line numbers', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5119' });
    const csv = [
      HEADER,
      `${uscc('511900')},"巴中市某某科技有限公司（原""巴中, 某某""）",5119,65,,,saas,,2021-03-03`,
      `${uscc('511900')},"多行
名称有限公司",5119,65,,,saas,,2021-03-03`,
      `${uscc('511900')},坏日期企业,5119,65,,,saas,,2021-13-03`,
    ].join('\r\n');
    const result = await send(new TextEncoder().encode(csv), 'quoted.csv', official.cookie);
    expect((await rowErrorsOf(result, official.cookie)).rowErrors).toEqual([
      { line: 5, column: 'occurred_on', message: 'adoption.import.badDate' },
    ]);
    const fixed = csv.replace('2021-13-03', '2021-12-03');
    expect(await addedOf(await send(new TextEncoder().encode(fixed), 'quoted.csv', official.cookie), official.cookie)).toMatchObject(
      { added: 3 },
    );
    const names = db()
      .$client.prepare("SELECT name FROM enterprises WHERE prefecture = '5119' ORDER BY name")
      .all() as { name: string }[];
    expect(names.map((n) => n.name)).toContain('巴中市某某科技有限公司（原"巴中, 某某"）');
  });

  it('refuses a file whose header lacks a column, naming it', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: null });
    const csv = 'uscc,enterprise_name,prefecture,industry,level,occurred_on,extra\n';
    const result = await send(new TextEncoder().encode(csv), 'h.csv', official.cookie);
    const messages = (await rowErrorsOf(result, official.cookie)).rowErrors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'adoption.import.missingColumn|column=employees',
        'adoption.import.missingColumn|column=provider_uscc',
        'adoption.import.unknownColumn|column=extra',
      ]),
    );
  });

  it('is for officials only', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const result = await send(new TextEncoder().encode(HEADER), 'x.csv', sme.cookie);
    expect(statusOf(result)).toBe(403);
  });
});
