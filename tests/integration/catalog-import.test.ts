import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, offeringRevisions, offerings, providers, searchOutbox } from '../../db/schema';
import { makeSeedUscc } from '../../db/seed/factories';
import { importCatalog, parseCatalogText } from '../../app/models/catalog-import.server';
import { formatSummary, parseImportArgs, runImport } from '../../scripts/catalog-import';
import { makeQuery, searchOfferings } from '../../app/models/search.server';
import { useTestDatabase } from '../setup/test-db';

const db = useTestDatabase();

const uscc = (i: number) => makeSeedUscc('test-provider', 5000 + i, '510100');

function offering(externalId: string, over: Record<string, unknown> = {}) {
  return {
    externalId,
    title: `导入测试${externalId}能耗平台`,
    summary: '分项计量与能耗分析。',
    level: 'saas',
    categories: ['能耗管理'],
    industries: [],
    sizes: [],
    regions: [],
    plans: [
      { name: '标准版', priceFen: 98_000, billing: 'year', trialDays: 14 },
      { name: '定制版', priceFen: null, billing: 'quote' },
    ],
    tags: ['能耗'],
    ...over,
  };
}

function entry(i: number, offerings: unknown[], over: Record<string, unknown> = {}) {
  return {
    provider: {
      name: `四川导入测试${i}科技有限公司`,
      uscc: uscc(i),
      prefecture: '5101',
      certifications: ['mlps2'],
      ...over,
    },
    offerings,
  };
}

const opts = { actorUserId: null, publish: false, partial: false };
const find = async (q: string) =>
  (await searchOfferings(db(), makeQuery({ q: q, perPage: 50 }))).hits.map((h) => h.externalId);

describe('catalog import', () => {
  it('imports into vetting by default: providers applied, offerings submitted, nothing searchable', async () => {
    const summary = importCatalog(db(), [entry(1, [offering('imp-a'), offering('imp-b')])], {
      ...opts,
      source: 'a.json',
    });
    expect(summary).toEqual({
      written: true,
      providers: { created: 1, updated: 0, unchanged: 0, skipped: 0 },
      offerings: { created: 2, updated: 0, unchanged: 0, revisions: 0, skipped: 0 },
      errors: [],
    });
    const provider = db()
      .select()
      .from(providers)
      .where(eq(providers.uscc, uscc(1)))
      .get();
    expect(provider?.status).toBe('applied');
    const rows = db().select().from(offerings).where(eq(offerings.providerId, provider!.id)).all();
    expect(rows.map((r) => r.status)).toEqual(['submitted', 'submitted']);
    expect(await find('导入测试')).toEqual([]);
    const audit = db().select().from(auditLog).where(eq(auditLog.action, 'catalog.import')).all();
    expect(audit.at(-1)?.detail).toMatchObject({
      source: 'a.json',
      publish: false,
      offerings: { created: 2 },
    });
  });

  it('changes nothing when the same file is imported again', () => {
    const outboxBefore = db().select().from(searchOutbox).all().length;
    const summary = importCatalog(db(), [entry(1, [offering('imp-a'), offering('imp-b')])], opts);
    expect(summary.providers).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    expect(summary.offerings).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
    expect(db().select().from(searchOutbox).all().length).toBe(outboxBefore);
  });

  it('publishes with --publish and indexes the published offerings for search', async () => {
    const summary = importCatalog(db(), [entry(1, [offering('imp-a'), offering('imp-b')])], {
      ...opts,
      publish: true,
    });
    expect(summary.providers.updated).toBe(1);
    expect(summary.offerings.updated).toBe(2);
    expect(
      db()
        .select()
        .from(providers)
        .where(eq(providers.uscc, uscc(1)))
        .get()?.status,
    ).toBe('approved');
    expect((await find('导入测试')).sort()).toEqual(['imp-a', 'imp-b']);
    expect((await find('能耗')).sort()).toEqual(expect.arrayContaining(['imp-a', 'imp-b']));
    expect(
      importCatalog(db(), [entry(1, [offering('imp-a'), offering('imp-b')])], { ...opts, publish: true })
        .offerings.unchanged,
    ).toBe(2);
  });

  it('turns a change to a published offering into a pending revision; the published version stays searchable', async () => {
    const changed = offering('imp-a', { title: '导入测试新标题平台' });
    const summary = importCatalog(db(), [entry(1, [changed, offering('imp-b')])], opts);
    expect(summary.offerings).toMatchObject({ revisions: 1, unchanged: 1 });
    const row = db().select().from(offerings).where(eq(offerings.externalId, 'imp-a')).get();
    expect(row).toMatchObject({ status: 'published', titleZh: '导入测试imp-a能耗平台' });
    const revision = db()
      .select()
      .from(offeringRevisions)
      .where(and(eq(offeringRevisions.offeringId, row!.id), eq(offeringRevisions.status, 'pending')))
      .get();
    expect(revision?.snapshot.titleZh).toBe('导入测试新标题平台');
    expect(await find('新标题')).toEqual([]);
    expect(importCatalog(db(), [entry(1, [changed, offering('imp-b')])], opts).offerings).toMatchObject({
      unchanged: 2,
      revisions: 0,
    });
  });

  it('validates the whole file first and writes nothing when anything is wrong', () => {
    const before = db().select().from(offerings).all().length;
    const bad = [
      entry(2, [offering('ok-1')]),
      entry(3, [
        offering('ok-2'),
        offering('bad', { plans: [{ name: '标准版', priceFen: -5, billing: 'year' }] }),
      ]),
      entry(4, [offering('x'), offering('dup'), offering('dup', { level: 'cloud' })], { uscc: '123' }),
    ];
    const summary = importCatalog(db(), bad, opts);
    expect(summary.written).toBe(false);
    expect(summary.errors).toEqual([
      {
        path: '[1].offerings[1].plans[0].priceFen',
        message: 'must be an integer ≥ 0 (fen), or null for 面议',
      },
      { path: '[2].provider.uscc', message: 'is not a valid 统一社会信用代码: must be 18 characters' },
      { path: '[2].offerings[0].externalId', message: 'must be 3–64 characters of a-z, 0-9 and -' },
      {
        path: '[2].offerings[2].level',
        message: 'must be one of iaas, paas, saas, platform, industrial-app',
      },
    ]);
    expect(db().select().from(offerings).all().length).toBe(before);
    expect(
      db()
        .select()
        .from(providers)
        .where(eq(providers.uscc, uscc(2)))
        .get(),
    ).toBeUndefined();
  });

  it('reports a duplicate externalId and a provider given twice', () => {
    const summary = importCatalog(
      db(),
      [entry(5, [offering('same'), offering('same')]), entry(6, []), entry(6, [])],
      opts,
    );
    expect(summary.errors).toEqual([
      {
        path: '[0].offerings[1].externalId',
        message: 'duplicates offerings[0]: an externalId must be unique within the provider',
      },
      { path: '[2].provider.uscc', message: 'is the same provider as [1]: give each provider once' },
    ]);
  });

  it('with --partial writes the valid providers and skips the invalid ones', () => {
    const summary = importCatalog(
      db(),
      [entry(7, [offering('p-ok')]), entry(8, [offering('p-bad', { categories: [] })])],
      { ...opts, partial: true },
    );
    expect(summary).toMatchObject({
      written: true,
      providers: { created: 1, skipped: 1 },
      offerings: { created: 1, skipped: 1 },
    });
    expect(summary.errors).toEqual([
      { path: '[1].offerings[0].categories', message: 'must have at least 1' },
    ]);
    expect(
      db()
        .select()
        .from(providers)
        .where(eq(providers.uscc, uscc(8)))
        .get(),
    ).toBeUndefined();
  });

  it('lets a provider import only into its own record (the upload form)', () => {
    const own = db()
      .select()
      .from(providers)
      .where(eq(providers.uscc, uscc(1)))
      .get()!;
    const other = importCatalog(db(), [entry(7, [offering('o-1')])], { ...opts, onlyProviderId: own.id });
    expect(other.errors).toEqual([
      {
        path: '[0].provider.uscc',
        message: "is not your organisation's 统一社会信用代码: you can only import your own catalog",
      },
    ]);
    expect(other.written).toBe(false);
    const mine = importCatalog(db(), [entry(1, [offering('imp-c')])], { ...opts, onlyProviderId: own.id });
    expect(mine.offerings.created).toBe(1);
  });

  it('refuses changes to a suspended provider unless an operator publishes', () => {
    db()
      .update(providers)
      .set({ status: 'suspended' })
      .where(eq(providers.uscc, uscc(7)))
      .run();
    expect(importCatalog(db(), [entry(7, [offering('p-ok'), offering('p-new')])], opts).errors).toEqual([
      { path: '[0].provider', message: 'is suspended: its catalog cannot change until it is reinstated' },
    ]);
  });

  it('reads JSON Lines, reporting a broken line by its number', () => {
    const text = `${JSON.stringify(entry(9, [offering('l-1')]))}\n\n{oops\n${JSON.stringify(entry(10, []))}\n`;
    const parsed = parseCatalogText(text, 'jsonl');
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.issues).toEqual([{ path: 'line 3', message: expect.stringMatching(/^not valid JSON/) }]);
    expect(parseCatalogText('{"a":1}', 'json').issues).toEqual([
      { path: '', message: 'the file must hold a JSON array of provider entries' },
    ]);
  });
});

describe('catalog:import command', () => {
  it('parses its arguments', () => {
    expect(parseImportArgs(['f.json', '--publish'])).toEqual({
      file: 'f.json',
      publish: true,
      partial: false,
    });
    expect(parseImportArgs(['--partial', 'f.jsonl'])).toEqual({
      file: 'f.jsonl',
      publish: false,
      partial: true,
    });
    expect(parseImportArgs([])).toMatchObject({ error: expect.stringMatching(/which file/) });
    expect(parseImportArgs(['a', 'b'])).toMatchObject({ error: expect.stringMatching(/one file/) });
    expect(parseImportArgs(['a', '--force'])).toMatchObject({ error: 'unknown option "--force"' });
  });

  it('prints every error with its path, then the summary; exits 1 when nothing was written, 0 after a clean run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-import-'));
    try {
      const file = path.join(dir, 'pool.jsonl');
      fs.writeFileSync(
        file,
        [entry(11, [offering('c-1')]), entry(12, [offering('c-2', { title: 'x' })])]
          .map((e) => JSON.stringify(e))
          .join('\n'),
      );
      const lines: string[] = [];
      const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`! ${l}`) };
      expect(runImport(db(), { file, publish: true, partial: false }, out, false).exitCode).toBe(1);
      expect(lines).toEqual([
        '! [1].offerings[0].title: must be at least 2 characters',
        '! The file has problems: nothing was written. Fix them, or use --partial to import the valid providers.',
        'Nothing was written.',
        'Providers: 0 created, 0 updated, 0 unchanged, 1 skipped',
        'Offerings: 0 created, 0 updated, 0 unchanged, 1 skipped',
        'Errors: 1',
      ]);
      expect(runImport(db(), { file, publish: true, partial: true }, out, false).exitCode).toBe(2);
      fs.writeFileSync(file, JSON.stringify(entry(11, [offering('c-1')])));
      expect(runImport(db(), { file, publish: true, partial: false }, out, false).exitCode).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('summarises in plain words', () => {
    expect(
      formatSummary(
        {
          written: true,
          providers: { created: 1, updated: 2, unchanged: 3, skipped: 0 },
          offerings: { created: 4, updated: 5, unchanged: 6, revisions: 1, skipped: 0 },
          errors: [],
        },
        1.25,
      ),
    ).toEqual([
      'Imported in 1.3 s.',
      'Providers: 1 created, 2 updated, 3 unchanged',
      'Offerings: 4 created, 5 updated, 6 unchanged, 1 change to published offerings waiting for vetting',
      'Errors: 0',
    ]);
  });
});
