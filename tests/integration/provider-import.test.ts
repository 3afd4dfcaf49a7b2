import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, offeringRevisions, offerings, providers } from '../../db/schema';
import { makeUscc } from '../../app/domain/uscc';
import { newId } from '../../app/utils/ids';
import { validateCatalog } from '../../app/models/catalog-import.server';
import * as page from '../../app/routes/provider.import';
import * as jobPage from '../../app/routes/provider.import_.$jobId';
import * as template from '../../app/routes/provider.import.template[.]json';
import { call, createTestUser, formRequest, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { jobIdOf, useJobRunner, waitForJob } from './jobs-fixtures';

const db = useTestDatabase();
useJobRunner(db);

type Account = { id: string; cookie: string; providerId: string; uscc: string };
let serial = 0;

async function providerAccount(status: 'applied' | 'approved' | 'suspended' = 'approved'): Promise<Account> {
  const user = await createTestUser(db(), { role: 'provider' });
  const providerId = newId();
  serial += 1;
  const uscc = makeUscc('91', '510100', `MA62Q${String(serial).padStart(4, '0')}`);
  db()
    .insert(providers)
    .values({
      id: providerId,
      uscc,
      nameZh: `四川导入云科技有限公司${serial}`,
      prefecture: '5101',
      contactName: '王工',
      contactEmail: user.email,
      contactPhone: '028-12345678',
      status,
      ownerUserId: user.id,
    })
    .run();
  return { id: user.id, cookie: user.cookie, providerId, uscc };
}

function offering(externalId: string, over: Record<string, unknown> = {}) {
  return {
    externalId,
    title: `云端能耗平台${externalId}`,
    summary: '分项计量与能耗分析。',
    level: 'saas',
    categories: ['能耗管理'],
    plans: [
      { name: '标准版', priceFen: 98_000, billing: 'year', trialDays: 14 },
      { name: '定制版', priceFen: null, billing: 'quote' },
    ],
    ...over,
  };
}

function entry(account: { uscc: string }, list: unknown[], over: Record<string, unknown> = {}) {
  return { provider: { name: `四川导入云科技有限公司${account.uscc.slice(-4)}`, uscc: account.uscc, prefecture: '5101', ...over }, offerings: list };
}

const json = (entries: unknown[]) => JSON.stringify(entries, null, 2);

function uploadRequest(cookie: string, name: string, body: string | Uint8Array) {
  const form = new FormData();
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/json' }));
  return new Request('http://localhost/provider/import', { method: 'POST', body: form, headers: { Cookie: cookie } });
}

function upload(account: { cookie: string }, name: string, body: string | Uint8Array) {
  return call(() => page.action(routeArgs(uploadRequest(account.cookie, name, body))));
}

type Result = { fieldError: string | null; formError: string | null };

/**
 * Follows the upload (issue 12): it answers at once with a redirect to its job's page, the
 * background job validates and imports the file, and the page then shows the outcome.
 */
async function jobOf(result: unknown, account: { cookie: string }) {
  expect(statusOf(result)).toBe(302);
  const jobId = jobIdOf(result, '/provider/import');
  await waitForJob(db(), jobId);
  const shown = payloadOf(
    await call(() => jobPage.loader(routeArgs(getRequest(`/provider/import/${jobId}`, account.cookie), { jobId }))),
  );
  return shown.job;
}

/** The summary of an imported file (as strings, for the assertions). */
async function summaryOf(result: unknown, account: { cookie: string }) {
  const job = await jobOf(result, account);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return Object.fromEntries(Object.entries(job.result ?? {}).map(([k, v]) => [k, String(v)]));
}

/** The problems of a file that was refused: nothing written, every problem listed. */
async function issuesOf(result: unknown, account: { cookie: string }) {
  const job = await jobOf(result, account);
  expect(job.status).toBe('failed');
  return { issues: job.failure.issues as { path: string; message: string }[], issueCount: job.failure.issueCount as number };
}

const offeringsOf = (providerId: string) => db().select().from(offerings).where(eq(offerings.providerId, providerId)).all();
const auditCount = () => db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'catalog.import')).get()!.n;

describe('provider bulk import', () => {
  it('imports the provider’s own file into vetting (submitted, not published) and audits it; a re-upload changes nothing', async () => {
    const me = await providerAccount();
    const file = json([entry(me, [offering('imp-a'), offering('imp-b', { titleEn: 'Energy B' })])]);
    const first = await summaryOf(await upload(me, 'catalog.json', file), me);
    expect(first).toMatchObject({ file: 'catalog.json', created: '2', updated: '0', revisions: '0', unchanged: '0' });

    const rows = offeringsOf(me.providerId);
    expect(rows.map((r) => [r.externalId, r.status, r.publishedAt]).sort()).toEqual([
      ['imp-a', 'submitted', null],
      ['imp-b', 'submitted', null],
    ]);
    const audit = db().select().from(auditLog).where(and(eq(auditLog.action, 'catalog.import'), eq(auditLog.targetId, me.providerId))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: me.id, targetType: 'catalog' });
    expect(audit[0]!.detail).toMatchObject({ publish: false, source: 'upload:catalog.json' });

    // The same content as JSON Lines: idempotent, nothing created or updated.
    const again = await summaryOf(await upload(me, 'catalog.JSONL', `${JSON.stringify(JSON.parse(file)[0])}\n`), me);
    expect(again).toMatchObject({ provider: 'unchanged', created: '0', updated: '0', revisions: '0', unchanged: '2' });
    expect(offeringsOf(me.providerId)).toHaveLength(2);

    // The page lists both uploads, newest first, each linked to its job.
    const listed = payloadOf(await call(() => page.loader(routeArgs(getRequest('/provider/import', me.cookie)))));
    expect(listed.recent.map((j: { fileName: string; status: string }) => [j.fileName, j.status])).toEqual([
      ['catalog.JSONL', 'succeeded'],
      ['catalog.json', 'succeeded'],
    ]);
  });

  it('turns a change to a published offering into a pending revision; the published version stays', async () => {
    const me = await providerAccount();
    await summaryOf(await upload(me, 'a.json', json([entry(me, [offering('pub-a')])])), me);
    db().update(offerings).set({ status: 'published', publishedAt: new Date().toISOString() }).where(eq(offerings.providerId, me.providerId)).run();

    const result = await summaryOf(await upload(me, 'a.json', json([entry(me, [offering('pub-a', { summary: '新的简介。' })])])), me);
    expect(result).toMatchObject({ created: '0', updated: '0', revisions: '1' });
    const [row] = offeringsOf(me.providerId);
    expect(row).toMatchObject({ status: 'published', summary: '分项计量与能耗分析。' });
    const revisions = db().select().from(offeringRevisions).where(eq(offeringRevisions.offeringId, row!.id)).all();
    expect(revisions.map((r) => [r.status, r.snapshot.summary])).toEqual([['pending', '新的简介。']]);
  });

  it('refuses a file naming another provider, in the same words as an unknown code, and writes nothing', async () => {
    const me = await providerAccount();
    const other = await providerAccount();
    const unknown = { uscc: makeUscc('91', '510100', 'MC7700001') };
    const audits = auditCount();

    const theirs = await upload(me, 'theirs.json', json([entry(other, [offering('steal-a')])]));
    const theirIssues = (await issuesOf(theirs, me)).issues;
    expect(theirIssues.map((i) => i.path)).toEqual(['[0].provider.uscc']);

    const nobody = await upload(me, 'nobody.json', json([entry(unknown, [offering('ghost-a')])]));
    expect((await issuesOf(nobody, me)).issues.map((i) => i.message)).toEqual(theirIssues.map((i) => i.message));

    // Own entry plus someone else's: all or nothing.
    const mixed = await upload(me, 'mixed.json', json([entry(me, [offering('mine-a')]), entry(other, [offering('steal-b')])]));
    expect((await issuesOf(mixed, me)).issues.map((i) => i.path)).toEqual(['[1].provider.uscc']);

    expect(offeringsOf(me.providerId)).toHaveLength(0);
    expect(offeringsOf(other.providerId)).toHaveLength(0);
    expect(db().select().from(providers).where(eq(providers.uscc, unknown.uscc)).get()).toBeUndefined();
    expect(auditCount()).toBe(audits);
  });

  it('lists every problem of an invalid file with its path and writes nothing', async () => {
    const me = await providerAccount();
    const file = json([
      entry(
        me,
        [
          offering('ok-one'),
          offering('bad-price', { plans: [{ name: '标准版', priceFen: -1, billing: 'month' }] }),
          offering('no-title', { title: undefined, categories: [] }),
          offering('ok-one'),
        ],
      ),
    ]);
    const result = await upload(me, 'bad.json', file);
    const report = await issuesOf(result, me);
    expect(report.issues.map((i) => i.path).sort()).toEqual(
      [
        '[0].offerings[1].plans[0].priceFen',
        '[0].offerings[2].title',
        '[0].offerings[2].categories',
        '[0].offerings[3].externalId',
      ].sort(),
    );
    expect(report.issueCount).toBe(report.issues.length);
    expect(offeringsOf(me.providerId)).toHaveLength(0);

    // A bad provider header does not hide the problems of its offerings.
    const header = await issuesOf(
      await upload(me, 'header.json', json([entry(me, [offering('ok-two'), offering('bad-size', { sizes: ['huge'] })], { prefecture: '9999', uscc: 'not-a-code' })])),
      me,
    );
    expect(header.issues.map((i) => i.path).sort()).toEqual(
      ['[0].provider.prefecture', '[0].provider.uscc', '[0].offerings[1].sizes[0]'].sort(),
    );

    // JSON Lines: a broken line is reported with the problems of the lines that parsed.
    const lines = [JSON.stringify(entry(me, [offering('x', { level: 'cloud' })])), '{"provider": ', ''].join('\n');
    const jsonl = await issuesOf(await upload(me, 'bad.jsonl', lines), me);
    expect(jsonl.issues.map((i) => i.path)).toEqual(['line 2', '[0].offerings[0].externalId', '[0].offerings[0].level']);

    const broken = await issuesOf(await upload(me, 'broken.json', '[{"provider": '), me);
    expect(broken.issues).toHaveLength(1);
    expect(broken.issues[0]!.path).toBe('');
    expect(offeringsOf(me.providerId)).toHaveLength(0);
  });

  it('answers a wrong, empty, missing, oversized or non-UTF-8 upload with a field error, never a 500', async () => {
    const me = await providerAccount();
    const fieldError = async (result: unknown, status: number) => {
      expect(statusOf(result)).toBe(status);
      return payloadOf<Result>(result).fieldError;
    };
    expect(await fieldError(await upload(me, 'catalog.csv', '[]'), 400)).toBe('provider.import.badExtension');
    expect(await fieldError(await upload(me, 'catalog.jsonl', '\n\n'), 400)).toBe('provider.import.empty');
    // An empty array is a file to read: its job ends with the same message.
    const emptyArray = await jobOf(await upload(me, 'catalog.json', '[]'), me);
    expect([emptyArray.status, emptyArray.error]).toEqual(['failed', 'provider.import.empty']);
    expect(await fieldError(await upload(me, 'catalog.json', new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])), 400)).toBe('provider.import.notUtf8');
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20);
    expect(await fieldError(await upload(me, 'big.json', big), 413)).toBe('provider.import.tooLarge|mb=5');

    const noFile = new FormData();
    noFile.append('file', new File([], '', { type: 'application/octet-stream' }));
    const empty = await call(() =>
      page.action(routeArgs(new Request('http://localhost/provider/import', { method: 'POST', body: noFile, headers: { Cookie: me.cookie } }))),
    );
    expect(await fieldError(empty, 400)).toBe('provider.import.noFile');
    const urlencoded = await call(() => page.action(routeArgs(formRequest('/provider/import', { file: '[]' }, me.cookie))));
    expect(await fieldError(urlencoded, 400)).toBe('provider.import.unreadable');
    expect(offeringsOf(me.providerId)).toHaveLength(0);
  });

  it('lets only an approved provider import', async () => {
    for (const status of ['applied', 'suspended'] as const) {
      const account = await providerAccount(status);
      const result = await upload(account, 'a.json', json([entry(account, [offering('early-a')])]));
      expect(statusOf(result)).toBe(403);
      expect(payloadOf<Result>(result).formError).toBe(status === 'applied' ? 'provider.import.needsApproval' : 'provider.import.suspended');
      expect(offeringsOf(account.providerId)).toHaveLength(0);
    }
  });

  it('offers a template for this provider that validates and imports', async () => {
    const me = await providerAccount();
    const response = (await call(() => template.loader(routeArgs(getRequest('/provider/import/template.json', me.cookie))))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="yunqiao-catalog-.+\.json"$/);
    expect(response.headers.get('Content-Type')).toContain('application/json');
    const text = await response.text();
    const entries = JSON.parse(text) as { provider: { uscc: string } }[];
    expect(entries.map((e) => e.provider.uscc)).toEqual([me.uscc]);
    expect(validateCatalog(entries).issues).toEqual([]);
    expect(await summaryOf(await upload(me, 'template.json', text), me)).toMatchObject({ provider: 'unchanged', created: '1' });
  });

  it('answers 403 to an SME on the page, the upload and the template', async () => {
    const sme = await createTestUser(db(), { role: 'sme' });
    const results = [
      await call(() => page.loader(routeArgs(getRequest('/provider/import', sme.cookie)))),
      await call(() => page.action(routeArgs(uploadRequest(sme.cookie, 'a.json', '[]')))),
      await call(() => template.loader(routeArgs(getRequest('/provider/import/template.json', sme.cookie)))),
    ];
    expect(results.map(statusOf)).toEqual([403, 403, 403]);
  });
});
