import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findManifest,
  formatTable,
  measurePages,
  overBudget,
  pageFiles,
  parseManifest,
  type AssetsManifest,
} from '../../scripts/js-size';

// scripts/js-size.ts against a hand-made build: a manifest in the classic compiler's form and
// chunks whose sizes the test computes from their own contents.

const FILES: Record<string, string> = {
  '/build/entry.client-A.js': 'import"/build/_shared/chunk-react.js";import"/build/_shared/chunk-shared.js";hydrate();',
  '/build/_shared/chunk-react.js': 'export const react = "' + 'r'.repeat(5000) + '";',
  '/build/_shared/chunk-shared.js': 'export const shared = "' + 's'.repeat(800) + '";',
  '/build/root-B.js': 'import"/build/_shared/chunk-shared.js";export default 1;',
  '/build/routes/console-C.js': 'export default 2;',
  '/build/routes/console.page-D.js':
    'import{a}from"/build/_shared/chunk-form.js";const chart=()=>import("/build/_shared/charts-E.js");export default 3;',
  '/build/_shared/chunk-form.js': 'export const a = "' + 'f'.repeat(300) + '";',
  '/build/_shared/charts-E.js': 'import"/build/_shared/chunk-charts-lib.js";export const charts = 4;',
  '/build/_shared/chunk-charts-lib.js': 'export const lib = "' + 'c'.repeat(2000) + '";',
  '/build/routes/_index-F.js': 'import"/build/_shared/chunk-shared.js";export default 5;',
};

const MANIFEST: AssetsManifest = {
  entry: { module: '/build/entry.client-A.js', imports: ['/build/_shared/chunk-react.js', '/build/_shared/chunk-shared.js'] },
  routes: {
    root: { id: 'root', module: '/build/root-B.js', imports: ['/build/_shared/chunk-shared.js'] },
    'routes/_index': { id: 'routes/_index', parentId: 'root', module: '/build/routes/_index-F.js', imports: ['/build/_shared/chunk-shared.js'] },
    'routes/console': { id: 'routes/console', parentId: 'root', module: '/build/routes/console-C.js' },
    'routes/console.page': {
      id: 'routes/console.page',
      parentId: 'routes/console',
      module: '/build/routes/console.page-D.js',
      imports: ['/build/_shared/chunk-form.js'],
    },
  },
};

let publicDir: string;
const gz = (...urls: string[]) => urls.reduce((n, url) => n + gzipSync(FILES[url]!, { level: 9 }).length, 0);
const raw = (...urls: string[]) => urls.reduce((n, url) => n + Buffer.byteLength(FILES[url]!), 0);

beforeAll(() => {
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'js-size-'));
  for (const [url, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(publicDir, url)), { recursive: true });
    fs.writeFileSync(path.join(publicDir, url), text);
  }
});
afterAll(() => fs.rmSync(publicDir, { recursive: true, force: true }));

describe('size:js', () => {
  it('reads the manifest Remix writes as a script, and refuses anything else', () => {
    const text = `window.__remixManifest=${JSON.stringify(MANIFEST)};`;
    expect(parseManifest(text)).toEqual(MANIFEST);
    expect(parseManifest(JSON.stringify(MANIFEST))).toEqual(MANIFEST);
    expect(() => parseManifest('{"routes":{}}')).toThrow(/not a Remix assets manifest/);
  });

  it('takes the newest manifest of the build folder', () => {
    const dir = path.join(publicDir, 'manifests');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'manifest-OLD.js'), '');
    fs.utimesSync(path.join(dir, 'manifest-OLD.js'), new Date(1000), new Date(1000));
    fs.writeFileSync(path.join(dir, 'manifest-NEW.js'), '');
    fs.writeFileSync(path.join(dir, 'entry.client-X.js'), '');
    expect(path.basename(findManifest(dir))).toBe('manifest-NEW.js');
    expect(() => findManifest(path.join(publicDir, 'nowhere'))).toThrow(/run `remix build` first/);
  });

  it('loads the entry, root, the layouts above the page and the page, each file once', () => {
    expect(pageFiles(MANIFEST, 'routes/console.page')).toEqual([
      '/build/entry.client-A.js',
      '/build/_shared/chunk-react.js',
      '/build/_shared/chunk-shared.js',
      '/build/root-B.js',
      '/build/routes/console-C.js',
      '/build/_shared/chunk-form.js',
      '/build/routes/console.page-D.js',
    ]);
    expect(() => pageFiles(MANIFEST, 'routes/missing')).toThrow(/not in the manifest/);
  });

  it('sums raw and gzip sizes, adds the messages, and keeps lazy chunks (and their imports) apart', () => {
    const [home, page] = measurePages(MANIFEST, ['routes/_index', 'routes/console.page'], publicDir, 1000);
    const homeFiles = ['/build/entry.client-A.js', '/build/_shared/chunk-react.js', '/build/_shared/chunk-shared.js', '/build/root-B.js', '/build/routes/_index-F.js'];
    expect(home).toEqual({
      route: 'routes/_index',
      files: 5,
      raw: raw(...homeFiles),
      gzip: gz(...homeFiles),
      messages: 1000,
      total: gz(...homeFiles) + 1000,
      lazy: 0,
      lazyGzip: 0,
    });
    const pageUrls = pageFiles(MANIFEST, 'routes/console.page');
    expect(page).toMatchObject({ files: 7, gzip: gz(...pageUrls), total: gz(...pageUrls) + 1000, lazy: 2 });
    expect(page!.lazyGzip).toBe(gz('/build/_shared/charts-E.js', '/build/_shared/chunk-charts-lib.js'));
  });

  it('fails the budget only for budgeted pages over the limit', () => {
    const sizes = measurePages(MANIFEST, ['routes/_index', 'routes/console.page'], publicDir, 0);
    const limit = sizes[0]!.total; // the home page exactly at the limit passes
    expect(overBudget(sizes, ['routes/_index'], limit)).toEqual([]);
    expect(overBudget(sizes, ['routes/_index', 'routes/console.page'], limit).map((s) => s.route)).toEqual(['routes/console.page']);
    expect(overBudget(sizes, ['routes/_index'], limit - 1).map((s) => s.route)).toEqual(['routes/_index']);
  });

  it('prints one row per page in KB', () => {
    const table = formatTable(measurePages(MANIFEST, ['routes/_index'], publicDir, 2048)).split('\n');
    expect(table[0]).toMatch(/^route\s+JS files\s+JS raw KB\s+JS gzip KB\s+messages gzip KB\s+total gzip KB\s+lazy files\s+lazy gzip KB$/);
    expect(table[1]).toMatch(/^routes\/_index\s+5\s/);
    expect(table[1]).toContain('2.0'); // the messages: 2048 bytes
  });
});
