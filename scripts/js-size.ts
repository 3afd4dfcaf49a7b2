/**
 * `npm run size:js [-- --check]`: what each page makes the browser download before it is
 * interactive, read from the Remix build's assets manifest (run it after `remix build`). Issue 13
 * budget: the home, catalog and offering pages at or under 150 KB gzip; `--check` exits 1 when one
 * of them is over.
 *
 * JavaScript (Remix v2 `<Scripts>`): entry.client and its imports, then the module and imports of
 * every matched route — root, the layout routes above the page (parentId chain) and the page itself;
 * a shared chunk counts once per page. The manifest file itself is not loaded: with
 * `v3_lazyRouteDiscovery` Remix inlines the page's slice of it into the HTML.
 * Messages: before hydrating, a page fetches its reader's language as JSON (GET /i18n/:locale,
 * app/i18n/messages-json.server.ts); the larger language is added to every page, and the budget
 * is on the total.
 * Lazy: chunks the page's code fetches through `import()` only when it needs them (e.g. the chart
 * library once a chart is on screen), with what they import; shown, not added.
 * Sizes: raw bytes and gzip level 9 (what `compression` sends at best); 1 KB = 1024 bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}

export interface AssetsManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
  url?: string;
}

export interface PageSize {
  route: string;
  files: number;
  raw: number;
  gzip: number;
  /** The reader's messages (JSON, gzip), fetched before hydration. */
  messages: number;
  /** JavaScript and messages, gzip: what the budget is on. */
  total: number;
  /** Chunks fetched by `import()` when the page's code asks, and their imports (not in `total`). */
  lazy: number;
  lazyGzip: number;
}

/** The pages issue 13 names; the first three carry the budget. */
export const PAGES = [
  { route: 'routes/_index', label: 'home', budgeted: true },
  { route: 'routes/catalog._index', label: 'catalog', budgeted: true },
  { route: 'routes/catalog.$offeringId', label: 'offering', budgeted: true },
  { route: 'routes/signup._index', label: 'signup', budgeted: false },
  { route: 'routes/signup.sme', label: 'signup (enterprise)', budgeted: false },
  { route: 'routes/login', label: 'login', budgeted: false },
  { route: 'routes/progress', label: 'progress', budgeted: false },
  { route: 'routes/enterprise._index', label: 'enterprise dashboard', budgeted: false },
  { route: 'routes/provider.offerings._index', label: 'provider offerings', budgeted: false },
  { route: 'routes/official.dashboard', label: 'official dashboard', budgeted: false },
] as const;

export const BUDGET_GZIP_BYTES = 150 * 1024;

/** Accepts both forms Remix writes: `window.__remixManifest={…};` (classic compiler) or plain JSON. */
export function parseManifest(text: string): AssetsManifest {
  const json = text
    .trim()
    .replace(/^window\.__remixManifest\s*=\s*/, '')
    .replace(/;$/, '');
  const manifest = JSON.parse(json) as AssetsManifest;
  if (!manifest?.entry?.module || typeof manifest.routes !== 'object')
    throw new Error('not a Remix assets manifest (no entry.module or routes)');
  return manifest;
}

/** The newest manifest-*.js/json in the browser build folder (a build replaces the previous one). */
export function findManifest(assetsDir: string): string {
  const candidates = fs.existsSync(assetsDir)
    ? fs.readdirSync(assetsDir).filter((name) => /^manifest-[\w-]+\.(js|json)$/.test(name))
    : [];
  if (candidates.length === 0) throw new Error(`no manifest-*.js in ${assetsDir}: run \`remix build\` first`);
  return candidates
    .map((name) => path.join(assetsDir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]!;
}

/** Public URLs of the JS files the manifest says a first visit to `routeId` loads, each once. */
export function pageFiles(manifest: AssetsManifest, routeId: string): string[] {
  const chain: ManifestRoute[] = [];
  for (let id: string | undefined = routeId; id; ) {
    const route: ManifestRoute | undefined = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    chain.unshift(route);
    id = route.parentId;
  }
  const files = [manifest.entry.module, ...manifest.entry.imports];
  for (const route of chain) files.push(...(route.imports ?? []), route.module);
  return [...new Set(files)];
}

// esbuild writes imports of other chunks with Remix's publicPath (`from"/build/_shared/x.js"`,
// `import"/build/x.js"`, `import("/build/x.js")`) or, without one, relative to the importer.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']((?:\.{1,2})?\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']((?:\.{1,2})?\/[^"']+\.js)["']\s*\)/g;

function targets(url: string, text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) =>
    match[1]!.startsWith('/') ? match[1]! : path.posix.join(path.posix.dirname(url), match[1]!),
  );
}

/**
 * Measures pages against the files under `publicDir` (URL `/build/x.js` → `publicDir/build/x.js`);
 * `messagesGzip` is the gzip size of the larger language's messages.
 */
export function measurePages(
  manifest: AssetsManifest,
  routeIds: readonly string[],
  publicDir: string,
  messagesGzip = 0,
): PageSize[] {
  const cache = new Map<string, { raw: number; gzip: number; text: string }>();
  const fileOf = (url: string) => {
    let entry = cache.get(url);
    if (!entry) {
      const bytes = fs.readFileSync(path.join(publicDir, url));
      entry = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString('utf8') };
      cache.set(url, entry);
    }
    return entry;
  };
  const sum = (urls: Iterable<string>, key: 'raw' | 'gzip') => [...urls].reduce((n, url) => n + fileOf(url)[key], 0);
  return routeIds.map((route) => {
    const files = pageFiles(manifest, route);
    const loaded = new Set(files);
    const lazy = new Set<string>();
    const queue = files.flatMap((url) => targets(url, fileOf(url).text, DYNAMIC_IMPORT));
    while (queue.length > 0) {
      const url = queue.pop()!;
      if (loaded.has(url) || lazy.has(url)) continue;
      lazy.add(url);
      const text = fileOf(url).text;
      queue.push(...targets(url, text, STATIC_IMPORT), ...targets(url, text, DYNAMIC_IMPORT));
    }
    const gzip = sum(files, 'gzip');
    return {
      route,
      files: files.length,
      raw: sum(files, 'raw'),
      gzip,
      messages: messagesGzip,
      total: gzip + messagesGzip,
      lazy: lazy.size,
      lazyGzip: sum(lazy, 'gzip'),
    };
  });
}

export function overBudget(sizes: readonly PageSize[], budgeted: readonly string[], limit = BUDGET_GZIP_BYTES) {
  return sizes.filter((size) => budgeted.includes(size.route) && size.total > limit);
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function formatTable(sizes: readonly PageSize[]): string {
  const header = ['route', 'JS files', 'JS raw KB', 'JS gzip KB', 'messages gzip KB', 'total gzip KB', 'lazy files', 'lazy gzip KB'];
  const rows = sizes.map((s) => [
    s.route,
    String(s.files),
    kb(s.raw),
    kb(s.gzip),
    kb(s.messages),
    kb(s.total),
    String(s.lazy),
    kb(s.lazyGzip),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

async function main(args: string[]): Promise<number> {
  // The same JSON GET /i18n/:locale sends (loaded here, not at the top: the tests need only the above).
  const { LOCALES } = await import('../app/i18n/locale');
  const { messagesBody } = await import('../app/i18n/messages-json.server');
  const messagesGzip = Math.max(...LOCALES.map((locale) => gzipSync(messagesBody(locale), { level: 9 }).length));
  const publicDir = path.resolve('public');
  const manifestFile = findManifest(path.join(publicDir, 'build'));
  const manifest = parseManifest(fs.readFileSync(manifestFile, 'utf8'));
  const sizes = measurePages(
    manifest,
    PAGES.map((p) => p.route),
    publicDir,
    messagesGzip,
  );
  console.log(`What a page loads before it is interactive (${path.relative('.', manifestFile)}; gzip -9, 1 KB = 1024 bytes)\n`);
  console.log(formatTable(sizes));
  if (!args.includes('--check')) return 0;
  const budgeted = PAGES.filter((p) => p.budgeted).map((p) => p.route);
  const over = overBudget(sizes, budgeted);
  if (over.length === 0) {
    console.log(`\nsize:js OK — ${budgeted.join(', ')} at or under ${kb(BUDGET_GZIP_BYTES)} KB gzip`);
    return 0;
  }
  for (const s of over) console.error(`\nsize:js FAILED — ${s.route}: ${kb(s.total)} KB gzip > ${kb(BUDGET_GZIP_BYTES)} KB`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`size:js: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
